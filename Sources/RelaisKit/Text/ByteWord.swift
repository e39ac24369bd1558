/// Eight bytes of text in one 64-bit word, little-endian (the first byte
/// lowest), and tests on all eight at once (SWAR). The hot loops over
/// document bytes use them: most tokens are shorter than eight bytes, so a
/// token is usually one word and no loop.
enum ByteWord {
  static let highBits: UInt64 = 0x8080_8080_8080_8080
  static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// Up to eight bytes from `offset`, little-endian, zeros past `length`.
  @inline(__always)
  static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    if offset + 8 <= bytes.count {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      // A smart shift: by 64, for eight bytes, it gives 0, and the mask
      // all ones, with no branch.
      return word & ((1 << UInt64(8 * length)) &- 1)
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
