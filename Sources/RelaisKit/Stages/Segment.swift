#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a block is. The raw values are the `kind` strings of block records.
package enum BlockKind: String, Sendable, CaseIterable {
  case heading
  case paragraph
  case listItem = "list_item"
  case caption
  case boilerplate
}

/// A block of a document: UTF-8 byte offsets from its first to past its
/// last non-space scalar, and its kind.
package struct BlockSpan: Sendable, Equatable {
  package var byteRange: Range<Int>
  package var kind: BlockKind
}

/// The segment stage, first half: blocks. Blocks are separated by blank
/// lines (white space only), and a line that opens with a list marker
/// (`1.`, `2)`, `a)`, `-`, `•`) starts a block of its own. Each block is
/// then classified, first rule that applies:
/// 1. `list_item`: it opens with a list marker;
/// 2. `caption`: one line of at most 200 bytes opening with a caption word
///    (`Photo`, `Crédit`, `Source`, `Légende`, `©`…);
/// 3. `boilerplate`: one line of at most 80 bytes opening with page
///    furniture (`Newsletter`, `Lire aussi`, `Partager`…);
/// 4. `heading`: one line of at most 120 bytes that opens with a capital or
///    a digit and ends without sentence punctuation;
/// 5. `paragraph`: anything else.
package enum BlockSegmenter {
  static let captionMaximumBytes = 200
  static let boilerplateMaximumBytes = 80
  static let headingMaximumBytes = 120

  package static func blocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [BlockSpan] {
    let reader = ScalarReader(bytes: bytes)
    var blocks: [BlockSpan] = []
    var current: (start: Int, end: Int, lines: Int)?
    func close() {
      if let block = current {
        blocks.append(classify(reader, block.start..<block.end, lines: block.lines))
      }
      current = nil
    }
    var lineStart = 0
    while lineStart < bytes.count {
      let (lineEnd, nextLine, endsParagraph) = LineEnds.next(bytes, from: lineStart)
      defer {
        if endsParagraph { close() }
        lineStart = nextLine
      }
      if let content = contentRange(reader, lineStart, lineEnd) {
        if current != nil
          && listMarkerLength(reader, at: content.lowerBound, limit: content.upperBound) != nil
        {
          close()
        }
        if let block = current {
          current = (block.start, content.upperBound, block.lines + 1)
        } else {
          current = (content.lowerBound, content.upperBound, 1)
        }
      } else {
        close()
      }
    }
    close()
    return blocks
  }

  static func classify(_ reader: ScalarReader, _ range: Range<Int>, lines: Int) -> BlockSpan {
    let length = range.count
    let kind: BlockKind
    if listMarkerLength(reader, at: range.lowerBound, limit: range.upperBound) != nil {
      kind = .listItem
    } else if lines == 1 && length <= captionMaximumBytes
      && opensWith(FrenchLexicon.captionOpeners, reader, range)
    {
      kind = .caption
    } else if lines == 1 && length <= boilerplateMaximumBytes
      && opensWith(FrenchLexicon.boilerplateOpeners, reader, range)
    {
      kind = .boilerplate
    } else if lines == 1 && length <= headingMaximumBytes && looksLikeHeading(reader, range) {
      kind = .heading
    } else {
      kind = .paragraph
    }
    return BlockSpan(byteRange: range, kind: kind)
  }

  /// The length in bytes of a list marker and the space after it at
  /// `offset`: `12.`, `3)`, `a)`, `-`, `–`, `—`, `•`, `*`, `·`, `▪`, `◦`.
  static func listMarkerLength(_ reader: ScalarReader, at offset: Int, limit: Int) -> Int? {
    let bytes = reader.bytes
    var end = offset
    while end < limit && end - offset < 3 && CharClass.isDigit(UInt32(bytes[end])) { end += 1 }
    if end > offset {
      guard end < limit, bytes[end] == 0x2E || bytes[end] == 0x29 else { return nil }
      end += 1
    } else {
      let (first, length) = reader.scalar(at: offset)
      switch first {
      case 0x2D, 0x2013, 0x2014, 0x2022, 0x2A, 0xB7, 0x25AA, 0x25E6, 0x25CF:
        end = offset + length
      case _ where CharClass.isLowercase(first) && first < 0x80:
        guard offset + 1 < limit, bytes[offset + 1] == 0x29 else { return nil }
        end = offset + 2
      default:
        return nil
      }
    }
    guard end < limit, let space = reader.scalar(at: end, limit: limit), CharClass.isSpace(space)
    else { return nil }
    return end - offset + 1
  }

  /// Whether the block's text opens with one of `openers` (lowercased),
  /// followed by a non-letter.
  private static func opensWith(_ openers: [String], _ reader: ScalarReader, _ range: Range<Int>)
    -> Bool
  {
    let start = String(
      decoding: reader.bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + 40)],
      as: UTF8.self
    )
    .lowercased()
    return openers.contains { opener in
      guard start.hasPrefix(opener) else { return false }
      let rest = start.dropFirst(opener.count)
      return rest.first.map { !$0.isLetter } ?? true
    }
  }

  private static func looksLikeHeading(_ reader: ScalarReader, _ range: Range<Int>) -> Bool {
    let first = reader.scalar(at: range.lowerBound).value
    guard CharClass.isUppercase(first) || CharClass.isDigit(first) || first == 0xAB else {
      return false
    }
    // The last scalar before any closing quotes and brackets.
    var end = range.upperBound
    var last: UInt32 = 0
    while end > range.lowerBound {
      var start = end - 1
      while reader.bytes[start] & 0xC0 == 0x80 { start -= 1 }
      last = reader.scalar(at: start).value
      guard
        last == 0xBB || last == 0x22 || last == 0x201D || last == 0x29 || last == 0x2019
          || CharClass.isSpace(last)
      else { break }
      end = start
    }
    switch last {
    case 0x2E, 0x21, 0x3F, 0x2026, 0x3A, 0x3B, 0x2C: return false
    default: return true
    }
  }

  /// From the first to past the last non-space scalar of a line, or nil
  /// for a blank line.
  private static func contentRange(_ reader: ScalarReader, _ start: Int, _ end: Int) -> Range<Int>?
  {
    var first = start
    while first < end {
      let (value, length) = reader.scalar(at: first)
      if !CharClass.isSpace(value) { break }
      first += length
    }
    guard first < end else { return nil }
    var last = end
    while last > first {
      var scalarStart = last - 1
      while reader.bytes[scalarStart] & 0xC0 == 0x80 { scalarStart -= 1 }
      if !CharClass.isSpace(reader.scalar(at: scalarStart).value) { break }
      last = scalarStart
    }
    return first..<last
  }
}

/// Where lines end, as Unicode's mandatory breaks have it (UAX #14 BK, CR,
/// LF, NL): `\n`, `\r\n`, a lone `\r` (old Mac files), vertical tab, form
/// feed, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
/// (U+2029), which also ends its block as a blank line does.
enum LineEnds {
  /// The end of the line that starts at `start` (before its terminator),
  /// where the next line starts, and whether the terminator ends a
  /// paragraph.
  static func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    end: Int, next: Int, endsParagraph: Bool
  ) {
    var index = start
    let count = bytes.count
    while index < count {
      switch bytes[index] {
      case 0x0A, 0x0B, 0x0C:
        return (index, index + 1, false)
      case 0x0D:
        let crlf = index + 1 < count && bytes[index + 1] == 0x0A
        return (index, index + (crlf ? 2 : 1), false)
      case 0xC2 where index + 1 < count && bytes[index + 1] == 0x85:
        return (index, index + 2, false)
      case 0xE2
      where index + 2 < count && bytes[index + 1] == 0x80
        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
        return (index, index + 3, bytes[index + 2] == 0xA9)
      default:
        index += 1
      }
    }
    return (count, count, false)
  }
}

/// How the splitter decides where sentences end, rule by rule. Each case is
/// a reason for a boundary; `SentenceSplitter` documents when each applies.
package enum SentenceBoundaryReason: Sendable, Equatable {
  /// `.`, `!`, `?`, `…` (and runs of them), then optional closing quotes or
  /// brackets, then a token that starts in uppercase, a digit, or an
  /// opening quote before one.
  case terminalPunctuation
  /// `.`, `!`, `?`, `…` directly before a lowercase word, after a word or
  /// number: spoken transcripts start sentences in lowercase (`…place
  /// Notre-Dame. ‖ et, ben, voilà.`), and written text does where a
  /// sentence opens with a lowercase name or a quoted word. The ellipsis
  /// counts too: the spoken dev sets end sentences with it (94.14 and
  /// 97.86 Sentences F1 against 90.38 and 88.13 without it), but not in a
  /// document whose sentences start with capitals
  /// (`SentenceStartStyle.capitalized`), where it marks a pause (`…the
  /// corner"... and maybe…`: 1 of 45 ends a sentence in UD English EWT
  /// dev, 0 of 5 in GUM dev, where 104 of 108 do in the spoken sets). Not
  /// after a closing quote or bracket: `« Oui ! » dit-il` is one sentence.
  case terminalBeforeLowercase
  /// `.`, `!`, `?`, `…` then a dash or bullet standing alone before a
  /// lowercase word: an item of a list run into its text (`…votre
  /// médecin. ‖ - si vous êtes allergique`), as UD French Sequoia splits
  /// them (every `.` then a dash in the French and English dev files
  /// starts a sentence; before a capital, `terminalPunctuation` has it).
  case dashedItem
  /// A sentence-final abbreviation (`etc.`) before a capitalized word.
  case finalAbbreviation
  /// `;` before a capitalized word. French continues a sentence after `;`
  /// in lowercase; a capital there starts an independent sentence, as UD
  /// French GSD splits them (every `;` + capital in its dev set ends one).
  /// So does a numbered item after `;` (`…in the world; (1) Everyone
  /// has…`, `…; 2. Les…`): an enumeration marker, `(1)`, `1.`, `1)`, `a)`,
  /// then a capital, as legal texts number their provisions.
  case semicolonBeforeCapital
  /// A capitalized subject pronoun or demonstrative (`Il`, `Cette`) right
  /// after a word or a closing bracket: French capitalizes these only at a
  /// sentence start, so the sentence before lost its final punctuation.
  case capitalizedPronoun
  /// A line that starts with a list marker (`1.`, `2)`, `-`, `•`).
  case listItem
  /// After a citation mark that follows the end of a sentence (`…in 1805.
  /// [6] An undistinguished…`): the mark goes with the sentence it ends, as
  /// UD English GUM has it (Wikipedia text), and the boundary follows it.
  case afterCitation
  /// An em dash after a word, then a capitalized word: an interrupted
  /// utterance (`You — No, because…`), as GUM splits them (18 of 22 in its
  /// dev set). English only (`TokenRules.splitsAtDashBeforeCapital`).
  case dashBeforeCapital
  /// The first line of a block, without final punctuation, that is short
  /// (40 bytes at most) or clearly shorter than the next (a title over its
  /// text), ends at its line break when the next line starts in uppercase.
  case headingLine
}

/// How a document's sentences start: whether the words after its full
/// stops begin with capitals, as written text's do, or in lowercase, as
/// transcripts of speech mostly do. Read once per document from its first
/// `sampleBytes`: each `.` glued to a letter or digit (not to another
/// point) and followed by spaces counts the case of the letter after them.
package enum SentenceStartStyle: Sendable, Equatable {
  /// More capitals than lowercase letters after those points.
  case capitalized
  /// As many lowercase letters as capitals, or more.
  case lowercase
  /// Fewer than `minimumEvidence` such points: too little to tell.
  case unknown

  static let sampleBytes = 65_536
  static let minimumEvidence = 3

  package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> SentenceStartStyle {
    let end = min(bytes.count, sampleBytes)
    let reader = ScalarReader(bytes: bytes)
    var capitals = 0
    var lowercase = 0
    var index = 1
    while index < end {
      defer { index += 1 }
      guard bytes[index] == 0x2E else { continue }
      let before = bytes[index - 1]
      guard before >= 0x80 || CharClass.isLetterOrDigit(UInt32(before)) else { continue }
      var next = index + 1
      while next < end && bytes[next] == 0x20 { next += 1 }
      guard next > index + 1, let letter = reader.scalar(at: next, limit: end) else { continue }
      if CharClass.isUppercase(letter) {
        capitals += 1
      } else if CharClass.isLowercase(letter) {
        lowercase += 1
      }
    }
    guard capitals + lowercase >= minimumEvidence else { return .unknown }
    return capitals > lowercase ? .capitalized : .lowercase
  }
}

/// Sentence splitting over the tokens of one block, by the language's
/// `TokenRules` (its abbreviations and capitalized pronouns). Working on
/// tokens means no boundary can fall inside `M.`, `c.-à-d.`, `3.5`, a URL
/// or any other token.
package struct SentenceSplitter {
  /// A line no longer than this many bytes, with no final punctuation, can
  /// be a heading; prose lines run longer.
  static let headingMaximumBytes = 100
  /// A first line this short, with no final punctuation, is a title
  /// whatever follows it.
  static let shortTitleBytes = 40
  /// The abbreviations the tokenizer keeps whole, each knowing whether it
  /// may close a sentence (`etc.`) or not (`M.`).
  let abbreviations: FormTable
  /// The pronouns capitalized only at a sentence start, and their first
  /// bytes for a cheap exit.
  let capitalizedPronouns: [[UInt8]]
  let capitalizedPronounStarts: [Bool]
  let splitsAtDashBeforeCapital: Bool
  /// The document's (`BlockStages` reads it once per document).
  var startStyle = SentenceStartStyle.unknown

  /// Splits by the language's conventions (`TokenRules`). Only the fields
  /// it reads are copied: the splitter is passed around per token.
  init(rules: TokenRules = .french) {
    abbreviations = rules.abbreviations
    capitalizedPronouns = rules.capitalizedPronouns
    capitalizedPronounStarts = rules.capitalizedPronounStarts
    splitsAtDashBeforeCapital = rules.splitsAtDashBeforeCapital
  }

  /// The sentences of a block, as ranges of token indices, in order,
  /// covering every token.
  package func split(_ tokens: [TokenSpan], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard !tokens.isEmpty else { return [] }
    let reader = ScalarReader(bytes: bytes)
    var sentences: [Range<Int>] = []
    var sentenceStart = 0
    var lineStart = 0
    var quotes = QuoteCount(reader: reader)
    quotes.add(tokens[0])
    for index in 1..<tokens.count {
      let reason: SentenceBoundaryReason?
      if tokens[index].lineBreakBefore {
        reason = boundaryAtLineBreak(tokens, lineStart: lineStart, next: index, quotes)
        lineStart = index
      } else {
        reason = boundaryBefore(index, tokens, lineStart: lineStart, quotes)
      }
      // An enumeration number (`1.`) never makes a sentence of its own:
      // it goes with its item (`…dans le monde. 1. ‖ Tout individu` is
      // `1. Tout individu…`, as UD French has it).
      if reason != nil, !isEnumerationNumber(tokens[sentenceStart..<index], reader) {
        sentences.append(sentenceStart..<index)
        sentenceStart = index
        quotes.reset()
      }
      quotes.add(tokens[index])
    }
    sentences.append(sentenceStart..<tokens.count)
    return sentences
  }

  /// A boundary at the line break before token `next`.
  func boundaryAtLineBreak(
    _ tokens: [TokenSpan], lineStart: Int, next: Int, _ quotes: QuoteCount
  ) -> SentenceBoundaryReason? {
    let reader = quotes.reader
    if isListMarker(tokens, at: next, reader) { return .listItem }
    if let reason = boundaryBefore(next, tokens, lineStart: lineStart, quotes) { return reason }
    let last = quotes.skipClosers(tokens, before: next)
    if isTerminalPunctuation(tokens[last], reader) { return nil }
    // Only the first line of a block can be a title, and only when short,
    // or clearly shorter than the line after it; a hard-wrapped paragraph's
    // lines are all about as long.
    guard lineStart == 0, startsSentence(tokens, at: next, reader) else { return nil }
    let lineBytes = tokens[next - 1].endByte - tokens[lineStart].startByte
    var nextLineEnd = next
    while nextLineEnd + 1 < tokens.count && !tokens[nextLineEnd + 1].lineBreakBefore {
      nextLineEnd += 1
    }
    let nextLineBytes = tokens[nextLineEnd].endByte - tokens[next].startByte
    let short = lineBytes <= Self.shortTitleBytes
    let shorterThanNext = lineBytes <= Self.headingMaximumBytes && lineBytes * 4 < nextLineBytes * 3
    return short || shorterThanNext ? .headingLine : nil
  }

  /// A boundary before token `index` made by the punctuation before it.
  func boundaryBefore(
    _ index: Int, _ tokens: [TokenSpan], lineStart: Int, _ quotes: QuoteCount
  ) -> SentenceBoundaryReason? {
    let reader = quotes.reader
    let previous = tokens[index - 1]
    guard previous.kind == .punct || previous.kind == .abbreviation else {
      return startsWithCapitalizedPronoun(tokens[index], reader) ? .capitalizedPronoun : nil
    }
    if isCitation(tokens, at: index, reader) && isTerminalPunctuation(previous, reader) {
      return nil
    }
    if let citation = citationStart(tokens, before: index, reader) {
      let terminal = quotes.skipClosers(tokens, before: citation)
      return isTerminalPunctuation(tokens[terminal], reader)
        && startsSentence(tokens, at: index, reader) ? .afterCitation : nil
    }
    if splitsAtDashBeforeCapital, index >= 2, isEmDash(previous, reader),
      startsSentence(tokens, at: index, reader)
    {
      return .dashBeforeCapital
    }
    let terminal = quotes.skipClosers(tokens, before: index)
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
      && (abbreviations.match(reader.bytes, at: token.startByte, limit: token.endByte)?
        .canEndSentence ?? false)
    {
      reason = .finalAbbreviation
    } else if terminal == index - 1 && isSemicolon(token, reader) {
      let first = firstScalar(tokens[index], reader)
      return CharClass.isUppercase(first) || opensNumberedItem(tokens, at: index, reader)
        ? .semicolonBeforeCapital : nil
    } else {
      let afterBracket =
        previous.endByte - previous.startByte == 1
        && (reader.bytes[previous.startByte] == 0x29 || reader.bytes[previous.startByte] == 0x5D)
      return afterBracket && startsWithCapitalizedPronoun(tokens[index], reader)
        ? .capitalizedPronoun : nil
    }
    // A closing quote or bracket stays with the sentence it closes.
    if quotes.closesSentence(tokens, index) { return nil }
    if quotes.isUnmatchedClosingGuillemet(tokens[index]) { return reason }
    if startsSentence(tokens, at: index, reader) { return reason }
    if reason == .terminalPunctuation,
      opensDashedItem(tokens, terminal: terminal, next: index, reader)
    {
      return .dashedItem
    }
    guard reason == .terminalPunctuation,
      terminalBeforeLowercase(tokens, terminal: terminal, next: index, reader)
    else { return nil }
    return startStyle == .capitalized && isEllipsis(token, reader)
      ? nil : .terminalBeforeLowercase
  }

  /// `…`, or a run of two points or more.
  private func isEllipsis(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    let bytes = reader.bytes[token.byteRange]
    if bytes.elementsEqual([0xE2, 0x80, 0xA6]) { return true }
    return bytes.count >= 2 && bytes.allSatisfy { $0 == 0x2E }
  }

  /// The terminal punctuation at `terminal` stands right before `next`, a
  /// lowercase word, and right after a word or number.
  private func terminalBeforeLowercase(
    _ tokens: [TokenSpan], terminal: Int, next: Int, _ reader: ScalarReader
  ) -> Bool {
    guard terminal == next - 1, terminal > 0, tokens[next].kind == .word else { return false }
    let before = tokens[terminal - 1].kind
    guard before == .word || before == .number else { return false }
    guard CharClass.isLowercase(firstScalar(tokens[next], reader)) else { return false }
    // Old French writes numbers between points (`.xxiiii. heures`,
    // `le .iiiie. jour`): a point with a space before it and none after
    // opens a number; a sentence's point is glued to what it ends.
    if tokens[terminal - 1].spaceAfter && !tokens[terminal].spaceAfter { return false }
    // … and a point glued to a word glued to a point before it closes one.
    if terminal >= 2, !tokens[terminal - 1].spaceAfter, !tokens[terminal - 2].spaceAfter,
      tokens[terminal - 2].kind == .punct, reader.bytes[tokens[terminal - 2].startByte] == 0x2E
    {
      return false
    }
    return true
  }

  /// The terminal punctuation at `terminal`, after a word or number,
  /// stands right before a lone dash or bullet (a space after it) and a
  /// lowercase word.
  private func opensDashedItem(
    _ tokens: [TokenSpan], terminal: Int, next: Int, _ reader: ScalarReader
  ) -> Bool {
    guard terminal == next - 1, terminal > 0, next + 1 < tokens.count,
      tokens[next].kind == .punct, tokens[next].spaceAfter, tokens[next + 1].kind == .word
    else { return false }
    let before = tokens[terminal - 1].kind
    guard before == .word || before == .number else { return false }
    let (dash, length) = reader.scalar(at: tokens[next].startByte)
    guard length == tokens[next].endByte - tokens[next].startByte,
      [0x2D, 0x2013, 0x2014, 0x2022].contains(dash)
    else { return false }
    return CharClass.isLowercase(firstScalar(tokens[next + 1], reader))
  }

  /// `[`, a number, `]`, with nothing between them: a citation mark.
  private func isCitation(_ tokens: [TokenSpan], at index: Int, _ reader: ScalarReader) -> Bool {
    guard index + 2 < tokens.count, tokens[index].kind == .punct,
      reader.bytes[tokens[index].startByte] == 0x5B, tokens[index + 1].kind == .number,
      tokens[index + 2].kind == .punct, reader.bytes[tokens[index + 2].startByte] == 0x5D
    else { return false }
    return !tokens[index].spaceAfter && !tokens[index + 1].spaceAfter
  }

  /// Where a citation mark that ends right before `index` starts.
  private func citationStart(_ tokens: [TokenSpan], before index: Int, _ reader: ScalarReader)
    -> Int?
  {
    let start = index - 3
    guard start >= 1, isCitation(tokens, at: start, reader) else { return nil }
    return start
  }

  private func isEmDash(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    token.kind == .punct && reader.scalar(at: token.startByte).value == 0x2014
      && token.endByte - token.startByte == 3
  }

  /// A number of one to three digits and its point, alone.
  private func isEnumerationNumber(_ tokens: ArraySlice<TokenSpan>, _ reader: ScalarReader) -> Bool
  {
    guard tokens.count == 2, let number = tokens.first, let point = tokens.last else {
      return false
    }
    return number.kind == .number && number.endByte - number.startByte <= 3
      && point.endByte - point.startByte == 1 && reader.bytes[point.startByte] == 0x2E
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

  private func startsWithCapitalizedPronoun(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    guard token.kind == .word, token.endByte - token.startByte <= 5 else { return false }
    // Cheap exit: a capital that starts none of the pronouns.
    guard capitalizedPronounStarts[Int(reader.bytes[token.startByte])] else { return false }
    let text = UnsafeBufferPointer(rebasing: reader.bytes[token.byteRange])
    return capitalizedPronouns.contains { $0.elementsEqual(text) }
  }

  /// An enumeration marker at `index` (`(1)`, `(a)`, `1.`, `1)`, `a)`: one
  /// to three digits, or one lowercase letter, in brackets or before `.`
  /// or `)`), then a capitalized word.
  private func opensNumberedItem(_ tokens: [TokenSpan], at index: Int, _ reader: ScalarReader)
    -> Bool
  {
    func isMark(_ position: Int, _ byte: UInt8) -> Bool {
      position < tokens.count && isPunctuation(tokens[position], byte, reader)
    }
    func isLabel(_ position: Int) -> Bool {
      guard position < tokens.count else { return false }
      let token = tokens[position]
      let length = token.endByte - token.startByte
      let bytes = reader.bytes[token.startByte..<token.endByte]
      if token.kind == .number, length <= 3 { return bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
      return token.kind == .word && length == 1 && bytes.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
    let next: Int
    if isMark(index, 0x28), isLabel(index + 1), isMark(index + 2, 0x29) {
      next = index + 3
    } else if isLabel(index), isMark(index + 1, 0x2E) || isMark(index + 1, 0x29) {
      next = index + 2
    } else if tokens[index].kind == .ordinal || tokens[index].kind == .abbreviation,
      tokens[index].endByte - tokens[index].startByte <= 4,
      reader.bytes[tokens[index].endByte - 1] == 0x2E,
      CharClass.isDigit(firstScalar(tokens[index], reader))
    {
      // `1.` kept whole by the tokenizer.
      next = index + 1
    } else {
      return false
    }
    return next < tokens.count && CharClass.isUppercase(firstScalar(tokens[next], reader))
  }

  private func isSemicolon(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    isPunctuation(token, 0x3B, reader)
  }

  /// Whether `token` is the one ASCII punctuation mark `byte`.
  private func isPunctuation(_ token: TokenSpan, _ byte: UInt8, _ reader: ScalarReader) -> Bool {
    token.kind == .punct && token.endByte - token.startByte == 1
      && reader.bytes[token.startByte] == byte
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

/// The quotes a sentence has opened and not closed, so that a closing
/// quote goes with the sentence that opened it:
/// - a `"` closes when it is glued to the token before it, when white space
///   follows it (an opening quote hugs the word it opens), or when an odd
///   number of `"` precede it in the sentence (`Quelle bête ! " Les…` ends
///   after the quote);
/// - a `»` or `”` closes only a `«` or `“` opened in the same sentence; one
///   that closes a quotation begun in an earlier sentence starts the next
///   sentence, as UD French GSD has it (`…. » Stipe reconnaît…`);
/// - `)`, `]`, `}` always close; `'` and `’` close when glued.
struct QuoteCount {
  let reader: ScalarReader
  /// `"` tokens from the sentence start up to the token being decided.
  private var straightQuotes = 0
  /// `«` and `“` less `»` and `”` over the same tokens.
  private var guillemetDepth = 0

  init(reader: ScalarReader) {
    self.reader = reader
  }

  mutating func reset() {
    straightQuotes = 0
    guillemetDepth = 0
  }

  mutating func add(_ token: TokenSpan) {
    switch quoteKind(token) {
    case .straight: straightQuotes += 1
    case .opening: guillemetDepth += 1
    case .closing: guillemetDepth = max(0, guillemetDepth - 1)
    case .none: break
    }
  }

  private enum QuoteKind {
    case straight
    case opening
    case closing
  }

  private func quoteKind(_ token: TokenSpan) -> QuoteKind? {
    guard token.kind == .punct, token.endByte - token.startByte <= 3 else { return nil }
    switch reader.scalar(at: token.startByte).value {
    case 0x22: return .straight
    case 0xAB, 0x201C: return .opening
    case 0xBB, 0x201D: return .closing
    default: return nil
    }
  }

  /// Whether token `index`, the one being decided, closes what came before.
  func closesSentence(_ tokens: [TokenSpan], _ index: Int) -> Bool {
    isCloser(tokens, index, straightBefore: straightQuotes, depthBefore: guillemetDepth)
  }

  /// A closing guillemet with nothing open in the sentence: it starts the
  /// next sentence.
  func isUnmatchedClosingGuillemet(_ token: TokenSpan) -> Bool {
    quoteKind(token) == .closing && guillemetDepth == 0
  }

  /// The index of the last token before `index` that is not a closer.
  func skipClosers(_ tokens: [TokenSpan], before index: Int) -> Int {
    var last = index - 1
    var straightBefore = straightQuotes
    var depthBefore = guillemetDepth
    while last > 0 {
      switch quoteKind(tokens[last]) {
      case .straight: straightBefore -= 1
      case .closing: depthBefore += 1
      case .opening: depthBefore -= 1
      case .none: break
      }
      guard isCloser(tokens, last, straightBefore: straightBefore, depthBefore: depthBefore)
      else { break }
      last -= 1
    }
    return last
  }

  private func isCloser(
    _ tokens: [TokenSpan], _ index: Int, straightBefore: Int, depthBefore: Int
  ) -> Bool {
    let token = tokens[index]
    guard token.kind == .punct, token.endByte - token.startByte <= 3 else { return false }
    let gluedToPrevious = !tokens[index - 1].spaceAfter
    switch reader.scalar(at: token.startByte).value {
    case 0x29, 0x5D, 0x7D: return true
    case 0xBB, 0x201D: return depthBefore > 0
    case 0x22: return gluedToPrevious || token.spaceAfter || straightBefore % 2 == 1
    case 0x27, 0x2019, 0x203A: return gluedToPrevious
    default: return false
    }
  }
}
