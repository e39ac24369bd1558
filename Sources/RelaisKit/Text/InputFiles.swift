import Foundation

/// Reading documents from paths and standard input.
public enum InputFiles {
  /// The path that means standard input.
  public static let standardInputPath = "-"

  /// The raw bytes of a file, or of standard input for `-`.
  public static func bytes(at path: String) throws(RelaisError) -> [UInt8] {
    if path == standardInputPath {
      return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw RelaisError(.unreadableInput, "no such file", path: path)
    }
    guard !isDirectory.boolValue else {
      throw RelaisError(.unreadableInput, "is a directory, not a file", path: path)
    }
    return try readWhole(path)
  }

  /// Reads a file into one array with read(2): no intermediate Data, so a
  /// document costs its size in memory once.
  private static func readWhole(_ path: String) throws(RelaisError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw RelaisError(
        .unreadableInput, "cannot open: \(String(cString: strerror(errno)))", path: path)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw RelaisError(
        .unreadableInput, "cannot read: \(String(cString: strerror(errno)))", path: path)
    }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    var filled = 0
    var failure: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
      while filled < buffer.count, let base = buffer.baseAddress {
        let got = read(descriptor, base + filled, buffer.count - filled)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failure = got < 0 ? errno : 0
          break
        }
        filled += got
      }
    }
    if failure != 0 {
      throw RelaisError(
        .unreadableInput, "cannot read: \(String(cString: strerror(failure)))", path: path)
    }
    // A file that shrank while being read keeps what was read.
    if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
    return bytes
  }

  /// A document's text, decoded and checked (E002 invalid UTF-8, E003 binary).
  public static func sourceText(at path: String) throws(RelaisError) -> SourceText {
    let name = path == standardInputPath ? "<stdin>" : path
    return try SourceText(fileBytes: try bytes(at: path), path: name)
  }

  /// A stable document id for a path: its file name without extension, or
  /// `stdin`.
  public static func documentID(for path: String) -> String {
    guard path != standardInputPath else { return "stdin" }
    let name = (path as NSString).lastPathComponent
    let stem = (name as NSString).deletingPathExtension
    return stem.isEmpty ? name : stem
  }
}
