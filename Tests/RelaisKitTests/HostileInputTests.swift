import Foundation
import RelaisKit
import Testing

/// The hostile-input cases of the README's policies, each through the
/// built binary: outputs are never clobbered, inputs never skipped without
/// a word, reads are bounded, ids unique, and exit codes mean one thing.
@Suite(.serialized) struct HostileInputTests {
  private func records(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  private func values(_ records: [[String: Any]], type: String, field: String) -> [String] {
    records.filter { $0["type"] as? String == type }.compactMap { $0[field] as? String }
  }

  private func fileType(_ path: String) -> mode_t {
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    return status.st_mode & S_IFMT
  }

  // MARK: Outputs

  /// A character device of the test's own (a copy of /dev/null's numbers)
  /// stays a device after `--out`: written through, not replaced.
  @Test func outputToADeviceWritesThroughIt() throws {
    let folder = try temporaryFolder("relais-dev")
    defer { try? FileManager.default.removeItem(at: folder) }
    let device = folder.appendingPathComponent("null").path
    // Linux's device number for major 1, minor 3 (makedev is a C macro).
    try #require(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
    for arguments in [
      ["run", Repository.corpusArticle, "--quiet", "--out", device],
      ["glossary", "export", Repository.path("Glossaries/china-kazakhstan.yaml"), "--out", device],
    ] {
      let result = try RelaisBinary.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.standardError)")
      #expect(fileType(device) == S_IFCHR)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["null"])
  }

  @Test func outputToAFIFOIsWrittenThroughIt() throws {
    let folder = try temporaryFolder("relais-fifo")
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("out").path
    try #require(mkfifo(fifo, 0o644) == 0)
    let received = ReceivedBytes()
    let reader = Thread {
      received.set(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data())
    }
    reader.start()
    let result = try RelaisBinary.run(["run", Repository.corpusArticle, "--quiet", "--out", fifo])
    #expect(result.status == 0, "\(result.standardError)")
    // Had the run never opened the FIFO, this lets the reader go.
    let release = open(fifo, O_WRONLY | O_NONBLOCK)
    if release >= 0 { close(release) }
    let text = String(decoding: try received.wait(), as: UTF8.self)
    #expect(text.hasPrefix("{\"type\":\"document\""))
    #expect(fileType(fifo) == S_IFIFO)
  }

  @Test func aSymbolicLinkAsTheOutputIsRefusedAndItsTargetKept() throws {
    let folder = try temporaryFolder("relais-link")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("precious.txt").path
    try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
    let link = folder.appendingPathComponent("corpus.jsonl").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let result = try RelaisBinary.run(["run", Repository.corpusArticle, "--quiet", "--out", link])
    #expect(result.status == 2)
    #expect(result.standardError.contains("\(link): error[E010]: is a symbolic link"))
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    #expect(fileType(link) == S_IFLNK)
  }

  /// `/dev/full` fails every write with ENOSPC: the run cannot be done,
  /// which is exit 2 with a message, never a crash or exit 1.
  @Test(arguments: [
    ["run", "Corpus", "--quiet"],
    ["glossary", "export", "Glossaries/china-kazakhstan.yaml"],
    ["eval", "ud", "Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu"],
    ["tokenize", "Corpus/chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.txt"],
  ])
  func aFullDiskStopsTheRunWithExitTwo(_ arguments: [String]) throws {
    let absolute = arguments.map { $0.contains("/") || $0 == "Corpus" ? Repository.path($0) : $0 }
    let toStandardOutput = try RelaisBinary.run(absolute, outputFile: "/dev/full")
    #expect(toStandardOutput.status == 2, "\(toStandardOutput.standardError)")
    #expect(toStandardOutput.standardError.contains("No space left on device"))
    if arguments[0] == "run" {
      let toOut = try RelaisBinary.run(absolute + ["--out", "/dev/full"])
      #expect(toOut.status == 2)
      #expect(toOut.standardError.contains("/dev/full: error[E091]"))
    }
  }

  @Test func coverageToAFullDiskExitsTwo() throws {
    let folder = try temporaryFolder("relais-covfull")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = folder.appendingPathComponent("corpus.jsonl").path
    #expect(try RelaisBinary.run(["run", Repository.corpusArticle, "--out", records]).status == 0)
    let result = try RelaisBinary.run(["coverage", records], outputFile: "/dev/full")
    #expect(result.status == 2)
    #expect(result.standardError.contains("error[E091]"))
  }

  /// A process killed with SIGKILL cannot clean up; the next run that
  /// writes the same target removes what it left.
  @Test func aKilledRunsTemporaryFileIsRemovedByTheNextRun() throws {
    let folder = try temporaryFolder("relais-kill")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("corpus.jsonl").path
    let (process, input) = try startRunMidway(writingTo: out)
    defer { try? input.fileHandleForWriting.close() }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
    let again = try RelaisBinary.run(["run", Repository.corpusArticle, "--out", out, "--quiet"])
    #expect(again.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.jsonl"])
  }

  // MARK: Inputs

  /// A regular file whose size the system gives as 0 though it holds text
  /// (`/proc/version`) is read on past that size to its end, as a file
  /// that grew while being read is.
  @Test func aFileLongerThanItsStatedSizeIsReadToItsEnd() throws {
    let text = try String(contentsOfFile: "/proc/version", encoding: .utf8)
    try #require(!text.isEmpty)
    let result = try RelaisBinary.run(["run", "/proc/version", "--quiet", "--with-text"])
    #expect(result.status == 0, "\(result.standardError)")
    let document = try #require(
      try JSONSerialization.jsonObject(
        with: Data(result.standardOutput.split(separator: "\n")[0].utf8)) as? [String: Any])
    #expect(document["chars"] as? Int == text.unicodeScalars.count)
    #expect(document["text"] as? String == text)
  }

  /// A 100 GB sparse file is refused by its size without being read; the
  /// document beside it is still processed.
  @Test func aHugeFileIsAnErrorRecordAndTheOthersAreProcessed() throws {
    let folder = try temporaryFolder("relais-huge")
    defer { try? FileManager.default.removeItem(at: folder) }
    try "Un bon document.".write(
      to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    let huge = folder.appendingPathComponent("z.txt").path
    #expect(FileManager.default.createFile(atPath: huge, contents: nil))
    #expect(truncate(huge, 100 << 30) == 0)
    let result = try RelaisBinary.run(["run", folder.path, "--quiet"])
    #expect(result.status == 1)
    let all = try records(result.standardOutput)
    #expect(values(all, type: "document", field: "id") == ["a"])
    #expect(values(all, type: "error", field: "code") == ["E006"])
  }

  /// Endless input (`/dev/zero`) is refused at its first NUL byte by
  /// every reader, never read into memory to the end.
  @Test(arguments: [
    (["run", "-", "--quiet"], 1, "E003"),
    (["run", "--input", "jsonl", "-", "--quiet"], 1, "E003"),
    (["coverage", "-"], 2, "E050"),
    (["tokenize", "-"], 1, "E003"),
  ])
  func endlessBinaryInputIsRefusedAtOnce(_ arguments: [String], _ status: Int32, _ code: String)
    throws
  {
    let result = try RelaisBinary.run(arguments, inputFile: "/dev/zero")
    #expect(result.status == status)
    #expect(result.standardError.contains("error[\(code)]"))
  }

  @Test func anOverlongJSONLLineIsSkippedAndTheNextLineRead() throws {
    let folder = try temporaryFolder("relais-longline")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("in.jsonl").path
    let handle = try #require(
      FileManager.default.createFile(atPath: path, contents: nil)
        ? FileHandle(forWritingAtPath: path) : nil)
    handle.write(Data("{\"id\": \"big\", \"text\": \"".utf8))
    let block = Data(repeating: 0x61, count: 1 << 20)
    for _ in 0..<260 { handle.write(block) }
    handle.write(Data("\"}\n{\"id\": \"small\", \"text\": \"Fin.\"}\n".utf8))
    try handle.close()
    let result = try RelaisBinary.run(["run", "--input", "jsonl", path, "--quiet"])
    #expect(result.status == 1)
    let all = try records(result.standardOutput)
    #expect(values(all, type: "error", field: "code") == ["E022"])
    #expect(values(all, type: "document", field: "id") == ["small"])
    #expect(result.standardError.contains("\(path):1:1: error[E022]"))
  }

  @Test func nonRegularInputsAreReadAsStreams() throws {
    let viaDevice = try RelaisBinary.run(
      ["tokenize", "/dev/stdin", "--format", "text"], input: Data("Il part.".utf8))
    #expect(viaDevice.status == 0)
    #expect(viaDevice.standardOutput == "Il part .\n")
    let run = try RelaisBinary.run(
      ["run", "/dev/stdin", "--quiet", "--until", "tokenize"], input: Data("Il part.".utf8))
    #expect(run.status == 0)
    #expect(
      values(try records(run.standardOutput), type: "sentence", field: "text") == ["Il part."])
  }

  /// Every entry of a folder that could be a document yields records or an
  /// error record: a FIFO, a broken link, a name that is not UTF-8. A link
  /// to a `.txt` file is read, as `make` reads it.
  @Test func folderEntriesAreNeverSkippedSilently() throws {
    let folder = try temporaryFolder("relais-entries")
    defer { try? FileManager.default.removeItem(at: folder) }
    try "Un texte.".write(
      to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("b-link.txt").path,
      withDestinationPath: folder.appendingPathComponent("a.txt").path)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("c-broken.txt").path,
      withDestinationPath: "/nonexistent")
    #expect(mkfifo(folder.appendingPathComponent("d-fifo.txt").path, 0o644) == 0)
    // "e\xE9.txt": a Latin-1 é in a file name.
    var nameBytes = Array(folder.path.utf8) + Array("/e".utf8) + [0xE9] + Array(".txt".utf8)
    nameBytes.append(0)
    let descriptor = nameBytes.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { open($0, O_CREAT | O_WRONLY, 0o644) } ?? -1
    }
    #expect(descriptor >= 0)
    close(descriptor)
    let result = try RelaisBinary.run(["run", folder.path, "--quiet", "--until", "read"])
    #expect(result.status == 1)
    let all = try records(result.standardOutput)
    #expect(values(all, type: "document", field: "id") == ["a", "b-link"])
    #expect(values(all, type: "error", field: "code") == ["E001", "E001", "E001"])
    #expect(result.standardError.contains("c-broken.txt: error[E001]: a symbolic link to nothing"))
    #expect(result.standardError.contains("d-fifo.txt: error[E001]: not a regular file"))
    #expect(result.standardError.contains("not valid UTF-8"))
  }

  // MARK: Ids

  /// One file name in two folders, one file named twice, one JSONL id
  /// twice: the later document is an error record, never a second
  /// document with the same id.
  @Test func documentIdsAreUniqueWithinARun() throws {
    let folder = try temporaryFolder("relais-ids")
    defer { try? FileManager.default.removeItem(at: folder) }
    for sub in ["one", "two"] {
      let subfolder = folder.appendingPathComponent(sub)
      try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
      try "Le FMI parle.".write(
        to: subfolder.appendingPathComponent("x.txt"), atomically: true, encoding: .utf8)
    }
    let file = folder.appendingPathComponent("one/x.txt").path
    let twoFolders = try RelaisBinary.run([
      "run", folder.appendingPathComponent("one").path, folder.appendingPathComponent("two").path,
      "--quiet",
    ])
    let sameFile = try RelaisBinary.run([
      "run", file, folder.appendingPathComponent("one").path + "/./x.txt", "--quiet",
    ])
    let jsonl = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet"],
      input: Data("{\"id\": \"a\", \"text\": \"Un.\"}\n{\"id\": \"a\", \"text\": \"Deux.\"}\n".utf8)
    )
    for result in [twoFolders, sameFile, jsonl] {
      #expect(result.status == 1)
      let all = try records(result.standardOutput)
      #expect(values(all, type: "document", field: "id").count == 1)
      #expect(values(all, type: "error", field: "code") == ["E007"])
      #expect(result.standardError.contains("error[E007]: document id"))
    }
  }

  /// Booleans and numbers that are not plain integers are not ids (they
  /// would read as "1" and "1000" and collide).
  @Test(arguments: ["true", "1e3", "1.5", "\"\"", "null"])
  func jsonlIdsMustBeStringsOrIntegers(_ id: String) throws {
    let result = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet"],
      input: Data("{\"id\": \(id), \"text\": \"Un.\"}\n".utf8))
    #expect(result.status == 1)
    #expect(values(try records(result.standardOutput), type: "error", field: "code") == ["E021"])
  }

  /// In JSONL input the text is the text: a leading U+FEFF is one of its
  /// code points, and offsets slice the `text` field as given.
  @Test(arguments: ["\u{FEFF}", "\\ufeff"])
  func aJSONLTextStartingWithFEFFKeepsItsOffsets(_ spelling: String) throws {
    let text = "\u{FEFF}Le chat dort. Il rêve."
    let line = "{\"id\": \"bom\", \"text\": \"\(spelling)Le chat dort. Il rêve.\"}\n"
    let result = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet", "--until", "tokenize"], input: Data(line.utf8))
    #expect(result.status == 0)
    let scalars = Array(text.unicodeScalars)
    let all = try records(result.standardOutput)
    #expect(all.first?["chars"] as? Int == scalars.count)
    // JSONSerialization drops a raw U+FEFF inside a string; JSONDecoder
    // reads the record's text as written.
    struct Sentence: Decodable {
      var type: String
      var start: Int?
      var end: Int?
      var text: String?
    }
    let sentences = try result.standardOutput.split(separator: "\n").map {
      try JSONDecoder().decode(Sentence.self, from: Data($0.utf8))
    }.filter { $0.type == "sentence" }
    #expect(sentences.count == 2)
    #expect(sentences.first?.text?.unicodeScalars.first == "\u{FEFF}")
    for sentence in sentences {
      let start = try #require(sentence.start)
      let end = try #require(sentence.end)
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: scalars[start..<end])
      #expect(String(slice) == sentence.text)
    }
  }

  // MARK: Empty inputs

  @Test func anEmptyGoldFileIsAnErrorNotAScore() throws {
    let folder = try temporaryFolder("relais-gold")
    defer { try? FileManager.default.removeItem(at: folder) }
    let gold = folder.appendingPathComponent("empty.conllu").path
    #expect(FileManager.default.createFile(atPath: gold, contents: Data()))
    let result = try RelaisBinary.run(["eval", "ud", gold])
    #expect(result.status == 2)
    #expect(result.standardError.contains("error[E020]: no sentence"))
    #expect(result.standardOutput.isEmpty)
  }
}

/// Bytes handed from a reader thread to the test.
final class ReceivedBytes: @unchecked Sendable {
  private let lock = NSCondition()
  private var bytes: Data?

  func set(_ data: Data) {
    lock.lock()
    bytes = data
    lock.signal()
    lock.unlock()
  }

  func wait() throws -> Data {
    lock.lock()
    defer { lock.unlock() }
    while bytes == nil {
      guard lock.wait(until: Date().addingTimeInterval(30)) else { break }
    }
    return try #require(bytes)
  }
}
