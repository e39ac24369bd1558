import Foundation
import SwiftCSV
import Yams

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Glossaries in and out of the formats terminology tools exchange:
/// TBX-Basic (TBX v2 `martif` and TBX v3 `tbx`, read with Foundation's
/// XMLParser), CSV and TSV with a header row of language columns (read
/// with SwiftCSV), and the native YAML (written with Yams).
///
/// TBX carries what the native format has this way, so that a glossary
/// exported and imported again is the same glossary:
/// - a preferred term: `administrativeStatus` `preferredTerm-admn-sts`;
/// - a variant: `admittedTerm-admn-sts`; an acronym: `termType` `acronym`;
/// - a forbidden term: `deprecatedTerm-admn-sts`;
/// - the entry's type, `do_not_translate` and `case_sensitive`: `<admin>`
///   elements of types `entryType`, `doNotTranslate`, `caseSensitive`;
/// - the note: `<note>`.
package enum GlossaryInterchange {
  // MARK: TBX

  /// A glossary from TBX-Basic (v2 `martif` or v3 `tbx`).
  package static func importTBX(_ data: Data, path: String, id: String) throws(RelaisError)
    -> Glossary
  {
    // Only UTF-8: FoundationXML crashes (a NULL read in libxml2's
    // xmlParseChunk) on `encoding="UTF-7"`, found by the fuzzer, and
    // TBX files are UTF-8 in practice.
    let bytes = [UInt8](data)
    if let (offset, _) = UTF8Validation.firstProblem(in: bytes) {
      throw RelaisError(
        .glossaryImport, "not UTF-8 text (Relais reads TBX in UTF-8)",
        at: UTF8Validation.location(of: offset, in: bytes, path: path, bomLength: 0))
    }
    if let encoding = declaredEncoding(bytes), encoding.lowercased() != "utf-8",
      encoding.lowercased() != "utf8"
    {
      throw RelaisError(
        .glossaryImport,
        "the XML declaration says encoding=\"\(encoding)\"; Relais reads TBX in UTF-8 (convert it, and say encoding=\"UTF-8\")",
        at: InputLocation(path: path, line: 1, column: 1, byteOffset: 0))
    }
    if let declaration = firstEntityDeclaration(in: bytes) {
      // Foundation's XMLParser loses part of an internal entity's text
      // when it expands one (`&co;` for "coopération" gives "ération"):
      // refused, rather than imported wrong.
      throw RelaisError(
        .glossaryImport,
        "an <!ENTITY> declaration: entities other than XML's own are not imported (write their text in place)",
        at: UTF8Validation.location(of: declaration, in: bytes, path: path, bomLength: 0))
    }
    let reader = TBXReader(path: path)
    let parser = XMLParser(data: data)
    parser.delegate = reader
    let finished = parser.parse()
    guard finished, reader.failure == nil, parser.parserError == nil else {
      throw reader.failure.map { withByteOffset($0, in: data) }
        ?? RelaisError(
          .glossaryImport,
          "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")",
          at: InputLocation(
            path: path, line: parser.lineNumber, column: parser.columnNumber, byteOffset: 0))
    }
    guard reader.sawRoot else {
      throw RelaisError(.glossaryImport, "no <martif> or <tbx> root element", path: path)
    }
    return Glossary(
      id: id, title: reader.title, path: path, sha256: DocumentInfo.sha256(of: [UInt8](data)),
      entries: reader.entries)
  }

  /// The `encoding` of the XML declaration, if the file opens with one.
  private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(200), as: UTF8.self)
    guard head.hasPrefix("<?xml"), let end = head.firstRange(of: "?>") else { return nil }
    let declaration = head[..<end.lowerBound]
    guard
      let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/)
    else { return nil }
    return String(match.1)
  }

  /// The byte offset of the first `<!ENTITY` in `bytes`.
  private static func firstEntityDeclaration(in bytes: [UInt8]) -> Int? {
    let marker = Array("<!ENTITY".utf8)
    guard bytes.count >= marker.count else { return nil }
    return (0...(bytes.count - marker.count)).first { start in
      bytes[start] == 0x3C && bytes[start..<start + marker.count].elementsEqual(marker)
    }
  }

  /// The error with the byte offset of its line and column in `data`.
  private static func withByteOffset(_ error: RelaisError, in data: Data) -> RelaisError {
    guard let location = error.location else { return error }
    let bytes = [UInt8](data)
    var line = 1
    var offset = 0
    while line < location.line, offset < bytes.count {
      if bytes[offset] == 0x0A { line += 1 }
      offset += 1
    }
    var column = 1
    while column < location.column, offset < bytes.count, bytes[offset] != 0x0A {
      offset += 1
      while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      column += 1
    }
    var located = error
    located.location?.byteOffset = offset
    return located
  }

  /// TBX-Basic v2 (`martif`) for a glossary.
  package static func exportTBX(_ glossary: Glossary) -> String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <martif type="TBX-Basic" xml:lang="fr">
        <martifHeader>
          <fileDesc>
            <titleStmt><title>\(escape(glossary.title ?? glossary.id))</title></titleStmt>
            <sourceDesc><p>relais glossary \(escape(glossary.id))</p></sourceDesc>
          </fileDesc>
        </martifHeader>
        <text>
          <body>

      """
    for entry in glossary.entries {
      xml += "      <termEntry id=\"\(escape(entry.id))\">\n"
      xml += "        <admin type=\"entryType\">\(escape(entry.type))</admin>\n"
      if entry.doNotTranslate { xml += "        <admin type=\"doNotTranslate\">true</admin>\n" }
      if entry.caseSensitive { xml += "        <admin type=\"caseSensitive\">true</admin>\n" }
      if let note = entry.note { xml += "        <note>\(escape(note))</note>\n" }
      for (language, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
        xml += "        <langSet xml:lang=\"\(escape(language))\">\n"
        for (term, role) in terms.all {
          let status: String
          switch role {
          case .preferred: status = "preferredTerm-admn-sts"
          case .variant, .acronym: status = "admittedTerm-admn-sts"
          case .forbidden: status = "deprecatedTerm-admn-sts"
          }
          xml += "          <tig>\n            <term>\(escape(term))</term>\n"
          if role == .acronym {
            xml += "            <termNote type=\"termType\">acronym</termNote>\n"
          }
          xml += "            <termNote type=\"administrativeStatus\">\(status)</termNote>\n"
          xml += "          </tig>\n"
        }
        xml += "        </langSet>\n"
      }
      xml += "      </termEntry>\n"
    }
    xml += "    </body>\n  </text>\n</martif>\n"
    return xml
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  // MARK: CSV and TSV

  /// A glossary from CSV or TSV: a header row naming the columns
  /// (`CSVHeaders`: language codes or names, memoQ and Trados headers,
  /// `id`, `type`, `note`, definitions), the delimiter found in it (tab,
  /// `;` or `,`). Each row is an entry; a cell may list synonyms separated
  /// by `;` or `|`, the first preferred and the rest variants; a synonym in
  /// capitals is an acronym. Definitions go into the entry's note.
  /// `notices` say which delimiter was used and which columns were read
  /// past.
  package static func importCSV(_ text: String, path: String, id: String) throws(RelaisError)
    -> Glossary
  {
    var notices: [String] = []
    return try importCSV(text, path: path, id: id, notices: &notices)
  }

  package static func importCSV(
    _ text: String, path: String, id: String, notices: inout [String]
  ) throws(RelaisError) -> Glossary {
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
    let (delimiter, delimiterName) = CSVHeaders.delimiter(ofHeader: firstLine)
    notices.append("read as \(delimiterName)-separated (from the header line)")
    let table: CSV<Enumerated>
    do {
      table = try CSV<Enumerated>(string: text, delimiter: delimiter, loadColumns: false)
    } catch {
      throw RelaisError(.glossaryImport, "cannot read the table: \(error)", path: path)
    }
    var columns: [(index: Int, column: CSVColumn)] = []
    var ignored: [String] = []
    for (index, name) in table.header.enumerated() {
      let header = name.trimmingCharacters(in: .whitespaces)
      guard let column = CSVHeaders.column(header) else {
        throw RelaisError(
          .glossaryImport,
          "header column \(index + 1) '\(name)' is not a language (code or name), id, type, note or definition (\(delimiterName)-separated)",
          at: InputLocation(path: path, line: 1, column: 1, byteOffset: 0))
      }
      if column == .ignored {
        ignored.append(header)
        continue
      }
      if let earlier = columns.first(where: { $0.column == column }) {
        // Two columns for one field: one would silently replace the other.
        throw RelaisError(
          .glossaryImport,
          "header columns \(earlier.index + 1) and \(index + 1) are both \(Self.describe(column))",
          at: InputLocation(path: path, line: 1, column: 1, byteOffset: 0))
      }
      columns.append((index, column))
    }
    if !ignored.isEmpty { notices.append("columns read past: \(ignored.joined(separator: ", "))") }
    var entries: [GlossaryEntry] = []
    var usedIDs: Set<String> = []
    for (rowIndex, row) in table.rows.enumerated() {
      let line = rowIndex + 2
      var languages: [String: LanguageTerms] = [:]
      var entryID: String?
      var type = "CONCEPT"
      var note: String?
      guard row.count <= table.header.count else {
        throw RelaisError(
          .glossaryImport,
          "row \(line) has \(row.count) cells; the header has \(table.header.count) (a cell with an unquoted delimiter?)",
          at: InputLocation(path: path, line: line, column: 1, byteOffset: 0))
      }
      var definitions: [String] = []
      for (index, column) in columns where index < row.count {
        let cell = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cell.isEmpty else { continue }
        switch column {
        case .id: entryID = cell
        case .type: type = cell.uppercased()
        case .note: note = cell
        case .ignored: break
        case .definition(let language):
          definitions.append(
            language.map { "definition (\($0)): \(cell)" } ?? "definition: \(cell)")
        case .terms(let language):
          let synonyms = cell.split(whereSeparator: { $0 == ";" || $0 == "|" }).map {
            $0.trimmingCharacters(in: .whitespaces)
          }.filter { !$0.isEmpty }
          guard let preferred = synonyms.first else { continue }
          var terms = languages[language] ?? LanguageTerms(preferred: preferred)
          for synonym in synonyms.dropFirst() where synonym != terms.preferred {
            if TermKeys.isAcronym(synonym) {
              terms.acronyms.append(synonym)
            } else {
              terms.variants.append(synonym)
            }
          }
          languages[language] = terms
        }
      }
      if !definitions.isEmpty {
        note = ([note].compactMap { $0 } + definitions).joined(separator: " | ")
      }
      guard !languages.isEmpty else { continue }
      guard GlossaryEntry.types.contains(type) else {
        throw RelaisError(
          .glossaryImport, "row \(line): unknown type '\(type)'",
          at: InputLocation(path: path, line: line, column: 1, byteOffset: 0))
      }
      let base =
        entryID ?? slug(languages["en"]?.preferred ?? languages["fr"]?.preferred ?? "entry")
      let unique = uniqueID(base, &usedIDs)
      entries.append(
        GlossaryEntry(
          id: unique, type: type, languages: languages, note: note,
          location: InputLocation(path: path, line: line, column: 1, byteOffset: 0)))
    }
    return Glossary(
      id: id, path: path, sha256: DocumentInfo.sha256(of: Array(text.utf8)), entries: entries)
  }

  private static func describe(_ column: CSVColumn) -> String {
    switch column {
    case .id: "'id'"
    case .type: "'type'"
    case .note: "'note'"
    case .ignored: "read past"
    case .terms(let language): "'\(language)'"
    case .definition(let language): "the definition\(language.map { " of '\($0)'" } ?? "")"
    }
  }

  /// `base`, or `base-2`, `base-3`… when `taken` holds it; the id given
  /// is added to `taken`.
  static func uniqueID(_ base: String, _ taken: inout Set<String>) -> String {
    var unique = base
    var suffix = 2
    while taken.contains(unique) {
      unique = "\(base)-\(suffix)"
      suffix += 1
    }
    taken.insert(unique)
    return unique
  }

  /// A lowercase ASCII id from a term: `Shanghai Cooperation Organisation`
  /// gives `shanghai-cooperation-organisation`.
  static func slug(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var result = ""
    for character in folded.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        result.append(character)
      } else if !result.isEmpty && result.last != "-" {
        result.append("-")
      }
    }
    while result.last == "-" { result.removeLast() }
    return result.isEmpty ? "entry" : result
  }

  // MARK: YAML

  /// The native YAML of a glossary (the format `GlossaryLoader` reads).
  package static func yaml(_ glossary: Glossary) throws(RelaisError) -> String {
    func scalar(_ text: String) -> Node { Node(text) }
    var root: [(Node, Node)] = [(scalar("id"), scalar(glossary.id))]
    if let title = glossary.title { root.append((scalar("title"), scalar(title))) }
    var entries: [Node] = []
    for entry in glossary.entries {
      var pairs: [(Node, Node)] = [
        (scalar("id"), scalar(entry.id)), (scalar("type"), scalar(entry.type)),
      ]
      if let note = entry.note { pairs.append((scalar("note"), scalar(note))) }
      if entry.doNotTranslate {
        pairs.append((scalar("do_not_translate"), Node("true", Tag(.bool))))
      }
      if entry.caseSensitive { pairs.append((scalar("case_sensitive"), Node("true", Tag(.bool)))) }
      for (language, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
        if terms.variants.isEmpty && terms.acronyms.isEmpty && terms.forbidden.isEmpty {
          pairs.append((scalar(language), scalar(terms.preferred)))
          continue
        }
        var fields: [(Node, Node)] = [(scalar("preferred"), scalar(terms.preferred))]
        for (name, list) in [
          ("variants", terms.variants), ("acronyms", terms.acronyms),
          ("forbidden", terms.forbidden),
        ]
        where !list.isEmpty {
          fields.append((scalar(name), Node(list.map(scalar), Tag(.seq), .flow)))
        }
        pairs.append((scalar(language), Node(fields)))
      }
      entries.append(Node(pairs))
    }
    root.append((scalar("entries"), Node(entries)))
    do {
      return try Yams.serialize(node: Node(root), allowUnicode: true)
    } catch {
      throw RelaisError(.outputFailure, "cannot write YAML: \(error)")
    }
  }
}

/// SAX reader for TBX v2 and v3 (a class because XMLParser's delegate must
/// be an NSObject): entries from `termEntry`/`conceptEntry`,
/// languages from `langSet`/`langSec`, terms from `tig`/`ntig`/`termSec`.
private final class TBXReader: NSObject, XMLParserDelegate {
  let path: String
  var entries: [GlossaryEntry] = []
  var title: String?
  var failure: RelaisError?
  var sawRoot = false

  private var entry: GlossaryEntry?
  private var language: String?
  private var term: String?
  private var status: String?
  private var termType: String?
  /// The text of each open element, innermost last: an element's text
  /// joins its parent's when it ends, so inline markup inside a term
  /// (`<hi>`, `<ph>`) keeps its words.
  private var texts: [String] = [""]
  private var attributeType: String?
  private var inTitle = false
  private var counter = 0

  init(path: String) {
    self.path = path
  }

  private func place(_ parser: XMLParser) -> InputLocation {
    InputLocation(path: path, line: parser.lineNumber, column: parser.columnNumber, byteOffset: 0)
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    texts.append("")
    switch name {
    case "martif", "tbx": sawRoot = true
    case "title": inTitle = true
    case "termEntry", "conceptEntry":
      counter += 1
      term = nil
      language = nil
      // An id the format allows is kept as it is (an exported glossary
      // imports back to the same ids); any other is made one.
      let id =
        attributes["id"].map { GlossaryEntry.isValidID($0) ? $0 : GlossaryInterchange.slug($0) }
        ?? "entry-\(counter)"
      entry = GlossaryEntry(id: id, type: "CONCEPT", languages: [:], location: place(parser))
    case "langSet", "langSec":
      guard let code = attributes["xml:lang"] ?? attributes["lang"] else {
        failure = RelaisError(.glossaryImport, "<\(name)> without xml:lang", at: place(parser))
        parser.abortParsing()
        return
      }
      language = String(code.lowercased().prefix { $0 != "-" && $0 != "_" })
    case "tig", "ntig", "termSec":
      term = nil
      status = nil
      termType = nil
    case "termNote", "admin", "descrip":
      attributeType = attributes["type"]
    default: break
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    guard failure == nil else { return }
    let code = (parseError as NSError).code
    let reason: String
    // NSXMLParserErrorDomain codes (libxml2's): 76 tag name mismatch,
    // 5 premature end of document.
    switch code {
    case 76: reason = "a closing tag does not match the element it closes"
    case 5: reason = "the file ends inside an element"
    default: reason = "not well-formed XML (XMLParser error \(code))"
    }
    failure = RelaisError(.glossaryImport, reason, at: place(parser))
    parser.abortParsing()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    texts[texts.count - 1] += string
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    texts[texts.count - 1] += String(decoding: block, as: UTF8.self)
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    let text = texts.count > 1 ? texts.removeLast() : ""
    texts[texts.count - 1] += text
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    switch name {
    case "title" where inTitle:
      title = title ?? value
      inTitle = false
    case "term": term = value
    case "termNote":
      if attributeType == "administrativeStatus" { status = value }
      if attributeType == "termType" { termType = value }
    case "admin":
      switch attributeType {
      case "entryType": entry?.type = value
      case "doNotTranslate": entry?.doNotTranslate = value == "true"
      case "caseSensitive": entry?.caseSensitive = value == "true"
      default: break
      }
    case "note" where language == nil && term == nil:
      entry?.note = value
    case "tig", "ntig", "termSec":
      guard let term, !term.isEmpty, let language, entry != nil else { return }
      var terms = entry?.languages[language]
      let preferred = status?.hasPrefix("preferred") ?? false
      if status?.hasPrefix("deprecated") ?? false || status?.hasPrefix("superseded") ?? false {
        if terms == nil {
          terms = LanguageTerms(preferred: term)
        } else {
          terms?.forbidden.append(term)
        }
      } else if terms == nil {
        terms = LanguageTerms(preferred: term)
      } else if preferred, let current = terms {
        // A preferred term that comes after others takes their place.
        terms = LanguageTerms(
          preferred: term, variants: [current.preferred] + current.variants,
          acronyms: current.acronyms, forbidden: current.forbidden)
      } else if termType == "acronym" || termType == "abbreviation" || termType == "shortForm" {
        terms?.acronyms.append(term)
      } else {
        terms?.variants.append(term)
      }
      entry?.languages[language] = terms
    case "langSet", "langSec":
      language = nil
    case "termEntry", "conceptEntry":
      if let entry { entries.append(entry) }
      entry = nil
    default: break
    }
  }
}
