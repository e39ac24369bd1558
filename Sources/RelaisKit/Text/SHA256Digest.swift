internal import CCrypto

/// SHA-256 from the system's libcrypto (OpenSSL's one-shot `SHA256`), for
/// the hashes provenance records carry. No OpenSSL type leaves this file.
enum SHA256Digest {
  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  static func hex(of bytes: [UInt8]) -> String {
    let digest = Self.bytes(of: bytes)
    let hexDigits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The 32 bytes of the digest of `bytes`.
  static func bytes(of bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    bytes.withUnsafeBufferPointer { input in
      digest.withUnsafeMutableBufferPointer { output in
        // An empty array may have no base address; hash a valid empty
        // buffer then.
        var empty: UInt8 = 0
        if let base = input.baseAddress {
          _ = SHA256(base, input.count, output.baseAddress)
        } else {
          _ = SHA256(&empty, 0, output.baseAddress)
        }
      }
    }
    return digest
  }
}
