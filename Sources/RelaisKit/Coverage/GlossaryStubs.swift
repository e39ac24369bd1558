/// `relais coverage --suggest FILE`: a glossary of entry stubs, one for
/// each acronym and name the corpus holds and no entry covers, ready to
/// edit. Each stub has an id made from its text, a type guessed from the
/// entity label (an acronym is guessed `ORG`), its French term (the long
/// form a definition in the text gave, with the acronym), a note with its
/// count and first sentence, and `en: TODO`, which lint refuses (E042) so
/// that no stub is used before someone writes the English. The YAML is the
/// one `relais glossary import` writes.
enum GlossaryStubs {
  /// What a stub holds where a person must write the term.
  static let placeholder = "TODO"

  /// The stubs' YAML and their number, or nil when there is nothing to
  /// suggest. `taken` are entry ids the glossaries have already.
  static func yaml(for report: CoverageReport, corpus: String, taken: Set<String>)
    throws(RelaisError) -> (text: String, count: Int)?
  {
    var ids = taken
    var entries: [GlossaryEntry] = []
    var covered = Set<String>()
    for acronym in report.unknownAcronyms {
      covered.insert(acronym.text)
      if let long = acronym.longForm { covered.insert(long) }
      let french =
        acronym.longForm.map { LanguageTerms(preferred: $0, acronyms: [acronym.text]) }
        ?? LanguageTerms(preferred: acronym.text)
      entries.append(
        stub(
          acronym.longForm ?? acronym.text, "ORG", french, acronym, "an acronym: ORG guessed", &ids)
      )
    }
    for name in report.unknownEntities where !covered.contains(name.text) {
      covered.insert(name.text)
      let label = name.label ?? "MISC"
      let type = ["PER", "LOC", "ORG", "EVENT"].contains(label) ? label : "MISC"
      entries.append(
        stub(
          name.text, type, LanguageTerms(preferred: name.text), name,
          "an entity labelled \(label)", &ids))
    }
    guard !entries.isEmpty else { return nil }
    let glossary = Glossary(
      id: "suggested", title: "Entry stubs from \(corpus)", path: "", sha256: "", entries: entries)
    let header = """
      # Glossary entry stubs written by relais coverage --suggest: the
      # acronyms and names the corpus holds that no glossary entry covers.
      # Check each type, write each `en` (lint refuses TODO, E042), then move
      # the entries into a glossary of your glossary folder. Format:
      # Glossaries/README.md.

      """
    return (header + (try GlossaryInterchange.yaml(glossary)), entries.count)
  }

  private static func stub(
    _ text: String, _ type: String, _ french: LanguageTerms, _ unknown: CoverageReport.Unknown,
    _ guess: String, _ ids: inout Set<String>
  ) -> GlossaryEntry {
    let context = unknown.context.split(whereSeparator: \.isNewline).joined(separator: " ")
    let shown = context.count > 120 ? String(context.prefix(120)) + "…" : context
    let mentions = "\(unknown.count) mention\(unknown.count == 1 ? "" : "s")"
    return GlossaryEntry(
      id: uniqueID(for: text, &ids), type: type,
      languages: ["fr": french, "en": LanguageTerms(preferred: placeholder)],
      note: "\(mentions) (\(guess)); first in \(unknown.document): \(shown)")
  }

  /// `GlossaryInterchange.slug(_:)` of `text`, at most 48 characters,
  /// with `-2`, `-3`… when taken.
  static func uniqueID(for text: String, _ taken: inout Set<String>) -> String {
    var slug = String(GlossaryInterchange.slug(text).prefix(48))
    while slug.hasSuffix("-") { slug.removeLast() }
    return GlossaryInterchange.uniqueID(slug, &taken)
  }
}
