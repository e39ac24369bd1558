import Foundation

/// `relais coverage --suggest FILE`: a glossary of entry stubs, one for
/// each acronym and name the corpus holds and no entry covers, ready to
/// edit. Each stub has an id made from its text, a type guessed from the
/// entity label (an acronym is guessed `ORG`), its French term (the long
/// form a definition in the text gave, with the acronym), a note with its
/// count and first sentence, and `en: TODO`, which lint refuses (E042) so
/// that no stub is used before someone writes the English.
enum GlossaryStubs {
  /// What a stub holds where a person must write the term.
  static let placeholder = "TODO"

  /// The stubs' YAML and their number, or nil when there is nothing to
  /// suggest. `taken` are entry ids the glossaries have already.
  static func yaml(for report: CoverageReport, corpus: String, taken: Set<String>) -> (
    text: String, count: Int
  )? {
    var ids = taken
    var entries: [String] = []
    var covered = Set<String>()
    for acronym in report.unknownAcronyms {
      covered.insert(acronym.text)
      if let long = acronym.longForm { covered.insert(long) }
      let id = uniqueID(for: acronym.longForm ?? acronym.text, &ids)
      let french =
        acronym.longForm.map { long in
          "      preferred: \(quoted(long))\n      acronyms: [\(quoted(acronym.text))]"
        } ?? "      preferred: \(quoted(acronym.text))"
      entries.append(
        entry(id: id, type: "ORG", french: french, acronym, guess: "an acronym: ORG guessed"))
    }
    for name in report.unknownEntities where !covered.contains(name.text) {
      covered.insert(name.text)
      let type =
        ["PER", "LOC", "ORG", "EVENT"].contains(name.label ?? "") ? name.label ?? "" : "MISC"
      entries.append(
        entry(
          id: uniqueID(for: name.text, &ids), type: type,
          french: "      preferred: \(quoted(name.text))", name,
          guess: "an entity labelled \(name.label ?? "MISC")"))
    }
    guard !entries.isEmpty else { return nil }
    let text = """
      # Glossary entry stubs written by relais coverage --suggest from
      # \(corpus.replacingOccurrences(of: "\n", with: " ")): the acronyms and names it holds that no
      # glossary entry covers. Check each type, write each `en` (lint
      # refuses TODO, E042), then move the entries into a glossary of your
      # glossary folder. Format: Glossaries/README.md.
      id: suggested
      entries:

      """ + entries.joined(separator: "\n") + "\n"
    return (text, entries.count)
  }

  private static func entry(
    id: String, type: String, french: String, _ unknown: CoverageReport.Unknown, guess: String
  ) -> String {
    let context = unknown.context.split(whereSeparator: \.isNewline).joined(separator: " ")
    let shown = context.count > 120 ? String(context.prefix(120)) + "…" : context
    let note =
      "\(unknown.count) mention\(unknown.count == 1 ? "" : "s") (\(guess)); first in \(unknown.document): \(shown)"
    return """
        - id: \(id)
          type: \(type)
          note: \(quoted(note))
          fr:
      \(french)
          en: \(placeholder)
      """
  }

  /// A YAML double-quoted string.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default:
        if scalar.properties.generalCategory == .control {
          result += String(format: "\\u%04X", scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// An entry id from `text`: lowercase ASCII letters and digits, accents
  /// dropped, runs of anything else one `-`; `-2`, `-3`… when taken.
  static func uniqueID(for text: String, _ taken: inout Set<String>) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var slug = ""
    for scalar in folded.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty, !slug.hasSuffix("-") {
        slug += "-"
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    if slug.count > 48 { slug = String(slug.prefix(48)) }
    while slug.hasSuffix("-") { slug.removeLast() }
    if slug.isEmpty { slug = "entry" }
    var id = slug
    var number = 2
    while taken.contains(id) {
      id = "\(slug)-\(number)"
      number += 1
    }
    taken.insert(id)
    return id
  }
}
