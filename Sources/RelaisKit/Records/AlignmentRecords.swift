/// The records of the English side, `alignment` and `term_check`
/// (DESIGN.md; `Schemas/records.schema.json` defines them).
extension RecordWriter {
  /// `alignment` records: for each bead its id, kind, score and, per
  /// side, the span it covers and how many sentences; a side with no
  /// sentence has an empty span where its text stands at that point. The
  /// bead's `term_check` records follow it.
  static func alignment(_ alignment: AlignJob.Alignment, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    func side(_ name: StaticString, _ covered: Range<Int>, sentences: Int) {
      writer.raw(name)
      writer.raw("{\"start\":")
      writer.integer(covered.lowerBound)
      writer.raw(",\"end\":")
      writer.integer(covered.upperBound)
      writer.raw(",\"sentences\":")
      writer.integer(sentences)
      writer.byte(0x7D)
    }
    let escaped = EscapedString(alignment.id)
    let texts = BeadTexts(alignment)
    var checkNumber = 0
    for (number, (pair, checks)) in zip(alignment.pairs, alignment.checksByBead).enumerated() {
      writer.raw("{\"type\":\"alignment\",\"doc\":")
      writer.string(escaped)
      writer.raw(",\"id\":")
      writer.string(escaped, suffix: "#a", number: number + 1)
      writer.raw(",\"bead\":")
      writer.string(pair.bead.rawValue)
      writer.raw(",\"score\":")
      writer.score(pair.score)
      let spans = alignment.spans(of: pair)
      side(",\"fr\":", spans.french, sentences: pair.french.count)
      side(",\"en\":", spans.english, sentences: pair.english.count)
      writer.byte(0x7D)
      try writer.endLine()
      // The bead's texts, once, for the checks that were not rendered.
      let context = checks.allSatisfy { $0.rendering == .rendered } ? nil : texts.texts(of: pair)
      for check in checks {
        checkNumber += 1
        try writeCheck(
          check, alignment, id: escaped, number: checkNumber, bead: number + 1,
          context: check.rendering == .rendered ? nil : context, into: &writer)
      }
    }
  }

  /// One `term_check` record: the French term, its decision, the English
  /// term taken (unless missing), the entry's preferred English term, and,
  /// unless rendered, the bead's two texts for a reviewer.
  private static func writeCheck(
    _ check: TermCheck.Decision, _ alignment: AlignJob.Alignment, id: EscapedString, number: Int,
    bead: Int, context: (french: String, english: String)?, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    let entry = alignment.entry(of: check)
    func term(_ name: StaticString, _ term: TranslationSide.FoundTerm) {
      writer.raw(name)
      writer.raw("{\"start\":")
      writer.integer(term.start)
      writer.raw(",\"end\":")
      writer.integer(term.end)
      writer.raw(",\"text\":")
      writer.string(term.text)
      writer.raw(",\"match\":")
      writer.string(term.role.rawValue)
      writer.raw(",\"language\":")
      writer.string(term.language)
      writer.byte(0x7D)
    }
    writer.raw("{\"type\":\"term_check\",\"doc\":")
    writer.string(id)
    writer.raw(",\"id\":")
    writer.string(id, suffix: "#c", number: number)
    writer.raw(",\"alignment\":")
    writer.string(id, suffix: "#a", number: bead)
    writer.raw(",\"entry\":")
    writer.string(entry.id)
    writer.raw(",\"glossary\":")
    writer.string(alignment.glossaries[check.french.entry.glossary].id)
    writer.raw(",\"status\":")
    writer.string(check.rendering.rawValue)
    term(",\"fr\":", check.french)
    if let english = check.english { term(",\"en\":", english) }
    if let expected = entry.languages["en"]?.preferred {
      writer.raw(",\"expected\":")
      writer.string(expected)
    }
    if let context {
      writer.raw(",\"context\":{\"fr\":")
      writer.string(context.french)
      writer.raw(",\"en\":")
      writer.string(context.english)
      writer.byte(0x7D)
    }
    writer.byte(0x7D)
    try writer.endLine()
  }
}
