/// A sentence with everything the stages found in it, as sinks receive it.
/// The pipeline fills one value and reuses its buffers sentence after
/// sentence: a sink reads it during the call and keeps nothing of it
/// (`bytes` and `tokens` point into the document being processed).
///
/// Ids and code point offsets are computed once, here; renderers copy them.
package struct AnnotatedSentence {
  /// The document id, escaped once for the records.
  package var documentID = EscapedString("")
  /// Position of the sentence in its document, from 1 (`#s1`).
  package var number = 0
  /// Position of its block in the document, from 1 (`#b1`).
  package var blockNumber = 0
  /// The first sentence of its block (CoNLL-U's `# newpar`).
  package var opensBlock = false
  /// The document text, UTF-8.
  package var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// The document's language: whose multiword tokens the writers expand.
  package var language = Language.french
  /// The sentence's tokens: byte ranges into `bytes`.
  package var tokens: ArraySlice<TokenSpan> = []
  /// Code point offsets of the sentence into the document text.
  package var start = 0
  package var end = 0
  /// Code point offsets of each token, in the order of `tokens` (one
  /// array of pairs: an append per token, not two).
  package var tokenOffsets: [CodePointRange] = []

  /// Normalize stage: whether each token's norm is known.
  package var normalized = false
  /// The norms that differ from their token's text, by token index in
  /// increasing order; every other token's norm is its text (nearly every
  /// French token, see `TokenNormalization.normIsText`). Kept apart so a
  /// sentence costs no append per token for them.
  package var normExceptions: [NormException] = []

  /// Match stage: glossary terms, in text order, and the glossaries their
  /// indices point into.
  package var matches: [TermMatch] = []
  package var glossaries: TermMatcher?

  /// Extract stage: entities in text order, then acronym definitions.
  package var entities: [EntityMention] = []
  package var acronyms: [AcronymDefinition] = []

  /// Numbers (from 1, within the document) of the first term, entity and
  /// acronym of this sentence; the others follow in order.
  package var firstTermNumber = 1
  package var firstEntityNumber = 1
  package var firstAcronymNumber = 1

  package init() {}

  /// Empties the value for the next sentence, keeping its buffers.
  mutating func reset(
    documentID: EscapedString, number: Int, blockNumber: Int, opensBlock: Bool,
    tokens: ArraySlice<TokenSpan>, bytes: UnsafeBufferPointer<UInt8>
  ) {
    self.documentID = documentID
    self.number = number
    self.blockNumber = blockNumber
    self.opensBlock = opensBlock
    self.tokens = tokens
    self.bytes = bytes
    tokenOffsets.removeAll(keepingCapacity: true)
    normalized = false
    if !normExceptions.isEmpty { normExceptions.removeAll(keepingCapacity: true) }
    matches.removeAll(keepingCapacity: true)
    // The extractor keeps its own buffers; emptying these (no allocation)
    // lets go of its last result so it can reuse them in place.
    entities = []
    acronyms = []
  }

  /// Lets go of the block's tokens, so that the next block reuses their
  /// buffer instead of copying it.
  mutating func releaseTokens() {
    tokens = []
    bytes = UnsafeBufferPointer(start: nil, count: 0)
  }

  /// Where the tokens at `range` (indices into `tokens`) are, in code
  /// points and bytes.
  func span(_ range: Range<Int>) -> AnnotationSpan {
    let first = tokens[tokens.startIndex + range.lowerBound]
    let last = tokens[tokens.startIndex + range.upperBound - 1]
    return AnnotationSpan(
      start: tokenOffsets[range.lowerBound].start, end: tokenOffsets[range.upperBound - 1].end,
      byteRange: first.startByte..<last.endByte)
  }

  /// The bytes of the whole sentence, first token to last.
  var byteRange: Range<Int> {
    guard let first = tokens.first, let last = tokens.last else { return 0..<0 }
    return first.startByte..<last.endByte
  }
}

/// Code point offsets of a token into the document text.
package struct CodePointRange: Sendable, Equatable {
  package var start: Int
  package var end: Int
}

/// A token whose norm is not its text.
package struct NormException: Sendable, Equatable {
  /// Index into the sentence's tokens.
  package var token: Int
  package var norm: String
}

/// A block, as sinks receive it.
package struct AnnotatedBlock: Sendable {
  package var documentID: EscapedString
  /// Position in the document, from 1 (`#b1`).
  package var number: Int
  package var kind: BlockKind
  /// Code point offsets into the document text.
  package var start: Int
  package var end: Int
}

/// What the stages found in a whole document, for the records that close
/// it.
package struct DocumentSummary: Sendable {
  package var documentID: String
  package var blocks = 0
  package var sentences = 0
  package var terms = 0
  package var entities = 0
  package var acronyms = 0
  /// The English side's `alignment` and `term_check` records.
  package var alignments = 0
  package var termChecks = 0
}

/// Where the pipeline hands a document, in order: `begin`, each block
/// followed by its sentences, the English side (`translation`, for a
/// document given with one), `end`. Renderers (JSONL records, CoNLL-U,
/// text) are sinks: they write what they are given and run no stage. A new
/// output format is one new sink.
package protocol DocumentSink {
  mutating func begin(
    _ document: DocumentInfo, _ provenance: Provenance, into writer: inout JSONLWriter
  ) throws(RelaisError)
  mutating func block(_ block: AnnotatedBlock, into writer: inout JSONLWriter) throws(RelaisError)
  mutating func sentence(_ sentence: AnnotatedSentence, into writer: inout JSONLWriter)
    throws(RelaisError)
  mutating func end(_ summary: DocumentSummary, into writer: inout JSONLWriter) throws(RelaisError)
  /// The English side of a document given with its translation, after its
  /// last sentence.
  mutating func translation(_ alignment: AlignJob.Alignment, into writer: inout JSONLWriter)
    throws(RelaisError)
  /// Whether the sink writes the document's SHA-256, which costs a pass
  /// over its bytes (a few per cent of `relais tokenize`): without it,
  /// `begin` gets an empty `sha256`.
  var writesDocumentDigest: Bool { get }
  /// Whether the sink writes the document's text (`--with-text`): only
  /// then does `begin` get it.
  var writesDocumentText: Bool { get }
}

extension DocumentSink {
  /// Sentence formats (CoNLL-U, text) have no place for it.
  package func translation(_ alignment: AlignJob.Alignment, into writer: inout JSONLWriter)
    throws(RelaisError)
  {}
  package var writesDocumentDigest: Bool { true }
  package var writesDocumentText: Bool { false }
}

/// A stage that annotates each sentence after it is tokenized and split,
/// adding to the `AnnotatedSentence` what it finds. A new stage (the
/// entity model, the English side) is one type and one line in
/// `Pipeline.sentenceStages(until:matcher:)`.
protocol SentenceStage {
  /// The stage `--until` names.
  var stage: RunStage { get }
  /// Forgets what the previous document taught the stage.
  mutating func beginDocument()
  mutating func annotate(_ sentence: inout AnnotatedSentence) throws(RelaisError)
}
