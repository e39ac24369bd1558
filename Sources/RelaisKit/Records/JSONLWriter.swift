#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// A hand-written JSON Lines writer. Foundation's JSONEncoder allocates a
// dictionary tree per record and, run once per token, writes about 2 MB/s;
// the tokenize target is 30 MB/s of input, which means several hundred MB/s
// of JSON. This writer appends bytes to one reused buffer and escapes
// strings in place (over 100 MB/s). Records stay simple objects, and the
// tests parse every line back with JSONSerialization and check it against
// the JSON Schema, so nothing here goes unchecked.

/// A growable byte buffer that writes JSON values and flushes to a sink.
public struct JSONLWriter {
  public private(set) var buffer: [UInt8] = []
  private let sink: ByteSink?
  /// Flush to the sink past this many buffered bytes.
  private let flushThreshold = 1 << 16

  /// A writer that flushes to `sink`, or keeps everything when nil.
  public init(sink: ByteSink?) {
    self.sink = sink
    buffer.reserveCapacity(flushThreshold * 2)
  }

  @inline(__always)
  public mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { buffer.append(contentsOf: $0) }
  }

  @inline(__always)
  public mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  @inline(__always)
  public mutating func byte(_ value: UInt8) {
    buffer.append(value)
  }

  /// Text copied as it is: for ids and names known to need no escaping.
  public mutating func unescaped(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  public mutating func integer(_ value: Int) {
    if value < 0 { buffer.append(0x2D) }
    var rest = value.magnitude
    let start = buffer.count
    repeat {
      buffer.append(UInt8(0x30 + rest % 10))
      rest /= 10
    } while rest > 0
    buffer[start...].reverse()
  }

  public mutating func bool(_ value: Bool) {
    if value { raw("true") } else { raw("false") }
  }

  /// A JSON string from valid UTF-8 bytes, escaping quotes, backslashes
  /// and control characters; everything else is copied as UTF-8.
  public mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    buffer.append(0x22)
    var runStart = range.lowerBound
    for offset in range {
      let byte = bytes[offset]
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
      escape(byte)
      runStart = offset + 1
    }
    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<range.upperBound]))
    buffer.append(0x22)
  }

  public mutating func string(_ text: String) {
    var copy = text
    copy.withUTF8 { string($0, 0..<$0.count) }
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case 0x22: raw("\\\"")
    case 0x5C: raw("\\\\")
    case 0x0A: raw("\\n")
    case 0x0D: raw("\\r")
    case 0x09: raw("\\t")
    default:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      raw("\\u00")
      buffer.append(hex[Int(byte >> 4)])
      buffer.append(hex[Int(byte & 0x0F)])
    }
  }

  /// `"key":` — keys are trusted ASCII literals.
  @inline(__always)
  public mutating func key(_ name: StaticString) {
    buffer.append(0x22)
    raw(name)
    buffer.append(0x22)
    buffer.append(0x3A)
  }

  /// Ends a line; flushes when enough is buffered.
  public mutating func endLine() throws(RelaisError) {
    buffer.append(0x0A)
    if buffer.count >= flushThreshold { try flush() }
  }

  public mutating func flush() throws(RelaisError) {
    guard let sink, !buffer.isEmpty else { return }
    try sink.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Where output bytes go: a file descriptor written with write(2).
#if canImport(Glibc)
  private let systemWrite = Glibc.write
#else
  private let systemWrite = Darwin.write
#endif

public struct ByteSink: Sendable {
  public let descriptor: Int32
  public let name: String

  public static let standardOutput = ByteSink(descriptor: 1, name: "standard output")

  public init(descriptor: Int32, name: String) {
    self.descriptor = descriptor
    self.name = name
  }

  public func write(_ bytes: [UInt8]) throws(RelaisError) {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return systemWrite(descriptor, base + written, raw.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw RelaisError(.outputFailure, "cannot write to \(name): errno \(errno)")
      }
      written += result
    }
  }
}
