/// Reading Unicode scalars out of valid UTF-8 at a byte offset, and the
/// character classes the French rules test. ASCII is answered inline; other
/// scalars go to the standard library's Unicode property tables.
struct ScalarReader {
  let bytes: UnsafeBufferPointer<UInt8>

  /// The scalar that starts at `offset` and its length in bytes. `offset`
  /// must be a scalar boundary below `bytes.count` of valid UTF-8.
  @inline(__always)
  func scalar(at offset: Int) -> (value: UInt32, length: Int) {
    let lead = UInt32(bytes[offset])
    if lead < 0x80 { return (lead, 1) }
    if lead < 0xE0 {
      return (((lead & 0x1F) << 6) | (UInt32(bytes[offset + 1]) & 0x3F), 2)
    }
    if lead < 0xF0 {
      return (
        ((lead & 0x0F) << 12) | ((UInt32(bytes[offset + 1]) & 0x3F) << 6)
          | (UInt32(bytes[offset + 2]) & 0x3F), 3
      )
    }
    return (
      ((lead & 0x07) << 18) | ((UInt32(bytes[offset + 1]) & 0x3F) << 12)
        | ((UInt32(bytes[offset + 2]) & 0x3F) << 6) | (UInt32(bytes[offset + 3]) & 0x3F), 4
    )
  }

  /// The scalar that ends just before `offset`, or nil at the start.
  func scalar(before offset: Int, lowerBound: Int = 0) -> UInt32? {
    guard offset > lowerBound else { return nil }
    var start = offset - 1
    while start > lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return scalar(at: start).value
  }

  /// The scalar at `offset`, or nil at or past `limit`.
  @inline(__always)
  func scalar(at offset: Int, limit: Int) -> UInt32? {
    offset < limit ? scalar(at: offset).value : nil
  }
}

/// A scalar's UTF-8 bytes, without building a String.
enum UTF8Bytes {
  @inline(__always)
  static func encode(_ value: UInt32, _ append: (UInt8) -> Void) {
    switch value {
    case 0..<0x80:
      append(UInt8(value))
    case 0x80..<0x800:
      append(UInt8(0xC0 | (value >> 6)))
      append(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
      append(UInt8(0xE0 | (value >> 12)))
      append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      append(UInt8(0x80 | (value & 0x3F)))
    default:
      append(UInt8(0xF0 | (value >> 18)))
      append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      append(UInt8(0x80 | (value & 0x3F)))
    }
  }
}

/// Character classes used by the tokenizer and the sentence splitter.
enum CharClass {
  /// Unicode's White_Space property, spelled out: the set is closed
  /// (unchanged since Unicode 6.3) and this is the hottest test of the
  /// tokenizer.
  @inline(__always)
  static func isSpace(_ value: UInt32) -> Bool {
    if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
    switch value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  @inline(__always)
  static func isLineBreak(_ value: UInt32) -> Bool {
    value == 0x0A || value == 0x0D || value == 0x0B || value == 0x0C || value == 0x85
      || value == 0x2028 || value == 0x2029
  }

  @inline(__always)
  static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

  @inline(__always)
  static func isLetter(_ value: UInt32) -> Bool {
    if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
    // Latin-1 letters and Latin Extended-A and -B are all alphabetic.
    if value >= 0xC0 && value <= 0x24F { return value != 0xD7 && value != 0xF7 }
    return Properties.isAlphabetic(value)
  }

  @inline(__always)
  static func isLetterOrDigit(_ value: UInt32) -> Bool { isLetter(value) || isDigit(value) }

  @inline(__always)
  static func isUppercase(_ value: UInt32) -> Bool {
    if value < 0x80 { return value >= 0x41 && value <= 0x5A }
    if value >= 0xC0 && value <= 0xFF { return value <= 0xDE && value != 0xD7 }
    return Properties.isUppercase(value)
  }

  @inline(__always)
  static func isLowercase(_ value: UInt32) -> Bool {
    if value < 0x80 { return value >= 0x61 && value <= 0x7A }
    if value >= 0xDF && value <= 0xFF { return value != 0xF7 }
    return Properties.isLowercase(value)
  }

  /// Apostrophe variants French text uses for elision: ' ’ ʼ ‘ and the prime.
  @inline(__always)
  static func isApostrophe(_ value: UInt32) -> Bool {
    value == 0x27 || value == 0x2019 || value == 0x02BC || value == 0x2018 || value == 0x2032
  }

  /// Hyphens that join compounds: hyphen-minus, hyphen, non-breaking hyphen.
  @inline(__always)
  static func isHyphen(_ value: UInt32) -> Bool {
    value == 0x2D || value == 0x2010 || value == 0x2011
  }

  /// Spaces that may group digits in French numbers (`1 234`): space,
  /// no-break space, narrow no-break space, thin space.
  @inline(__always)
  static func isDigitGroupSpace(_ value: UInt32) -> Bool {
    value == 0x20 || value == 0xA0 || value == 0x202F || value == 0x2009
  }

  static func isPunctuation(_ value: UInt32) -> Bool {
    if value < 0x80 {
      // ASCII symbols: $ + < = > ^ ` | ~; the rest of ASCII non-alphanumerics
      // is punctuation.
      switch value {
      case 0x24, 0x2B, 0x3C, 0x3D, 0x3E, 0x5E, 0x60, 0x7C, 0x7E: return false
      default: return !isLetterOrDigit(value) && value > 0x20 && value < 0x7F
      }
    }
    return Properties.isPunctuation(value)
  }

  /// The answers that need Unicode properties, for scalars beyond the
  /// ranges the callers answer themselves. Never inlined: a function that
  /// asks `Unicode.Scalar.Properties` fetches its type metadata and sizes
  /// its stack on entry, on every call and whatever path it takes, so each
  /// inlined copy made the tokenizer's and the extractor's hot functions
  /// pay for it per token (alternating `perf stat` runs of `relais run
  /// build/bench/documents --until tokenize`: 1597 → 1505 ms).
  private enum Properties {
    @inline(never)
    static func isAlphabetic(_ value: UInt32) -> Bool {
      guard let scalar = Unicode.Scalar(value) else { return false }
      return scalar.properties.isAlphabetic
    }

    @inline(never)
    static func isUppercase(_ value: UInt32) -> Bool {
      guard let scalar = Unicode.Scalar(value) else { return false }
      return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }

    @inline(never)
    static func isLowercase(_ value: UInt32) -> Bool {
      guard let scalar = Unicode.Scalar(value) else { return false }
      return scalar.properties.isLowercase
    }

    @inline(never)
    static func isPunctuation(_ value: UInt32) -> Bool {
      guard let scalar = Unicode.Scalar(value) else { return false }
      switch scalar.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation:
        return true
      default:
        return false
      }
    }
  }
}
