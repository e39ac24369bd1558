/// The segment stage: blocks (paragraphs, headings, list items) and the
/// French sentence splitter over a block's tokens.
public enum BlockSegmenter {
  /// The blocks of a text: runs of lines separated by blank lines (lines of
  /// white space only). Each range runs from the block's first non-space
  /// byte to the end of its last non-space scalar.
  public static func blocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    let reader = ScalarReader(bytes: bytes)
    var blocks: [Range<Int>] = []
    var blockStart: Int?
    var contentEnd = 0
    var lineHasContent = false
    var offset = 0
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == 0x0A {
        if !lineHasContent, let start = blockStart {
          blocks.append(start..<contentEnd)
          blockStart = nil
        }
        lineHasContent = false
        offset += 1
        continue
      }
      if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        offset += 1
        continue
      }
      let (value, length) = byte < 0x80 ? (UInt32(byte), 1) : reader.scalar(at: offset)
      if !CharClass.isSpace(value) {
        if blockStart == nil { blockStart = offset }
        lineHasContent = true
        contentEnd = offset + length
      }
      offset += length
    }
    if let start = blockStart { blocks.append(start..<contentEnd) }
    return blocks
  }
}

/// How the splitter decides where sentences end, rule by rule. Each case is
/// a reason for a boundary; `SentenceSplitter` documents when each applies.
public enum SentenceBoundaryReason: Sendable, Equatable {
  /// `.`, `!`, `?`, `…` (and runs of them), then optional closing quotes or
  /// brackets, then a token that starts in uppercase, a digit, or an
  /// opening quote before one. Never before a lowercase letter: in French,
  /// `« Oui ! » dit-il` is one sentence.
  case terminalPunctuation
  /// A sentence-final abbreviation (`etc.`) before a capitalized word.
  case finalAbbreviation
  /// A line that starts with a list marker (`1.`, `2)`, `-`, `•`).
  case listItem
  /// A short line without final punctuation (a title or heading) ends at its
  /// line break when the next line starts in uppercase.
  case headingLine
}

/// French sentence splitting over the tokens of one block. Working on
/// tokens means no boundary can fall inside `M.`, `c.-à-d.`, `3.5`, a URL
/// or any other token.
public struct SentenceSplitter {
  /// A line no longer than this many bytes, with no final punctuation, can
  /// be a heading; prose lines run longer.
  static let headingMaximumBytes = 100
  let tokenizer: FrenchTokenizer

  public init(tokenizer: FrenchTokenizer) {
    self.tokenizer = tokenizer
  }

  /// The sentences of a block, as ranges of token indices, in order,
  /// covering every token.
  public func split(_ tokens: [TokenSpan], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard !tokens.isEmpty else { return [] }
    let reader = ScalarReader(bytes: bytes)
    var sentences: [Range<Int>] = []
    var sentenceStart = 0
    var lineStart = 0
    for index in 1..<tokens.count {
      if tokens[index].lineBreakBefore {
        defer { lineStart = index }
        if boundaryAtLineBreak(tokens, lineStart: lineStart, next: index, reader) != nil {
          sentences.append(sentenceStart..<index)
          sentenceStart = index
          continue
        }
      }
      if boundaryBefore(index, tokens, lineStart: lineStart, reader) != nil {
        sentences.append(sentenceStart..<index)
        sentenceStart = index
      }
    }
    sentences.append(sentenceStart..<tokens.count)
    return sentences
  }

  /// A boundary at the line break before token `next`.
  func boundaryAtLineBreak(
    _ tokens: [TokenSpan], lineStart: Int, next: Int, _ reader: ScalarReader
  ) -> SentenceBoundaryReason? {
    if isListMarker(tokens, at: next, reader) { return .listItem }
    let last = tokens[next - 1]
    if endsWithTerminal(tokens, before: next, reader) { return nil }
    let lineBytes = last.endByte - tokens[lineStart].startByte
    guard lineBytes <= Self.headingMaximumBytes, startsSentence(tokens, at: next, reader) else {
      return nil
    }
    return .headingLine
  }

  /// A boundary before token `index` on the same line.
  func boundaryBefore(
    _ index: Int, _ tokens: [TokenSpan], lineStart: Int, _ reader: ScalarReader
  ) -> SentenceBoundaryReason? {
    // Find the token before the closers that precede `index`.
    var terminal = index - 1
    while terminal > 0 && isCloser(tokens, terminal, reader) { terminal -= 1 }
    let token = tokens[terminal]
    let reason: SentenceBoundaryReason
    if isTerminalPunctuation(token, reader) {
      // `1.` at the start of a line is a list marker, not a sentence.
      if terminal == lineStart + 1 && tokens[lineStart].kind == .number
        && reader.bytes[token.startByte] == 0x2E
      {
        return nil
      }
      reason = .terminalPunctuation
    } else if token.kind == .abbreviation
      && tokenizer.abbreviationCanEndSentence(reader.bytes, token)
    {
      reason = .finalAbbreviation
    } else {
      return nil
    }
    // Closers must hug the terminal or be a French closing guillemet.
    return startsSentence(tokens, at: index, reader) ? reason : nil
  }

  private func firstScalar(_ token: TokenSpan, _ reader: ScalarReader) -> UInt32 {
    reader.scalar(at: token.startByte).value
  }

  /// Uppercase, a digit, or an opening quote, bracket or dash before one.
  private func startsSentence(_ tokens: [TokenSpan], at index: Int, _ reader: ScalarReader) -> Bool
  {
    let first = firstScalar(tokens[index], reader)
    if CharClass.isUppercase(first) || CharClass.isDigit(first) { return true }
    guard isOpener(first), index + 1 < tokens.count else { return false }
    let second = firstScalar(tokens[index + 1], reader)
    return CharClass.isUppercase(second) || CharClass.isDigit(second)
  }

  private func isTerminalPunctuation(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    guard token.kind == .punct else { return false }
    var offset = token.startByte
    while offset < token.endByte {
      let (value, length) = reader.scalar(at: offset)
      guard value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026 else { return false }
      offset += length
    }
    return true
  }

  private func endsWithTerminal(_ tokens: [TokenSpan], before index: Int, _ reader: ScalarReader)
    -> Bool
  {
    var last = index - 1
    while last > 0 && isCloser(tokens, last, reader) { last -= 1 }
    return isTerminalPunctuation(tokens[last], reader)
  }

  /// Closing quotes and brackets; `"` and `'` only when glued to the token
  /// before them (otherwise they open).
  private func isCloser(_ tokens: [TokenSpan], _ index: Int, _ reader: ScalarReader) -> Bool {
    let token = tokens[index]
    guard token.kind == .punct, token.endByte - token.startByte <= 3 else { return false }
    let value = firstScalar(token, reader)
    switch value {
    case 0xBB, 0x201D, 0x2019, 0x29, 0x5D, 0x7D, 0x203A: return true
    case 0x22, 0x27: return index > 0 && !tokens[index - 1].spaceAfter
    default: return false
    }
  }

  private func isOpener(_ value: UInt32) -> Bool {
    switch value {
    case 0xAB, 0x201C, 0x2018, 0x22, 0x27, 0x28, 0x5B, 0x2014, 0x2013, 0x2D, 0xBF, 0xA1, 0x2039:
      return true
    default: return false
    }
  }

  /// `1.`, `1)`, `a)`, `-`, `–`, `—`, `•`, `*` followed by a space, at the
  /// start of a line.
  private func isListMarker(_ tokens: [TokenSpan], at index: Int, _ reader: ScalarReader) -> Bool {
    let token = tokens[index]
    let first = firstScalar(token, reader)
    switch first {
    case 0x2D, 0x2013, 0x2014, 0x2022, 0x2A, 0x25CF, 0x25E6, 0x2043:
      return token.spaceAfter
    default:
      break
    }
    guard index + 1 < tokens.count else { return false }
    let next = tokens[index + 1]
    let isEnumerator =
      token.kind == .number
      || (token.endByte - token.startByte == 1 && CharClass.isLetter(first))
    guard isEnumerator, next.kind == .punct, next.startByte == token.endByte,
      next.endByte - next.startByte == 1
    else { return false }
    let mark = reader.bytes[next.startByte]
    return (mark == 0x2E || mark == 0x29) && next.spaceAfter
  }
}
