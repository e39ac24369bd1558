import Foundation

/// The documents of a run, in the order their records are written: paths
/// in the order given; a folder's `.txt` files, recursively, sorted by
/// their path inside the folder (hidden files and folders skipped).
enum InputEnumeration {
  /// Every document of a text-mode run. A path that does not exist becomes
  /// an `invalid` input, so it yields an error record in its place.
  static func textInputs(_ paths: [String], root: String? = nil) -> [DocumentInput] {
    (paths.isEmpty ? [InputFiles.standardInputPath] : paths).flatMap {
      textInputs(at: $0, root: root)
    }
  }

  private static func textInputs(at path: String, root: String?) -> [DocumentInput] {
    if path == InputFiles.standardInputPath { return [.standardInput] }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return [
        .invalid(
          RelaisError(.unreadableInput, "no such file or folder", path: path),
          id: DocumentIDs.id(forSource: path))
      ]
    }
    guard isDirectory.boolValue else {
      return [.file(path: path, source: relative(path, to: root), size: size(of: path))]
    }
    let folder = URL(fileURLWithPath: path)
    let folderPath = folder.standardizedFileURL.path
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else {
      return [
        .invalid(
          RelaisError(.unreadableInput, "cannot list the folder", path: path),
          id: DocumentIDs.id(forSource: path))
      ]
    }
    var files: [(relative: String, path: String)] = []
    for case let url as URL in enumerator where url.pathExtension == "txt" {
      let isRegular = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
      guard isRegular else { continue }
      let full = url.standardizedFileURL.path
      let relative =
        full.hasPrefix(folderPath + "/") ? String(full.dropFirst(folderPath.count + 1)) : full
      files.append((relative, (path as NSString).appendingPathComponent(relative)))
    }
    files.sort { Array($0.relative.utf8).lexicographicallyPrecedes(Array($1.relative.utf8)) }
    return files.map { .file(path: $0.path, source: $0.relative, size: size(of: $0.path)) }
  }

  /// `path` relative to `root` when it lies inside it, else as given.
  static func relative(_ path: String, to root: String?) -> String {
    guard let root else { return path }
    let base = URL(fileURLWithPath: root).standardizedFileURL.path
    let full = URL(fileURLWithPath: path).standardizedFileURL.path
    return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : path
  }

  private static func size(of path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  }

  /// Reads `{"id": …, "text": …}` lines from each path (or standard input)
  /// and hands each to `body` as it is read, so memory stays flat however
  /// long the input. A line that is not such an object becomes an
  /// `invalid` input naming the file and line.
  static func forEachJSONLInput(
    _ paths: [String], _ body: (DocumentInput) throws(RelaisError) -> Void
  ) throws(RelaisError) {
    for path in paths.isEmpty ? [InputFiles.standardInputPath] : paths {
      let name = path == InputFiles.standardInputPath ? "<stdin>" : path
      let handle: FileHandle
      if path == InputFiles.standardInputPath {
        handle = FileHandle.standardInput
      } else if let opened = FileHandle(forReadingAtPath: path) {
        handle = opened
      } else {
        try body(
          .invalid(
            RelaisError(.unreadableInput, "cannot open the file", path: path),
            id: DocumentIDs.id(forSource: path)))
        continue
      }
      var lineNumber = 0
      var lines = LineReader(handle: handle)
      while let (line, byteOffset) = lines.next() {
        lineNumber += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        try body(jsonlInput(line, file: name, line: lineNumber, byteOffset: byteOffset))
      }
    }
  }

  static func jsonlInput(_ line: [UInt8], file: String, line lineNumber: Int, byteOffset: Int)
    -> DocumentInput
  {
    let origin = "\(file):\(lineNumber)"
    func invalid(_ message: String) -> DocumentInput {
      .invalid(
        RelaisError(
          .malformedJSONLInput, message,
          at: InputLocation(path: file, line: lineNumber, column: 1, byteOffset: byteOffset)),
        id: origin)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(line)),
      let record = object as? [String: Any]
    else { return invalid("not a JSON object; expected {\"id\": …, \"text\": …}") }
    let id: String
    if let text = record["id"] as? String, !text.isEmpty {
      id = text
    } else if let number = record["id"] as? Int {
      id = String(number)
    } else {
      return invalid("missing \"id\" (a string or an integer)")
    }
    guard let text = record["text"] as? String else {
      return invalid("missing \"text\" (a string)")
    }
    return .inline(id: id, text: text, source: origin)
  }
}

/// Lines of a file handle, read a megabyte at a time, each with the byte
/// offset of its start in the stream.
struct LineReader {
  let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var done = false
  /// Stream offset of `buffer[0]`.
  private var bufferOffset = 0

  init(handle: FileHandle) {
    self.handle = handle
  }

  mutating func next() -> (line: [UInt8], byteOffset: Int)? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        var line = Array(buffer[start..<newline])
        let offset = bufferOffset + start
        start = newline + 1
        if line.last == 0x0D { line.removeLast() }
        return (line, offset)
      }
      if done {
        guard start < buffer.count else { return nil }
        let line = Array(buffer[start...])
        let offset = bufferOffset + start
        start = buffer.count
        return (line, offset)
      }
      buffer.removeFirst(start)
      bufferOffset += start
      start = 0
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { done = true } else { buffer.append(contentsOf: chunk) }
    }
  }
}

/// Where `relais run` writes: standard output, or a file written under a
/// temporary name beside it and renamed into place only when the run is
/// complete, so an interrupted run never leaves a file that looks whole.
struct OutputTarget: Sendable {
  let sink: ByteSink
  private let finalPath: String?
  private let temporaryPath: String?

  init(path: String?) throws(RelaisError) {
    guard let path else {
      sink = .standardOutput
      finalPath = nil
      temporaryPath = nil
      return
    }
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).partial-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw RelaisError(
        .badArgument, "cannot write here: \(String(cString: strerror(errno)))", path: path)
    }
    sink = ByteSink(descriptor: descriptor, name: path)
    finalPath = path
    temporaryPath = temporary
    InterruptCleanup.watch(temporary)
  }

  func commit() throws(RelaisError) {
    guard let finalPath, let temporaryPath else { return }
    let synced = fsync(sink.descriptor) == 0
    close(sink.descriptor)
    InterruptCleanup.forget()
    guard synced, rename(temporaryPath, finalPath) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw RelaisError(.outputFailure, "cannot finish the output file: \(reason)", path: finalPath)
    }
  }

  func abandon() {
    guard let temporaryPath else { return }
    InterruptCleanup.forget()
    close(sink.descriptor)
    unlink(temporaryPath)
  }
}

/// Removes the temporary output file when the run is interrupted (Ctrl-C,
/// `kill`), so nothing half-written is left behind. Signal handlers may only
/// call async-signal-safe functions, so the path waits in a C string set
/// before any output is written, and the handler does `unlink` and `_exit`.
enum InterruptCleanup {
  // Written only on the main thread before workers start and read only by
  // the signal handler; a C string so the handler allocates nothing.
  nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

  static func watch(_ temporary: String) {
    path = strdup(temporary)
    var signals = sigset_t()
    sigemptyset(&signals)
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber) { received in
        if let path = InterruptCleanup.path { unlink(path) }
        _exit(128 + received)
      }
      sigaddset(&signals, signalNumber)
    }
    // A parent may start us with these blocked (Foundation's Process does);
    // an interrupt must still clean up.
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  static func forget() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
    if let path { free(path) }
    path = nil
  }
}

/// The progress line on a terminal: documents, MB, MB/s and, when the
/// total is known, the time left. Drawn only after the first second.
struct Progress {
  let enabled: Bool
  var totalBytes: Int?
  private let start = DispatchTime.now()
  private var lastDraw: UInt64 = 0
  private var documents = 0
  private var bytes = 0
  private var drawn = false

  init(enabled: Bool, totalBytes: Int? = nil) {
    self.enabled = enabled
    self.totalBytes = totalBytes
  }

  mutating func advance(bytes read: Int) {
    documents += 1
    bytes += read
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = Double(now - start.uptimeNanoseconds) / 1e9
    guard elapsed >= 1, now - lastDraw >= 200_000_000 else { return }
    lastDraw = now
    let megabytes = Double(bytes) / 1e6
    let rate = megabytes / elapsed
    var line = String(
      format: "relais: %d documents, %.1f MB, %.1f MB/s", documents, megabytes, rate)
    if let totalBytes, rate > 0, totalBytes > bytes {
      line += String(format: ", ETA %.0f s", Double(totalBytes - bytes) / 1e6 / rate)
    }
    FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
    drawn = true
  }

  func finish() {
    if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
