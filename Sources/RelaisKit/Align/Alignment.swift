/// The English side's core: a French text and its translation, each read
/// with its language's rules (`TranslationSide`), aligned
/// (`SentenceAligner`), and with glossaries the term check (`TermCheck`).
/// `relais align` runs it on pairs of texts, `relais run` on a document
/// given with its translation (`EnglishSide`).
extension AlignJob {
  /// The glossaries compiled for each side.
  package struct Matchers: Sendable {
    package var french: TermMatcher
    package var english: TermMatcher

    package init(glossaries: [Glossary]) throws(RelaisError) {
      french = try TermMatcher(glossaries: glossaries)
      english = try french.compiled(for: .english)
    }

    package init(french: TermMatcher, english: TermMatcher) {
      self.french = french
      self.english = english
    }
  }

  /// One aligned pair of texts: its id, the sentences of each side (code
  /// point offsets into its text), the beads and the term checks.
  package struct Alignment: Sendable {
    package var id: String
    package var french: [Range<Int>]
    package var english: [Range<Int>]
    package var frenchLength: Int
    package var englishLength: Int
    package var pairs: [SentenceAligner.Pair]
    /// In bead order; empty without glossaries.
    package var checks: [TermCheck.Decision] = []
    package var texts: TextPair
    package var glossaries: [Glossary] = []
  }

  package static func align(
    _ pair: TextPair, _ pipeline: Pipeline, matchers: Matchers? = nil,
    aligner: SentenceAligner = SentenceAligner()
  ) throws(PipelineFailure) -> Alignment {
    let french = try TranslationSide(
      SourceText(string: pair.french, path: pair.id), language: .french, pipeline: pipeline,
      matcher: matchers?.french)
    let english = try TranslationSide(
      SourceText(string: pair.english, path: pair.id), language: .english, pipeline: pipeline,
      matcher: matchers?.english)
    let beads =
      pair.aligned
      ? [
        SentenceAligner.Pair(
          french: 0..<french.sentences.count, english: 0..<english.sentences.count,
          bead: .oneToOne, score: 1)
      ]
      : aligner.align(Anchors.sentences(of: french), Anchors.sentences(of: english))
    var alignment = Alignment(
      id: pair.id, french: french.spans, english: english.spans, frenchLength: french.length,
      englishLength: english.length, pairs: beads, texts: pair)
    if let matchers {
      alignment.glossaries = matchers.french.glossaries
      alignment.checks = TermCheck.decisions(
        french: french, english: english, beads: beads,
        doNotTranslate: { matchers.french.entry(at: $0).doNotTranslate })
    }
    return alignment
  }
}
