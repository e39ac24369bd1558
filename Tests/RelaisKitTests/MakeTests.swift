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

  /// What the one `relais run` of a `make` says it did: documents
  /// processed and documents taken from the cache; nil when it did not run.
  private func processed(_ result: CommandResult) -> (processed: Int, cached: Int)? {
    guard
      let line = result.standardError.split(separator: "\n").first(where: {
        $0.contains(" processed, ")
      }),
      let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")")
    else { return nil }
    let numbers = line[line.index(after: open)..<close].split(separator: " ").compactMap { Int($0) }
    guard numbers.count == 2 else { return nil }
    return (numbers[0], numbers[1])
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
    #expect(processed(first)?.processed == 3)
    #expect(processed(first)?.cached == 0)
    #expect(first.standardOutput.contains("relais: 3 documents, 0 failed -> build/corpus.jsonl"))
    let corpusFile = folder.appendingPathComponent("build/corpus.jsonl").path
    let whole = try RelaisBinary.run(["run", corpus.path, "--quiet"])
    #expect(try String(contentsOfFile: corpusFile, encoding: .utf8) == whole.standardOutput)

    // Nothing changed: relais does not even run.
    let second = try make(folder)
    #expect(second.status == 0)
    #expect(processed(second) == nil)
    #expect(second.standardOutput.contains("relais: 3 documents, 0 failed"))

    // A changed document is the only one reprocessed.
    try "Le chien dort.".write(
      to: corpus.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    let third = try make(folder)
    #expect(processed(third)?.processed == 1)
    #expect(processed(third)?.cached == 2)
    #expect(try String(contentsOfFile: corpusFile, encoding: .utf8).contains("Le chien dort."))

    // A removed document leaves the corpus.
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("sub/c.txt"))
    let fourth = try make(folder)
    #expect(processed(fourth)?.processed == 0)
    #expect(processed(fourth)?.cached == 2)
    #expect(fourth.standardOutput.contains("relais: 2 documents, 0 failed"))

    // A bad document: its error record is kept, the others are written, make fails.
    try Data([0x61, 0xFF]).write(to: corpus.appendingPathComponent("d.txt"))
    let fifth = try make(folder)
    #expect(fifth.status != 0)
    #expect(fifth.standardOutput.contains("relais: 3 documents, 1 failed"))
    #expect(fifth.standardError.contains("d.txt:1:2: error[E002]"))
    #expect(processed(fifth)?.processed == 1)
    // Whatever came from the cache, the corpus is what one plain run writes.
    let plain = try RelaisBinary.run(["run", "Corpus", "--quiet"], directory: folder)
    #expect(try String(contentsOfFile: corpusFile, encoding: .utf8) == plain.standardOutput)
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

  /// With `Translations/` beside `Corpus/` and glossaries, `make coverage`
  /// also gates on translation consistency, and says which entries fell
  /// short.
  @Test func makeCoverageGatesTranslationConsistency() throws {
    let folder = try temporaryFolder("relais-make-translations")
    defer { try? FileManager.default.removeItem(at: folder) }
    for sub in ["Corpus", "Translations", "Glossaries"] {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try FileManager.default.copyItem(
      atPath: Repository.path("Makefile"), toPath: folder.appendingPathComponent("Makefile").path)
    try termCheckGlossaryYAML.write(
      to: folder.appendingPathComponent("Glossaries/check.yaml"), atomically: true,
      encoding: .utf8)
    try "Le sommet de l’OCS a eu lieu. Une agence de presse l’a dit.".write(
      to: folder.appendingPathComponent("Corpus/a.txt"), atomically: true, encoding: .utf8)
    let translation = folder.appendingPathComponent("Translations/a.en.txt")
    try "The SCO summit took place. A news agency said so.".write(
      to: translation, atomically: true, encoding: .utf8)
    let passes = try make(folder, ["coverage", "COVERAGE_MIN=0"])
    #expect(passes.status == 0, "\(passes.standardError)")
    #expect(
      passes.standardOutput.contains("Translation consistency: 1.000 of French terms rendered"))
    try "The SCO summit took place. A press office said so.".write(
      to: translation, atomically: true, encoding: .utf8)
    let fails = try make(folder, ["coverage", "COVERAGE_MIN=0"])
    #expect(fails.status != 0)
    #expect(
      fails.standardError.contains("translation consistency 0.500 is below the minimum 0.900"))
    #expect(fails.standardError.contains("agency 0/1"))
  }
}
