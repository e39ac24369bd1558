import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// TBX-Basic and the native glossary format, both ways, so that a TBX file
/// imported and exported again loses nothing and a glossary exported and
/// imported again is the same glossary.
///
/// Read from TBX (v2 `martif` or v3 `tbx`), and written back as the same
/// data categories:
/// - an entry per `termEntry`/`conceptEntry`, a language per
///   `langSet`/`langSec` (regions dropped: `en-GB` is `en`), a term per
///   `tig`/`ntig`/`termSec`;
/// - `administrativeStatus`: `preferredTerm-admn-sts` makes the preferred
///   term (else the first term is), `deprecatedTerm-admn-sts` and
///   `supersededTerm-admn-sts` a forbidden one, anything else a variant;
///   `termType` `acronym`, `abbreviation` or `shortForm` an acronym;
/// - `subjectField` and `definition` (with its `source` when a
///   `descripGrp` gives one) of the entry, `definition` of a language, the
///   entry's first `note`;
/// - of each term: `partOfSpeech`, `grammaticalGender`, `context` (with its
///   source), its first `source` and `note`, and its `termType` or status
///   where its role does not say them (`TermDetails`);
/// - anything else (transactions, cross-references, customer and project
///   subsets, header notes, the back matter) as `TBXElement`s at the level
///   where it stood, written back as they were.
///
/// What TBX-Basic has no data category for (the entry's type, do not
/// translate, case-sensitive, plurals) goes into one entry-level note that starts
/// `relais:` (`relais: type=ORG; do_not_translate; case_sensitive`), read
/// back as those fields. An entry without `fr` or without `en` is marked
/// `monolingual` (`Glossaries/README.md`).
package enum TBX {
  package enum Version: String, Sendable, CaseIterable {
    /// TBX v2 (ISO 30042:2008): `martif`, with its DOCTYPE and the
    /// TBX-Basic XCS named in the header.
    case v2
    /// TBX v3 (ISO 30042:2019), TBX-Basic dialect in DCA style.
    case v3
  }

  /// The note that carries what TBX-Basic has no data category for.
  static let notePrefix = "relais:"
  /// The `sourceDesc` line an export writes when the glossary has none of
  /// its own; an import reads past it.
  static func sourceLine(_ id: String) -> String { "relais glossary \(id)" }

  /// The elements of TBX v2 and v3 core structure (the DTD's and the
  /// RELAX NG schema's element names).
  static let coreElements: Set<String> = [
    "admin", "adminGrp", "adminNote", "back", "body", "bpt", "change", "conceptEntry", "date",
    "descrip", "descripGrp", "descripNote", "ec", "encodingDesc", "ept", "fileDesc", "foreign",
    "hi", "item", "itemGrp", "itemSet", "langSec", "langSet", "martif", "martifHeader", "note",
    "ntig", "p", "ph", "publicationStmt", "ref", "refObject", "refObjectList", "refObjectSec",
    "revisionDesc", "sc", "sourceDesc", "tbx", "tbxHeader", "term", "termComp", "termCompGrp",
    "termCompList", "termEntry", "termGrp", "termNote", "termNoteGrp", "termSec", "text", "tig",
    "title", "titleStmt", "transac", "transacGrp", "transacNote", "xref",
  ]

  /// The data categories TBX-Basic allows, by element (the `type` values
  /// of its Schematron rules, TBX-Basic_DCA.sch).
  package static let basicDataCategories: [String: Set<String>] = [
    "admin": ["customerSubset", "projectSubset", "source"],
    "descrip": ["subjectField", "context", "definition"],
    "ref": ["crossReference"],
    "termNote": [
      "administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
      "termLocation", "termType",
    ],
    "transac": ["transactionType"],
    "transacNote": ["responsibility"],
    "xref": ["externalCrossReference", "xGraphic"],
  ]

  // MARK: Reading

  /// Refuses an element TBX does not have (`<comment>` for `<note>`), with
  /// its place; notes each data category TBX-Basic does not allow (it is
  /// kept, and exported as it came).
  private static func check(
    _ node: XMLTree.Element, path: String, notices: inout [String]
  ) throws(RelaisError) {
    guard coreElements.contains(node.name) else {
      throw RelaisError(
        .glossaryImport, "<\(node.name)> is not a TBX element",
        at: InputLocation(path: path, line: node.line, column: node.column, byteOffset: 0))
    }
    if let type = node.attributes["type"], let allowed = basicDataCategories[node.name],
      !allowed.contains(type)
    {
      notices.append(
        "\(path):\(node.line):\(node.column): warning: <\(node.name) type=\"\(type)\"> is not a TBX-Basic data category: kept, and exported as it came"
      )
    }
    for child in node.children { try check(child, path: path, notices: &notices) }
  }

  static func glossary(
    from root: XMLTree.Element, path: String, id: String, notices: inout [String]
  ) throws(RelaisError) -> Glossary {
    try check(root, path: path, notices: &notices)
    var title: String?
    var carried: [TBXElement] = []
    var entries: [GlossaryEntry] = []
    var counter = 0
    for section in root.children {
      switch section.name {
      case "martifHeader", "tbxHeader":
        for part in section.children {
          switch part.name {
          case "fileDesc":
            for item in part.children {
              switch item.name {
              case "titleStmt":
                for piece in item.children {
                  if piece.name == "title", title == nil {
                    title = clean(piece.text)
                  } else {
                    carried.append(element(piece))
                  }
                }
              case "sourceDesc"
              where item.children.count == 1
                && clean(item.children[0].text) == sourceLine(id):
                break
              default:
                carried.append(element(item))
              }
            }
          // The XCS a v2 file names is the TBX-Basic one an export names
          // again; anything else of the header is carried.
          case "encodingDesc": break
          default: carried.append(element(part))
          }
        }
      case "text":
        for part in section.children {
          if part.name == "body" {
            for entry in part.children
            where entry.name == "termEntry" || entry.name == "conceptEntry" {
              counter += 1
              entries.append(try self.entry(entry, number: counter, path: path))
            }
          } else if part.name == "back" {
            // v2 names the back matter's sections `refObjectList`, v3
            // `refObjectSec`: kept under the v3 name, written per version.
            var back = element(part)
            back.children = back.children.map { child in
              var child = child
              if child.name == "refObjectList" { child.name = "refObjectSec" }
              return child
            }
            carried.append(back)
          } else {
            carried.append(element(part))
          }
        }
      default:
        carried.append(element(section))
      }
    }
    return Glossary(id: id, title: title, path: path, sha256: "", entries: entries, tbx: carried)
  }

  /// Text as data: white space at its ends removed, and each line break
  /// followed by an indentation (a text wrapped onto indented lines, as
  /// TBX files lay out definitions) read as one space. Any other white
  /// space is the text's own (a line break in a note, two spaces).
  static func clean(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.contains(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) else {
      return trimmed
    }
    return trimmed.replacingOccurrences(
      of: "[ \\t]*(\\r\\n|\\n|\\r)[ \\t]+", with: " ", options: .regularExpression)
  }

  static func element(_ node: XMLTree.Element) -> TBXElement {
    var attributes = node.attributes
    let type = attributes.removeValue(forKey: "type")
    return TBXElement(
      name: node.name, type: type, attributes: attributes,
      text: clean(node.text),
      children: node.children.map(element))
  }

  /// A `descrip` of `type`, alone or in a `descripGrp` with one `source`.
  private static func sourced(_ node: XMLTree.Element, type: String) -> SourcedText? {
    if node.name == "descrip", node.attributes["type"] == type, node.children.isEmpty {
      return SourcedText(text: clean(node.text))
    }
    guard node.name == "descripGrp", node.attributes.isEmpty, (1...2).contains(node.children.count)
    else { return nil }
    let first = node.children[0]
    guard first.name == "descrip", first.attributes == ["type": type], first.children.isEmpty else {
      return nil
    }
    guard node.children.count == 2 else { return SourcedText(text: clean(first.text)) }
    let source = node.children[1]
    guard source.name == "admin", source.attributes == ["type": "source"], source.children.isEmpty
    else { return nil }
    return SourcedText(text: clean(first.text), source: clean(source.text))
  }

  private static func isPlain(_ node: XMLTree.Element, _ name: String, type: String?)
    -> Bool
  {
    node.name == name && node.children.isEmpty
      && node.attributes == (type.map { ["type": $0] } ?? [:])
  }

  private static func entry(_ node: XMLTree.Element, number: Int, path: String)
    throws(RelaisError) -> GlossaryEntry
  {
    let place = InputLocation(path: path, line: node.line, column: node.column, byteOffset: 0)
    // An id the format allows is kept as it is (an exported glossary
    // imports back to the same ids); any other is made one.
    let id =
      node.attributes["id"].map { GlossaryEntry.isValidID($0) ? $0 : GlossaryInterchange.slug($0) }
      ?? "entry-\(number)"
    var entry = GlossaryEntry(id: id, type: "CONCEPT", languages: [:], location: place)
    for child in node.children {
      if isPlain(child, "descrip", type: "subjectField"), entry.subjectField == nil {
        entry.subjectField = clean(child.text)
      } else if entry.definition == nil, let definition = sourced(child, type: "definition") {
        entry.definition = definition
      } else if isPlain(child, "note", type: nil), clean(child.text).hasPrefix(notePrefix) {
        readRelaisNote(clean(child.text), into: &entry)
      } else if isPlain(child, "note", type: nil), entry.note == nil {
        entry.note = clean(child.text)
      } else if child.name == "admin", child.children.isEmpty,
        let type = child.attributes["type"],
        ["entryType", "doNotTranslate", "caseSensitive"].contains(type)
      {
        // How Relais 0.1 wrote these, read still.
        switch type {
        case "entryType": entry.type = clean(child.text)
        case "doNotTranslate": entry.doNotTranslate = clean(child.text) == "true"
        default: entry.caseSensitive = clean(child.text) == "true"
        }
      } else if child.name == "langSet" || child.name == "langSec" {
        guard let code = child.attributes["xml:lang"] ?? child.attributes["lang"] else {
          throw RelaisError(
            .glossaryImport, "<\(child.name)> without xml:lang",
            at: InputLocation(path: path, line: child.line, column: child.column, byteOffset: 0))
        }
        let language = String(code.lowercased().prefix { $0 != "-" && $0 != "_" })
        readLanguage(child, into: &entry.languages[language])
      } else {
        entry.tbx.append(element(child))
      }
    }
    entry.monolingual = entry.languages["fr"] == nil || entry.languages["en"] == nil
    return entry
  }

  private static func readRelaisNote(_ note: String, into entry: inout GlossaryEntry) {
    for part in note.dropFirst(notePrefix.count).split(separator: ";") {
      let field = part.trimmingCharacters(in: .whitespaces)
      if field.hasPrefix("type=") {
        entry.type = String(field.dropFirst("type=".count))
      } else if field == "do_not_translate" {
        entry.doNotTranslate = true
      } else if field == "case_sensitive" {
        entry.caseSensitive = true
      } else if field == "plurals" {
        entry.plurals = true
      }
    }
  }

  /// What a language holds; a second `langSec` of one language (`en-GB`
  /// after `en-US`) adds to the first.
  private static func readLanguage(_ node: XMLTree.Element, into terms: inout LanguageTerms?) {
    var definition: SourcedText?
    var carried: [TBXElement] = []
    for child in node.children {
      switch child.name {
      case "tig", "ntig", "termSec":
        readTerm(child, into: &terms)
      default:
        if definition == nil, terms?.definition == nil,
          let found = sourced(child, type: "definition")
        {
          definition = found
        } else {
          carried.append(element(child))
        }
      }
    }
    // A language with no term has nothing to hold its data.
    guard var found = terms else { return }
    if let definition { found.definition = definition }
    found.tbx += carried
    // What a term's final role says is not kept (a preferred term found
    // later demotes the first to a variant, whose status is its default).
    for (term, role) in found.all {
      guard var details = found.details[term] else { continue }
      // A preferred status on a term that is not the preferred one (two
      // terms said preferred; the later won) would make it win again.
      if details.status == defaultStatus(role)
        || (role != .preferred && details.status?.hasPrefix("preferred") ?? false)
      {
        details.status = nil
      }
      if role == .acronym, details.termType == "acronym" { details.termType = nil }
      found.details[term] = details.isEmpty ? nil : details
    }
    terms = found
  }

  private static func readTerm(_ node: XMLTree.Element, into terms: inout LanguageTerms?) {
    var term: String?
    var status: String?
    var termType: String?
    var details = TermDetails()
    // `ntig` holds its term and term notes in a `termGrp`.
    let parts = node.children.flatMap { $0.name == "termGrp" ? $0.children : [$0] }
    for child in parts {
      if child.name == "term", term == nil {
        term = clean(child.text)
      } else if isPlain(child, "termNote", type: "administrativeStatus"), status == nil {
        status = clean(child.text)
      } else if isPlain(child, "termNote", type: "termType"), termType == nil {
        termType = clean(child.text)
      } else if isPlain(child, "termNote", type: "partOfSpeech"), details.partOfSpeech == nil {
        details.partOfSpeech = clean(child.text)
      } else if isPlain(child, "termNote", type: "grammaticalGender"),
        details.grammaticalGender == nil
      {
        details.grammaticalGender = clean(child.text)
      } else if details.context == nil, let context = sourced(child, type: "context") {
        details.context = context
      } else if isPlain(child, "admin", type: "source"), details.source == nil {
        details.source = clean(child.text)
      } else if isPlain(child, "note", type: nil), details.note == nil {
        details.note = clean(child.text)
      } else {
        details.tbx.append(element(child))
      }
    }
    guard let term, !term.isEmpty else { return }
    let forbidden =
      status?.hasPrefix("deprecated") ?? false || status?.hasPrefix("superseded") ?? false
    let short = shortForms.contains(termType ?? "")
    if terms == nil {
      terms = LanguageTerms(preferred: term)
    } else if forbidden {
      terms?.forbidden.append(term)
    } else if status?.hasPrefix("preferred") ?? false, let current = terms {
      // A preferred term that comes after others takes their place.
      // The term it replaces becomes what its own term type says.
      var replaced = current
      replaced.preferred = term
      if shortForms.contains(current.details[current.preferred]?.termType ?? "") {
        replaced.acronyms = [current.preferred] + current.acronyms
      } else {
        replaced.variants = [current.preferred] + current.variants
      }
      terms = replaced
    } else if short {
      terms?.acronyms.append(term)
    } else {
      terms?.variants.append(term)
    }
    // Kept as given; `readLanguage` drops what the final role says.
    details.status = status
    details.termType = termType
    if !details.isEmpty { terms?.details[term] = details }
  }

  /// The term types that make a term an acronym.
  static let shortForms: Set<String> = ["acronym", "abbreviation", "shortForm"]

  /// The `administrativeStatus` an export writes for a role.
  static func defaultStatus(_ role: TermRole) -> String {
    switch role {
    case .preferred: "preferredTerm-admn-sts"
    case .variant, .acronym: "admittedTerm-admn-sts"
    case .forbidden: "deprecatedTerm-admn-sts"
    }
  }

  // MARK: Writing

  /// The glossary as a TBX-Basic document.
  static func document(_ glossary: Glossary, version: Version) -> String {
    var xml = XMLText()
    xml.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    let back = glossary.tbx.filter { $0.name == "back" }
    let header = glossary.tbx.filter { $0.name != "back" }
    let notes = header.filter { $0.name == "note" }
    let fileParts = header.filter { $0.name != "note" }
    switch version {
    case .v2:
      xml.line(0, "<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">")
      xml.line(0, "<martif type=\"TBX-Basic\" xml:lang=\"fr\">")
      xml.line(1, "<martifHeader>")
    case .v3:
      xml.line(
        0,
        "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"fr\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"
      )
      xml.line(1, "<tbxHeader>")
    }
    xml.line(2, "<fileDesc>")
    // The versions order fileDesc differently: v2 titleStmt,
    // publicationStmt, sourceDesc (one or more); v3 publicationStmt,
    // titleStmt, one sourceDesc.
    let publication = fileParts.filter { $0.name == "publicationStmt" }
    if version == .v3 { for part in publication { xml.element(part, 3) } }
    if glossary.title != nil || !notes.isEmpty {
      xml.line(3, "<titleStmt>")
      xml.line(4, "<title>\(escape(glossary.title ?? glossary.id))</title>")
      for note in notes { xml.element(note, 4) }
      xml.line(3, "</titleStmt>")
    }
    if version == .v2 { for part in publication { xml.element(part, 3) } }
    let sources = fileParts.filter { $0.name == "sourceDesc" }
    if sources.isEmpty {
      xml.line(3, "<sourceDesc><p>\(escape(sourceLine(glossary.id)))</p></sourceDesc>")
    } else if version == .v3 {
      xml.element(
        TBXElement(name: "sourceDesc", children: sources.flatMap(\.children)), 3)
    } else {
      for part in sources { xml.element(part, 3) }
    }
    for part in fileParts where part.name != "publicationStmt" && part.name != "sourceDesc" {
      xml.element(part, 3)
    }
    xml.line(2, "</fileDesc>")
    switch version {
    case .v2:
      xml.line(2, "<encodingDesc><p type=\"XCSURI\">TBXBasicXCSV02.xcs</p></encodingDesc>")
      xml.line(1, "</martifHeader>")
    case .v3:
      xml.line(1, "</tbxHeader>")
    }
    xml.line(1, "<text>")
    xml.line(2, "<body>")
    let names = Names(version)
    for entry in glossary.entries { write(entry, names, into: &xml) }
    xml.line(2, "</body>")
    for part in back {
      // The back matter's sections are named per version.
      var renamed = part
      renamed.children = part.children.map { child in
        var child = child
        if child.name == "refObjectSec" || child.name == "refObjectList" {
          child.name = version == .v2 ? "refObjectList" : "refObjectSec"
        }
        return child
      }
      xml.element(renamed, 2)
    }
    xml.line(1, "</text>")
    xml.line(0, version == .v2 ? "</martif>" : "</tbx>")
    return xml.text
  }

  /// The element names of each version.
  private struct Names {
    var entry: String
    var language: String
    var term: String

    init(_ version: Version) {
      switch version {
      case .v2: (entry, language, term) = ("termEntry", "langSet", "tig")
      case .v3: (entry, language, term) = ("conceptEntry", "langSec", "termSec")
      }
    }
  }

  private static func write(_ entry: GlossaryEntry, _ names: Names, into xml: inout XMLText) {
    xml.line(3, "<\(names.entry) id=\"\(escape(entry.id))\">")
    var relais: [String] = []
    if entry.type != "CONCEPT" { relais.append("type=\(entry.type)") }
    if entry.doNotTranslate { relais.append("do_not_translate") }
    if entry.caseSensitive { relais.append("case_sensitive") }
    if entry.plurals { relais.append("plurals") }
    if let field = entry.subjectField {
      xml.line(4, "<descrip type=\"subjectField\">\(escape(field))</descrip>")
    }
    if let definition = entry.definition { writeDefinition(definition, "definition", 4, &xml) }
    if let note = entry.note { xml.line(4, "<note>\(escape(note))</note>") }
    if !relais.isEmpty {
      xml.line(4, "<note>\(notePrefix) \(escape(relais.joined(separator: "; ")))</note>")
    }
    for carried in entry.tbx { xml.element(carried, 4) }
    for (language, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
      xml.line(4, "<\(names.language) xml:lang=\"\(escape(language))\">")
      if let definition = terms.definition { writeDefinition(definition, "definition", 5, &xml) }
      for carried in terms.tbx { xml.element(carried, 5) }
      for (term, role) in terms.all {
        let details = terms.details[term] ?? TermDetails()
        xml.line(5, "<\(names.term)>")
        xml.line(6, "<term>\(escape(term))</term>")
        // Term notes first: the v2 DTD puts them right after the term.
        let termType = details.termType ?? (role == .acronym ? "acronym" : nil)
        if let termType {
          xml.line(6, "<termNote type=\"termType\">\(escape(termType))</termNote>")
        }
        xml.line(
          6,
          "<termNote type=\"administrativeStatus\">\(escape(details.status ?? defaultStatus(role)))</termNote>"
        )
        for (type, value) in [
          ("partOfSpeech", details.partOfSpeech), ("grammaticalGender", details.grammaticalGender),
        ] {
          if let value { xml.line(6, "<termNote type=\"\(type)\">\(escape(value))</termNote>") }
        }
        for carried in details.tbx where carried.name == "termNote" { xml.element(carried, 6) }
        if let context = details.context { writeDefinition(context, "context", 6, &xml) }
        if let source = details.source {
          xml.line(6, "<admin type=\"source\">\(escape(source))</admin>")
        }
        if let note = details.note { xml.line(6, "<note>\(escape(note))</note>") }
        for carried in details.tbx where carried.name != "termNote" { xml.element(carried, 6) }
        xml.line(5, "</\(names.term)>")
      }
      xml.line(4, "</\(names.language)>")
    }
    xml.line(3, "</\(names.entry)>")
  }

  /// A `descrip`, in a `descripGrp` with its `admin` source when it has
  /// one.
  private static func writeDefinition(
    _ text: SourcedText, _ type: String, _ depth: Int, _ xml: inout XMLText
  ) {
    guard let source = text.source else {
      xml.line(depth, "<descrip type=\"\(type)\">\(escape(text.text))</descrip>")
      return
    }
    xml.line(depth, "<descripGrp>")
    xml.line(depth + 1, "<descrip type=\"\(type)\">\(escape(text.text))</descrip>")
    xml.line(depth + 1, "<admin type=\"source\">\(escape(source))</admin>")
    xml.line(depth, "</descripGrp>")
  }

  /// Text for XML; a carriage return as a reference, since a parser
  /// reads a raw one as a line feed.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "\r", with: "&#13;")
  }

  /// Indented XML lines.
  private struct XMLText {
    var text = ""

    mutating func line(_ depth: Int, _ content: String) {
      text += String(repeating: "  ", count: depth) + content + "\n"
    }

    /// A carried element as it was (attributes sorted).
    mutating func element(_ element: TBXElement, _ depth: Int) {
      var attributes = element.attributes
      if let type = element.type { attributes["type"] = type }
      let open =
        "<\(element.name)"
        + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(TBX.escape($0.value))\"" }
        .joined()
      guard !element.children.isEmpty else {
        line(depth, "\(open)>\(TBX.escape(element.text))</\(element.name)>")
        return
      }
      line(depth, "\(open)>\(TBX.escape(element.text))")
      for child in element.children { self.element(child, depth + 1) }
      line(depth, "</\(element.name)>")
    }
  }
}
