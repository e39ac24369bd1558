import Testing

@testable import RelaisKit

@Test func byteOrderMarkIsRemovedAndOffsetsStartAfterIt() throws {
  let text = try SourceText(fileBytes: [0xEF, 0xBB, 0xBF] + Array("Été.".utf8), path: "bom.txt")
  #expect(text.bomLength == 3)
  let tokens = try Pipeline().sentences(of: text).flatMap { $0 }
  #expect(tokens.map(\.text) == ["Été", "."])
  #expect(tokens.map(\.start) == [0, 3])
}

@Test func crlfStaysInTheTextAndOffsetsStayTrue() throws {
  let string = "Un titre\r\n\r\nLa Chine, l’État.\r\nFin."
  let text = try SourceText(fileBytes: Array(string.utf8), path: "crlf.txt")
  #expect(text.bytes == Array(string.utf8))
  let sentences = try Pipeline().sentences(of: text)
  #expect(sentences.map { $0.first?.text } == ["Un", "La", "Fin"])
  expectOffsetsSliceText(string, sentences.flatMap { $0 })
}

struct BadBytesCase: Sendable, CustomTestStringConvertible {
  let bytes: [UInt8]
  let code: ErrorCode
  let line: Int
  let column: Int
  let byteOffset: Int
  var testDescription: String { "\(code.rawValue) at \(line):\(column)" }
}

@Test(arguments: [
  // A lone continuation byte on line 2, after "é" (two bytes, one column).
  BadBytesCase(
    bytes: Array("un\néa".utf8) + [0x80], code: .invalidUTF8, line: 2, column: 3, byteOffset: 6),
  // A truncated three-byte sequence at the end.
  BadBytesCase(
    bytes: Array("abc".utf8) + [0xE2, 0x80], code: .invalidUTF8, line: 1, column: 4, byteOffset: 3),
  // An overlong encoding of "/".
  BadBytesCase(bytes: [0xC0, 0xAF], code: .invalidUTF8, line: 1, column: 1, byteOffset: 0),
  // A UTF-16 surrogate encoded in UTF-8.
  BadBytesCase(
    bytes: [0x61, 0xED, 0xA0, 0x80], code: .invalidUTF8, line: 1, column: 2, byteOffset: 1),
  // NUL: a binary file; the byte offset counts the BOM.
  BadBytesCase(
    bytes: [0xEF, 0xBB, 0xBF, 0x61, 0x00], code: .binaryInput, line: 1, column: 2, byteOffset: 4),
])
func badBytesAreLocated(_ testCase: BadBytesCase) {
  #expect {
    _ = try SourceText(fileBytes: testCase.bytes, path: "bad.txt")
  } throws: { error in
    guard let error = error as? RelaisError, let location = error.location else { return false }
    return error.code == testCase.code && location.line == testCase.line
      && location.column == testCase.column && location.byteOffset == testCase.byteOffset
      && location.path == "bad.txt"
  }
}

@Test func errorsReadLikeACompilerDiagnostic() {
  let error = RelaisError(
    .invalidUTF8, "invalid UTF-8 (byte 0x80)",
    at: InputLocation(path: "a.txt", line: 2, column: 3, byteOffset: 6))
  #expect(error.description == "a.txt:2:3: error[E002]: invalid UTF-8 (byte 0x80) (byte 6)")
}

@Test func emptyAndBlankTextsHaveNoSentences() throws {
  #expect(try sentenceTexts("").isEmpty)
  #expect(try sentenceTexts(" \n\n\t\n").isEmpty)
}

@Test func aLongLineWithoutNewlineIsTokenized() throws {
  let line = String(repeating: "Le chat dort, l’État veille. ", count: 40_000)
  let sentences = try Pipeline().sentences(of: SourceText(string: line, path: "long"))
  #expect(sentences.count == 40_000)
  #expect(sentences.last?.last?.end == line.unicodeScalars.count - 1)
}

@Test(arguments: [
  ("court\nligne", 10, nil as Int?), ("0123456789ab\ncourt", 10, 0), ("ok\n0123456789ab", 10, 3),
  ("", 10, nil),
])
func overlongLinesAreFound(_ text: String, _ limit: Int, _ expected: Int?) {
  // The real limit is 64 MiB; the check is the same at any size.
  let bytes = Array(text.utf8)
  #expect(SourceText.firstLineLonger(than: limit, in: bytes) == expected)
}

/// SHA-256 against the FIPS 180-2 test vectors and a long input.
@Test(arguments: [
  ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  (
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  (
    String(repeating: "a", count: 1_000_000),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
  ),
])
func sha256MatchesTheStandardsVectors(_ text: String, _ hex: String) {
  #expect(DocumentInfo.sha256(of: Array(text.utf8)) == hex)
}
