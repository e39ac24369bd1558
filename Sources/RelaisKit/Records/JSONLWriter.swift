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
/// Non-copyable: it owns its memory, and a copy would be a second writer.
package struct JSONLWriter: ~Copyable {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Bytes written and not yet flushed.
  package private(set) var count = 0
  private let sink: ByteSink?
  /// Flush to the sink past this many buffered bytes.
  private let flushThreshold = 1 << 16
  /// Sees every byte flushed to the sink (a streamed document's coverage).
  var tap: CoverageTap?

  /// A writer that flushes to `sink`, or keeps everything when nil.
  package init(sink: ByteSink?) {
    self.sink = sink
    capacity = 1 << 17
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Whether everything written stays in the buffer (no sink to flush to).
  var keepsEverything: Bool { sink == nil }

  /// A copy of the bytes not yet flushed (everything, without a sink).
  package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

  /// The bytes written since `mark` (taken since the last flush), lent to
  /// `body`.
  func withBytes<Result>(
    since mark: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    body(UnsafeBufferPointer(start: storage + mark, count: count - mark))
  }

  /// The bytes not yet flushed, lent to `body`.
  package func withBytes<Result, Failure: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeBufferPointer(start: storage, count: count))
  }

  /// Forgets what was written, keeping the memory for the next document.
  package mutating func reset() {
    count = 0
  }

  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    var newCapacity = capacity * 2
    while count + extra > newCapacity { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: storage, count: count)
    storage.deallocate()
    storage = grown
    capacity = newCapacity
  }

  @inline(__always)
  package mutating func byte(_ value: UInt8) {
    reserve(1)
    storage[count] = value
    count += 1
  }

  @inline(__always)
  package mutating func raw(_ text: StaticString) {
    copy(text.utf8Start, text.utf8CodeUnitCount)
  }

  @inline(__always)
  package mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    copy(base, bytes.count)
  }

  /// Appends `length` bytes from `source`. Records are made of many short
  /// pieces (field names, short words): up to 16 bytes move as two
  /// overlapping words, which beats both a byte loop and a call to memmove.
  @inline(__always)
  private mutating func copy(_ source: UnsafePointer<UInt8>, _ length: Int) {
    reserve(length)
    Self.move(from: UnsafeRawPointer(source), to: UnsafeMutableRawPointer(storage + count), length)
    count += length
  }

  /// Copies `length` bytes between buffers that do not overlap.
  @inline(__always)
  private static func move(
    from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, _ length: Int
  ) {
    switch length {
    case 8...16:
      let head = source.loadUnaligned(as: UInt64.self)
      let tail = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      target.storeBytes(of: head, as: UInt64.self)
      target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
    case 4..<8:
      let head = source.loadUnaligned(as: UInt32.self)
      let tail = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
      target.storeBytes(of: head, as: UInt32.self)
      target.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
    case 0..<4:
      for index in 0..<length {
        target.storeBytes(
          of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index,
          as: UInt8.self)
      }
    default:
      target.copyMemory(from: source, byteCount: length)
    }
  }

  /// Where the next byte goes; with `repeatBytes(from:)`, writes a value a
  /// second time without escaping it again.
  package var mark: Int { count }

  /// Appends a copy of the bytes written between two marks (taken since
  /// the last flush).
  package mutating func repeatBytes(from start: Int, to end: Int) {
    let length = end - start
    reserve(length)
    // The copy starts at `count`, at or past `end`: no overlap.
    Self.move(
      from: UnsafeRawPointer(storage + start), to: UnsafeMutableRawPointer(storage + count),
      length)
    count += length
  }

  package mutating func integer(_ value: Int) {
    reserve(22)
    if value < 0 {
      storage[count] = 0x2D
      count += 1
    }
    // Count the digits from the bit length (log10 2 is about 1233 / 4096)
    // and one comparison, then write them in place from the right, two at
    // a time from a table of "00" to "99". Counting by repeated
    // multiplication was a tenth of `relais tokenize` (perf).
    var rest = value.magnitude
    let bits = UInt.bitWidth - rest.leadingZeroBitCount
    let estimate = (bits &* 1233) >> 12
    let digits = max(1, estimate + (rest >= Self.powersOfTen[estimate] ? 1 : 0))
    let pairs: StaticString =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    let table = pairs.utf8Start
    var index = count + digits
    while rest >= 100 {
      let quotient = rest / 100
      let pair = Int(truncatingIfNeeded: rest &- quotient &* 100) &* 2
      index -= 2
      storage[index] = table[pair]
      storage[index + 1] = table[pair + 1]
      rest = quotient
    }
    if rest >= 10 {
      let pair = Int(truncatingIfNeeded: rest) &* 2
      storage[index - 2] = table[pair]
      storage[index - 1] = table[pair + 1]
    } else {
      storage[index - 1] = UInt8(truncatingIfNeeded: 0x30 &+ rest)
    }
    count += digits
  }

  /// A score from 0 to 1 with three decimals (`0.873`, `1`, `0`): what a
  /// model's confidence is worth, written the same on every machine.
  package mutating func score(_ value: Double) {
    let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
    if thousandths == 1000 || thousandths == 0 {
      byte(thousandths == 0 ? 0x30 : 0x31)
      return
    }
    raw("0.")
    var digits = [UInt8](repeating: 0x30, count: 3)
    var rest = thousandths
    for index in (0..<3).reversed() {
      digits[index] = UInt8(0x30 + rest % 10)
      rest /= 10
    }
    while digits.last == 0x30 { digits.removeLast() }
    digits.withUnsafeBufferPointer { raw($0) }
  }

  /// 10⁰ to 10¹⁹, all a UInt holds.
  private static let powersOfTen: [UInt] = (0..<20).map { power in
    (0..<power).reduce(1) { result, _ in result &* 10 }
  }

  package mutating func bool(_ value: Bool) {
    if value { raw("true") } else { raw("false") }
  }

  /// A JSON string from valid UTF-8 bytes, escaping quotes, backslashes
  /// and control characters; everything else is copied as UTF-8. Eight
  /// bytes at a time are tested for anything to escape (rare in text) and,
  /// with nothing, copied as one word.
  package mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    // Worst case: every byte becomes a six-byte \u00XX escape.
    reserve(range.count * 6 + 2)
    storage[count] = 0x22
    count += 1
    var offset = range.lowerBound
    if let base = bytes.baseAddress {
      while offset + 8 <= range.upperBound {
        let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        guard !Self.needsEscape(word) else { break }
        UnsafeMutableRawPointer(storage + count).storeBytes(of: word, as: UInt64.self)
        count += 8
        offset += 8
      }
    }
    while offset < range.upperBound {
      let byte = bytes[offset]
      if byte >= 0x5D || (byte >= 0x20 && byte != 0x22 && byte != 0x5C) {
        storage[count] = byte
        count += 1
      } else {
        escape(byte)
      }
      offset += 1
    }
    storage[count] = 0x22
    count += 1
  }

  /// Whether any of the eight bytes of `word` is below 0x20 (its top three
  /// bits clear), a quote or a backslash.
  @inline(__always)
  private static func needsEscape(_ word: UInt64) -> Bool {
    let controls = ~ByteWord.nonzeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0) & ByteWord.highBits
    return controls | ByteWord.bytes(of: word, equalTo: 0x22)
      | ByteWord.bytes(of: word, equalTo: 0x5C) != 0
  }

  /// A string escaped once before (an id every record repeats).
  package mutating func string(_ escaped: EscapedString) {
    escaped.quoted.withUnsafeBufferPointer { raw($0) }
  }

  /// An escaped string, then `suffix` and `number` inside its quotes.
  package mutating func string(_ escaped: EscapedString, suffix: StaticString, number: Int) {
    escaped.quoted.withUnsafeBufferPointer { raw(UnsafeBufferPointer(rebasing: $0.dropLast())) }
    raw(suffix)
    integer(number)
    byte(0x22)
  }

  package mutating func string(_ text: String) {
    var copy = text
    copy.withUTF8 { string($0, 0..<$0.count) }
  }

  private mutating func escape(_ control: UInt8) {
    switch control {
    case 0x22: raw("\\\"")
    case 0x5C: raw("\\\\")
    case 0x0A: raw("\\n")
    case 0x0D: raw("\\r")
    case 0x09: raw("\\t")
    default:
      let hex: StaticString = "0123456789abcdef"
      raw("\\u00")
      byte(hex.utf8Start[Int(control >> 4)])
      byte(hex.utf8Start[Int(control & 0x0F)])
    }
  }

  /// Ends a line; flushes when enough is buffered.
  package mutating func endLine() throws(RelaisError) {
    byte(0x0A)
    if count >= flushThreshold { try flush() }
  }

  /// Flushes in the middle of a line when the buffer is full, so that one
  /// enormous record (a 10 MB line of text) streams out in bounded memory.
  @inline(__always)
  package mutating func flushIfFull() throws(RelaisError) {
    if count >= flushThreshold * 4 { try flush() }
  }

  package mutating func flush() throws(RelaisError) {
    guard let sink, count > 0 else { return }
    tap?.add(UnsafeBufferPointer(start: storage, count: count))
    try sink.write(UnsafeBufferPointer(start: storage, count: count))
    count = 0
  }
}

/// A JSON string escaped once, quotes included: a document id goes into
/// every record two or three times, and escaping it each time was a few
/// per cent of writing records (perf).
package struct EscapedString: Sendable {
  package let text: String
  let quoted: [UInt8]

  package init(_ text: String) {
    self.text = text
    var writer = JSONLWriter(sink: nil)
    writer.string(text)
    quoted = writer.bytes
  }
}
