import Foundation

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#else
  private let systemWrite = Darwin.write
#endif

/// A file descriptor that output is written to, whole buffers at a time.
package struct ByteSink: Sendable {
  package let descriptor: Int32
  package let name: String

  package static let standardOutput = ByteSink(descriptor: 1, name: "standard output")

  package init(descriptor: Int32, name: String) {
    self.descriptor = descriptor
    self.name = name
  }

  package func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(RelaisError) {
    guard let base = bytes.baseAddress else { return }
    var written = 0
    while written < bytes.count {
      let result = systemWrite(descriptor, base + written, bytes.count - written)
      if result < 0 {
        if errno == EINTR { continue }
        throw RelaisError(.outputFailure, "cannot write: \(systemMessage())", path: name)
      }
      written += result
    }
  }
}
