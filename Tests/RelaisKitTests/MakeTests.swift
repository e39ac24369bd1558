import Foundation
import Testing

/// The Makefile as a batch job uses it, in a temporary copy with a small
/// corpus and the already built binary.
@Suite(.serialized) struct MakeTests {
  private func make(_ folder: URL, _ arguments: [String] = []) throws -> CommandResult {
    try runProgram(
      "/usr/bin/env", ["make", "--no-print-directory", "RELAIS=\(RelaisBinary.path)"] + arguments,
      directory: folder)
  }

  private func processed(_ result: CommandResult) -> [String] {
    result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("relais: processed") }.map {
      String($0.dropFirst("relais: processed ".count))
    }.sorted()
  }

  @Test func secondMakeProcessesNothingAndAChangedDocumentAlone() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "relais-make-\(UUID())")
    let corpus = folder.appendingPathComponent("Corpus")
    try FileManager.default.createDirectory(
      at: corpus.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      atPath: Repository.path("Makefile"), toPath: folder.appendingPathComponent("Makefile").path)
    let documents = [
      "a.txt": "Le chat dort. Il rêve.", "b.txt": "Pékin invite Astana.", "sub/c.txt": "Fin.",
    ]
    for (name, text) in documents {
      try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    let first = try make(folder, ["-j2"])
    #expect(first.status == 0, "\(first.standardError)")
    #expect(processed(first) == ["Corpus/a.txt", "Corpus/b.txt", "Corpus/sub/c.txt"])
    #expect(first.standardOutput.contains("relais: 3 documents, 0 failed -> build/corpus.jsonl"))
    let corpusFile = folder.appendingPathComponent("build/corpus.jsonl").path
    let whole = try RelaisBinary.run(["run", corpus.path, "--quiet"])
    #expect(try String(contentsOfFile: corpusFile, encoding: .utf8) == whole.standardOutput)

    let second = try make(folder)
    #expect(second.status == 0)
    #expect(processed(second).isEmpty)

    // A changed document is the only one reprocessed.
    try "Le chien dort.".write(
      to: corpus.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    let third = try make(folder)
    #expect(processed(third) == ["Corpus/b.txt"])
    #expect(try String(contentsOfFile: corpusFile, encoding: .utf8).contains("Le chien dort."))

    // A removed document leaves the corpus.
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("sub/c.txt"))
    let fourth = try make(folder)
    #expect(processed(fourth).isEmpty)
    #expect(fourth.standardOutput.contains("relais: 2 documents, 0 failed"))

    // A bad document: its error record is kept, the others are written, make fails.
    try Data([0x61, 0xFF]).write(to: corpus.appendingPathComponent("d.txt"))
    let fifth = try make(folder)
    #expect(fifth.status != 0)
    #expect(fifth.standardOutput.contains("relais: 3 documents, 1 failed"))
    #expect(fifth.standardError.contains("d.txt:1:2: error[E002]"))
  }

  /// Make cannot name a target with a space: it says so and which, rather
  /// than process pieces of the name.
  @Test func aDocumentNameWithASpaceStopsMakeWithItsName() throws {
    let folder = try temporaryFolder("relais-make-space")
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = folder.appendingPathComponent("Corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Repository.path("Makefile"), toPath: folder.appendingPathComponent("Makefile").path)
    try "Un texte.".write(
      to: corpus.appendingPathComponent("a b.txt"), atomically: true, encoding: .utf8)
    let result = try make(folder)
    #expect(result.status != 0)
    #expect(result.standardError.contains("white space: Corpus/a b.txt"))
  }
}
