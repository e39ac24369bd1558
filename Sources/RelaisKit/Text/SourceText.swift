/// A document's text as Relais reads it: the file's bytes decoded as UTF-8,
/// a leading BOM removed, nothing else changed (CRLF stays CRLF).
///
/// Offsets inside Relais are UTF-8 byte offsets into `bytes`; records carry
/// Unicode code point offsets, converted on the way out (`CodePointCounter`).
package struct SourceText: Sendable {
  /// The document's UTF-8 bytes without the BOM.
  package let bytes: [UInt8]
  /// Bytes of BOM removed from the front of the file (0 or 3), so that
  /// file byte offsets in diagnostics can be given as stored.
  package let bomLength: Int
  /// The path or name diagnostics use.
  package let path: String

  /// The longest line accepted: 64 MiB. A 10 MB line is text; a longer
  /// one is a dump that would only be one giant sentence.
  package static let maximumLineBytes = 64 << 20
  /// The largest document accepted: 1 GiB (ICU offsets are 32-bit).
  package static let maximumDocumentBytes = 1 << 30

  /// Decodes `fileBytes`. Throws `RelaisError` with code E002 for invalid
  /// UTF-8, E003 for a NUL byte, E004 for a line over
  /// `maximumLineBytes`, naming line, column and byte offset, and E006 for
  /// a document over `maximumDocumentBytes`.
  /// What to do with a U+FEFF at the start of the bytes.
  package enum ByteOrderMark: Sendable {
    /// A file's byte order mark: not part of the text (DESIGN.md).
    case removed
    /// Text given as a string (JSONL input): U+FEFF is a character.
    case kept
  }

  package init(
    fileBytes: consuming [UInt8], path: String, byteOrderMark: ByteOrderMark = .removed
  ) throws(RelaisError) {
    guard fileBytes.count <= Self.maximumDocumentBytes else {
      throw RelaisError(
        .documentTooLarge,
        "document of \(fileBytes.count) bytes; the limit is \(Self.maximumDocumentBytes)",
        path: path)
    }
    let hasBOM =
      byteOrderMark == .removed && fileBytes.count >= 3 && fileBytes[0] == 0xEF
      && fileBytes[1] == 0xBB
      && fileBytes[2] == 0xBF
    self.bomLength = hasBOM ? 3 : 0
    var bytes = fileBytes
    if hasBOM { bytes.removeFirst(3) }
    self.bytes = bytes
    self.path = path
    try UTF8Validation.validate(bytes, path: path, bomLength: bomLength)
    if let longLine = Self.firstLineLonger(than: Self.maximumLineBytes, in: self.bytes) {
      throw RelaisError(
        .lineTooLong, "line longer than \(Self.maximumLineBytes) bytes",
        at: UTF8Validation.location(of: longLine, in: self.bytes, path: path, bomLength: bomLength))
    }
  }

  /// The start of the first line longer than `limit` bytes, if any.
  static func firstLineLonger(than limit: Int, in bytes: [UInt8]) -> Int? {
    guard bytes.count > limit else { return nil }
    var lineStart = 0
    while lineStart < bytes.count {
      let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
      if lineEnd - lineStart > limit { return lineStart }
      lineStart = lineEnd + 1
    }
    return nil
  }

  /// Text from a Swift string (already valid Unicode).
  package init(string: String, path: String) {
    var bytes = Array(string.utf8)
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    if hasBOM { bytes.removeFirst(3) }
    self.bytes = bytes
    self.bomLength = hasBOM ? 3 : 0
    self.path = path
  }

  /// Throws E005 when the text is only ASCII white space: nothing to
  /// process (`run` and `tokenize` refuse it alike).
  package func requireText() throws(RelaisError) {
    guard bytes.contains(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }) else {
      throw RelaisError(.emptyDocument, "empty document: no text to process", path: path)
    }
  }

  /// The text as a String, when there is any to process (`requireText`).
  package func requiredText() throws(RelaisError) -> String {
    try requireText()
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The text between two byte offsets, as a String.
  package func string(_ byteRange: Range<Int>) -> String {
    String(decoding: bytes[byteRange], as: UTF8.self)
  }

  /// The location of a byte offset (into `bytes`), for diagnostics.
  package func location(ofByte byteOffset: Int) -> InputLocation {
    UTF8Validation.location(of: byteOffset, in: bytes, path: path, bomLength: bomLength)
  }
}

/// UTF-8 checks with positions. Foundation's decoders say only that text is
/// invalid, not where, and a user needs the place to fix the file.
enum UTF8Validation {
  static func validate(_ bytes: [UInt8], path: String, bomLength: Int) throws(RelaisError) {
    if let (offset, problem) = firstProblem(in: bytes) {
      let location = location(of: offset, in: bytes, path: path, bomLength: bomLength)
      switch problem {
      case .nul:
        throw RelaisError(.binaryInput, "NUL byte: this looks like a binary file", at: location)
      case .invalid(let byte):
        let hex = String(byte, radix: 16, uppercase: true)
        throw RelaisError(.invalidUTF8, "invalid UTF-8 (byte 0x\(hex))", at: location)
      }
    }
  }

  enum Problem: Equatable {
    case nul
    case invalid(UInt8)
  }

  /// The byte offset of the first NUL byte or ill-formed UTF-8 sequence.
  static func firstProblem(in bytes: [UInt8]) -> (Int, Problem)? {
    bytes.withUnsafeBufferPointer { buffer -> (Int, Problem)? in
      var index = 0
      let count = buffer.count
      while index < count {
        // Eight ASCII bytes without NUL at a time: the common case.
        if index + 8 <= count, let base = buffer.baseAddress {
          let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
          let hasNul = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
          if word & 0x8080_8080_8080_8080 == 0 && hasNul == 0 {
            index += 8
            continue
          }
        }
        let lead = buffer[index]
        if lead < 0x80 {
          if lead == 0 { return (index, .nul) }
          index += 1
          continue
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
          length = 3
          lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
          length = 3
          upper = 0x9F
        case 0xF0:
          length = 4
          lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
          length = 4
          upper = 0x8F
        default: return (index, .invalid(lead))
        }
        if index + length > count { return (index, .invalid(lead)) }
        let second = buffer[index + 1]
        if second < lower || second > upper { return (index, .invalid(lead)) }
        for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 {
          return (index, .invalid(lead))
        }
        index += length
      }
      return nil
    }
  }

  /// Line and column (code points, from 1) of a byte offset. Bytes before
  /// the offset are valid UTF-8, so counting lead bytes counts code points.
  static func location(of offset: Int, in bytes: [UInt8], path: String, bomLength: Int)
    -> InputLocation
  {
    var line = 1
    var column = 1
    for byte in bytes[..<min(offset, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return InputLocation(path: path, line: line, column: column, byteOffset: offset + bomLength)
  }
}
