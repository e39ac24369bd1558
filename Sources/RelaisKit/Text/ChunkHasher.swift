/// A 64-bit hash of a byte stream, mixed eight bytes at a time (the last
/// word padded with zeros, then the length), and the SWAR helpers that
/// fold ASCII eight bytes at once. Word keys (`WordKey`) and glossary unit
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
    switch value {
    case 0..<0x80:
      add(byte: UInt8(value))
    case 0x80..<0x800:
      add(byte: UInt8(0xC0 | (value >> 6)))
      add(byte: UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
      add(byte: UInt8(0xE0 | (value >> 12)))
      add(byte: UInt8(0x80 | ((value >> 6) & 0x3F)))
      add(byte: UInt8(0x80 | (value & 0x3F)))
    default:
      add(byte: UInt8(0xF0 | (value >> 18)))
      add(byte: UInt8(0x80 | ((value >> 12) & 0x3F)))
      add(byte: UInt8(0x80 | ((value >> 6) & 0x3F)))
      add(byte: UInt8(0x80 | (value & 0x3F)))
    }
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

  // MARK: Eight bytes at once

  static let highBits: UInt64 = 0x8080_8080_8080_8080
  static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// Up to eight bytes from `offset`, little-endian, zeros past `length`.
  @inline(__always)
  static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    if offset + 8 <= bytes.count {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      return length < 8 ? word & ((1 << UInt64(8 * length)) - 1) : word
    }
    var word: UInt64 = 0
    for index in 0..<length { word |= UInt64(base[offset + index]) << UInt64(8 * index) }
    return word
  }

  /// The top bit of each byte of `word` that is not zero.
  @inline(__always)
  static func nonzeroBytes(_ word: UInt64) -> UInt64 {
    (((word & lowBits) &+ lowBits) | word) & highBits
  }

  /// The top bit of each byte of `word` equal to `byte`.
  @inline(__always)
  static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
    ~nonzeroBytes(word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)) & highBits
  }

  /// `word` with its ASCII capitals lowered; other bytes as they are.
  /// Among ASCII bytes, those from `A` get their top bit from the first
  /// sum, those after `Z` from the second; capitals are the difference,
  /// and `| 0x20` lowers them.
  @inline(__always)
  static func lowercasingASCII(_ word: UInt64) -> UInt64 {
    let ascii = word & lowBits
    let fromA = ascii &+ 0x3F3F_3F3F_3F3F_3F3F
    let afterZ = ascii &+ 0x2525_2525_2525_2525
    return word | ((fromA & ~afterZ) & ~word & highBits) >> 2
  }
}
