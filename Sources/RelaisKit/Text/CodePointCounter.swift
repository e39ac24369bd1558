/// Converts UTF-8 byte offsets to code point offsets, moving forward only:
/// each call counts the lead bytes since the previous one.
package struct CodePointCounter: Sendable {
  private var byteOffset = 0
  private var codePointOffset = 0

  package init() {}

  /// The code point offset of `byte`; calls must not go backwards.
  @inline(__always)
  package mutating func codePoints(_ bytes: UnsafeBufferPointer<UInt8>, upTo byte: Int) -> Int {
    precondition(byte >= byteOffset, "CodePointCounter moves forward only")
    codePointOffset += Self.count(bytes, byteOffset..<byte)
    byteOffset = byte
    return codePointOffset
  }

  /// The number of code points in a range of valid UTF-8: its bytes less
  /// its continuation bytes (`10xxxxxx`), counted eight at a time.
  @inline(__always)
  package static func count(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var continuation = 0
    var offset = range.lowerBound
    while offset + 8 <= range.upperBound {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      // A continuation byte has its top bit set and the next bit clear.
      continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
      offset += 8
    }
    while offset < range.upperBound {
      if bytes[offset] & 0xC0 == 0x80 { continuation += 1 }
      offset += 1
    }
    return range.count - continuation
  }
}
