import Foundation
import Testing

@testable import RelaisKit

/// Edge cases for the fast paths: words before `.`, `:`, `'` with and
/// without a letter after, punctuation before combining marks, underscores,
/// elided words that begin whole words.
let fastPathEdgeCases = """
  L' oasis, l'« oasis », fin.Le début: a:b c:. d' e'f g_h _i. Dr. M. U.S.A. 3.5 x.5 \
  ,\u{0301} «\u{00A0}oui\u{00A0}» a\u{00AD}b 1er 20h45 km/h www.a.fr a@b.fr #x @y ; ! ? \
  L'on l’onde quelqu’un quelqu’une Quelqu'autre c'est-à-dire c’est qu'en-dira-t-on qu’en \
  d'aujourd'hui lʼÉtat l‘État jusqu'à D’Artagnan m’as-tu-vu m'as
  """

/// The tokenizer skips ICU for plain Latin words that end at white space or
/// plain punctuation (on the strength of UAX #29) and for elided words. This
/// holds it to that: with and without the fast paths, the GSD dev text, the
/// corpus article and the edge cases give the same tokens.
@Test(arguments: ["Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu", "Corpus", "edge cases"])
func fastPathGivesICUsSegmentation(_ source: String) throws {
  let text: String
  if source == "edge cases" {
    text = String(repeating: fastPathEdgeCases + "\n", count: 30)
  } else if source.hasSuffix(".conllu") {
    let gold = try UDGold(
      conllu: try String(contentsOfFile: Repository.path(source), encoding: .utf8), path: source)
    text = gold.text
  } else {
    text = try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8)
  }
  let document = SourceText(string: text, path: source)
  let fast = try Pipeline().sentences(of: document)
  let icuOnly = try Pipeline(tokenizer: Tokenizer(useICUForEveryWord: true)).sentences(
    of: document)
  #expect(fast.flatMap { $0 }.count > 700)
  #expect(fast == icuOnly)
}

/// Every token of `text` with its document bytes, for the key tests.
private func eachToken(
  of text: String, _ body: (UnsafeBufferPointer<UInt8>, TokenSpan) -> Void
) throws {
  try Pipeline().process(SourceText(string: text, path: "t")) { bytes, block in
    for token in block.tokens { body(bytes, token) }
  }
}

private func keyTestText() throws -> String {
  let gold = try UDGold(
    conllu: try String(
      contentsOfFile: Repository.path("Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu"),
      encoding: .utf8), path: "dev")
  // The edge cases last, so that some token ends the buffer.
  return gold.text + "\n" + fastPathEdgeCases + " ÉTAT Œuvre PRÉSIDENTIELLES l’on"
}

/// Word keys read eight bytes at a time from the document (ASCII and
/// lowercase Latin-1) equal the keys the byte-at-a-time folding gives the
/// same word as a string, for every word of GSD dev.
@Test func wordKeysFromBytesEqualKeysFromStrings() throws {
  var compared = 0
  try eachToken(of: try keyTestText()) { bytes, token in
    let text = String(decoding: bytes[token.byteRange], as: UTF8.self)
    #expect(WordKey.of(bytes, token.startByte, token.endByte) == WordKey.of(text), "\(text)")
    compared += 1
  }
  #expect(compared > 30_000)
}

@Test(arguments: [
  ("État", "état", true), ("ÉTAT", "état", true), ("PRÉSIDENTIELLES", "présidentielles", true),
  ("Œuvre", "œuvre", true), ("l’on", "l'on", true), ("lʼon", "L'ON", true),
  ("c\u{2011}est", "c-est", true), ("état", "etat", false), ("a", "b", false), ("ab", "abc", false),
  ("abcdefgh", "abcdefghi", false), ("", "", true), ("", "a", false),
])
func wordKeysFoldAsWordListsDo(_ first: String, _ second: String, _ same: Bool) {
  #expect((WordKey.of(first) == WordKey.of(second)) == same)
  var bytes = Array(first.utf8)
  let fromBytes = bytes.withUnsafeMutableBufferPointer {
    WordKey.of(UnsafeBufferPointer($0), 0, $0.count)
  }
  #expect(fromBytes == WordKey.of(first))
}

/// Glossary unit keys of ASCII tokens, hashed eight bytes at a time, equal
/// the keys glossary terms get from `TermKeys.key`, for every token of GSD
/// dev without a hyphen (hyphenated words are cut into several units).
@Test func unitKeysFromBytesEqualTermKeys() throws {
  var compared = 0
  var units: [UnitScanner.Unit] = []
  try eachToken(of: try keyTestText()) { bytes, token in
    let text = String(decoding: bytes[token.byteRange], as: UTF8.self)
    guard !text.unicodeScalars.contains(where: { CharClass.isHyphen($0.value) }) else { return }
    units.removeAll()
    // Every token, quotation marks too, gives its unit here.
    var rules = UnitRules.french
    rules.quotationMarksPassedOver = false
    UnitScanner.units(of: [token], bytes, unitRules: rules, into: &units)
    #expect(units.map(\.folded) == [TermKeys.key(text, foldCase: true)], "\(text)")
    compared += 1
  }
  #expect(compared > 30_000)
}

/// The cuckoo table keeps every key it is given, answers 0 for the others
/// and takes updates, through its growth from 16 slots.
@Test(arguments: [1, 600, 20_000])
func keyMapKeepsEveryKey(_ count: Int) {
  var state: UInt64 = 42
  func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state ^ (state >> 29)
  }
  let keys = (0..<count).map { _ in next() }
  var map = KeyMap()
  for (index, key) in keys.enumerated() { map.set(key, UInt16(truncatingIfNeeded: index % 9 + 1)) }
  #expect(keys.enumerated().allSatisfy { map.value($1) == UInt16($0 % 9 + 1) })
  #expect((0..<1000).allSatisfy { _ in map.value(next()) == 0 })
  map.set(keys[0], 0xABCD)
  #expect(map.value(keys[0]) == 0xABCD)
}

/// `normIsText` eight bytes at a time says what the byte loop says: for
/// every token of GSD dev and the edge cases, and for every lead byte in
/// every position of a word.
@Test func normIsTextWordAtATimeEqualsTheByteLoop() throws {
  var tokens = 0
  var folded = 0
  try eachToken(of: try keyTestText() + " 80\u{00A0}000 ’ ʼ ‐ ﬁn") { bytes, token in
    let fast = TokenNormalization.normIsText(bytes, token.byteRange)
    #expect(fast == TokenNormalization.normIsTextPlain(bytes, token.byteRange))
    tokens += 1
    if !fast { folded += 1 }
  }
  #expect(tokens > 30_000)
  #expect(folded > 10)
  for byte in UInt8(0x80)...UInt8(0xFF) {
    for position in 0..<11 {
      var word = [UInt8](repeating: 0x61, count: 11)
      word[position] = byte
      word.withUnsafeBufferPointer { buffer in
        #expect(
          TokenNormalization.normIsText(buffer, 0..<11)
            == TokenNormalization.normIsTextPlain(buffer, 0..<11), "byte \(byte) at \(position)")
      }
    }
  }
}

/// `CharClass` answers Latin scalars itself and asks Unicode's properties
/// for the rest; over every scalar it gives the properties' answer.
@Test(arguments: [
  "space", "letter", "uppercase", "lowercase", "punctuation",
])
func charClassGivesUnicodesProperties(_ name: String) {
  var differences: [String] = []
  for value in UInt32(0)...0x10FFFF {
    guard let scalar = Unicode.Scalar(value) else { continue }
    let properties = scalar.properties
    let (fast, plain): (Bool, Bool)
    switch name {
    case "space": (fast, plain) = (CharClass.isSpace(value), properties.isWhitespace)
    case "letter": (fast, plain) = (CharClass.isLetter(value), properties.isAlphabetic)
    case "uppercase":
      (fast, plain) = (
        CharClass.isUppercase(value),
        properties.isUppercase || properties.generalCategory == .titlecaseLetter
      )
    case "lowercase": (fast, plain) = (CharClass.isLowercase(value), properties.isLowercase)
    default:
      let category = properties.generalCategory
      (fast, plain) = (
        CharClass.isPunctuation(value),
        [
          .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
          .initialPunctuation, .finalPunctuation, .otherPunctuation,
        ].contains(category)
      )
    }
    if fast != plain, differences.count < 10 { differences.append(String(value, radix: 16)) }
  }
  #expect(differences.isEmpty, "\(name) differs at U+\(differences)")
}

/// `TermKeys.isAcronym` through `CharClass`, against the same rule asked of
/// Unicode's properties.
@Test func acronymTestGivesThePropertiesAnswer() {
  func plain(_ term: String) -> Bool {
    var letters = 0
    for scalar in term.unicodeScalars {
      if scalar.properties.isLowercase { return false }
      if scalar.properties.isAlphabetic { letters += 1 }
    }
    return letters >= 2 && term.unicodeScalars.count <= 10
  }
  let terms = [
    "OCS", "BRICS", "CO2", "A", "Ab", "ÉTAT", "É", "ÉU", "S.N.C.F.", "ABCDEFGHIJ", "ABCDEFGHIJK",
    "ΑΒΓ", "ДНК", "aBC", "ABc", "ßS", "ǅA", "ⅣX", "12", "Q1", "ÀÉÎÕÜ", "ÿA", "A\u{0301}B",
    "NASA’s", "X-Y", "ÆØ", "ĲA", "ǈǋ",
  ]
  for term in terms {
    #expect(TermKeys.isAcronym(term) == plain(term), "\(term)")
  }
}
