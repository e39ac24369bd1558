import Foundation
import Testing

@testable import RelaisKit

/// The line reader against the plain reading of the same bytes (split at
/// `\n`, `\r` dropped before it, lines over the limit reported, a NUL
/// ending the input), at chunk sizes that cut lines everywhere.
struct LineReaderTests {
  /// The lines as a plain split gives them.
  private func plainLines(_ bytes: [UInt8], limit: Int) -> [LineReader.Line] {
    var result: [LineReader.Line] = []
    var bytes = bytes
    var binary: Int?
    if let nul = bytes.firstIndex(of: 0) {
      binary = nul
      let keep = bytes[..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      bytes = Array(bytes[..<keep])
    }
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      if end - start > limit {
        result.append(.tooLong(byteOffset: start, length: end - start))
      } else {
        var line = Array(bytes[start..<end])
        if end < bytes.count, line.last == 0x0D { line.removeLast() }
        result.append(.text(line, byteOffset: start))
      }
      start = end + 1
    }
    if let binary { result.append(.binary(byteOffset: binary)) }
    return result
  }

  private func readerLines(_ bytes: [UInt8], limit: Int, chunkSize: Int) throws -> [LineReader.Line]
  {
    var pipe: [Int32] = [0, 0]
    #expect(Foundation.pipe(&pipe) == 0)
    let (readEnd, writeEnd) = (pipe[0], pipe[1])
    let writer = Thread {
      bytes.withUnsafeBytes { buffer in
        var written = 0
        while written < buffer.count, let base = buffer.baseAddress {
          let result = write(writeEnd, base + written, buffer.count - written)
          if result <= 0 { break }
          written += result
        }
      }
      close(writeEnd)
    }
    writer.start()
    defer { close(readEnd) }
    var reader = LineReader(
      descriptor: readEnd, name: "test", maximumLineBytes: limit, chunkSize: chunkSize)
    var result: [LineReader.Line] = []
    while let line = try reader.next() { result.append(line) }
    return result
  }

  static let inputs: [String] = [
    "", "a", "a\n", "\n\n", "un\ndeux\r\ntrois", "court\n0123456789abcdef\nfin\n",
    "0123456789abcdef", "ab\u{0}cd\nef", "ligne\nab\ncd\u{0}ef\ngh", "\u{0}", "x\r\n\r\n",
    String(repeating: "abc\n", count: 50) + String(repeating: "z", count: 40) + "\nfin",
  ]

  @Test(arguments: inputs)
  func readerGivesThePlainLines(_ input: String) throws {
    let bytes = Array(input.utf8)
    for limit in [4, 10, 1000] {
      for chunkSize in [1, 2, 3, 7, 64] {
        #expect(
          try readerLines(bytes, limit: limit, chunkSize: chunkSize)
            == plainLines(bytes, limit: limit), "limit \(limit), chunk \(chunkSize)")
      }
    }
  }
}
