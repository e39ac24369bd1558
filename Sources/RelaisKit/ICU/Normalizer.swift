internal import CICUShim

extension ICU {
  /// The Unicode normalization forms Relais uses: NFC for stored forms, and
  /// NFKC with case folding for matching keys (it also turns non-breaking
  /// spaces into plain spaces and ligatures into letters); NFKC alone for
  /// the keys of case-sensitive terms (full-width `ＯＣＳ` is `OCS`).
  enum NormalizationForm: Sendable {
    case nfc
    case nfkc
    case nfkcCasefold
  }

  /// A normalizer instance. ICU owns these singletons, so this value does not
  /// close anything and is safe to share.
  struct Normalizer: @unchecked Sendable {
    private let instance: OpaquePointer

    init(_ form: NormalizationForm) throws(Failure) {
      var status: Int32 = 0
      let found: OpaquePointer?
      switch form {
      case .nfc: found = relais_unorm2_nfc(&status)
      case .nfkc: found = relais_unorm2_nfkc(&status)
      case .nfkcCasefold: found = relais_unorm2_nfkc_casefold(&status)
      }
      try check(status, "unorm2_get\(form)Instance")
      guard let found else {
        throw Failure(code: 0, name: "NULL", operation: "unorm2_get\(form)Instance")
      }
      instance = found
    }

    /// `text` in this normalization form.
    func normalize(_ text: String) throws(Failure) -> String {
      let source = Array(text.utf16)
      if source.isEmpty { return text }
      var status: Int32 = 0
      let already = source.withUnsafeBufferPointer {
        relais_unorm2_is_normalized(instance, $0.baseAddress, Int32($0.count), &status)
      }
      try check(status, "unorm2_isNormalized")
      if already != 0 { return text }
      var capacity = source.count * 2 + 16
      while true {
        var output = [UInt16](repeating: 0, count: capacity)
        status = 0
        let needed = source.withUnsafeBufferPointer { input in
          output.withUnsafeMutableBufferPointer { out in
            relais_unorm2_normalize(
              instance, input.baseAddress, Int32(input.count), out.baseAddress, Int32(out.count),
              &status)
          }
        }
        // U_BUFFER_OVERFLOW_ERROR: try again with the length ICU asked for.
        if status == 15 && Int(needed) > capacity {
          capacity = Int(needed)
          continue
        }
        try check(status, "unorm2_normalize")
        return String(decoding: output.prefix(Int(needed)), as: UTF16.self)
      }
    }
  }
}
