/// What a token is. The raw values are the `kind` strings of the records.
package enum TokenKind: String, Sendable, CaseIterable {
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
package struct TokenSpan: Sendable, Equatable {
  /// UTF-8 byte offsets into `SourceText.bytes`.
  package var startByte: Int
  package var endByte: Int
  package var kind: TokenKind
  /// White space follows the token.
  package var spaceAfter: Bool
  /// A line break lies between the previous token and this one.
  package var lineBreakBefore: Bool

  package init(
    startByte: Int, endByte: Int, kind: TokenKind, spaceAfter: Bool = false,
    lineBreakBefore: Bool = false
  ) {
    self.startByte = startByte
    self.endByte = endByte
    self.kind = kind
    self.spaceAfter = spaceAfter
    self.lineBreakBefore = lineBreakBefore
  }

  package var byteRange: Range<Int> { startByte..<endByte }

  /// The token's bytes are `lowercaseASCII` but for the case of ASCII
  /// letters (`Du`, `DON'T`); the contraction tables look tokens up so.
  @inline(__always)
  func spells(lowercaseASCII form: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    form.count == endByte - startByte
      && form.indices.allSatisfy { bytes[startByte + $0] | 0x20 == form[$0] }
  }
}

/// A token as records carry it: code point offsets into the document text.
package struct Token: Sendable, Equatable {
  package var text: String
  /// NFC, apostrophe variants folded to U+0027 and digit-group spaces to
  /// U+0020 (see `TokenNormalization`).
  package var norm: String
  /// Unicode code point offsets into the document text.
  package var start: Int
  package var end: Int
  package var kind: TokenKind
  package var spaceAfter: Bool
}
