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

  /// A side with no sentence yet, to which the pipeline appends the
  /// sentences of a document as it annotates them (`append`).
  init(language: Language) {
    self.language = language
    spans = []
    sentences = []
    terms = []
    length = 0
  }

  /// Segments, tokenizes and splits `text` as `relais tokenize` does, then
  /// matches `matcher`'s terms in each sentence.
  package init(
    _ text: SourceText, language: Language, pipeline: Pipeline, matcher: TermMatcher?
  ) throws(PipelineFailure) {
    self.init(language: language)
    var counter = CodePointCounter()
    var matches: [TermMatch] = []
    /// Each token's code point offsets (no strings: the aligner reads a
    /// sentence from its token spans, `Anchors.sentence(_:_:offsets:)`).
    var offsets: [CodePointRange] = []
    var side = self
    try pipeline.process(text, language: language) { bytes, block in
      for range in block.sentences where !range.isEmpty {
        let spans = block.tokens[range]
        offsets.removeAll(keepingCapacity: true)
        for span in spans {
          let start = counter.codePoints(bytes, upTo: span.startByte)
          offsets.append(
            CodePointRange(start: start, end: counter.codePoints(bytes, upTo: span.endByte)))
        }
        matches.removeAll(keepingCapacity: true)
        matcher?.matches(in: spans, bytes, into: &matches)
        side.append(spans, bytes, offsets: offsets, matches: matches, matcher: matcher)
      }
    }
    self = side
    length = text.bytes.withUnsafeBufferPointer { CodePointCounter.count($0, 0..<$0.count) }
  }

  /// Adds one sentence: its tokens, their code point offsets, and the
  /// terms `matcher` found in them.
  mutating func append(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    offsets: [CodePointRange], matches: [TermMatch], matcher: TermMatcher?
  ) {
    spans.append(offsets[0].start..<offsets[offsets.count - 1].end)
    sentences.append(Anchors.sentence(tokens, bytes, offsets: offsets))
    var found: [FoundTerm] = []
    if let matcher {
      var units: [UnitScanner.Unit] = []
      for match in matches {
        let term = matcher.terms[match.term]
        let first = tokens.startIndex + match.tokenRange.lowerBound
        let last = tokens.startIndex + match.tokenRange.upperBound - 1
        let matched = tokens[first...last]
        units.removeAll(keepingCapacity: true)
        UnitScanner.units(of: matched, bytes, unitRules: matcher.unitRules, into: &units)
        found.append(
          FoundTerm(
            entry: term.entryRef, role: term.role, language: term.language,
            start: offsets[match.tokenRange.lowerBound].start,
            end: offsets[match.tokenRange.upperBound - 1].end,
            text: String(
              decoding: bytes[tokens[first].startByte..<tokens[last].endByte], as: UTF8.self),
            units: units.map(\.folded)))
      }
    }
    terms.append(found)
  }
}
