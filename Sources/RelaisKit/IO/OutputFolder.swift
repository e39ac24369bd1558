import Foundation

/// A folder of files written whole (`relais render --out DIR`), under the
/// output policy of `OutputFile` carried over to folders:
///
/// - the files are written into a new folder beside the target
///   (`.NAME.relais-PID-XXXXXX`, made by `mkdtemp`), which takes the
///   target's name only when every file is written, so an interrupted run
///   never leaves a half-written site and a reader never sees one;
/// - a target that already exists is replaced only when it is empty or is
///   a folder this policy wrote (it holds `markerName`); a folder holding
///   anything else, a file, or a symbolic link is refused (E010), so a
///   mistyped `--out` never deletes a user's files;
/// - the folder it replaces is removed after the swap; a run killed before
///   that leaves it under a temporary name, removed by the next run that
///   writes the same target.
struct OutputFolder {
  /// The file that marks a folder as one Relais wrote and may replace.
  static let markerName = ".relais-site"

  let path: String
  private let temporary: String
  private let replacesExisting: Bool

  init(path: String) throws(RelaisError) {
    self.path = path
    var status = stat()
    if lstat(path, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFLNK:
        throw OutputFile.linkRefused(path)
      case S_IFDIR:
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard names.isEmpty || names.contains(Self.markerName) else {
          throw RelaisError(
            .badArgument,
            "is a folder that holds files Relais did not write; give a new or empty folder",
            path: path)
        }
        replacesExisting = true
      default:
        throw RelaisError(.badArgument, "is not a folder", path: path)
      }
    } else {
      replacesExisting = false
    }
    temporary = try Self.makeTemporaryFolder(beside: path)
  }

  /// A new empty folder `.NAME.relais-PID-XXXXXX` in the target's parent.
  private static func makeTemporaryFolder(beside path: String) throws(RelaisError) -> String {
    let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    let parent = (trimmed as NSString).deletingLastPathComponent
    let name = (trimmed as NSString).lastPathComponent
    StaleTemporaryFiles.remove(inFolder: parent.isEmpty ? "." : parent, name: name)
    let prefix = (parent.isEmpty ? "" : parent + "/") + StaleTemporaryFiles.prefix(for: name)
    var template = Array((prefix + "\(getpid())-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
    }
    guard made else {
      throw RelaisError(.badArgument, "cannot write here: \(systemMessage())", path: path)
    }
    // mkdtemp makes the folder 0700; a finished output has the usual mode.
    let folder = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let mask = umask(0)
    umask(mask)
    chmod(folder, 0o777 & ~mask)
    return folder
  }

  /// Writes `bytes` as the file `name` (a relative path; its folders are
  /// made as needed).
  func write(_ bytes: [UInt8], to name: String) throws(RelaisError) {
    let full = temporary + "/" + name
    let folder = (full as NSString).deletingLastPathComponent
    if folder != temporary {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw RelaisError(.outputFailure, "cannot make a folder: \(error)", path: path + "/" + name)
      }
    }
    let descriptor = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw RelaisError(.outputFailure, "cannot write: \(systemMessage())", path: path + "/" + name)
    }
    let sink = ByteSink(descriptor: descriptor, name: path + "/" + name)
    defer { close(descriptor) }
    try bytes.withUnsafeBufferPointer { buffer throws(RelaisError) in try sink.write(buffer) }
  }

  func write(_ text: String, to name: String) throws(RelaisError) {
    try write(Array(text.utf8), to: name)
  }

  /// Puts the written folder in place of the target.
  func commit() throws(RelaisError) {
    try write("relais render \(RelaisVersion.current)\n", to: Self.markerName)
    if replacesExisting {
      // The old folder moves onto an empty temporary one (rename(2) may
      // replace an empty folder), then the new one takes its name.
      let old = try Self.makeTemporaryFolder(beside: path)
      guard rename(path, old) == 0 else {
        let reason = systemMessage()
        rmdir(old)
        abandon()
        throw RelaisError(.outputFailure, "cannot replace the folder: \(reason)", path: path)
      }
      guard rename(temporary, path) == 0 else {
        let reason = systemMessage()
        rename(old, path)
        abandon()
        throw RelaisError(.outputFailure, "cannot replace the folder: \(reason)", path: path)
      }
      try? FileManager.default.removeItem(atPath: old)
    } else if rename(temporary, path) != 0 {
      let reason = systemMessage()
      abandon()
      throw RelaisError(.outputFailure, "cannot finish the folder: \(reason)", path: path)
    }
  }

  /// Gives up: the temporary folder is removed, the target left as it was.
  func abandon() {
    try? FileManager.default.removeItem(atPath: temporary)
  }
}
