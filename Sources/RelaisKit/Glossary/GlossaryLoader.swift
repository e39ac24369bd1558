import Foundation
import Yams

/// Reads glossary files. YAML goes through Yams (libyaml) as a node tree
/// with line and column marks, and the fields are read from the tree by
/// hand so that every problem names its file, line, column and field.
/// Loading collects every problem rather than stopping at the first, so
/// `relais glossary lint` can list them all.
package enum GlossaryLoader {
  /// The glossaries of a folder: every `.yaml` or `.yml` file, sorted by
  /// name, and every problem found in them, including those across files
  /// (an id or a term used twice).
  package static func load(directory: String) -> (glossaries: [Glossary], problems: [RelaisError]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      return ([], [RelaisError(.unreadableInput, "no such glossary folder", path: directory)])
    }
    let listed: [String]
    do {
      listed = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      // An unlistable folder is not an empty one: zero terms would pass.
      return (
        [], [RelaisError(.unreadableInput, "cannot list the glossary folder", path: directory)]
      )
    }
    let names =
      listed
      .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
      .sorted()
    var glossaries: [Glossary] = []
    var problems: [RelaisError] = []
    for name in names {
      let (glossary, found) = load(file: (directory as NSString).appendingPathComponent(name))
      problems += found
      if let glossary { glossaries.append(glossary) }
    }
    problems += crossChecks(glossaries)
    return (glossaries, problems)
  }

  /// One glossary file.
  package static func load(file path: String) -> (Glossary?, [RelaisError]) {
    let bytes: [UInt8]
    do {
      bytes = try InputFiles.bytes(at: path)
    } catch {
      return (nil, [error])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return (nil, [RelaisError(.glossarySyntax, "not valid UTF-8", path: path)])
    }
    return parse(yaml: text, path: path, sha256: DocumentInfo.sha256(of: bytes))
  }

  /// A glossary from YAML text.
  package static func parse(yaml: String, path: String, sha256: String) -> (
    Glossary?, [RelaisError]
  ) {
    var reader = FieldReader(path: path, text: yaml)
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      return (nil, [reader.syntaxError(error)])
    } catch {
      return (nil, [RelaisError(.glossarySyntax, "\(error)", path: path)])
    }
    guard let root, let mapping = root.mapping else {
      return (
        nil,
        [reader.problem(.glossarySyntax, "a glossary is a mapping with id and entries", at: root)]
      )
    }
    reader.allowOnly(["id", "title", "entries", "tbx"], in: mapping, field: "")
    let id = reader.string("id", in: mapping, field: "id", at: root)
    let title = reader.optionalString("title", in: mapping, field: "title")
    let tbx = reader.tbxElements("tbx", in: mapping, field: "tbx")
    var entries: [GlossaryEntry] = []
    if let list = reader.required("entries", in: mapping, at: root) {
      if let sequence = list.sequence {
        for (index, node) in sequence.enumerated() {
          if let entry = reader.entry(node, field: "entries[\(index)]") { entries.append(entry) }
        }
      } else {
        reader.report(.glossaryFieldType, "entries: expected a list of entries", at: list)
      }
    }
    guard let id else { return (nil, reader.problems) }
    let glossary = Glossary(
      id: id, title: title, path: path, sha256: sha256, entries: entries, tbx: tbx)
    return (glossary, reader.problems)
  }

  /// Problems across entries and files: an entry id used twice, a term
  /// claimed by two entries.
  static func crossChecks(_ glossaries: [Glossary]) -> [RelaisError] {
    var problems: [RelaisError] = []
    var ids: [String: InputLocation] = [:]
    var terms: [String: (entry: String, path: String)] = [:]
    var glossaryPaths: [String: String] = [:]
    for glossary in glossaries {
      if let first = glossaryPaths[glossary.id] {
        problems.append(
          RelaisError(
            .glossaryDuplicateGlossaryID,
            "glossary id '\(glossary.id)' is also the id of \(first): term records could not tell them apart",
            path: glossary.path))
      } else {
        glossaryPaths[glossary.id] = glossary.path
      }
      for entry in glossary.entries {
        let place =
          entry.location ?? InputLocation(path: glossary.path, line: 1, column: 1, byteOffset: 0)
        problems += unusableText(of: entry, at: place)
        if let first = ids[entry.id] {
          problems.append(
            RelaisError(
              .glossaryDuplicateID,
              "entry id '\(entry.id)' is also used at \(first.path):\(first.line)", at: place))
        } else {
          ids[entry.id] = place
        }
        var claimed: Set<String> = []
        for (_, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
          // A placeholder is reported once, as such (E042), not as a term
          // every stub claims.
          for (term, role) in terms.all
          where role != .forbidden && term != GlossaryStubs.placeholder {
            let key = claimKey(term, caseSensitive: entry.caseSensitive || TermKeys.isAcronym(term))
            claimed.insert(key)
          }
        }
        for key in claimed.sorted() {
          if let other = terms[key], other.entry != entry.id {
            problems.append(
              RelaisError(
                .glossaryDuplicateTerm,
                "entries[id=\(entry.id)]: term '\(key)' is also claimed by entry '\(other.entry)' (\(other.path))",
                at: place))
          } else {
            terms[key] = (entry.id, glossary.path)
          }
        }
      }
    }
    return problems
  }

  /// Terms that cannot work and text that TBX cannot carry: a term with
  /// no letter or digit (`"   "`, `"’"`, `"."`, a lone U+200B) never
  /// matches a word, or matches punctuation everywhere; a control
  /// character (other than a note's line breaks and tabs) is not XML.
  static func unusableText(of entry: GlossaryEntry, at place: InputLocation) -> [RelaisError] {
    var problems: [RelaisError] = []
    func control(_ text: String, allowingLayout: Bool) -> Unicode.Scalar? {
      text.unicodeScalars.first { scalar in
        guard scalar.properties.generalCategory == .control else { return false }
        return !(allowingLayout && (scalar == "\n" || scalar == "\t" || scalar == "\r"))
      }
    }
    func hex(_ scalar: Unicode.Scalar) -> String { String(format: "U+%04X", scalar.value) }
    // Escapes make invisible characters (U+200B, controls) visible.
    func shown(_ term: String) -> String { String(term.debugDescription.dropFirst().dropLast()) }
    for (language, terms) in entry.languages.sorted(by: { $0.key < $1.key }) {
      for (term, _) in terms.all {
        if term == GlossaryStubs.placeholder {
          problems.append(
            RelaisError(
              .glossaryPlaceholder,
              "entries[id=\(entry.id)].\(language): '\(term)' is a placeholder from relais coverage --suggest: write the \(language) term",
              at: place))
        } else if let scalar = control(term, allowingLayout: false) {
          problems.append(
            RelaisError(
              .glossaryUnusableTerm,
              "entries[id=\(entry.id)].\(language): term '\(shown(term))' holds the control character \(hex(scalar))",
              at: place))
        } else if !term.unicodeScalars.contains(where: {
          $0.properties.isAlphabetic || $0.properties.numericType != nil
        }) {
          problems.append(
            RelaisError(
              .glossaryUnusableTerm,
              "entries[id=\(entry.id)].\(language): term '\(shown(term))' has no letter or digit, so it can never match a word",
              at: place))
        }
      }
    }
    if let note = entry.note, let scalar = control(note, allowingLayout: true) {
      problems.append(
        RelaisError(
          .glossaryUnusableTerm,
          "entries[id=\(entry.id)].note holds the control character \(hex(scalar))", at: place))
    }
    return problems
  }

  /// How two terms compare for the duplicate check: the matcher's folding
  /// (case unless case-sensitive, accents, apostrophes, hyphens, spaces).
  static func claimKey(_ term: String, caseSensitive: Bool) -> String {
    TermKeys.units(of: term, foldCase: !caseSensitive).joined(separator: " ")
  }
}

/// Reads fields from Yams nodes, collecting problems with their places.
private struct FieldReader {
  let path: String
  /// UTF-8 offsets of line starts, for byte offsets in diagnostics.
  let lineStarts: [Int]
  let bytes: [UInt8]
  var problems: [RelaisError] = []

  init(path: String, text: String) {
    self.path = path
    bytes = Array(text.utf8)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
    lineStarts = starts
  }

  /// A place from libyaml's line and column (columns count scalars).
  func place(line: Int, column: Int) -> InputLocation {
    var offset = line >= 1 && line <= lineStarts.count ? lineStarts[line - 1] : bytes.count
    var scalars = 1
    while scalars < column && offset < bytes.count && bytes[offset] != 0x0A {
      offset += 1
      while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      scalars += 1
    }
    return InputLocation(path: path, line: line, column: column, byteOffset: offset)
  }

  func location(_ node: Node?) -> InputLocation? {
    guard let mark = node?.mark else { return nil }
    return place(line: mark.line, column: mark.column)
  }

  func problem(_ code: ErrorCode, _ message: String, at node: Node?) -> RelaisError {
    if let place = location(node) { return RelaisError(code, message, at: place) }
    return RelaisError(code, message, path: path)
  }

  mutating func report(_ code: ErrorCode, _ message: String, at node: Node?) {
    problems.append(problem(code, message, at: node))
  }

  func syntaxError(_ error: YamlError) -> RelaisError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return RelaisError(
        .glossarySyntax, "YAML: \(problem)", at: place(line: mark.line, column: mark.column))
    default:
      return RelaisError(.glossarySyntax, "YAML: \(error)", path: path)
    }
  }

  func value(_ key: String, in mapping: Node.Mapping) -> Node? {
    mapping.first { $0.key.string == key }?.value
  }

  mutating func required(_ key: String, in mapping: Node.Mapping, at parent: Node) -> Node? {
    guard let node = value(key, in: mapping) else {
      report(.glossaryMissingField, "missing field '\(key)'", at: parent)
      return nil
    }
    return node
  }

  mutating func string(_ key: String, in mapping: Node.Mapping, field: String, at parent: Node)
    -> String?
  {
    guard let node = required(key, in: mapping, at: parent) else { return nil }
    guard node.scalar != nil, let text = node.string, !text.isEmpty else {
      report(.glossaryFieldType, "\(field): expected a non-empty string", at: node)
      return nil
    }
    return text
  }

  mutating func optionalString(_ key: String, in mapping: Node.Mapping, field: String) -> String? {
    guard let node = value(key, in: mapping) else { return nil }
    guard node.scalar != nil, let text = node.string else {
      report(.glossaryFieldType, "\(field): expected a string", at: node)
      return nil
    }
    return text
  }

  mutating func bool(_ key: String, in mapping: Node.Mapping, field: String) -> Bool {
    guard let node = value(key, in: mapping) else { return false }
    guard let flag = node.bool else {
      report(.glossaryFieldType, "\(field): expected true or false", at: node)
      return false
    }
    return flag
  }

  mutating func strings(_ key: String, in mapping: Node.Mapping, field: String) -> [String] {
    guard let node = value(key, in: mapping) else { return [] }
    guard let sequence = node.sequence else {
      report(.glossaryFieldType, "\(field): expected a list of strings", at: node)
      return []
    }
    var result: [String] = []
    for (index, item) in sequence.enumerated() {
      if item.scalar != nil, let text = item.string, !text.isEmpty {
        result.append(text)
      } else {
        report(.glossaryFieldType, "\(field)[\(index)]: expected a non-empty string", at: item)
      }
    }
    return result
  }

  mutating func allowOnly(_ keys: Set<String>, in mapping: Node.Mapping, field: String) {
    for (key, _) in mapping {
      guard let name = key.string, !keys.contains(name) else { continue }
      let prefix = field.isEmpty ? "" : field + "."
      report(.glossaryUnknownField, "unknown field '\(prefix)\(name)'", at: key)
    }
  }

  static let entryFields: Set<String> = [
    "id", "type", "note", "do_not_translate", "case_sensitive", "plurals", "subject_field",
    "definition",
    "monolingual", "tbx",
  ]

  mutating func entry(_ node: Node, field: String) -> GlossaryEntry? {
    guard let mapping = node.mapping else {
      report(.glossaryFieldType, "\(field): expected a mapping", at: node)
      return nil
    }
    let id = string("id", in: mapping, field: "\(field).id", at: node)
    let label = "\(field)" + (id.map { "[id=\($0)]" } ?? "")
    if let id, !GlossaryEntry.isValidID(id) {
      report(
        .glossaryFieldType, "\(label).id: use lowercase letters, digits, '.', '_' and '-'",
        at: value("id", in: mapping))
    }
    let type = string("type", in: mapping, field: "\(label).type", at: node)
    if let type, !GlossaryEntry.types.contains(type) {
      report(
        .glossaryUnknownType,
        "\(label).type: unknown type '\(type)' (one of \(GlossaryEntry.types.sorted().joined(separator: ", ")))",
        at: value("type", in: mapping))
    }
    var languages: [String: LanguageTerms] = [:]
    for (key, value) in mapping {
      guard let name = key.string, !Self.entryFields.contains(name) else { continue }
      guard LanguageCodes.known.contains(name) else {
        report(
          .glossaryUnknownLanguage,
          "\(label): unknown field or language code '\(name)' (languages are ISO 639-1 codes)",
          at: key)
        continue
      }
      if let terms = languageTerms(value, field: "\(label).\(name)") { languages[name] = terms }
    }
    let monolingual = bool("monolingual", in: mapping, field: "\(label).monolingual")
    if monolingual {
      if languages.isEmpty {
        report(.glossaryMissingLanguage, "\(label): no terms in any language", at: node)
      } else if languages["fr"] != nil && languages["en"] != nil {
        report(
          .glossaryFieldType, "\(label).monolingual: the entry has both 'fr' and 'en'; remove it",
          at: value("monolingual", in: mapping))
      }
    } else {
      for required in ["fr", "en"] where languages[required] == nil {
        report(.glossaryMissingLanguage, "\(label): no '\(required)' terms", at: node)
      }
    }
    let note = optionalString("note", in: mapping, field: "\(label).note")
    let doNotTranslate = bool("do_not_translate", in: mapping, field: "\(label).do_not_translate")
    let caseSensitive = bool("case_sensitive", in: mapping, field: "\(label).case_sensitive")
    let plurals = bool("plurals", in: mapping, field: "\(label).plurals")
    let subjectField = optionalString(
      "subject_field", in: mapping, field: "\(label).subject_field")
    let definition = sourcedText("definition", in: mapping, field: "\(label).definition")
    let tbx = tbxElements("tbx", in: mapping, field: "\(label).tbx")
    guard let id, let type else { return nil }
    var entry = GlossaryEntry(
      id: id, type: type, languages: languages, doNotTranslate: doNotTranslate,
      caseSensitive: caseSensitive, note: note, location: location(node))
    entry.plurals = plurals
    entry.subjectField = subjectField
    entry.definition = definition
    entry.monolingual = monolingual
    entry.tbx = tbx
    return entry
  }

  /// A text, or a mapping of `text` and `source`.
  mutating func sourcedText(_ key: String, in mapping: Node.Mapping, field: String)
    -> SourcedText?
  {
    guard let node = value(key, in: mapping) else { return nil }
    if node.scalar != nil, let text = node.string { return SourcedText(text: text) }
    guard let fields = node.mapping else {
      report(.glossaryFieldType, "\(field): expected a text or a mapping with 'text'", at: node)
      return nil
    }
    allowOnly(["text", "source"], in: fields, field: field)
    guard let text = string("text", in: fields, field: "\(field).text", at: node) else {
      return nil
    }
    return SourcedText(
      text: text, source: optionalString("source", in: fields, field: "\(field).source"))
  }

  /// A list of TBX elements carried as they were: each a mapping of
  /// `element`, and optionally `type`, `text`, `attributes` and `children`.
  mutating func tbxElements(_ key: String, in mapping: Node.Mapping, field: String)
    -> [TBXElement]
  {
    guard let node = value(key, in: mapping) else { return [] }
    guard let sequence = node.sequence else {
      report(.glossaryFieldType, "\(field): expected a list of TBX elements", at: node)
      return []
    }
    var elements: [TBXElement] = []
    for (index, item) in sequence.enumerated() {
      let place = "\(field)[\(index)]"
      guard let fields = item.mapping else {
        report(.glossaryFieldType, "\(place): expected a mapping with 'element'", at: item)
        continue
      }
      allowOnly(["element", "type", "text", "attributes", "children"], in: fields, field: place)
      guard let name = string("element", in: fields, field: "\(place).element", at: item) else {
        continue
      }
      var attributes: [String: String] = [:]
      if let node = value("attributes", in: fields) {
        if let pairs = node.mapping {
          for (key, value) in pairs {
            if let name = key.string, value.scalar != nil, let text = value.string {
              attributes[name] = text
            } else {
              report(.glossaryFieldType, "\(place).attributes: expected names and texts", at: key)
            }
          }
        } else {
          report(.glossaryFieldType, "\(place).attributes: expected a mapping", at: node)
        }
      }
      elements.append(
        TBXElement(
          name: name, type: optionalString("type", in: fields, field: "\(place).type"),
          attributes: attributes,
          text: optionalString("text", in: fields, field: "\(place).text") ?? "",
          children: tbxElements("children", in: fields, field: "\(place).children")))
    }
    return elements
  }

  /// `details`: for each of the language's terms, what TBX knew of it.
  mutating func termDetails(
    _ node: Node, terms: LanguageTerms, field: String
  ) -> [String: TermDetails] {
    guard let pairs = node.mapping else {
      report(
        .glossaryFieldType, "\(field): expected a mapping from terms to their details", at: node)
      return [:]
    }
    let known = Set(terms.all.map(\.term))
    var result: [String: TermDetails] = [:]
    for (key, value) in pairs {
      guard let term = key.string, known.contains(term) else {
        report(
          .glossaryFieldType,
          "\(field): '\(key.string ?? "")' is not one of this language's terms", at: key)
        continue
      }
      let place = "\(field)[\(term)]"
      guard let fields = value.mapping else {
        report(.glossaryFieldType, "\(place): expected a mapping", at: value)
        continue
      }
      allowOnly(
        [
          "part_of_speech", "grammatical_gender", "context", "source", "note", "term_type",
          "status", "tbx",
        ], in: fields, field: place)
      var details = TermDetails()
      details.partOfSpeech = optionalString(
        "part_of_speech", in: fields, field: "\(place).part_of_speech")
      details.grammaticalGender = optionalString(
        "grammatical_gender", in: fields, field: "\(place).grammatical_gender")
      details.context = sourcedText("context", in: fields, field: "\(place).context")
      details.source = optionalString("source", in: fields, field: "\(place).source")
      details.note = optionalString("note", in: fields, field: "\(place).note")
      details.termType = optionalString("term_type", in: fields, field: "\(place).term_type")
      details.status = optionalString("status", in: fields, field: "\(place).status")
      details.tbx = tbxElements("tbx", in: fields, field: "\(place).tbx")
      result[term] = details
    }
    return result
  }

  mutating func languageTerms(_ node: Node, field: String) -> LanguageTerms? {
    if node.scalar != nil, let text = node.string, !text.isEmpty {
      return LanguageTerms(preferred: text)
    }
    guard let mapping = node.mapping else {
      report(
        .glossaryFieldType, "\(field): expected a term or a mapping with 'preferred'", at: node)
      return nil
    }
    allowOnly(
      ["preferred", "variants", "acronyms", "forbidden", "definition", "details", "tbx"],
      in: mapping, field: field)
    guard let preferred = string("preferred", in: mapping, field: "\(field).preferred", at: node)
    else { return nil }
    var terms = LanguageTerms(
      preferred: preferred, variants: strings("variants", in: mapping, field: "\(field).variants"),
      acronyms: strings("acronyms", in: mapping, field: "\(field).acronyms"),
      forbidden: strings("forbidden", in: mapping, field: "\(field).forbidden"))
    terms.definition = sourcedText("definition", in: mapping, field: "\(field).definition")
    if let details = value("details", in: mapping) {
      terms.details = termDetails(details, terms: terms, field: "\(field).details")
    }
    terms.tbx = tbxElements("tbx", in: mapping, field: "\(field).tbx")
    return terms
  }
}
