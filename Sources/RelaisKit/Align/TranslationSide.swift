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
  /// Each sentence's tokens, code point offsets into the text.
  package var sentences: [[Token]]
  /// The terms of each sentence, in text order (empty without glossaries).
  package var terms: [[FoundTerm]]
  /// The text's length in code points.
  package var length: Int

  /// The sentences' spans, in code points.
  package var spans: [Range<Int>] {
    sentences.map { tokens in
      guard let first = tokens.first, let last = tokens.last else { return 0..<0 }
      return first.start..<last.end
    }
  }

  /// Segments, tokenizes and splits `text` as `relais tokenize` does, then
  /// matches `matcher`'s terms in each sentence.
  package init(
    _ text: SourceText, language: Language, pipeline: Pipeline, matcher: TermMatcher?
  ) throws(PipelineFailure) {
    self.language = language
    var sentences: [[Token]] = []
    var terms: [[FoundTerm]] = []
    var counter = CodePointCounter()
    var matches: [TermMatch] = []
    var units: [UnitScanner.Unit] = []
    try pipeline.process(text, language: language) { bytes, block in
      for range in block.sentences where !range.isEmpty {
        let spans = block.tokens[range]
        let tokens = spans.map { span in
          Token(
            text: String(decoding: bytes[span.byteRange], as: UTF8.self),
            norm: TokenNormalization.norm(of: bytes, span.byteRange),
            start: counter.codePoints(bytes, upTo: span.startByte),
            end: counter.codePoints(bytes, upTo: span.endByte), kind: span.kind,
            spaceAfter: span.spaceAfter)
        }
        sentences.append(tokens)
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
                start: tokens[match.tokenRange.lowerBound].start,
                end: tokens[match.tokenRange.upperBound - 1].end,
                text: String(decoding: bytes[first.startByte..<last.endByte], as: UTF8.self),
                units: units.map(\.folded)))
          }
        }
        terms.append(found)
      }
    }
    self.sentences = sentences
    self.terms = terms
    length = text.bytes.withUnsafeBufferPointer { CodePointCounter.count($0, 0..<$0.count) }
  }
}
