import Foundation
import Testing

@testable import RelaisKit

/// Integers at every change of digit count, and the extremes, written as
/// Swift writes them.
@Test func integersAtEveryDigitCount() {
  var values: [Int] = [0, Int.max, Int.min + 1, -1, -10]
  var power = 1
  for _ in 0..<18 {
    power *= 10
    values += [power - 1, power, power + 1]
  }
  var writer = JSONLWriter(sink: nil)
  for value in values {
    writer.reset()
    writer.integer(value)
    #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
  }
}

/// Strings with something to escape at every position of an 8-byte word,
/// and of every length around it, read back by JSONSerialization.
@Test(arguments: ["\"", "\\", "\n", "\u{1}", "é", "»"])
func stringsEscapeAtEveryPosition(_ special: String) throws {
  var writer = JSONLWriter(sink: nil)
  for length in 0..<20 {
    for position in 0...length {
      var text = String(repeating: "a", count: length)
      text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
      writer.reset()
      var bytes = Array(text.utf8)
      bytes.withUnsafeMutableBufferPointer { buffer in
        writer.string(UnsafeBufferPointer(buffer), 0..<buffer.count)
      }
      let json = Data(("[" + String(decoding: writer.bytes, as: UTF8.self) + "]").utf8)
      let parsed = try JSONSerialization.jsonObject(with: json) as? [String]
      #expect(parsed == [text])
    }
  }
}

/// Literals and repeated bytes of every length from 0 to 40 come out whole.
@Test func rawAndRepeatedBytesOfEveryLength() {
  let alphabet: StaticString = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
  var writer = JSONLWriter(sink: nil)
  for length in 0...40 {
    writer.reset()
    let text = UnsafeBufferPointer(start: alphabet.utf8Start, count: length)
    writer.raw(text)
    writer.repeatBytes(from: 0, to: length)
    let expected = String(decoding: text, as: UTF8.self)
    #expect(String(decoding: writer.bytes, as: UTF8.self) == expected + expected)
  }
}

/// A document id escaped once reads back whole in every field that
/// carries it, alone and with a suffix.
@Test(arguments: ["doc-1", "a\"b\\c", "é/ü\tx"])
func escapedIdsReadBack(_ id: String) throws {
  var writer = JSONLWriter(sink: nil)
  RecordWriter.open("entity", document: EscapedString(id), kind: "#e", number: 12, into: &writer)
  writer.byte(0x7D)
  let record =
    try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: String] ?? [:]
  #expect(record == ["type": "entity", "doc": id, "id": id + "#e12"])
}

/// The JSON literals records write for kinds, labels and sources are
/// their raw values, quoted: the switches that spell them stay in step
/// with the enums.
@Test func literalsSpellTheRawValues() {
  func literal(_ value: StaticString) -> String {
    value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
  }
  for kind in TokenKind.allCases {
    #expect(literal(kind.jsonLiteral) == "\"\(kind.rawValue)\"")
  }
  for label in EntityLabel.allCases {
    #expect(literal(label.jsonLiteral) == "\"\(label.rawValue)\"")
  }
  for source in EntitySource.allCases {
    #expect(literal(source.jsonLiteral) == "\"\(source.rawValue)\"")
    #expect(EntitySource.allCases.firstIndex(of: source) == source.rank)
  }
}
