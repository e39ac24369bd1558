import Foundation

/// The documents of a run, in the order their records are written: paths
/// in the order given; a folder's `.txt` files, recursively, sorted by
/// their path inside the folder (hidden files and folders skipped).
///
/// Nothing is skipped without a word: a folder that cannot be listed, a
/// `.txt` entry that is not a regular file, a broken link or a file name
/// that is not UTF-8 each become an `invalid` input, so an error record
/// stands in its place. A symbolic link to a `.txt` file is read like the
/// file (as `make` reads it); links to folders are not followed (they
/// could loop).
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
    var status = stat()
    guard stat(path, &status) == 0 else {
      let reason = errno == ENOENT ? "no such file or folder" : "cannot read: \(systemMessage())"
      let source = relative(path, to: root)
      return [
        .invalid(
          RelaisError(.unreadableInput, reason, path: path), id: DocumentIDs.id(forSource: source))
      ]
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      // A file named on the command line is read whatever it is (a FIFO,
      // a device, `<(…)`): the user asked for it.
      return [.file(path: path, source: relative(path, to: root), size: regularSize(status))]
    }
    var entries: [FolderEntry] = []
    walk(folder: path, relativeTo: "", into: &entries)
    entries.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    return entries.map { entry in
      // An empty relative path is the folder itself.
      let full =
        entry.relative.isEmpty ? path : (path as NSString).appendingPathComponent(entry.relative)
      if let problem = entry.problem {
        let source = entry.relative.isEmpty ? relative(path, to: root) : entry.relative
        return .invalid(
          RelaisError(.unreadableInput, problem, path: full),
          id: DocumentIDs.id(forSource: source))
      }
      return .file(path: full, source: entry.relative, size: entry.size)
    }
  }

  /// A `.txt` file found in a folder, or the problem that stands for it.
  private struct FolderEntry {
    var relative: String
    var size: Int
    var problem: String?
  }

  private static func walk(
    folder: String, relativeTo prefix: String, into entries: inout [FolderEntry]
  ) {
    guard let directory = opendir(folder) else {
      entries.append(
        FolderEntry(
          relative: String(prefix.dropLast()), size: 0,
          problem: "cannot list the folder: \(systemMessage())"))
      return
    }
    defer { closedir(directory) }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix { $0 != 0 })
      }
      // Hidden entries (and `.`, `..`) are not documents.
      if name.first == 0x2E { continue }
      names.append(name)
    }
    for nameBytes in names {
      let nameText = String(decoding: nameBytes, as: UTF8.self)
      let full = (folder as NSString).appendingPathComponent(nameText)
      let relative = prefix + nameText
      guard String(validating: nameBytes, as: UTF8.self) != nil else {
        entries.append(
          FolderEntry(
            relative: relative, size: 0,
            problem: "the file name is not valid UTF-8, so no id can be made for it (rename it)"))
        continue
      }
      var status = stat()
      guard lstat(full, &status) == 0 else {
        if nameText.hasSuffix(".txt") {
          entries.append(
            FolderEntry(relative: relative, size: 0, problem: "cannot read: \(systemMessage())"))
        }
        continue
      }
      let kind = status.st_mode & S_IFMT
      if kind == S_IFDIR {
        walk(folder: full, relativeTo: relative + "/", into: &entries)
        continue
      }
      guard nameText.hasSuffix(".txt") else { continue }
      if kind == S_IFLNK {
        guard stat(full, &status) == 0 else {
          entries.append(
            FolderEntry(relative: relative, size: 0, problem: "a symbolic link to nothing"))
          continue
        }
        // A link to a folder named `.txt` is neither followed nor a document.
        if status.st_mode & S_IFMT == S_IFDIR { continue }
      }
      guard status.st_mode & S_IFMT == S_IFREG else {
        entries.append(
          FolderEntry(
            relative: relative, size: 0,
            problem: "not a regular file (a FIFO, socket or device in a folder is not read)"))
        continue
      }
      entries.append(FolderEntry(relative: relative, size: regularSize(status), problem: nil))
    }
  }

  private static func regularSize(_ status: stat) -> Int {
    status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
  }

  /// `path` relative to `root` when it lies inside it, else as given,
  /// spelled without `.` components or doubled slashes (`./x.txt` and
  /// `x.txt` are one source).
  static func relative(_ path: String, to root: String?) -> String {
    let spelled = lexicallyNormal(path)
    guard let root else { return spelled }
    let base = URL(fileURLWithPath: root).standardizedFileURL.path
    let full = URL(fileURLWithPath: path).standardizedFileURL.path
    return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : spelled
  }

  /// A path without empty or `.` components; `..` is kept (it may cross a
  /// link).
  static func lexicallyNormal(_ path: String) -> String {
    let components = path.split(separator: "/", omittingEmptySubsequences: true).filter {
      $0 != "."
    }
    let joined = components.joined(separator: "/")
    if path.hasPrefix("/") { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// The longest JSONL input line accepted: 256 MiB (a document of up to
  /// about that much text, escaped).
  static let maximumJSONLLineBytes = 256 << 20

  /// Reads `{"id": …, "text": …}` lines from each path (or standard input)
  /// and hands each to `body` as it is read, so memory stays flat however
  /// long the input. A line that is not such an object, or is over
  /// `maximumJSONLLineBytes`, becomes an `invalid` input naming the file
  /// and line.
  static func forEachJSONLInput(
    _ paths: [String], _ body: (DocumentInput) throws(RelaisError) -> Void
  ) throws(RelaisError) {
    for path in paths.isEmpty ? [InputFiles.standardInputPath] : paths {
      let source: LineSource
      do {
        source = try LineSource(path: path)
      } catch {
        try body(.invalid(error, id: DocumentIDs.id(forSource: lexicallyNormal(path))))
        continue
      }
      defer { source.close() }
      var lineNumber = 0
      var lines = source.lines(maximumLineBytes: maximumJSONLLineBytes)
      while true {
        let line: LineReader.Line?
        do {
          line = try lines.next()
        } catch {
          try body(.invalid(error, id: "\(source.name):\(lineNumber + 1)"))
          break
        }
        guard let line else { break }
        lineNumber += 1
        switch line {
        case .text(let bytes, let byteOffset):
          if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
          try body(jsonlInput(bytes, file: source.name, line: lineNumber, byteOffset: byteOffset))
        case .tooLong(let byteOffset, let length):
          try body(
            .invalid(
              RelaisError(
                .inputLineTooLong,
                "JSONL line of \(length) bytes; the limit is \(maximumJSONLLineBytes)",
                at: InputLocation(
                  path: source.name, line: lineNumber, column: 1, byteOffset: byteOffset)),
              id: "\(source.name):\(lineNumber)"))
        case .binary(let byteOffset):
          try body(
            .invalid(
              RelaisError(
                .binaryInput,
                "NUL byte: this is not JSONL text; nothing after it is read",
                at: InputLocation(
                  path: source.name, line: lineNumber, column: 1, byteOffset: byteOffset)),
              id: "\(source.name):\(lineNumber)"))
        }
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
    guard let id = documentID(record["id"]) else {
      return invalid(
        "\"id\" missing or not a non-empty string or an integer (no fraction, exponent or boolean)")
    }
    guard var text = record["text"] as? String else {
      return invalid("missing \"text\" (a string)")
    }
    if containsByteOrderMark(line),
      let exact = try? JSONDecoder().decode(TextField.self, from: Data(line))
    {
      // JSONSerialization drops a U+FEFF written raw inside a string (not
      // one written \ufeff); JSONDecoder keeps it. Only lines that hold
      // its bytes pay for the second parse.
      text = exact.text
    }
    var metadata: [UInt8]?
    if let given = record["metadata"] {
      // Kept as the same JSON value, keys sorted, in the document record.
      guard given is [String: Any],
        let data = try? JSONSerialization.data(
          withJSONObject: given, options: [.sortedKeys, .withoutEscapingSlashes])
      else { return invalid("\"metadata\" must be a JSON object") }
      metadata = [UInt8](data)
    }
    var language: Language?
    if let given = record["lang"] {
      guard let code = given as? String else { return invalid("\"lang\" must be a string") }
      // A region or script after the language says nothing more here.
      let base = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
      guard let known = Language(rawValue: base.lowercased()) else {
        return invalid(
          "\"lang\": \"\(code)\" is not a language Relais reads (\(Language.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      language = known
    }
    var translation: String?
    if let given = record["translation"] {
      guard let english = given as? String else {
        return invalid("\"translation\" must be a string (the text's English translation)")
      }
      translation = english
    }
    return .inline(
      id: id, text: text, source: origin, metadata: metadata, language: language,
      translation: translation)
  }

  private struct TextField: Decodable {
    var text: String
  }

  private static func containsByteOrderMark(_ line: [UInt8]) -> Bool {
    var index = 0
    while let lead = line[index...].firstIndex(of: 0xEF) {
      if lead + 2 < line.count && line[lead + 1] == 0xBB && line[lead + 2] == 0xBF { return true }
      index = lead + 1
    }
    return false
  }

  /// A JSONL `id` as a string: a non-empty string as it is, an integer in
  /// its decimal spelling. Booleans and numbers with a fraction or exponent
  /// are refused (`true`, `1e3` would otherwise read as `1`, `1000`).
  static func documentID(_ value: Any?) -> String? {
    if let text = value as? String { return text.isEmpty ? nil : text }
    guard let number = value as? NSNumber else { return nil }
    // Foundation keeps the parsed kind: "c" for a boolean, "d" for a
    // number written with a fraction or an exponent.
    let kind = String(cString: number.objCType)
    guard ["i", "l", "q", "s", "I", "L", "Q", "S"].contains(kind) else { return nil }
    return number.stringValue
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
