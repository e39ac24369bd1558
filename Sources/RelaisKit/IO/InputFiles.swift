import Foundation

/// Reading documents from paths and standard input, within the limits of
/// `SourceText`: a regular file is measured before it is read (a 100 GB
/// file is refused without reading a byte), anything else (standard input,
/// a pipe, a FIFO, a device) is read a chunk at a time and refused as soon
/// as it passes the limit or shows a NUL byte, so `/dev/zero` costs one
/// chunk, not all of memory.
package enum InputFiles {
  /// The path that means standard input.
  package static let standardInputPath = "-"
  /// What diagnostics call standard input.
  package static let standardInputName = "<stdin>"

  /// The raw bytes of a file, or of standard input for `-`, at most
  /// `limit` of them (E006 beyond).
  package static func bytes(at path: String, limit: Int = SourceText.maximumDocumentBytes)
    throws(RelaisError) -> [UInt8]
  {
    if path == standardInputPath {
      return try readStream(descriptor: 0, name: standardInputName, limit: limit)
    }
    let (descriptor, status) = try openForReading(path)
    defer { close(descriptor) }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      let size = Int(status.st_size)
      guard size <= limit else { throw tooLarge(path: path, size: size, limit: limit) }
      return try readRegular(descriptor: descriptor, name: path, size: size, limit: limit)
    default:
      return try readStream(descriptor: descriptor, name: path, limit: limit)
    }
  }

  /// Opens `path` for reading, with what `fstat` says of it; a folder is
  /// refused here, before any read. The caller closes the descriptor.
  static func openForReading(_ path: String) throws(RelaisError) -> (Int32, stat) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason = errno == ENOENT ? "no such file" : "cannot open: \(systemMessage())"
      throw RelaisError(.unreadableInput, reason, path: path)
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = systemMessage()
      close(descriptor)
      throw RelaisError(.unreadableInput, "cannot read: \(reason)", path: path)
    }
    guard status.st_mode & S_IFMT != S_IFDIR else {
      close(descriptor)
      throw RelaisError(.unreadableInput, "is a folder, not a file", path: path)
    }
    return (descriptor, status)
  }

  /// A regular file of known size, into one array with read(2): no
  /// intermediate Data, so a document costs its size in memory once. A
  /// file that grows while being read is read on as a stream, to the limit.
  private static func readRegular(descriptor: Int32, name: String, size: Int, limit: Int)
    throws(RelaisError) -> [UInt8]
  {
    var filled = 0
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      while filled < buffer.count, let base = buffer.baseAddress {
        let got = read(descriptor, base + filled, buffer.count - filled)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failure = got < 0 ? errno : 0
          break
        }
        filled += got
      }
      initialized = filled
    }
    if failure != 0 {
      throw RelaisError(.unreadableInput, "cannot read: \(systemMessage(failure))", path: name)
    }
    // A file that shrank while being read keeps what was read.
    if filled < size { return bytes }
    // Nearly every file ends where fstat said: one byte read finds the end
    // without the stream's 1 MiB buffer, which, zeroed for each document,
    // was 4 % of a run over 1,000 small documents (perf).
    var probe: UInt8 = 0
    var got = 0
    repeat { got = read(descriptor, &probe, 1) } while got < 0 && errno == EINTR
    if got < 0 {
      throw RelaisError(.unreadableInput, "cannot read: \(systemMessage())", path: name)
    }
    if got == 0 { return bytes }
    let rest = try readStream(
      descriptor: descriptor, name: name, limit: limit - filled, startingWith: [probe])
    bytes.append(contentsOf: rest)
    return bytes
  }

  /// Reads to the end of a stream, a chunk at a time. Past `limit` bytes
  /// it stops with E006; a NUL byte stops it at once with E003 (binary
  /// input would be refused anyway, and `/dev/zero` never ends).
  /// `initial`: bytes already read from the stream.
  static func readStream(
    descriptor: Int32, name: String, limit: Int, startingWith initial: [UInt8] = []
  ) throws(RelaisError) -> [UInt8] {
    let chunkSize = 1 << 20
    guard initial.count <= limit else { throw tooLarge(path: name, size: nil, limit: limit) }
    var bytes = initial
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let got = chunk.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress, chunkSize)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw RelaisError(.unreadableInput, "cannot read: \(systemMessage())", path: name)
      }
      if got == 0 { return bytes }
      if let nul = chunk[..<got].firstIndex(of: 0) {
        // Refused as any binary file is, with its place (E003, or E002
        // for bad UTF-8 before it).
        var prefix = bytes
        prefix.append(contentsOf: chunk[..<(nul + 1)])
        _ = try SourceText(fileBytes: prefix, path: name)
      }
      guard bytes.count + got <= limit else {
        throw tooLarge(path: name, size: nil, limit: limit)
      }
      bytes.append(contentsOf: chunk[..<got])
    }
  }

  private static func tooLarge(path: String, size: Int?, limit: Int) -> RelaisError {
    let what = size.map { "document of \($0) bytes" } ?? "more than \(limit) bytes"
    return RelaisError(
      .documentTooLarge, "\(what); the limit is \(limit) (nothing was processed)", path: path)
  }

  /// Whether `path` names a folder (following links).
  package static func isFolder(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  /// A document's text, decoded and checked (E002 invalid UTF-8, E003 binary).
  package static func sourceText(at path: String) throws(RelaisError) -> SourceText {
    let name = path == standardInputPath ? standardInputName : path
    return try SourceText(fileBytes: try bytes(at: path), path: name)
  }
}

/// The one rule for document ids, whatever the command: the source
/// (the path relative to the run's root, `--root` or the folder given)
/// without its extension, `stdin` for standard input; a JSONL line gives
/// its own.
package enum DocumentIDs {
  /// The id of a document read from `source`: the path without its
  /// extension.
  package static func id(forSource source: String) -> String {
    guard source != InputFiles.standardInputPath else { return "stdin" }
    let name = (source as NSString).lastPathComponent
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return source }
    let directory = (source as NSString).deletingLastPathComponent
    let stem = String(name[..<dot])
    return directory.isEmpty ? stem : directory + "/" + stem
  }

  /// The id of a document named on the command line, its source taken
  /// relative to `root` when it lies inside it.
  package static func id(forPath path: String, root: String?) -> String {
    id(
      forSource: path == InputFiles.standardInputPath
        ? path : InputEnumeration.relative(path, to: root))
  }
}
