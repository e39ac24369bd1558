/// The tokenize stage: French or English rules on top of ICU's word
/// boundaries, following UD French or UD English conventions
/// (`TokenRules` says where they differ).
///
/// ICU gives the base segmentation (it keeps `l’État`, `qu’il` and
/// `aujourd’hui` whole, splits at every hyphen, and knows scripts French
/// rules say nothing about). Before asking ICU, the scanner tries the
/// patterns ICU cuts apart: web addresses, e-mail addresses, hashtags,
/// numbers grouped with spaces, times, ordinals, ellipses and abbreviations.
/// After ICU, French rules rejoin hyphenated compounds, then split off
/// inverted clitics (`dit` `-il`, `a` `-t-il`), elided words (`l’` `État`)
/// and English possessives (`People` `’s`). English rules split at hyphens
/// but after prefixes and keep clitics on their word (`don't`).
package struct Tokenizer {
  private let words: ICU.BreakIterator
  private let lists = FrenchWordLists.shared
  /// Turns off the fast path for plain Latin words, so that tests can check
  /// that it gives exactly what ICU gives.
  let useICUForEveryWord: Bool

  package init() throws(RelaisError) {
    try self.init(useICUForEveryWord: false)
  }

  init(useICUForEveryWord: Bool) throws(RelaisError) {
    self.useICUForEveryWord = useICUForEveryWord
    do {
      words = try ICU.BreakIterator(.word, locale: "fr")
    } catch {
      throw RelaisError(error)
    }
  }

  /// Points the tokenizer at a document. `bytes` must stay alive and
  /// unchanged while `tokenize` is called on it.
  package func setDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(RelaisError) {
    do {
      try words.setText(bytes)
    } catch {
      throw RelaisError(error)
    }
  }

  /// Appends the tokens of `bytes[byteRange]` to `tokens` by `rules`.
  /// `bytes` is the buffer last given to `setDocument`.
  package func tokenize(
    _ bytes: UnsafeBufferPointer<UInt8>, byteRange: Range<Int>, rules: TokenRules = .french,
    into tokens: inout [TokenSpan]
  ) {
    var scanner = Scanner(
      reader: ScalarReader(bytes: bytes), limit: byteRange.upperBound, words: words,
      lists: lists, rules: rules, useICUForEveryWord: useICUForEveryWord,
      tokens: tokens)
    tokens = []
    scanner.run(from: byteRange.lowerBound)
    tokens = scanner.tokens
    GluedTokens.join(&tokens, in: bytes)
  }
}

/// Fixed forms (abbreviations, units) bucketed by first byte, longest
/// first, for matching in place without building a String per word.
struct FormTable: Sendable {
  struct Entry: Sendable {
    let bytes: [UInt8]
    let canEndSentence: Bool
  }
  private var buckets: [[Entry]] = Array(repeating: [], count: 256)

  /// Bytes that end the leading Latin run of some form (`.` in `M.`, `-`
  /// in `c-à-d.`, `/` in `km/h`): a word whose run stops elsewhere cannot
  /// start a form, and the scanner skips the look-up.
  private var stops = [Bool](repeating: false, count: 256)

  init(_ list: [(form: String, canEndSentence: Bool)]) {
    for (form, canEnd) in list {
      let bytes = Array(form.utf8)
      buckets[Int(bytes[0])].append(Entry(bytes: bytes, canEndSentence: canEnd))
      if let stop = bytes.withUnsafeBufferPointer({ Scanner.latinRunStop($0) }) {
        stops[Int(stop)] = true
      }
    }
    for index in buckets.indices {
      buckets[index].sort { $0.bytes.count > $1.bytes.count }
    }
  }

  /// Whether a form can start at a word whose Latin run stopped at `stop`.
  func mayMatch(stop: UInt8) -> Bool { stops[Int(stop)] }

  /// The longest abbreviation at `offset` that is not followed by a letter
  /// or digit.
  func match(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, limit: Int) -> Entry? {
    let reader = ScalarReader(bytes: bytes)
    for entry in buckets[Int(bytes[offset])] {
      let end = offset + entry.bytes.count
      guard end <= limit else { continue }
      var same = true
      for index in 0..<entry.bytes.count where bytes[offset + index] != entry.bytes[index] {
        same = false
        break
      }
      guard same else { continue }
      if let next = reader.scalar(at: end, limit: limit), CharClass.isLetterOrDigit(next) {
        continue
      }
      return entry
    }
    return nil
  }
}

/// One pass over a byte range; holds the state of the scan.
private struct Scanner {
  let reader: ScalarReader
  let limit: Int
  let words: ICU.BreakIterator
  let lists: FrenchWordLists
  let rules: TokenRules
  let useICUForEveryWord: Bool
  var tokens: [TokenSpan]
  private var lineBreakPending = false

  init(
    reader: ScalarReader, limit: Int, words: ICU.BreakIterator, lists: FrenchWordLists,
    rules: TokenRules, useICUForEveryWord: Bool, tokens: [TokenSpan]
  ) {
    self.useICUForEveryWord = useICUForEveryWord
    self.rules = rules
    self.reader = reader
    self.limit = limit
    self.words = words
    self.lists = lists
    self.tokens = tokens
  }

  private var bytes: UnsafeBufferPointer<UInt8> { reader.bytes }

  @inline(__always)
  private func scalar(_ offset: Int) -> UInt32? { reader.scalar(at: offset, limit: limit) }

  private mutating func emit(_ start: Int, _ end: Int, _ kind: TokenKind) {
    let spaceAfter =
      reader.scalar(at: end, limit: reader.bytes.count).map(CharClass.isSpace)
      ?? false
    tokens.append(
      TokenSpan(
        startByte: start, endByte: end, kind: kind, spaceAfter: spaceAfter,
        lineBreakBefore: lineBreakPending))
    lineBreakPending = false
  }

  mutating func run(from start: Int) {
    var offset = start
    while offset < limit {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isSpace(value) {
        if CharClass.isLineBreak(value) { lineBreakPending = true }
        offset += length
        continue
      }
      offset = scanToken(at: offset, first: value, firstLength: length)
    }
  }

  /// Emits the token(s) starting at `offset`; returns where the scan goes on.
  private mutating func scanToken(at offset: Int, first: UInt32, firstLength: Int) -> Int {
    if rules.punctuationRuns == .runsOfMarks, first < 0x80, let end = matchMarkRun(at: offset) {
      emit(offset, end, CharClass.isPunctuation(first) ? .punct : .symbol)
      return end
    }
    let word = latinRun(from: offset)
    switch first {
    case 0x68, 0x48, 0x66, 0x46, 0x77, 0x57:  // h H f F w W: maybe a web address
      if word.stop == 0x3A || word.stop == 0x2E, let end = matchURL(at: offset) {
        emit(offset, end, .url)
        return end
      }
    case 0x23:  // #hashtag
      if let end = matchTag(at: offset + 1) {
        emit(offset, end, .hashtag)
        return end
      }
    case 0x40:  // @mention, and a domain after it (`@example.com`)
      if var end = matchTag(at: offset + 1) {
        // Domain labels are ASCII (a byte is a scalar only below 0x80); a
        // label running on into another letter (`.cà`) is no label.
        func isASCIILetterOrDigit(_ at: Int) -> Bool {
          at < limit && bytes[at] < 0x80 && CharClass.isLetterOrDigit(UInt32(bytes[at]))
        }
        while end + 2 < limit, bytes[end] == 0x2E, isASCIILetterOrDigit(end + 1),
          CharClass.isLetter(UInt32(bytes[end + 1]))
        {
          var labelEnd = end + 1
          while isASCIILetterOrDigit(labelEnd) { labelEnd += 1 }
          guard labelEnd - end > 2, !(scalar(labelEnd).map(CharClass.isLetter) ?? false) else {
            break
          }
          end = labelEnd
        }
        emit(offset, end, .mention)
        return end
      }
    case 0x2E:  // ... as one token
      let end = run(of: 0x2E, from: offset)
      if end - offset >= 2 {
        emit(offset, end, .punct)
        return end
      }
      if rules.numbers == .french, let end = matchPointedNumeral(at: offset) {
        emit(offset, end, .number)
        return end
      }
    case 0x2D, 0x2212, 0x2B:  // -- as one token; a sign before a number
      let end = run(of: 0x2D, from: offset)
      if end - offset >= 2 {
        emit(offset, end, .punct)
        return end
      }
      if rules.numbers == .french, let next = scalar(offset + firstLength), CharClass.isDigit(next),
        reader.scalar(before: offset).map(CharClass.isSpace) ?? true,
        let end = matchNumber(at: offset + firstLength, signStart: offset)
      {
        return end
      }
    default:
      break
    }
    if first < 0x80 && CharClass.isLetterOrDigit(first),
      word.stop.map(Self.mayContinueEmail) ?? false,
      let end = matchEmail(at: offset)
    {
      emit(offset, end, .email)
      return end
    }
    if CharClass.isDigit(first), let end = matchNumber(at: offset, signStart: nil) {
      return end
    }
    if CharClass.isLetter(first) {
      if rules.numbers == .french, CharClass.isUppercase(first),
        let end = matchRomanOrdinal(at: offset)
      {
        emit(offset, end, .ordinal)
        return end
      }
      guard let stop = word.stop, !Self.endsWordAsICUDoes(stop) else {
        // Fast path: a run of Latin letters and digits that ends at white
        // space or plain punctuation is exactly ICU's word segment.
        if useICUForEveryWord { return scanICUSegment(at: offset, first: first) }
        emit(offset, word.end, .word)
        return word.end
      }
      if rules.apostrophes == .splitElision, !useICUForEveryWord,
        let end = fastElision(offset, word.end)
      {
        emit(offset, end, .word)
        return end
      }
      if rules.abbreviations.mayMatch(stop: stop),
        let entry = rules.abbreviations.match(bytes, at: offset, limit: limit)
      {
        let end = offset + entry.bytes.count
        emit(offset, end, .abbreviation)
        return end
      }
      // Compound units stand alone too: `160 km/h`.
      if rules.numbers == .french, lists.compoundUnits.mayMatch(stop: stop),
        let unit = lists.compoundUnits.match(bytes, at: offset, limit: limit)
      {
        let end = offset + unit.bytes.count
        emit(offset, end, .symbol)
        return end
      }
      if stop == 0x2E, let end = matchDottedInitials(at: offset) {
        emit(offset, end, .abbreviation)
        return end
      }
      // Fast path: before `.` or `:` and then neither a letter, a digit nor
      // `_`, ICU ends the word too (it joins across them only between
      // letters or digits). Not so before an apostrophe, which an elided
      // word keeps (`L'` `«`).
      if (stop == 0x2E || stop == 0x3A) && !useICUForEveryWord {
        let after = word.end + 1
        if after >= limit
          || (bytes[after] < 0x80 && bytes[after] != 0x5F
            && !CharClass.isLetterOrDigit(UInt32(bytes[after])))
        {
          emit(offset, word.end, .word)
          return word.end
        }
      }
    }
    // Fast path: punctuation or a symbol followed by ASCII or white space is
    // a segment of its own under UAX #29 (only Extend, Format and ZWJ
    // scalars, all non-ASCII, could join it).
    if !CharClass.isLetterOrDigit(first) && first != 0x5F && !useICUForEveryWord {
      let end = offset + firstLength
      if end >= limit || bytes[end] < 0x80 || CharClass.isSpace(reader.scalar(at: end).value) {
        emit(offset, end, CharClass.isPunctuation(first) ? .punct : .symbol)
        return end
      }
    }
    return scanICUSegment(at: offset, first: first)
  }

  /// Fast path for elision: `d’` of `d’abord` ends where the splitWord rules
  /// would end it, without asking ICU, when the run `start..<runEnd` is an
  /// elided word, an apostrophe and a letter follow, and no whole word
  /// (`l’on`, `quelqu’un`) begins there. Returns the end of `d’`.
  private func fastElision(_ start: Int, _ runEnd: Int) -> Int? {
    guard runEnd < limit, runEnd - start <= 6 else { return nil }
    let (apostrophe, apostropheLength) = reader.scalar(at: runEnd)
    guard CharClass.isApostrophe(apostrophe), lists.elisionPrefixes.contains(reader, start, runEnd)
    else { return nil }
    let next = runEnd + apostropheLength
    guard let letter = scalar(next), CharClass.isLetter(letter) else { return nil }
    for exception in lists.elisionsStartingWholeWords
    where exception.prefix.contains(reader, start, runEnd) {
      var nextRunEnd = next
      while let value = scalar(nextRunEnd), CharClass.isLetter(value) {
        nextRunEnd += reader.scalar(at: nextRunEnd).length
      }
      if exception.nextRuns.contains(reader, next, nextRunEnd) { return nil }
    }
    return next
  }

  /// The end of the run of ASCII letters and digits and Latin letters
  /// (U+00C0–U+024F but × and ÷) from `offset`, and the byte that stopped
  /// it (nil at the limit).
  @inline(__always)
  private func latinRun(from offset: Int) -> (end: Int, stop: UInt8?) {
    let end = Self.latinRunEnd(bytes, from: offset, limit: limit)
    return (end, end < limit ? bytes[end] : nil)
  }

  @inline(__always)
  static func latinRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, limit: Int) -> Int
  {
    var end = offset
    while end < limit {
      let byte = bytes[end]
      if byte < 0x80 {
        guard (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else {
          return end
        }
        end += 1
      } else if byte >= 0xC3 && byte <= 0xC9 && end + 1 < limit {
        if byte == 0xC3 && (bytes[end + 1] == 0x97 || bytes[end + 1] == 0xB7) { return end }
        end += 2
      } else {
        return end
      }
    }
    return end
  }

  /// The byte that ends the leading Latin run of a whole buffer, if any.
  static func latinRunStop(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
    let end = latinRunEnd(bytes, from: 0, limit: bytes.count)
    return end < bytes.count ? bytes[end] : nil
  }

  /// ASCII bytes after which ICU's word rules (UAX #29) never continue a
  /// word of letters and digits: white space and punctuation that is not
  /// MidLetter, MidNum, MidNumLet or ExtendNumLet. Any other byte (`.`,
  /// `'`, `:`, `-`, `_`, `@`, `/`, a non-ASCII lead) goes to ICU and the
  /// French rules.
  @inline(__always)
  static func endsWordAsICUDoes(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09...0x0D, 0x20, 0x21, 0x22, 0x28, 0x29, 0x2A, 0x2C, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x5B,
      0x5D, 0x7B, 0x7C, 0x7D:
      return true
    default:
      return false
    }
  }

  /// Bytes that can follow the first letters of an e-mail address.
  static func mayContinueEmail(_ byte: UInt8) -> Bool {
    byte == 0x40 || byte == 0x2E || byte == 0x5F || byte == 0x25 || byte == 0x2B || byte == 0x2D
  }

  private func run(of byte: UInt8, from offset: Int) -> Int {
    var end = offset
    while end < limit && bytes[end] == byte { end += 1 }
    return end
  }

  // MARK: ICU segments and French word rules

  /// ICU's next boundary after `offset`, cut at the first white space
  /// inside the segment: UAX #29 counts U+202F NARROW NO-BREAK SPACE as
  /// ExtendNumLet and so joins `Oui\u{202F}!`'s word to the space, or two
  /// words around it, where French typography means a space.
  private func icuBoundary(after offset: Int) -> Int {
    let end = min(words.boundary(after: offset) ?? limit, limit)
    var position = offset
    while position < end {
      if bytes[position] < 0x80 {
        position += 1
        continue
      }
      let (value, length) = reader.scalar(at: position)
      if CharClass.isSpace(value) { return max(position, offset + 1) }
      position += length
    }
    return end
  }

  private mutating func scanICUSegment(at offset: Int, first: UInt32) -> Int {
    var end = icuBoundary(after: offset)
    if !words.segmentIsWord {
      // Punctuation, symbols, emoji: ICU's segment as it is.
      emit(offset, end, CharClass.isPunctuation(first) ? .punct : .symbol)
      return end
    }
    // An elided word before a non-letter keeps its apostrophe (`L’«`).
    if rules.apostrophes == .splitElision, let next = scalar(end), CharClass.isApostrophe(next),
      lists.elisionPrefixes.contains(reader, offset, end)
    {
      end += reader.scalar(at: end).length
      emit(offset, end, .word)
      return end
    }
    // Rejoin what ICU split at hyphens: `Kassym-Jomart`, `peut-être`,
    // `a-t-il`; in English only after a prefix or inside a code.
    var partStart = offset
    while let hyphen = scalar(end), CharClass.isHyphen(hyphen) {
      let after = end + reader.scalar(at: end).length
      guard let next = scalar(after), CharClass.isLetterOrDigit(next) else { break }
      if rules.hyphens == .splitButPrefixes
        && !joinsEnglishHyphen(wordStart: offset, partStart: partStart, hyphen: end, next: after)
      {
        break
      }
      let partEnd = icuBoundary(after: after)
      guard words.segmentIsWord else { break }
      partStart = after
      end = partEnd
    }
    guard rules.apostrophes == .splitElision else {
      // A plural possessive keeps its apostrophe (`soldiers'`), a word
      // broken off in speech its hyphen (`th-`, `Stoddar-`).
      if let next = scalar(end) {
        let after = end + reader.scalar(at: end).length
        let possessive = CharClass.isApostrophe(next) && bytes[end - 1] | 0x20 == 0x73
        let truncated = next == 0x2D && CharClass.isLetter(reader.scalar(before: end) ?? 0)
        if possessive, scalar(after).map({ !CharClass.isLetterOrDigit($0) }) ?? true {
          end = after
        } else if truncated, scalar(after).map(CharClass.isSpace) ?? true {
          end = after
        }
      }
      emit(offset, end, wordKind(offset, end))
      return end
    }
    splitWord(offset, end)
    return end
  }

  /// Whether UD English keeps the word whole across the hyphen at
  /// `hyphen` (`TokenRules.Hyphens.splitButPrefixes`): the word so far is
  /// one prefix before a letter (`e-mail`, `non-European`), or digit groups
  /// make a code rather than a range (`853-3242`, `36-01`, `212-848-8400`;
  /// `13-17` splits).
  private func joinsEnglishHyphen(wordStart: Int, partStart: Int, hyphen: Int, next: Int) -> Bool {
    guard hyphen > wordStart else { return false }
    if CharClass.isLetter(reader.scalar(at: next).value) {
      return partStart == wordStart && rules.hyphenPrefixes.contains(reader, wordStart, hyphen)
    }
    guard (partStart..<hyphen).allSatisfy({ CharClass.isDigit(UInt32(bytes[$0])) }) else {
      return false
    }
    var digitsEnd = next
    while digitsEnd < limit && CharClass.isDigit(UInt32(bytes[digitsEnd])) { digitsEnd += 1 }
    if let after = scalar(digitsEnd), CharClass.isLetter(after) { return false }
    let joinedBefore = partStart != wordStart
    return joinedBefore || digitsEnd - next >= 3 || bytes[next] == 0x30
  }

  /// English runs of marks (`TokenRules.PunctuationRuns.runsOfMarks`): two
  /// or more of `.` `!` `?` mixed, of line-drawing marks mixed (`-` `=` `*`
  /// `_` `~` `#` `+`), or of one other ASCII symbol repeated; and the
  /// emoticons `:)`, `:-)`, `:(`, `;)` before white space or `.` `,` `!`
  /// `?` `;`. Returns the end.
  private func matchMarkRun(at offset: Int) -> Int? {
    let first = bytes[offset]
    func isTerminal(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F }
    func isLineDrawing(_ byte: UInt8) -> Bool {
      switch byte {
      case 0x2D, 0x3D, 0x2A, 0x5F, 0x7E, 0x23, 0x2B: return true
      default: return false
      }
    }
    var end = offset + 1
    if isTerminal(first) {
      while end < limit && isTerminal(bytes[end]) { end += 1 }
    } else if isLineDrawing(first) {
      while end < limit && isLineDrawing(bytes[end]) { end += 1 }
    } else if first == 0x3A || first == 0x3B {
      var face = end
      if face < limit && bytes[face] == 0x2D { face += 1 }
      guard face < limit, bytes[face] == 0x29 || bytes[face] == 0x28 else { return nil }
      face += 1
      // Before white space, or a sentence's final mark (`…lingerie :-).`).
      guard face < limit else { return face }
      switch bytes[face] {
      case 0x2E, 0x2C, 0x21, 0x3F, 0x3B: return face
      default: return CharClass.isSpace(reader.scalar(at: face).value) ? face : nil
      }
    } else if !CharClass.isLetterOrDigit(UInt32(first)) && !CharClass.isSpace(UInt32(first))
      && first != 0x27 && first != 0x22 && first != 0x28 && first != 0x29
    {
      while end < limit && bytes[end] == first { end += 1 }
    }
    return end - offset >= 2 ? end : nil
  }

  /// Splits a compound found by ICU into UD French tokens.
  private mutating func splitWord(_ start: Int, _ end: Int) {
    guard hasApostropheOrHyphen(start, end) else {
      emit(start, end, wordKind(start, end))
      return
    }
    if lists.wholeWords.contains(reader, start, end) {
      emit(start, end, .word)
      return
    }
    // Elision at the front: `l’` + `État-providence`, `qu’` + `est-ce`.
    if let apostrophe = firstApostrophe(start, end) {
      let afterApostrophe = apostrophe + reader.scalar(at: apostrophe).length
      if afterApostrophe < end,
        lists.elisionPrefixes.contains(reader, start, apostrophe),
        let next = scalar(afterApostrophe), CharClass.isLetterOrDigit(next)
      {
        emit(start, afterApostrophe, .word)
        splitWord(afterApostrophe, end)
        return
      }
    }
    // Inverted clitics at the end: `dit` + `-il`, `a` + `-t-il`, `donne` + `-moi`.
    if let cliticStart = invertedCliticStart(start, end) {
      splitWord(start, cliticStart)
      emit(cliticStart, end, .word)
      return
    }
    // An English possessive: `People` + `’s`.
    if let apostrophe = possessiveApostrophe(start, end) {
      emit(start, apostrophe, .word)
      emit(apostrophe, end, .word)
      return
    }
    emit(start, end, wordKind(start, end))
  }

  /// A word holds a letter; a segment without one is a number, but for
  /// ASCII marks alone: ICU counts `@` as a letter (ALetter, for
  /// addresses), and the fast path calls it punctuation.
  private func wordKind(_ start: Int, _ end: Int) -> TokenKind {
    var offset = start
    var asciiMarksOnly = true
    while offset < end {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isLetter(value) { return .word }
      if value >= 0x80 || CharClass.isDigit(value) { asciiMarksOnly = false }
      offset += length
    }
    guard asciiMarksOnly else { return .number }
    return CharClass.isPunctuation(UInt32(bytes[start])) ? .punct : .symbol
  }

  private func hasApostropheOrHyphen(_ start: Int, _ end: Int) -> Bool {
    for offset in start..<end {
      switch bytes[offset] {
      // ' and -; 0xE2 leads ’ ‘ ′ and the Unicode hyphens; 0xCA leads ʼ.
      case 0x27, 0x2D, 0xE2, 0xCA: return true
      default: continue
      }
    }
    return false
  }

  private func firstApostrophe(_ start: Int, _ end: Int) -> Int? {
    var offset = start
    while offset < end {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isApostrophe(value) { return offset }
      if CharClass.isHyphen(value) { return nil }
      offset += length
    }
    return nil
  }

  /// Where an inverted clitic starts (at its hyphen), if the compound ends in one.
  private func invertedCliticStart(_ start: Int, _ end: Int) -> Int? {
    var hyphens: [Int] = []
    var offset = start
    while offset < end {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isHyphen(value) { hyphens.append(offset) }
      offset += length
    }
    guard let last = hyphens.last, last > start else { return nil }
    let lastPart = last + reader.scalar(at: last).length
    let firstIsLowercase = CharClass.isLowercase(reader.scalar(at: start).value)
    let isClitic =
      lists.subjectClitics.contains(reader, lastPart, end)
      || (firstIsLowercase && lists.objectClitics.contains(reader, lastPart, end))
      || (hyphens.count == 1 && lists.demonstrativeParticles.contains(reader, lastPart, end)
        && !lists.demonstrativePronouns.contains(reader, start, hyphens[0]))
    guard isClitic else { return nil }
    // The euphonic `-t-` goes with the pronoun: `a` + `-t-il`.
    if hyphens.count >= 2 {
      let previous = hyphens[hyphens.count - 2]
      if previous > start, lists.euphonicT.contains(reader, previous + 1, last) { return previous }
    }
    return last
  }

  private func possessiveApostrophe(_ start: Int, _ end: Int) -> Int? {
    guard end - start >= 4, bytes[end - 1] | 0x20 == 0x73 else { return nil }  // s or S
    var apostrophe = end - 2
    while apostrophe > start && bytes[apostrophe] & 0xC0 == 0x80 { apostrophe -= 1 }
    guard apostrophe > start, CharClass.isApostrophe(reader.scalar(at: apostrophe).value),
      let before = reader.scalar(before: apostrophe, lowerBound: start), CharClass.isLetter(before)
    else { return nil }
    return apostrophe
  }

  // MARK: Patterns ICU would cut apart

  /// `http://…`, `https://…`, `ftp://…`, `www.…`, up to white space, less
  /// trailing punctuation and an unbalanced closing parenthesis.
  private func matchURL(at offset: Int) -> Int? {
    var matched = false
    for prefix in FrenchLexicon.urlPrefixes where offset + prefix.utf8.count < limit {
      var same = true
      for (index, byte) in prefix.utf8.enumerated()
      where bytes[offset + index] | 0x20 != byte | 0x20 {
        same = false
        break
      }
      if same, let next = scalar(offset + prefix.utf8.count), CharClass.isLetterOrDigit(next) {
        matched = true
        break
      }
    }
    guard matched else { return nil }
    var end = offset
    var openParens = 0
    while end < limit {
      let (value, length) = reader.scalar(at: end)
      if CharClass.isSpace(value) || value == 0x3C || value == 0x3E || value == 0x22
        || value == 0xAB || value == 0xBB || value == 0x201C || value == 0x201D
      {
        break
      }
      if value == 0x28 || value == 0x5B { openParens += 1 }
      if value == 0x29 || value == 0x5D { openParens -= 1 }
      end += length
    }
    // Trailing punctuation belongs to the sentence, not the address.
    while end > offset {
      var start = end - 1
      while bytes[start] & 0xC0 == 0x80 { start -= 1 }
      let value = reader.scalar(at: start).value
      if (value == 0x29 || value == 0x5D) && openParens < 0 {
        openParens += 1
      } else if !(value == 0x2E || value == 0x2C || value == 0x3B || value == 0x3A || value == 0x21
        || value == 0x3F || CharClass.isApostrophe(value))
      {
        break
      }
      end = start
    }
    return end
  }

  /// The marks `matchNumber` keeps between digits.
  @inline(__always)
  private func isNumberJoiner(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x2C, 0x2E: return true
    case 0x27: return rules.numbers == .french
    case 0x3A: return rules.numbers == .english
    default: return false
    }
  }

  /// The end of `/D/D` after digits ending at `end`, making a date
  /// (`02/13/2001`, `9/30/01`); nil for one slash (`24/7`, `1/2`).
  private func englishDateEnd(from end: Int) -> Int? {
    var position = end
    for _ in 0..<2 {
      guard position + 1 < limit, bytes[position] == 0x2F,
        CharClass.isDigit(UInt32(bytes[position + 1]))
      else { return nil }
      position += 1
      let groupStart = position
      while position < limit && CharClass.isDigit(UInt32(bytes[position])) { position += 1 }
      guard position - groupStart <= 4 else { return nil }
    }
    if let after = scalar(position), CharClass.isLetterOrDigit(after) || after == 0x2F {
      return nil
    }
    return position
  }

  /// `local@domain.tld` in ASCII.
  private func matchEmail(at offset: Int) -> Int? {
    func isLocal(_ byte: UInt8) -> Bool {
      CharClass.isLetterOrDigit(UInt32(byte)) || byte == 0x2E || byte == 0x5F || byte == 0x25
        || byte == 0x2B || byte == 0x2D
    }
    var at = offset
    while at < limit && bytes[at] < 0x80 && isLocal(bytes[at]) { at += 1 }
    guard at > offset, at < limit, bytes[at] == 0x40 else { return nil }
    var end = at + 1
    var lastDot: Int?
    while end < limit, bytes[end] < 0x80,
      CharClass.isLetterOrDigit(UInt32(bytes[end])) || bytes[end] == 0x2D || bytes[end] == 0x2E
    {
      if bytes[end] == 0x2E { lastDot = end }
      end += 1
    }
    while end > at + 1 && (bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D) { end -= 1 }
    guard let dot = lastDot, dot > at + 1, end - dot > 2 else { return nil }
    return end
  }

  /// The word after `#` or `@`: letters, digits and underscores.
  private func matchTag(at offset: Int) -> Int? {
    var end = offset
    while end < limit {
      let (value, length) = reader.scalar(at: end)
      guard CharClass.isLetterOrDigit(value) || value == 0x5F else { break }
      end += length
    }
    guard end > offset, let first = scalar(offset), CharClass.isLetter(first) || first == 0x5F
    else { return nil }
    return end
  }

  /// Numbers with French separators (`1 234,5`, `80 000`, `6.995`,
  /// `10'000`), times (`20h45` gives `20` `h` `45`, as UD French has it) and
  /// ordinals (`1er`, `5ème`, `20e`). Emits and returns the end, or returns
  /// nil to leave the text to ICU (`5km`, `A380`, `1752-1807`).
  private mutating func matchNumber(at offset: Int, signStart: Int?) -> Int? {
    var end = offset
    while end < limit && CharClass.isDigit(UInt32(bytes[end])) { end += 1 }
    let integerLength = end - offset
    var plain = true
    // Thousands grouped with a space, a no-break or a narrow no-break space.
    if integerLength <= 3 && rules.numbers == .french {
      while end < limit {
        let (separator, separatorLength) = reader.scalar(at: end)
        guard CharClass.isDigitGroupSpace(separator) else { break }
        let group = end + separatorLength
        guard group + 3 <= limit,
          (0..<3).allSatisfy({ CharClass.isDigit(UInt32(bytes[group + $0])) }),
          !(group + 3 < limit && CharClass.isDigit(UInt32(bytes[group + 3])))
        else { break }
        end = group + 3
        plain = false
      }
    }
    // Decimal and grouping marks between digits: `3,5`, `6.995`, `10'000`;
    // in English times too: `5:00`.
    while end + 1 < limit, isNumberJoiner(bytes[end]), CharClass.isDigit(UInt32(bytes[end + 1])) {
      end += 1
      while end < limit && CharClass.isDigit(UInt32(bytes[end])) { end += 1 }
      plain = false
    }
    if rules.numbers == .english, plain, let dateEnd = englishDateEnd(from: end) {
      emit(offset, dateEnd, .number)
      return dateEnd
    }
    // `70's`: a possessive or plural `'s` stays on English digits.
    if rules.numbers == .english, plain, end + 2 <= limit, bytes[end] == 0x27,
      bytes[end + 1] | 0x20 == 0x73, scalar(end + 2).map({ !CharClass.isLetterOrDigit($0) }) ?? true
    {
      emit(offset, end + 2, .number)
      return end + 2
    }
    let start = signStart ?? offset
    guard let next = scalar(end) else {
      emit(start, end, .number)
      return end
    }
    if let unit = rules.units.match(bytes, at: end, limit: limit) {
      let unitEnd = end + unit.bytes.count
      emit(start, end, .number)
      emit(end, unitEnd, .symbol)
      return unitEnd
    }
    if CharClass.isHyphen(next) || next == 0x2F {
      // Ranges and codes (`1752-1807`, `24/7`) stay whole: ICU's segment.
      if let after = scalar(end + 1), CharClass.isLetterOrDigit(after) { return nil }
    }
    guard CharClass.isLetter(next) else {
      emit(start, end, .number)
      return end
    }
    guard plain, signStart == nil else { return nil }
    var letterEnd = end
    while let value = scalar(letterEnd), CharClass.isLetter(value) {
      letterEnd += reader.scalar(at: letterEnd).length
    }
    let afterLetters = scalar(letterEnd)
    let endsWord = afterLetters.map { !CharClass.isLetterOrDigit($0) } ?? true
    if endsWord, rules.ordinalSuffixes.contains(reader, end, letterEnd) {
      emit(offset, letterEnd, .ordinal)
      return letterEnd
    }
    // Times: `20h45`, `20h`.
    if rules.numbers == .french, integerLength <= 2, bytes[end] | 0x20 == 0x68 {
      let hour = end + 1
      var minuteEnd = hour
      while minuteEnd < limit && CharClass.isDigit(UInt32(bytes[minuteEnd])) { minuteEnd += 1 }
      let minuteLength = minuteEnd - hour
      let closes = scalar(minuteEnd).map { !CharClass.isLetterOrDigit($0) } ?? true
      if closes && (minuteLength == 0 || minuteLength == 2) {
        emit(offset, end, .number)
        emit(end, hour, .word)
        if minuteLength == 2 { emit(hour, minuteEnd, .number) }
        return minuteEnd
      }
    }
    return nil
  }

  /// Dotted initials and acronyms: `U.S.A.`, `J.-C.`, `J.-P.`, and one
  /// capital initial before a capitalized name (`J. Dupont`).
  private func matchDottedInitials(at offset: Int) -> Int? {
    var end = offset
    var letters = 0
    while let value = scalar(end), CharClass.isLetter(value) {
      let afterLetter = end + reader.scalar(at: end).length
      guard afterLetter < limit, bytes[afterLetter] == 0x2E else { break }
      var next = afterLetter + 1
      letters += 1
      end = next
      // `J.-C.`: a hyphen may join two initials.
      if next < limit, bytes[next] == 0x2D, let after = scalar(next + 1), CharClass.isLetter(after)
      {
        next += 1
        end = next
      }
    }
    // Back off a dangling hyphen.
    if end > offset && bytes[end - 1] == 0x2D { end -= 1 }
    guard letters >= 1, end > offset, bytes[end - 1] == 0x2E else { return nil }
    if let after = scalar(end), CharClass.isLetterOrDigit(after) { return nil }
    if letters >= 2 { return end }
    // One initial: a capital, then a space, then a capitalized word.
    guard CharClass.isUppercase(reader.scalar(at: offset).value), let space = scalar(end),
      space == 0x20 || space == 0xA0 || space == 0x202F,
      case let wordStart = end + reader.scalar(at: end).length,
      let following = scalar(wordStart), CharClass.isUppercase(following)
    else { return nil }
    var wordEnd = wordStart
    while let value = scalar(wordEnd), CharClass.isLetter(value) {
      wordEnd += reader.scalar(at: wordEnd).length
    }
    if rules.sentenceOpeners.contains(reader, wordStart, wordEnd) { return nil }
    return end
  }

  /// Old French numerals written between points (`.viii. jours`, `le
  /// .iiiie. jour`, `.vcclxiii. livres`), one token as UD French ALTS has
  /// them: a point after white space or at the start, Roman letters of one
  /// case (`j` for a last `i`, `.iij.`; old numerals are not in canonical
  /// form, so any order), an optional ordinal `e`, a point, and then no
  /// letter or digit.
  private func matchPointedNumeral(at offset: Int) -> Int? {
    if let before = reader.scalar(before: offset), !CharClass.isSpace(before) { return nil }
    var end = offset + 1
    // ASCII letters differ from their capitals by this bit alone.
    let caseBit: UInt8 = end < limit ? bytes[end] & 0x20 : 0
    while end < limit, bytes[end] & 0x20 == caseBit,
      RomanNumeral.digitValue(bytes[end] & ~0x20) != nil
    {
      end += 1
    }
    guard end > offset + 1 else { return nil }
    if end < limit, bytes[end] == 0x4A | caseBit { end += 1 }  // j
    if end < limit, bytes[end] == 0x45 | caseBit { end += 1 }  // e
    guard end < limit, bytes[end] == 0x2E else { return nil }
    end += 1
    if let after = scalar(end), CharClass.isLetterOrDigit(after) { return nil }
    return end
  }

  /// Roman-numeral ordinals: `XXIe`, `Ier`, `IIIème`.
  private func matchRomanOrdinal(at offset: Int) -> Int? {
    var end = offset
    while end < limit, RomanNumeral.digitValue(bytes[end]) != nil { end += 1 }
    guard end > offset else { return nil }
    // Single C, D, L, M before `e` are the words Ce, De, Le, Me.
    if end - offset == 1
      && !(bytes[offset] == 0x49 || bytes[offset] == 0x56 || bytes[offset] == 0x58)
    {
      return nil
    }
    var suffixEnd = end
    while let value = scalar(suffixEnd), CharClass.isLetter(value) {
      suffixEnd += reader.scalar(at: suffixEnd).length
    }
    guard suffixEnd > end, lists.romanOrdinalSuffixes.contains(reader, end, suffixEnd)
    else { return nil }
    if let after = scalar(suffixEnd), CharClass.isLetterOrDigit(after) { return nil }
    // Last, as the dearest test: a well-formed numeral.
    guard RomanNumeral.value(bytes[offset..<end]) != nil else { return nil }
    return suffixEnd
  }

}

/// Roman numerals in canonical form (`XXI`, not `XVIIII`).
enum RomanNumeral {
  static func digitValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x49: return 1  // I
    case 0x56: return 5  // V
    case 0x58: return 10  // X
    case 0x4C: return 50  // L
    case 0x43: return 100  // C
    case 0x44: return 500  // D
    case 0x4D: return 1000  // M
    default: return nil
    }
  }

  /// The value of a canonical numeral up to 3999, or nil.
  static func value<C: Collection<UInt8>>(_ numeral: C) -> Int? {
    let digits = numeral.compactMap(digitValue)
    guard digits.count == numeral.count, !digits.isEmpty else { return nil }
    var total = 0
    for (index, digit) in digits.enumerated() {
      if index + 1 < digits.count && digit < digits[index + 1] {
        total -= digit
      } else {
        total += digit
      }
    }
    guard total > 0, total < 4000, format(total) == String(decoding: numeral, as: UTF8.self) else {
      return nil
    }
    return total
  }

  static func format(_ value: Int) -> String {
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = value
    var result = ""
    for (amount, symbol) in table {
      while rest >= amount {
        result += symbol
        rest -= amount
      }
    }
    return result
  }
}
