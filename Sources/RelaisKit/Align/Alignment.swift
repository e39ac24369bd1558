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
    return align(pair, french: french, english: english, matchers: matchers, aligner: aligner)
  }

  /// The same, with both sides read already (the French one by the
  /// pipeline that annotated it, `EnglishSide`).
  static func align(
    _ pair: TextPair, french: TranslationSide, english: TranslationSide, matchers: Matchers?,
    aligner: SentenceAligner = SentenceAligner()
  ) -> Alignment {
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

extension AlignJob.Alignment {
  /// The code points a bead covers on each side, from its first sentence's
  /// start to its last's end; a side with no sentence has an empty span
  /// where its text stands at that point.
  package func spans(of pair: SentenceAligner.Pair) -> (french: Range<Int>, english: Range<Int>) {
    func span(_ spans: [Range<Int>], _ range: Range<Int>, textLength: Int) -> Range<Int> {
      guard !range.isEmpty else {
        let start =
          range.lowerBound < spans.count ? spans[range.lowerBound].lowerBound : textLength
        return start..<start
      }
      return spans[range.lowerBound].lowerBound..<spans[range.upperBound - 1].upperBound
    }
    return (
      span(french, pair.french, textLength: frenchLength),
      span(english, pair.english, textLength: englishLength)
    )
  }

  /// The term checks of each bead, in bead order (`checks` is in bead
  /// order already).
  package var checksByBead: [ArraySlice<TermCheck.Decision>] {
    var slices: [ArraySlice<TermCheck.Decision>] = []
    var start = checks.startIndex
    for index in pairs.indices {
      var end = start
      while end < checks.endIndex, checks[end].bead == index { end += 1 }
      slices.append(checks[start..<end])
      start = end
    }
    return slices
  }

  /// The glossary entry a French term of a check belongs to.
  package func entry(of check: TermCheck.Decision) -> GlossaryEntry {
    glossaries[check.french.entry.glossary].entries[check.french.entry.entry]
  }
}

/// The two texts of an alignment as code points, to cut a bead's texts
/// out of them (the `context` of a term check, a TMX segment).
struct BeadTexts {
  let alignment: AlignJob.Alignment
  private let french: [Unicode.Scalar]
  private let english: [Unicode.Scalar]

  init(_ alignment: AlignJob.Alignment) {
    self.alignment = alignment
    french = Array(alignment.texts.french.unicodeScalars)
    english = Array(alignment.texts.english.unicodeScalars)
  }

  func texts(of pair: SentenceAligner.Pair) -> (french: String, english: String) {
    let spans = alignment.spans(of: pair)
    return (
      String(String.UnicodeScalarView(french[spans.french])),
      String(String.UnicodeScalarView(english[spans.english]))
    )
  }
}
