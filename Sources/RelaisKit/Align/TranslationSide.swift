/// One side of a translation pair as the English-side stages read it:
/// its sentences, tokenized by its language's rules, and the glossary
/// terms of each sentence.
package struct TranslationSide: Sendable {
  /// A glossary term found in a sentence of the side.
  package struct FoundTerm: Sendable, Equatable {
    package var entry: GlossaryEntryRef
    package var role: TermRole
    /// The language of the term that matched (`TermMatcher.Term`).
    package var language: String
    /// Code point offsets into the side's text.
    package var start: Int
    package var end: Int
    package var text: String
    /// The folded keys of its units (`TermKeys`): two matches with the
    /// same keys are the same words whatever their case and accents.
    package var units: [UInt64]
  }

  package var language: Language
  /// Each sentence's span, code point offsets into the text.
  package var spans: [Range<Int>]
  /// Each sentence as the aligner sees it (`Anchors`), its terms' entries
  /// not yet among its anchors (`Anchors.sentences(of:)` adds them).
  package var sentences: [SentenceAligner.Sentence]
  /// The terms of each sentence, in text order (empty without glossaries).
  package var terms: [[FoundTerm]]
  /// The text's length in code points.
  package var length: Int

  /// Segments, tokenizes and splits `text` as `relais tokenize` does, then
  /// matches `matcher`'s terms in each sentence.
  package init(
    _ text: SourceText, language: Language, pipeline: Pipeline, matcher: TermMatcher?
  ) throws(PipelineFailure) {
    self.language = language
    var sentenceSpans: [Range<Int>] = []
    var sentences: [SentenceAligner.Sentence] = []
    var terms: [[FoundTerm]] = []
    var counter = CodePointCounter()
    var matches: [TermMatch] = []
    var units: [UnitScanner.Unit] = []
    /// Each token's code point offsets (no strings: the aligner reads a
    /// sentence from its token spans, `Anchors.sentence(_:_:offsets:)`).
    var offsets: [CodePointRange] = []
    try pipeline.process(text, language: language) { bytes, block in
      for range in block.sentences where !range.isEmpty {
        let spans = block.tokens[range]
        offsets.removeAll(keepingCapacity: true)
        for span in spans {
          let start = counter.codePoints(bytes, upTo: span.startByte)
          offsets.append(
            CodePointRange(start: start, end: counter.codePoints(bytes, upTo: span.endByte)))
        }
        sentenceSpans.append(offsets[0].start..<offsets[offsets.count - 1].end)
        sentences.append(Anchors.sentence(spans, bytes, offsets: offsets))
        var found: [FoundTerm] = []
        if let matcher {
          matches.removeAll(keepingCapacity: true)
          matcher.matches(in: spans, bytes, into: &matches)
          for match in matches {
            let term = matcher.terms[match.term]
            let first = spans[spans.startIndex + match.tokenRange.lowerBound]
            let last = spans[spans.startIndex + match.tokenRange.upperBound - 1]
            units.removeAll(keepingCapacity: true)
            UnitScanner.units(
              of: spans[
                (spans.startIndex + match.tokenRange.lowerBound)..<(spans.startIndex
                  + match.tokenRange.upperBound)], bytes, unitRules: matcher.unitRules,
              into: &units)
            found.append(
              FoundTerm(
                entry: term.entryRef, role: term.role, language: term.language,
                start: offsets[match.tokenRange.lowerBound].start,
                end: offsets[match.tokenRange.upperBound - 1].end,
                text: String(decoding: bytes[first.startByte..<last.endByte], as: UTF8.self),
                units: units.map(\.folded)))
          }
        }
        terms.append(found)
      }
    }
    spans = sentenceSpans
    self.sentences = sentences
    self.terms = terms
    length = text.bytes.withUnsafeBufferPointer { CodePointCounter.count($0, 0..<$0.count) }
  }
}
