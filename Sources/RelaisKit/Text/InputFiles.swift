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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RelaisError(.unreadableInput, "cannot read the file", path: path)
    }
    return [UInt8](data)
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
