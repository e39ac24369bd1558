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
