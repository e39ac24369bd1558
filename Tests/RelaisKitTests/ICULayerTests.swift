import Testing

@testable import RelaisKit

/// Facts about ICU that the tokenizer builds on, held as tests so an ICU
/// upgrade that changes them fails here first.
struct ICULayerTests {
  private func boundaries(_ kind: ICU.BreakKind, _ locale: String, _ text: String) throws -> [Int] {
    let iterator = try ICU.BreakIterator(kind, locale: locale)
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
      try iterator.setText(buffer)
      return iterator.allBoundaries()
    }
  }

  @Test func wordBoundariesAreUTF8ByteOffsets() throws {
    // "l’État" is one ICU word: ’ (3 bytes) and É (2 bytes) count as bytes.
    #expect(try boundaries(.word, "fr", "l’État a") == [0, 9, 10, 11])
  }

  @Test func wordRulesSplitEveryHyphen() throws {
    #expect(try boundaries(.word, "fr", "peut-être") == [0, 4, 5, 10])
  }

  @Test func sentenceRulesGiveByteOffsetsAndFrenchSuppressions() throws {
    let text = "Il part. Elle reste."
    #expect(try boundaries(.sentence, "fr@ss=standard", text) == [0, 9, 20])
  }

  @Test func ruleStatusTellsWordsFromPunctuation() throws {
    let iterator = try ICU.BreakIterator(.word, locale: "fr")
    let bytes = Array("mot , 42".utf8)
    try bytes.withUnsafeBufferPointer { buffer in
      try iterator.setText(buffer)
      #expect(iterator.boundary(after: 0) == 3)
      #expect(iterator.ruleStatus >= 200)
      #expect(iterator.boundary(after: 4) == 5)
      #expect(iterator.ruleStatus < 100)
      #expect(iterator.boundary(after: 6) == 8)
      #expect((100..<200).contains(iterator.ruleStatus))
    }
  }

  /// `make bench`'s bare pass counts what ICU calls words and numbers,
  /// not spaces or punctuation.
  @Test(arguments: [
    ("Le chat dort.", 3), ("l’État a 42 pays , oui", 5), ("", 0), (" , ; !", 0),
    ("peut-être", 2),
  ])
  func bareWordPassCountsICUsWords(_ text: String, _ words: Int) throws {
    #expect(try ICUWordPass.words(in: Array(text.utf8)) == words)
  }

  @Test func normalizationForms() throws {
    // NFC composes; NFKC with case folding also folds no-break spaces,
    // ligatures and case, as glossary matching keys need.
    #expect(try ICU.Normalizer(.nfc).normalize("e\u{0301}t\u{00E9}") == "\u{00E9}t\u{00E9}")
    #expect(try ICU.Normalizer(.nfkcCasefold).normalize("ﬁn\u{00A0}ÉTAT") == "fin état")
  }

  @Test func failuresAreTypedAndWarningsAreNot() throws {
    // U_ILLEGAL_ARGUMENT_ERROR is 1; U_USING_DEFAULT_WARNING is -127.
    #expect(throws: ICU.Failure.self) { try ICU.check(1, "test") }
    #expect(ICU.errorName(1) == "U_ILLEGAL_ARGUMENT_ERROR")
    try ICU.check(-127, "test")
    try ICU.check(0, "test")
  }

  @Test func versionsAreReported() {
    #expect(LibraryVersions.icu.split(separator: ".").count >= 2)
    #expect(LibraryVersions.unicode.split(separator: ".").count >= 2)
  }
}
