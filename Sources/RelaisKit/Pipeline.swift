/// A block with its tokens and sentences.
public struct TokenizedBlock: Sendable {
  /// Position of the block in its document, from 0.
  public var index: Int
  /// UTF-8 byte offsets into the document text.
  public var byteRange: Range<Int>
  public var kind: BlockKind
  public var tokens: [TokenSpan]
  /// Ranges of indices into `tokens`.
  public var sentences: [Range<Int>]
}

/// Composes the stages that exist so far: segment into blocks, tokenize,
/// split sentences. One instance per thread (it owns ICU iterators).
public struct Pipeline {
  let tokenizer: FrenchTokenizer
  let splitter: SentenceSplitter

  public init() throws(RelaisError) {
    try self.init(tokenizer: FrenchTokenizer())
  }

  init(tokenizer: FrenchTokenizer) {
    self.tokenizer = tokenizer
    splitter = SentenceSplitter(tokenizer: tokenizer)
  }

  /// Runs the stages over `text`, handing each block to `body` as soon as it
  /// is done, so memory stays flat however long the document.
  public func process(
    _ text: SourceText,
    _ body: (UnsafeBufferPointer<UInt8>, TokenizedBlock) throws -> Void
  ) throws {
    try text.bytes.withUnsafeBufferPointer { bytes in
      try tokenizer.setDocument(bytes)
      var tokens: [TokenSpan] = []
      for (index, block) in BlockSegmenter.blocks(bytes).enumerated() {
        tokens.removeAll(keepingCapacity: true)
        tokenizer.tokenize(bytes, byteRange: block.byteRange, into: &tokens)
        let sentences = splitter.split(tokens, in: bytes)
        try body(
          bytes,
          TokenizedBlock(
            index: index, byteRange: block.byteRange, kind: block.kind, tokens: tokens,
            sentences: sentences))
      }
    }
  }

  /// Every token and sentence of `text`, with code point offsets.
  public func sentences(of text: SourceText) throws -> [[Token]] {
    var result: [[Token]] = []
    var counter = CodePointCounter()
    try process(text) { bytes, block in
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

/// Converts UTF-8 byte offsets to code point offsets, moving forward only:
/// each call counts the lead bytes since the previous one.
public struct CodePointCounter: Sendable {
  private var byteOffset = 0
  private var codePointOffset = 0

  public init() {}

  /// The code point offset of `byte`; calls must not go backwards.
  @inline(__always)
  public mutating func codePoints(_ bytes: UnsafeBufferPointer<UInt8>, upTo byte: Int) -> Int {
    precondition(byte >= byteOffset, "CodePointCounter moves forward only")
    codePointOffset += Self.count(bytes, byteOffset..<byte)
    byteOffset = byte
    return codePointOffset
  }

  /// The number of code points in a range of valid UTF-8: its bytes less
  /// its continuation bytes (`10xxxxxx`), counted eight at a time.
  @inline(__always)
  public static func count(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var continuation = 0
    var offset = range.lowerBound
    while offset + 8 <= range.upperBound {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      // A continuation byte has its top bit set and the next bit clear.
      continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
      offset += 8
    }
    while offset < range.upperBound {
      if bytes[offset] & 0xC0 == 0x80 { continuation += 1 }
      offset += 1
    }
    return range.count - continuation
  }
}
