/// The stages of a document, in the order data flows through them.
/// `relais run --until STAGE` stops after STAGE: each stage's output holds
/// what that stage and those before it found, nothing from a later one.
public enum RunStage: String, Sendable, CaseIterable, Comparable {
  /// Read, decode and check the text: `document` records.
  case read
  /// Blocks (headings, paragraphs, list items…): `block` records.
  case segment
  /// Tokens, split into sentences: `sentence` records, tokens without
  /// `norm`. The splitter reads tokens, and records carry tokens only
  /// inside sentences, so the two are one stage here.
  case tokenize
  /// Each token's `norm` (`TokenNormalization`).
  case normalize
  /// Glossary terms (with `--glossaries`): `term` records.
  case match
  /// Entities and acronym definitions: `entity` and `acronym` records.
  case extract
  /// The English side, for a document given with its translation (the
  /// JSONL `translation` field): `alignment` records, and with glossaries
  /// a `term_check` record for each French term (`EnglishSide`).
  case align

  private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// A block with its tokens and sentences.
package struct TokenizedBlock: Sendable {
  /// Position of the block in its document, from 0.
  package var index: Int
  /// UTF-8 byte offsets into the document text.
  package var byteRange: Range<Int>
  package var kind: BlockKind
  package var tokens: [TokenSpan]
  /// Ranges of indices into `tokens`.
  package var sentences: [Range<Int>]
}

/// One document as the read stage takes it: bytes and names.
package struct DocumentSource: Sendable {
  /// The document id (`DocumentIDs`).
  package var id: String
  /// What the `document` record names as its source.
  package var source: String
  /// What diagnostics name as its path.
  package var path: String
  package var fileBytes: [UInt8]
  package var byteOrderMark: SourceText.ByteOrderMark
  /// SHA-256 of `fileBytes`, when the caller computed it already.
  package var sha256: String?
  /// A JSONL line's `metadata` object, serialized, for the document record.
  package var metadata: [UInt8]?
  /// The document's English translation, for the English side.
  package var translation: String?
  /// Which rules read it (`Language` says how a run decides).
  package var language: Language = .french

  package init(
    id: String, source: String, path: String, fileBytes: [UInt8],
    byteOrderMark: SourceText.ByteOrderMark = .removed
  ) {
    self.id = id
    self.source = source
    self.path = path
    self.fileBytes = fileBytes
    self.byteOrderMark = byteOrderMark
  }
}

/// Why a document stopped part-way: the stage that failed, or the output.
package enum PipelineFailure: Error {
  case stage(RunStage, RelaisError)
  /// A sink could not write (disk full, a closed pipe).
  case output(RelaisError)
}

/// Composes the stages in data-flow order and hands what they find to a
/// `DocumentSink`: the document, each block, each finished sentence as one
/// `AnnotatedSentence`, the English side of a document given with its
/// translation (`EnglishSide`), then a summary. Sinks only write; every stage runs
/// here. One `Pipeline` per worker, reused document after document (it
/// owns an ICU iterator and the stages' buffers).
///
/// A sentence stage (`SentenceStage`) is one file and one line in
/// `sentenceStages(until:matcher:)`.
package struct Pipeline {
  let blockStages: BlockStages
  /// How far `run` goes.
  package let until: RunStage
  package let provenance: Provenance
  let matcher: TermMatcher?
  /// The same glossaries compiled for English documents.
  let englishMatcher: TermMatcher?
  /// The sentence stages of French documents, then of English ones.
  private var stages: [any SentenceStage]
  private var englishStages: [any SentenceStage]
  /// Reused from sentence to sentence.
  private var sentence = AnnotatedSentence()
  /// The document's sentences and terms as the English side reads them,
  /// gathered while its stages run, for a document given with its
  /// translation.
  private var frenchSide: TranslationSide?
  private var tokens: [TokenSpan] = []

  /// With `entityModel`, names come from it and the rules as
  /// `recognition` says; without, from the rules. `matcher` reads French
  /// documents, `englishMatcher` English ones (compiled from `matcher`'s
  /// glossaries when not given).
  package init(
    until: RunStage = .align, matcher: TermMatcher? = nil,
    englishMatcher: TermMatcher? = nil, provenance: Provenance = Provenance(),
    entityModel: EntityModel? = nil, recognition: EntityRecognition = .both
  ) throws(RelaisError) {
    try self.init(
      tokenizer: Tokenizer(), until: until, matcher: matcher, englishMatcher: englishMatcher,
      provenance: provenance, entityModel: entityModel, recognition: recognition)
  }

  init(
    tokenizer: Tokenizer, until: RunStage = .align, matcher: TermMatcher? = nil,
    englishMatcher: TermMatcher? = nil, provenance: Provenance = Provenance(),
    entityModel: EntityModel? = nil, recognition: EntityRecognition = .both
  ) throws(RelaisError) {
    blockStages = BlockStages(tokenizer: tokenizer)
    self.until = until
    self.matcher = matcher
    var englishMatcher = englishMatcher
    if englishMatcher == nil, let matcher { englishMatcher = try matcher.compiled(for: .english) }
    self.englishMatcher = englishMatcher
    self.provenance = provenance
    stages = Self.sentenceStages(
      until: until, matcher: matcher, entityModel: entityModel, recognition: recognition)
    englishStages = Self.sentenceStages(
      until: until, matcher: englishMatcher, language: .english)
    sentence.glossaries = matcher
  }

  /// The stages that annotate each sentence, in order, as far as `until`.
  /// A new stage is one line here. English text gets its norms and its
  /// glossary terms (the `en` terms): the entity rules and model are
  /// French.
  static func sentenceStages(
    until: RunStage, matcher: TermMatcher?, entityModel: EntityModel? = nil,
    recognition: EntityRecognition = .both, language: Language = .french
  ) -> [any SentenceStage] {
    var stages: [any SentenceStage] = []
    if until >= .normalize { stages.append(TokenNorms()) }
    if until >= .match, let matcher { stages.append(TermMatching(matcher: matcher)) }
    guard language == .french else { return stages }
    if until >= .extract { stages.append(EntityRules(matcher: matcher)) }
    if until >= .extract, let entityModel, recognition != .rules {
      stages.append(EntityModelStage(model: entityModel, recognition: recognition))
    }
    return stages
  }

  /// Sets the model stage's precedence thresholds (tuning them).
  package mutating func setEntityThresholds(_ thresholds: EntityPrecedence.Thresholds) {
    for index in stages.indices {
      guard var stage = stages[index] as? EntityModelStage else { continue }
      stage.thresholds = thresholds
      stages[index] = stage
    }
  }

  /// Adds a sentence stage after those `sentenceStages` gives (a stage
  /// tried out before it gets its line there; the tests' failing stage).
  mutating func append(_ stage: any SentenceStage) {
    stages.append(stage)
    englishStages.append(stage)
  }

  /// Runs every stage up to `until` over one document, handing what they
  /// find to `sink` as soon as each sentence is done, so memory stays flat
  /// however long the document.
  package mutating func run<Sink: DocumentSink>(
    _ document: DocumentSource, into sink: inout Sink, _ writer: inout JSONLWriter
  ) throws(PipelineFailure) {
    // Read: decode and check.
    let text: SourceText
    let chars: Int
    do {
      text = try SourceText(
        fileBytes: document.fileBytes, path: document.path, byteOrderMark: document.byteOrderMark)
      try text.requireText()
      chars = text.bytes.withUnsafeBufferPointer { CodePointCounter.count($0, 0..<$0.count) }
    } catch {
      throw .stage(.read, error)
    }
    var info = DocumentInfo(
      id: document.id, source: document.source,
      sha256: sink.writesDocumentDigest
        ? document.sha256 ?? DocumentInfo.sha256(of: document.fileBytes) : "",
      chars: chars)
    info.lang = document.language.rawValue
    info.metadata = document.metadata
    if sink.writesDocumentText { info.text = text.bytes }
    do { try sink.begin(info, provenance, into: &writer) } catch { throw .output(error) }
    var summary = DocumentSummary(documentID: document.id)
    let translation = until >= .align ? document.translation : nil
    // A French text the English side reads as annotated; any other is read
    // again by French rules.
    frenchSide =
      translation != nil && document.language == .french
      ? TranslationSide(language: .french) : nil
    if until >= .segment {
      try annotate(text, document.id, document.language, &summary, &sink, &writer)
    }
    // The English side: the translation aligned with the text, and each
    // French term's rendering checked.
    if let translation {
      let alignment: AlignJob.Alignment
      do {
        let french: TranslationSide
        if var annotated = frenchSide {
          annotated.length = chars
          french = annotated
        } else {
          french = try TranslationSide(
            text, language: .french, pipeline: self, matcher: matcher)
        }
        frenchSide = nil
        alignment = try EnglishSide.align(
          id: document.id, text: text, french: french, translation: translation, self,
          matcher: matcher, englishMatcher: englishMatcher)
      } catch {
        throw .stage(.align, error.error)
      }
      summary.alignments = alignment.pairs.count
      summary.termChecks = alignment.checks.count
      do { try sink.translation(alignment, into: &writer) } catch { throw .output(error) }
    }
    do { try sink.end(summary, into: &writer) } catch { throw .output(error) }
  }

  /// Segment, tokenize and split, then the sentence stages, block by block.
  private mutating func annotate<Sink: DocumentSink>(
    _ text: SourceText, _ documentID: String, _ language: Language,
    _ summary: inout DocumentSummary, _ sink: inout Sink, _ writer: inout JSONLWriter
  ) throws(PipelineFailure) {
    if language != .french { swap(&stages, &englishStages) }
    sentence.glossaries = language == .french ? matcher : englishMatcher
    defer { if language != .french { swap(&stages, &englishStages) } }
    for index in stages.indices { stages[index].beginDocument() }
    sentence.language = language
    let escapedID = EscapedString(documentID)
    let withSentences = until >= .tokenize
    var counter = CodePointCounter()
    // A copy of the block stages (they hold only references), so that the
    // body may change the sentence stages while they run.
    let blockStages = blockStages
    try blockStages.process(text, language: language, tokenizing: withSentences) {
      bytes, block throws(PipelineFailure) in
      summary.blocks += 1
      let start = counter.codePoints(bytes, upTo: block.byteRange.lowerBound)
      let annotated = AnnotatedBlock(
        documentID: escapedID, number: block.index + 1, kind: block.kind, start: start,
        end: start + CodePointCounter.count(bytes, block.byteRange))
      do throws(RelaisError) { try sink.block(annotated, into: &writer) } catch {
        throw .output(error)
      }
      guard withSentences else { return }
      for (position, range) in block.sentences.enumerated() where !range.isEmpty {
        try annotateSentence(
          block, range, opensBlock: position == 0, bytes, escapedID, &counter, &summary)
        do throws(RelaisError) { try sink.sentence(sentence, into: &writer) } catch {
          throw .output(error)
        }
      }
      // The sentence shares the block's tokens: let them go, so the next
      // block reuses their buffer.
      sentence.releaseTokens()
    }
  }

  /// Fills `sentence` for the tokens at `range` of `block` and runs the
  /// sentence stages over it.
  private mutating func annotateSentence(
    _ block: TokenizedBlock, _ range: Range<Int>, opensBlock: Bool,
    _ bytes: UnsafeBufferPointer<UInt8>, _ documentID: EscapedString,
    _ counter: inout CodePointCounter, _ summary: inout DocumentSummary
  ) throws(PipelineFailure) {
    summary.sentences += 1
    sentence.reset(
      documentID: documentID, number: summary.sentences, blockNumber: block.index + 1,
      opensBlock: opensBlock, tokens: block.tokens[range], bytes: bytes)
    let first = block.tokens[range.lowerBound]
    let last = block.tokens[range.upperBound - 1]
    sentence.start = counter.codePoints(bytes, upTo: first.startByte)
    sentence.end = sentence.start + CodePointCounter.count(bytes, first.startByte..<last.endByte)
    for token in sentence.tokens {
      let start = counter.codePoints(bytes, upTo: token.startByte)
      sentence.tokenOffsets.append(
        CodePointRange(start: start, end: counter.codePoints(bytes, upTo: token.endByte)))
    }
    sentence.firstTermNumber = summary.terms + 1
    sentence.firstEntityNumber = summary.entities + 1
    sentence.firstAcronymNumber = summary.acronyms + 1
    for index in stages.indices {
      do {
        try stages[index].annotate(&sentence)
      } catch {
        throw .stage(stages[index].stage, error)
      }
    }
    frenchSide?.append(
      sentence.tokens, sentence.bytes, offsets: sentence.tokenOffsets, matches: sentence.matches,
      matcher: matcher)
    summary.terms += sentence.matches.count
    summary.entities += sentence.entities.count
    summary.acronyms += sentence.acronyms.count
  }

  /// Segment, tokenize and split `text`, handing each block to `body` as
  /// soon as it is done (the first stages alone, for tests and benchmarks).
  package func process<Failure: Error>(
    _ text: SourceText, language: Language = .french,
    _ body: (UnsafeBufferPointer<UInt8>, TokenizedBlock) throws(Failure) -> Void
  ) throws(PipelineFailure) {
    try blockStages.process(text, language: language, body)
  }

  /// Every token and sentence of `text`, with code point offsets.
  package func sentences(of text: SourceText, language: Language = .french)
    throws(PipelineFailure) -> [[Token]]
  {
    try blockStages.sentences(of: text, language: language)
  }
}

/// The stages that make blocks, tokens and sentences: what every later
/// stage reads.
struct BlockStages {
  let tokenizer: Tokenizer

  /// Segment, tokenize and split `text` by the rules of `language`, handing
  /// each block to `body` as soon as it is done. Without `tokenizing`,
  /// blocks come without tokens.
  package func process<Failure: Error>(
    _ text: SourceText, language: Language = .french, tokenizing: Bool = true,
    _ body: (UnsafeBufferPointer<UInt8>, TokenizedBlock) throws(Failure) -> Void
  ) throws(PipelineFailure) {
    var failure: Failure?
    var setupFailure: RelaisError?
    text.bytes.withUnsafeBufferPointer { bytes in
      if tokenizing {
        do throws(RelaisError) { try tokenizer.setDocument(bytes) } catch {
          setupFailure = error
          return
        }
      }
      var tokens: [TokenSpan] = []
      let rules = language.tokenRules
      var splitter = SentenceSplitter(rules: rules)
      if tokenizing { splitter.startStyle = SentenceStartStyle.of(bytes) }
      for (index, block) in BlockSegmenter.blocks(bytes).enumerated() {
        tokens.removeAll(keepingCapacity: true)
        var sentences: [Range<Int>] = []
        if tokenizing {
          tokenizer.tokenize(bytes, byteRange: block.byteRange, rules: rules, into: &tokens)
          sentences = splitter.split(tokens, in: bytes)
        }
        do throws(Failure) {
          try body(
            bytes,
            TokenizedBlock(
              index: index, byteRange: block.byteRange, kind: block.kind, tokens: tokens,
              sentences: sentences))
        } catch {
          failure = error
          return
        }
      }
    }
    if let setupFailure { throw .stage(.tokenize, setupFailure) }
    if let failure {
      if let known = failure as? PipelineFailure { throw known }
      throw .stage(.tokenize, RelaisError(.icuFailure, "\(failure)", path: text.path))
    }
  }

  /// Every token and sentence of `text`, with code point offsets.
  package func sentences(of text: SourceText, language: Language = .french)
    throws(PipelineFailure) -> [[Token]]
  {
    var result: [[Token]] = []
    var counter = CodePointCounter()
    try process(text, language: language) { bytes, block in
      for sentence in block.sentences {
        result.append(
          block.tokens[sentence].map { span in
            Token(
              text: String(decoding: bytes[span.byteRange], as: UTF8.self),
              norm: TokenNormalization.norm(of: bytes, span.byteRange),
              start: counter.codePoints(bytes, upTo: span.startByte),
              end: counter.codePoints(bytes, upTo: span.endByte), kind: span.kind,
              spaceAfter: span.spaceAfter)
          })
      }
    }
    return result
  }
}

extension PipelineFailure: CustomStringConvertible {
  /// The error as stderr prints it.
  package var description: String { error.description }

  /// The error, whoever raised it.
  package var error: RelaisError {
    switch self {
    case .stage(_, let error), .output(let error): error
    }
  }
}
