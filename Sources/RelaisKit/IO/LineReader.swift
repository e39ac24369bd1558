import Foundation

/// Lines of a file descriptor, read a megabyte at a time, each with the
/// byte offset of its start in the stream. Linear whatever the input: each
/// byte is searched for a newline once, and a line longer than
/// `maximumLineBytes` is skipped to its end without being kept (memory
/// stays under the limit plus a chunk), then reported as `tooLong`.
struct LineReader {
  enum Line: Equatable {
    /// A line without its `\n` (nor a `\r` before it).
    case text([UInt8], byteOffset: Int)
    /// A line over the limit, skipped; `length` in bytes, `\n` excluded.
    case tooLong(byteOffset: Int, length: Int)
    /// A NUL byte at `byteOffset`: the input is binary, not lines of text
    /// (`/dev/zero` would be one endless line), and nothing after it is
    /// read.
    case binary(byteOffset: Int)
  }

  let descriptor: Int32
  /// The name read errors give.
  let name: String
  let maximumLineBytes: Int
  private var buffer: [UInt8] = []
  /// Where the current line starts in `buffer`.
  private var start = 0
  /// Bytes of `buffer` from `start` already searched for a newline.
  private var searched = 0
  private var done = false
  /// Stream offset of `buffer[0]`.
  private var bufferOffset = 0
  /// Where each read lands before it joins `buffer`.
  private var chunk: [UInt8]

  init(descriptor: Int32, name: String, maximumLineBytes: Int, chunkSize: Int = 1 << 20) {
    self.descriptor = descriptor
    self.name = name
    self.maximumLineBytes = maximumLineBytes
    chunk = [UInt8](repeating: 0, count: chunkSize)
  }

  /// Where a NUL byte was read, once one was: the input stops there.
  private var binaryOffset: Int?

  mutating func next() throws(RelaisError) -> Line? {
    while true {
      if let newline = firstNewline(from: start + searched) {
        let offset = bufferOffset + start
        let length = newline - start
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let line = length > maximumLineBytes ? nil : Array(buffer[start..<end])
        start = newline + 1
        searched = 0
        guard let line else { return .tooLong(byteOffset: offset, length: length) }
        return .text(line, byteOffset: offset)
      }
      searched = buffer.count - start
      if done { return finalLine() }
      if searched > maximumLineBytes { return try skipLongLine() }
      // Keep the unfinished line, drop what was returned before it.
      if start > 0 {
        buffer.removeFirst(start)
        bufferOffset += start
        start = 0
      }
      try readChunk()
    }
  }

  /// What is left at the end of the input: a last line without a
  /// newline, or the place of a NUL byte.
  private mutating func finalLine() -> Line? {
    let offset = bufferOffset + start
    let length = buffer.count - start
    let line = Array(buffer[start...])
    start = buffer.count
    searched = 0
    if let binary = binaryOffset {
      binaryOffset = nil
      return .binary(byteOffset: binary)
    }
    if length == 0 { return nil }
    if length > maximumLineBytes { return .tooLong(byteOffset: offset, length: length) }
    return .text(line, byteOffset: offset)
  }

  /// Reads past the end of a line already over the limit, keeping
  /// nothing of it.
  private mutating func skipLongLine() throws(RelaisError) -> Line {
    let offset = bufferOffset + start
    var length = buffer.count - start
    bufferOffset += buffer.count
    buffer.removeAll(keepingCapacity: true)
    start = 0
    searched = 0
    while !done {
      try readChunk()
      if let newline = firstNewline(from: 0) {
        length += newline
        start = newline + 1
        return .tooLong(byteOffset: offset, length: length)
      }
      length += buffer.count
      bufferOffset += buffer.count
      buffer.removeAll(keepingCapacity: true)
    }
    if let binary = binaryOffset {
      binaryOffset = nil
      return .binary(byteOffset: binary)
    }
    return .tooLong(byteOffset: offset, length: length)
  }

  private func firstNewline(from index: Int) -> Int? { firstIndex(of: 0x0A, from: index) }

  /// The first `byte` in `buffer` at or after `index` (memchr).
  private func firstIndex(of byte: UInt8, from index: Int) -> Int? {
    guard index < buffer.count else { return nil }
    return buffer.withUnsafeBufferPointer { bytes -> Int? in
      guard let base = bytes.baseAddress,
        let found = memchr(base + index, Int32(byte), bytes.count - index)
      else { return nil }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// Appends the next chunk; at the end of the input, or at a NUL byte
  /// (the chunk is cut there), sets `done`.
  private mutating func readChunk() throws(RelaisError) {
    let old = buffer.count
    var got = 0
    repeat {
      got = chunk.withUnsafeMutableBytes { storage in
        guard let base = storage.baseAddress else { return -1 }
        return read(descriptor, base, storage.count)
      }
    } while got < 0 && errno == EINTR
    if got < 0 {
      throw RelaisError(.unreadableInput, "cannot read: \(systemMessage())", path: name)
    }
    if buffer.count + got > buffer.capacity && buffer.count >= 4 * chunk.count {
      // A long line: room for the longest one at once, so that memory
      // stays at the limit (doubling would copy into twice the limit).
      buffer.reserveCapacity(maximumLineBytes + 2 * chunk.count)
    }
    buffer.append(contentsOf: chunk[..<got])
    if got == 0 { done = true }
    if got > 0, let nul = firstIndex(of: 0, from: old) {
      // Lines ended before the NUL are still given.
      binaryOffset = bufferOffset + nul
      let lastNewline = buffer[start..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? start
      buffer.removeLast(buffer.count - lastNewline)
      done = true
    }
  }
}

/// A file or standard input opened for reading lines; closed by `close()`.
struct LineSource {
  let descriptor: Int32
  let name: String

  /// Opens `path` (`-`: standard input). A folder is refused here, before
  /// any read.
  init(path: String) throws(RelaisError) {
    if path == InputFiles.standardInputPath {
      descriptor = 0
      name = InputFiles.standardInputName
      return
    }
    name = path
    (descriptor, _) = try InputFiles.openForReading(path)
  }

  func lines(maximumLineBytes: Int) -> LineReader {
    LineReader(descriptor: descriptor, name: name, maximumLineBytes: maximumLineBytes)
  }

  func close() {
    if descriptor != 0 { Foundation.close(descriptor) }
  }
}
