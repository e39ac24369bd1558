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
/// How TBX maps onto the native format is `TBX`'s to say.
package enum GlossaryInterchange {
  // MARK: TBX

  /// A glossary from TBX-Basic (v2 `martif` or v3 `tbx`).
  package static func importTBX(_ data: Data, path: String, id: String) throws(RelaisError)
    -> Glossary
  {
    var notices: [String] = []
    return try importTBX(data, path: path, id: id, notices: &notices)
  }

  /// The same, with what the import noticed (data categories outside
  /// TBX-Basic).
  package static func importTBX(
    _ data: Data, path: String, id: String, notices: inout [String]
  ) throws(RelaisError) -> Glossary {
    let root = try XMLTree.read(
      data, path: path, code: .glossaryImport, format: "TBX", keptInline: XMLTree.tbxInline)
    guard root.name == "martif" || root.name == "tbx" else {
      throw RelaisError(.glossaryImport, "no <martif> or <tbx> root element", path: path)
    }
    var glossary: Glossary
    do {
      glossary = try TBX.glossary(from: root, path: path, id: id, notices: &notices)
    } catch {
      throw XMLTree.withByteOffset(error, in: data)
    }
    glossary.sha256 = DocumentInfo.sha256(of: [UInt8](data))
    return glossary
  }

  /// TBX-Basic for a glossary (`TBX.document`).
  package static func exportTBX(_ glossary: Glossary, version: TBX.Version = .v2) -> String {
    TBX.document(glossary, version: version)
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
    func flag() -> Node { Node("true", Tag(.bool)) }
    func sourced(_ text: SourcedText) -> Node {
      guard let source = text.source else { return scalar(text.text) }
      return Node([(scalar("text"), scalar(text.text)), (scalar("source"), scalar(source))])
    }
    func elements(_ list: [TBXElement]) -> Node {
      Node(
        list.map { element in
          var pairs: [(Node, Node)] = [(scalar("element"), scalar(element.name))]
          if let type = element.type { pairs.append((scalar("type"), scalar(type))) }
          if !element.text.isEmpty { pairs.append((scalar("text"), scalar(element.text))) }
          if !element.attributes.isEmpty {
            pairs.append(
              (
                scalar("attributes"),
                Node(
                  element.attributes.sorted { $0.key < $1.key }.map {
                    (scalar($0.key), scalar($0.value))
                  })
              ))
          }
          if !element.children.isEmpty {
            pairs.append((scalar("children"), elements(element.children)))
          }
          return Node(pairs)
        })
    }
    func details(_ details: TermDetails) -> Node {
      var pairs: [(Node, Node)] = []
      for (name, value) in [
        ("part_of_speech", details.partOfSpeech), ("grammatical_gender", details.grammaticalGender),
      ] {
        if let value { pairs.append((scalar(name), scalar(value))) }
      }
      if let context = details.context { pairs.append((scalar("context"), sourced(context))) }
      for (name, value) in [
        ("source", details.source), ("note", details.note), ("term_type", details.termType),
        ("status", details.status),
      ] {
        if let value { pairs.append((scalar(name), scalar(value))) }
      }
      if !details.tbx.isEmpty { pairs.append((scalar("tbx"), elements(details.tbx))) }
      return Node(pairs)
    }
    var root: [(Node, Node)] = [(scalar("id"), scalar(glossary.id))]
    if let title = glossary.title { root.append((scalar("title"), scalar(title))) }
    var entries: [Node] = []
    for entry in glossary.entries {
      var pairs: [(Node, Node)] = [
        (scalar("id"), scalar(entry.id)), (scalar("type"), scalar(entry.type)),
      ]
      if let note = entry.note { pairs.append((scalar("note"), scalar(note))) }
      if entry.doNotTranslate { pairs.append((scalar("do_not_translate"), flag())) }
      if entry.caseSensitive { pairs.append((scalar("case_sensitive"), flag())) }
      if entry.plurals { pairs.append((scalar("plurals"), flag())) }
      if entry.monolingual { pairs.append((scalar("monolingual"), flag())) }
      if let field = entry.subjectField { pairs.append((scalar("subject_field"), scalar(field))) }
      if let definition = entry.definition {
        pairs.append((scalar("definition"), sourced(definition)))
      }
      if !entry.tbx.isEmpty { pairs.append((scalar("tbx"), elements(entry.tbx))) }
      for (language, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
        if terms == LanguageTerms(preferred: terms.preferred) {
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
        if let definition = terms.definition {
          fields.append((scalar("definition"), sourced(definition)))
        }
        let described = terms.all.map(\.term).filter {
          terms.details[$0].map { !$0.isEmpty } ?? false
        }
        if !described.isEmpty {
          var seen: Set<String> = []
          fields.append(
            (
              scalar("details"),
              Node(
                described.filter { seen.insert($0).inserted }.compactMap { term in
                  terms.details[term].map { (scalar(term), details($0)) }
                })
            ))
        }
        if !terms.tbx.isEmpty { fields.append((scalar("tbx"), elements(terms.tbx))) }
        pairs.append((scalar(language), Node(fields)))
      }
      entries.append(Node(pairs))
    }
    root.append((scalar("entries"), Node(entries)))
    if !glossary.tbx.isEmpty { root.append((scalar("tbx"), elements(glossary.tbx))) }
    do {
      return try Yams.serialize(node: Node(root), allowUnicode: true)
    } catch {
      throw RelaisError(.outputFailure, "cannot write YAML: \(error)")
    }
  }
}
