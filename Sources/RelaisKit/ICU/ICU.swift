internal import CICUShim

/// The one namespace behind which ICU lives. Nothing in here is public except
/// the version strings: callers never see an ICU type.
enum ICU {
  /// An ICU failure code (a `UErrorCode` above zero). Warnings, which ICU
  /// reports as negative codes, are not errors and never become one.
  struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// ICU's numeric `UErrorCode`.
    let code: Int32
    /// ICU's symbolic name for the code, such as `U_ILLEGAL_ARGUMENT_ERROR`.
    let name: String
    /// What Relais was doing when ICU failed.
    let operation: String

    var description: String { "ICU \(operation) failed: \(name) (\(code))" }
  }

  /// Throws a `Failure` when `status` is a failure; returns quietly on
  /// success and on warnings.
  static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(Failure) {
    guard status > 0 else { return }
    throw Failure(code: status, name: errorName(status), operation: operation())
  }

  static func errorName(_ status: Int32) -> String {
    guard let name = relais_error_name(status) else { return "U_ERROR_\(status)" }
    return String(cString: name)
  }

  /// ICU's version, such as `72.1`.
  static let version: String = versionString(relais_icu_version)

  /// The Unicode version of ICU's character data, such as `15.0`.
  static let unicodeVersion: String = versionString(relais_unicode_version)

  private static func versionString(_ read: (UnsafeMutablePointer<CChar>) -> Void) -> String {
    // U_MAX_VERSION_STRING_LENGTH is 20 bytes with the terminator.
    var buffer = [CChar](repeating: 0, count: 32)
    buffer.withUnsafeMutableBufferPointer { pointer in
      if let base = pointer.baseAddress { read(base) }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// Versions of the libraries under Relais, for provenance records.
package enum LibraryVersions {
  package static var icu: String { ICU.version }
  package static var unicode: String { ICU.unicodeVersion }
}
