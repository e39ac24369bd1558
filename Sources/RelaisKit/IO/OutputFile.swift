import Foundation

/// Where a command writes its output, and how (the README's output policy):
///
/// - no path: standard output;
/// - a path naming a device, a FIFO or a socket: written straight through,
///   never replaced (`--out /dev/null` discards, it does not turn the
///   machine's `/dev/null` into a file);
/// - any other path: a new temporary file created exclusively
///   (`mkstemp`, which never follows a symbolic link) in the target's
///   folder, renamed over the target only when complete, so an interrupted
///   run never leaves a file that looks whole;
/// - a path that is a symbolic link or a folder is refused: Relais never
///   writes through a link it did not make.
///
/// A target that cannot be opened is a `badArgument` (E010), a write that
/// fails an `outputFailure` (E091); either stops the run (exit 2).
struct OutputFile: Sendable {
  enum Policy: Sendable, Equatable {
    case standardOutput
    case straightThrough
    case temporaryAndRename(temporaryPath: String)
  }

  let sink: ByteSink
  let policy: Policy
  /// The path the user gave, `nil` for standard output.
  let path: String?

  /// Opens the output for `path` (standard output for `nil`). With
  /// `cleanUpOnInterrupt`, a signal that ends the process removes the
  /// temporary file first (one output a process at most).
  init(path: String?, cleanUpOnInterrupt: Bool = false) throws(RelaisError) {
    guard let path else {
      sink = .standardOutput
      policy = .standardOutput
      self.path = nil
      return
    }
    self.path = path
    var status = stat()
    if lstat(path, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFLNK:
        throw Self.linkRefused(path)
      case S_IFDIR:
        throw RelaisError(.badArgument, "is a folder, not a file", path: path)
      case S_IFREG:
        break
      default:
        // A device, FIFO or socket: written to, never replaced.
        let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
          throw RelaisError(.badArgument, "cannot write here: \(systemMessage())", path: path)
        }
        sink = ByteSink(descriptor: descriptor, name: path)
        policy = .straightThrough
        return
      }
    }
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let prefix = (folder.isEmpty ? "" : folder + "/") + StaleTemporaryFiles.prefix(for: name)
    StaleTemporaryFiles.remove(inFolder: folder.isEmpty ? "." : folder, name: name)
    var template = Array((prefix + "\(getpid())-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      throw RelaisError(.badArgument, "cannot write here: \(systemMessage())", path: path)
    }
    // mkstemp creates the file 0600; a finished output has the usual mode.
    let mask = umask(0)
    umask(mask)
    fchmod(descriptor, 0o666 & ~mask)
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    sink = ByteSink(descriptor: descriptor, name: path)
    policy = .temporaryAndRename(temporaryPath: temporary)
    if cleanUpOnInterrupt { InterruptCleanup.watch(temporary) }
  }

  /// Why a symbolic link is never an output, file or folder.
  static func linkRefused(_ path: String) -> RelaisError {
    RelaisError(
      .badArgument, "is a symbolic link; Relais does not write through links (name its target)",
      path: path)
  }

  /// Finishes the output: the temporary file is synced and renamed into
  /// place; a device or FIFO is closed.
  func commit() throws(RelaisError) {
    switch policy {
    case .standardOutput:
      return
    case .straightThrough:
      guard close(sink.descriptor) == 0 || errno == EINTR else {
        throw RelaisError(.outputFailure, "cannot finish writing: \(systemMessage())", path: path)
      }
    case .temporaryAndRename(let temporary):
      let synced = fsync(sink.descriptor) == 0
      var failure = synced ? nil : systemMessage()
      if close(sink.descriptor) != 0, failure == nil { failure = systemMessage() }
      InterruptCleanup.forget()
      if failure == nil, let path, rename(temporary, path) != 0 { failure = systemMessage() }
      if let failure {
        unlink(temporary)
        throw RelaisError(.outputFailure, "cannot finish the output file: \(failure)", path: path)
      }
    }
  }

  /// Gives up: the temporary file is removed, the target left as it was.
  func abandon() {
    switch policy {
    case .standardOutput:
      return
    case .straightThrough:
      close(sink.descriptor)
    case .temporaryAndRename(let temporary):
      InterruptCleanup.forget()
      close(sink.descriptor)
      unlink(temporary)
    }
  }

  /// Writes `bytes` as the whole output and finishes it.
  static func write(_ bytes: [UInt8], to path: String?) throws(RelaisError) {
    let output = try OutputFile(path: path)
    do {
      try bytes.withUnsafeBufferPointer { buffer throws(RelaisError) in
        try output.sink.write(buffer)
      }
      try output.commit()
    } catch {
      output.abandon()
      throw error
    }
  }
}

/// Temporary files left by a process that was killed without a chance to
/// clean up (`kill -9`, a power cut): `.NAME.relais-PID-XXXXXX` beside the
/// target, removed by the next run that writes the same target once their
/// process is gone.
enum StaleTemporaryFiles {
  static func prefix(for name: String) -> String { ".\(name).relais-" }

  static func remove(inFolder folder: String, name: String) {
    let prefix = prefix(for: name)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for entry in names where entry.hasPrefix(prefix) {
      let rest = entry.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else {
        continue
      }
      // Signal 0 only asks whether the process exists.
      if kill(pid, 0) != 0 && errno == ESRCH {
        let stale = (folder as NSString).appendingPathComponent(entry)
        // A folder output (`OutputFolder`) leaves a folder.
        if unlink(stale) != 0 { try? FileManager.default.removeItem(atPath: stale) }
      }
    }
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

/// The system's words for the current `errno`.
func systemMessage(_ code: Int32 = errno) -> String {
  String(cString: strerror(code))
}
