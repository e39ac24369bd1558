/// What a token is. The raw values are the `kind` strings of the records.
public enum TokenKind: String, Sendable, CaseIterable {
  case word
  case number
  case ordinal
  case abbreviation
  case punct
  case symbol
  case url
  case email
  case hashtag
  case mention

  /// The raw value as a JSON string literal, quotes included, for the
  /// JSONL writer.
  var jsonLiteral: StaticString {
    switch self {
    case .word: "\"word\""
    case .number: "\"number\""
    case .ordinal: "\"ordinal\""
    case .abbreviation: "\"abbreviation\""
    case .punct: "\"punct\""
    case .symbol: "\"symbol\""
    case .url: "\"url\""
    case .email: "\"email\""
    case .hashtag: "\"hashtag\""
    case .mention: "\"mention\""
    }
  }
}

/// A token as the tokenizer finds it: a byte range of the document text.
/// Text, normalized form and code point offsets are derived on output, so
/// the hot loop allocates nothing per token.
public struct TokenSpan: Sendable, Equatable {
  /// UTF-8 byte offsets into `SourceText.bytes`.
  public var startByte: Int
  public var endByte: Int
  public var kind: TokenKind
  /// White space follows the token.
  public var spaceAfter: Bool
  /// A line break lies between the previous token and this one.
  public var lineBreakBefore: Bool

  public init(
    startByte: Int, endByte: Int, kind: TokenKind, spaceAfter: Bool = false,
    lineBreakBefore: Bool = false
  ) {
    self.startByte = startByte
    self.endByte = endByte
    self.kind = kind
    self.spaceAfter = spaceAfter
    self.lineBreakBefore = lineBreakBefore
  }

  public var byteRange: Range<Int> { startByte..<endByte }
}

/// A token as records carry it: code point offsets into the document text.
public struct Token: Sendable, Equatable {
  public var text: String
  /// NFC, apostrophe variants folded to U+0027 and digit-group spaces to
  /// U+0020 (see `TokenNormalization`).
  public var norm: String
  /// Unicode code point offsets into the document text.
  public var start: Int
  public var end: Int
  public var kind: TokenKind
  public var spaceAfter: Bool
}

/// A sentence: a run of tokens of one block.
public struct SentenceSpan: Sendable, Equatable {
  /// Indices into the block's token array.
  public var tokenRange: Range<Int>
}
