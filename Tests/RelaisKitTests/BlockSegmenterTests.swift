import Testing

@testable import RelaisKit

/// One text written with each style of line end: every style gives the
/// same blocks, of the same kinds, over the same words.
struct LineEndCase: Sendable, CustomTestStringConvertible {
  let name: String
  let lineBreak: String
  let paragraphBreak: String
  var testDescription: String { name }
}

@Test(arguments: [
  LineEndCase(name: "LF", lineBreak: "\n", paragraphBreak: "\n\n"),
  LineEndCase(name: "CRLF", lineBreak: "\r\n", paragraphBreak: "\r\n\r\n"),
  LineEndCase(name: "CR", lineBreak: "\r", paragraphBreak: "\r\r"),
  LineEndCase(name: "U+2028 and U+2029", lineBreak: "\u{2028}", paragraphBreak: "\u{2029}"),
  LineEndCase(name: "NEL", lineBreak: "\u{85}", paragraphBreak: "\u{85}\u{85}"),
  LineEndCase(name: "form feed between pages", lineBreak: "\n", paragraphBreak: "\n\u{0C}"),
])
func everyLineEndStyleGivesTheSameBlocks(_ style: LineEndCase) throws {
  let lines = [
    ["Un titre court"], ["Le premier paragraphe commence.", "Il continue ici."],
    ["- un point de liste"], ["Fin du texte."],
  ]
  let text = lines.map { $0.joined(separator: style.lineBreak) }.joined(
    separator: style.paragraphBreak)
  let bytes = Array(text.utf8)
  let blocks = bytes.withUnsafeBufferPointer { BlockSegmenter.blocks($0) }
  #expect(blocks.map(\.kind) == [.heading, .paragraph, .listItem, .paragraph])
  let words = blocks.map { block in
    String(decoding: bytes[block.byteRange], as: UTF8.self).split(whereSeparator: \.isWhitespace)
      .joined(separator: " ")
  }
  #expect(words == lines.map { $0.joined(separator: " ") })
}
