/// A 64-bit hash of a byte stream, mixed eight bytes at a time (the last
/// word padded with zeros, then the length). Word keys (`WordKey`) and glossary unit
/// keys (`TermKeys`) both hash folded UTF-8 with it, so a token of plain
/// ASCII, most tokens of French text, costs two multiplications and no
/// loop over its bytes. Per-byte FNV, as before, was a tenth of
/// extraction time and two thirds of glossary matching (perf).
struct ChunkHasher {
  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  private var state = seed
  private var word: UInt64 = 0
  private var shift: UInt64 = 0
  private var length = 0

  var isEmpty: Bool { length == 0 }

  @inline(__always)
  mutating func add(byte: UInt8) {
    word |= UInt64(byte) << shift
    shift += 8
    length += 1
    if shift == 64 {
      state = Self.mix(state, word)
      word = 0
      shift = 0
    }
  }

  /// Adds the scalar's UTF-8 bytes.
  @inline(__always)
  mutating func add(scalar value: UInt32) {
    UTF8Bytes.encode(value) { add(byte: $0) }
  }

  var value: UInt64 {
    Self.finish(shift > 0 ? Self.mix(state, word) : state, length: length)
  }

  /// The hash of `start..<end` with ASCII capitals lowered, eight bytes
  /// at once, when that is all the folding the bytes need; nil when
  /// `needsMore` flags (top bit of a byte) any byte of some eight-byte word
  /// for more folding, for the caller's byte-at-a-time path. Equal to
  /// adding the lowered bytes one by one.
  @inline(__always)
  static func lowercasedKey(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    needsMore: (UInt64) -> UInt64
  ) -> UInt64? {
    guard start < end else { return ChunkHasher().value }
    var state = seed
    var offset = start
    var flagged: UInt64 = 0
    // No branch on the bytes inside the loop: which words need more
    // folding is a coin toss to the processor (`relais-bench`).
    repeat {
      let length = min(8, end - offset)
      let word = ByteWord.chunk(bytes, at: offset, length: length)
      flagged |= needsMore(word)
      state = mix(state, ByteWord.lowercasingASCII(word))
      offset += length
    } while offset < end
    guard flagged == 0 else { return nil }
    return finish(state, length: end - start)
  }

  @inline(__always)
  static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
    let product = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
    return product ^ (product >> 29)
  }

  @inline(__always)
  static func finish(_ state: UInt64, length: Int) -> UInt64 {
    let product = (state ^ UInt64(length)) &* 0xBF58_476D_1CE4_E5B9
    return product ^ (product >> 31)
  }
}
