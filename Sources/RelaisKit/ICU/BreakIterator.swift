internal import CICUShim

extension ICU {
  /// The kinds of ICU break iterator Relais uses.
  enum BreakKind: Int32, Sendable {
    case word = 1
    case sentence = 3
  }

  /// Owns one ICU break iterator and the UText it reads. The iterator reads
  /// UTF-8 in place, so every offset it returns is a UTF-8 byte offset into
  /// the buffer given to `setText`; nothing is converted to UTF-16.
  final class BreakIterator {
    /// ICU's `UBRK_DONE`.
    private static let done: Int32 = -1
    private let handle: OpaquePointer
    private var text: OpaquePointer?

    /// Opens an iterator for `locale` (an ICU locale id such as
    /// `fr@ss=standard`).
    init(_ kind: BreakKind, locale: String) throws(Failure) {
      var status: Int32 = 0
      let opened = locale.withCString { relais_ubrk_open(kind.rawValue, $0, &status) }
      try check(status, "ubrk_open(\(kind), \(locale))")
      guard let opened else {
        throw Failure(code: 0, name: "NULL", operation: "ubrk_open(\(kind), \(locale))")
      }
      handle = opened
    }

    deinit {
      relais_ubrk_close(handle)
      if let text { relais_utext_close(text) }
    }

    /// Points the iterator at `bytes`. The caller keeps `bytes` alive and
    /// unchanged until the next `setText` or until the iterator is released.
    func setText(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
      var status: Int32 = 0
      let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
      let opened = relais_utext_open_utf8(base, Int64(bytes.count), &status)
      try check(status, "utext_openUTF8")
      relais_ubrk_set_utext(handle, opened, &status)
      try check(status, "ubrk_setUText")
      if let text { relais_utext_close(text) }
      text = opened
    }

    /// The first boundary after `byteOffset`, or nil at the end of the text.
    func boundary(after byteOffset: Int) -> Int? {
      let next = relais_ubrk_following(handle, Int32(truncatingIfNeeded: byteOffset))
      return next == BreakIterator.done ? nil : Int(next)
    }

    /// The rule status of the boundary last returned: ICU's `UWordBreak`
    /// ranges (0 none, 100 number, 200 letter, 300 kana, 400 ideographic).
    var ruleStatus: Int32 { relais_ubrk_rule_status(handle) }

    /// The segment before the boundary last returned is a word or a number
    /// (rule status 100 and up), not spaces, punctuation or symbols.
    var segmentIsWord: Bool { ruleStatus >= 100 }

    /// Every boundary of the text, in order, including 0 and the end.
    func allBoundaries() -> [Int] {
      var result: [Int] = [Int(relais_ubrk_first(handle))]
      while true {
        let next = relais_ubrk_next(handle)
        if next == BreakIterator.done { break }
        result.append(Int(next))
      }
      return result
    }
  }
}
