/// A sentence's tokens with the questions the rules ask of them. Each
/// token's folded key, list roles and shape are computed once, when the
/// sentence is loaded, so that the rules' many questions cost a table
/// look-up each. The arrays keep their capacity from one sentence to the
/// next; only the first `count` entries belong to the sentence loaded.
struct SentenceWords {
  /// The sentence's tokens and the document's bytes, valid from `load` to
  /// the end of the `EntityExtractor.extract` call that loaded them.
  private(set) var tokens = UnsafeBufferPointer<TokenSpan>(start: nil, count: 0)
  private(set) var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  var count: Int { tokens.count }
  /// What each token is, in one array: one uniqueness check and one
  /// stream of stores a sentence, not three.
  private var info: [Info] = []
  /// Indices of the capitalized words, in order; the first `capitalCount`
  /// belong to the sentence.
  private var capitals: [Int] = []
  private var capitalCount = 0
  /// Every role some token of the sentence has.
  private(set) var presentRoles: WordRoles = []
  private(set) var hasOpeningParenthesis = false
  private(set) var hasOpeningQuote = false
  /// Indices of the numbers and ordinals, in order (every date has one);
  /// the first `numberCount` belong to the sentence.
  private var numberIndices: [Int] = []
  private var numberCount = 0
  /// A capitalized word after the first token: every name but those a
  /// head noun or the document memory finds at the start has one.
  var hasInnerCapital: Bool { capitalCount > 1 || (capitalCount == 1 && capitals[0] > 0) }

  private struct Info {
    /// `WordKey` of a word or abbreviation; 0 for other tokens.
    var key: UInt64
    var roles: WordRoles
    var shape: Shape
  }

  private struct Shape: OptionSet {
    let rawValue: UInt8
    static let capitalized = Shape(rawValue: 1)
    static let lowercaseWord = Shape(rawValue: 2)
    static let acronym = Shape(rawValue: 4)
  }

  var reader: ScalarReader { ScalarReader(bytes: bytes) }

  mutating func load(
    _ tokens: UnsafeBufferPointer<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    lists: EntityWordLists
  ) {
    self.tokens = tokens
    self.bytes = bytes
    if info.count < count {
      let capacity = max(count, 2 * info.count, 64)
      info = Array(repeating: Info(key: 0, roles: [], shape: []), count: capacity)
      capitals = Array(repeating: 0, count: capacity)
      numberIndices = Array(repeating: 0, count: capacity)
    }
    var capitalCount = 0
    var present: WordRoles = []
    var opensParenthesis = false
    var opensQuote = false
    var numberCount = 0
    let reader = reader
    // Written through pointers: `append` checks capacity and uniqueness
    // per element, three times per token.
    info.withUnsafeMutableBufferPointer { info in
      capitals.withUnsafeMutableBufferPointer { capitals in
        numberIndices.withUnsafeMutableBufferPointer { numberIndices in
          for index in tokens.indices {
            let token = tokens[index]
            var shape: Shape = []
            var tokenRoles: WordRoles = []
            var key: UInt64 = 0
            if token.kind == .word || token.kind == .abbreviation {
              // Only words and abbreviations are ever looked up.
              key = WordKey.of(bytes, token.startByte, token.endByte)
              tokenRoles = lists.roles(of: key)
              shape = Self.shape(token, reader)
              // Written always, kept when capitalized: no branch.
              capitals[capitalCount] = index
              capitalCount += shape.contains(.capitalized) ? 1 : 0
            } else if token.kind == .number || token.kind == .ordinal {
              numberIndices[numberCount] = index
              numberCount += 1
            } else if token.kind == .punct {
              let byte = bytes[token.startByte]
              if byte == 0x28 { opensParenthesis = true }
              // « is C2 AB, “ is E2 80 9C.
              if byte == 0xC2 || byte == 0xE2 { opensQuote = true }
            }
            info[index] = Info(key: key, roles: tokenRoles, shape: shape)
            present.formUnion(tokenRoles)
          }
        }
      }
    }
    self.capitalCount = capitalCount
    presentRoles = present
    hasOpeningParenthesis = opensParenthesis
    hasOpeningQuote = opensQuote
    self.numberCount = numberCount
  }

  /// The shape of a word or abbreviation, from its first letter (ASCII
  /// answered without decoding).
  @inline(__always)
  private static func shape(_ token: TokenSpan, _ reader: ScalarReader) -> Shape {
    let lead = reader.bytes[token.startByte]
    let isUppercase: Bool
    let isLowercase: Bool
    if lead < 0x80 {
      isUppercase = lead &- 0x41 < 26
      isLowercase = lead &- 0x61 < 26
    } else {
      (isUppercase, isLowercase) = caseBeyondASCII(token, reader)
    }
    if isUppercase {
      // Most capitalized words have a lowercase ASCII letter second, which
      // no acronym has: answered without the scan.
      let length = token.endByte - token.startByte
      if token.kind == .word && length <= 40
        && (length < 2 || reader.bytes[token.startByte + 1] &- 0x61 >= 26)
        && isAcronym(token, reader)
      {
        return [.capitalized, .acronym]
      }
      return .capitalized
    }
    return isLowercase && token.kind == .word ? .lowercaseWord : []
  }

  /// Whether a token's first letter, beyond ASCII, is uppercase or
  /// lowercase. Apart, and never inlined, to keep `shape`, which runs for
  /// every word, small: inlined, this path made the extractor 1.6 ns a
  /// token slower (`relais-bench`), and before `CharClass` kept Unicode
  /// properties out of line it fetched their metadata on every call.
  @inline(never)
  private static func caseBeyondASCII(_ token: TokenSpan, _ reader: ScalarReader) -> (
    uppercase: Bool, lowercase: Bool
  ) {
    let first = reader.scalar(at: token.startByte).value
    let isUppercase = CharClass.isUppercase(first)
    return (isUppercase, !isUppercase && CharClass.isLowercase(first))
  }

  /// Two to ten letters, digits allowed, no lowercase letter.
  private static func isAcronym(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    var letters = 0
    var scalars = 0
    var offset = token.startByte
    while offset < token.endByte {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isLowercase(value) { return false }
      if CharClass.isLetter(value) { letters += 1 }
      scalars += 1
      offset += length
    }
    return letters >= 2 && scalars <= 10
  }

  /// The token at `index`, which must be in the sentence: checked, as a
  /// read through the pointer is not.
  func token(_ index: Int) -> TokenSpan {
    precondition(index >= 0 && index < count, "token index out of the sentence")
    return tokens[index]
  }
  func kind(_ index: Int) -> TokenKind { token(index).kind }

  /// The indices of the capitalized words, in order: the rules that start
  /// from one walk these instead of the whole sentence.
  var capitalized: ArraySlice<Int> { capitals[0..<capitalCount] }

  /// The indices of the numbers and ordinals, in order.
  var numbers: ArraySlice<Int> { numberIndices[0..<numberCount] }

  /// The token is exactly `literal`.
  func isText(_ index: Int, _ literal: StaticString) -> Bool {
    guard index >= 0 && index < count else { return false }
    let token = token(index)
    guard token.endByte - token.startByte == literal.utf8CodeUnitCount else { return false }
    for offset in 0..<literal.utf8CodeUnitCount
    where bytes[token.startByte + offset] != literal.utf8Start[offset] {
      return false
    }
    return true
  }

  /// The first word of the sentence, or of a list item (`1 .` before it),
  /// articles aside (`Les Accords…`).
  func opensSentence(_ index: Int) -> Bool {
    var first = 0
    if count > 2 && kind(0) == .number && kind(1) == .punct { first = 2 }
    return (first..<index).allSatisfy { has(.articles, $0) }
  }

  /// The token at `index` (if any) is in the list `role`.
  @inline(__always)
  func has(_ role: WordRoles, _ index: Int) -> Bool {
    index >= 0 && index < count && !info[index].roles.isDisjoint(with: role)
  }

  func isCapitalized(_ index: Int) -> Bool { info[index].shape.contains(.capitalized) }
  func isLowercaseWord(_ index: Int) -> Bool { info[index].shape.contains(.lowercaseWord) }
  func isAcronym(_ index: Int) -> Bool { info[index].shape.contains(.acronym) }
  /// `WordKey` of a word or abbreviation; 0 for other tokens.
  func key(_ index: Int) -> UInt64 { info[index].key }

  /// A capitalized word of two to eight letters (`Insee`), which may be
  /// a short form when the letters of a long form before it agree.
  func isShortName(_ index: Int) -> Bool {
    guard isCapitalized(index) else { return false }
    let length = token(index).endByte - token(index).startByte
    return length >= 2 && length <= 8
  }

  /// A lowercase adjective that continues a name (`centrale`, `mondiale`,
  /// `communiste`, `national`): a word of five bytes or more with an
  /// adjective ending, compared on bytes.
  func isNameAdjective(_ index: Int) -> Bool {
    guard isLowercaseWord(index) else { return false }
    let token = token(index)
    guard token.endByte - token.startByte > 4 else { return false }
    for ending in Self.adjectiveEndings where ending.count < token.endByte - token.startByte {
      var matches = true
      for (offset, byte) in ending.enumerated()
      where bytes[token.endByte - ending.count + offset] != byte {
        matches = false
        break
      }
      if matches { return true }
    }
    return false
  }

  private static let adjectiveEndings: [[UInt8]] = [
    "al", "ale", "aux", "ales", "ique", "iques", "ien", "ienne", "ais", "aise", "ois", "oise",
    "iste", "istes", "el", "elle", "ain", "aine", "if", "ive", "ier", "ière", "aire", "aires",
    "éen", "éenne",
  ].map { Array($0.utf8) }

  /// The number the token's leading ASCII digits spell, and where they
  /// end; nil past 18 digits (more than an Int holds). Read from the
  /// bytes: a String per number, its prefix and `Int(_:)` were a fifth of
  /// the time spent on dates (perf).
  private func leadingNumber(_ token: TokenSpan) -> (value: Int, end: Int)? {
    var end = token.startByte
    var value = 0
    while end < token.endByte, bytes[end] &- 0x30 < 10 {
      guard end - token.startByte < 18 else { return nil }
      value = value * 10 + Int(bytes[end] &- 0x30)
      end += 1
    }
    return (value, end)
  }

  /// The token's digits as a number, if it is all digits.
  private func digits(_ index: Int) -> Int? {
    let token = token(index)
    guard let (value, end) = leadingNumber(token), end == token.endByte else { return nil }
    return value
  }

  /// 1–31 as a number, or `1er`.
  func dayNumber(_ index: Int) -> Int? {
    switch kind(index) {
    case .number:
      guard token(index).endByte - token(index).startByte <= 2, let number = digits(index),
        (1...31).contains(number)
      else { return nil }
      return number
    case .ordinal:
      return isText(index, "1er") || isText(index, "1ᵉʳ") ? 1 : nil
    default:
      return nil
    }
  }

  /// A four-digit year from 1000 to 2199.
  func yearNumber(_ index: Int) -> Int? {
    guard kind(index) == .number, token(index).endByte - token(index).startByte == 4,
      let number = digits(index), (1000...2199).contains(number)
    else { return nil }
    return number
  }

  /// The number of an ordinal token: `5ème` 5, `1ère` 1, `XXIe` 21.
  func ordinalValue(_ index: Int) -> Int? {
    let token = token(index)
    guard let (value, digitsEnd) = leadingNumber(token) else { return nil }
    if digitsEnd > token.startByte { return value }
    var end = token.startByte
    while end < token.endByte, RomanNumeral.digitValue(bytes[end]) != nil { end += 1 }
    return RomanNumeral.value(bytes[token.startByte..<end])
  }
}
