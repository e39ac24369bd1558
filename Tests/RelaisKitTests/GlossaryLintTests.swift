import Foundation
import RelaisKit
import Testing

func lintFixtures(_ folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(
    atPath: Repository.path("Tests/Fixtures/glossary-lint/\(folder)")
  ).sorted()
}

/// Each folder under `fail/` holds a glossary and an `expect` file: the
/// code and line the first problem must have.
@Test(arguments: try lintFixtures("fail"))
func lintFailsWithItsCode(_ name: String) throws {
  let folder = Repository.path("Tests/Fixtures/glossary-lint/fail/\(name)")
  let expected = try String(contentsOfFile: folder + "/expect", encoding: .utf8)
    .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
  let (_, problems) = GlossaryLoader.load(directory: folder)
  let first = try #require(problems.first)
  #expect(first.code.rawValue == expected[0])
  #expect(first.location?.line == Int(expected[1]))
  #expect(first.location?.path == folder + "/glossary.yaml")
  let result = try RelaisBinary.run(["glossary", "lint", folder])
  #expect(result.status == 2)
  #expect(result.standardError.contains("glossary.yaml:\(expected[1]):"))
  #expect(result.standardError.contains("error[\(expected[0])]"))
}

@Test(arguments: try lintFixtures("pass") + ["../../../../Glossaries"])
func lintPasses(_ name: String) throws {
  let folder = Repository.path("Tests/Fixtures/glossary-lint/pass/\(name)")
  let (glossaries, problems) = GlossaryLoader.load(directory: folder)
  #expect(problems.isEmpty, "\(problems)")
  #expect(!glossaries.isEmpty)
  let result = try RelaisBinary.run(["glossary", "lint", folder])
  #expect(result.status == 0)
}

@Test func theCorpusGlossaryCoversTheArticlesNames() throws {
  let (glossaries, _) = GlossaryLoader.load(directory: Repository.path("Glossaries"))
  let entries = glossaries.flatMap(\.entries)
  #expect(entries.count >= 40)
  let ids = Set(entries.map(\.id))
  for id in ["amanat", "blcu", "cnpc", "cmg", "sco", "cpc", "brics", "xi-jinping", "tokayev"] {
    #expect(ids.contains(id), "\(id)")
  }
  for entry in entries {
    #expect(entry.languages["fr"] != nil && entry.languages["en"] != nil, "\(entry.id)")
  }
}

@Test func aBadGlossaryStopsTheRunBeforeAnyOutput() throws {
  let bad = Repository.path("Tests/Fixtures/glossary-lint/fail/unknown-type")
  let result = try RelaisBinary.run(["run", Repository.corpusArticle, "--glossaries", bad])
  #expect(result.status == 2)
  #expect(result.standardOutput.isEmpty)
  #expect(result.standardError.contains("glossary.yaml:4:11: error[E034]"))
}

/// The corpus article's term records, checked against a golden file (and
/// each span against the text). RELAIS_RECORD_GOLDEN=1 re-records and fails.
@Test func corpusTermRecordsMatchGolden() throws {
  let result = try RelaisBinary.run([
    "run", Repository.path("Corpus"), "--glossaries", Repository.path("Glossaries"), "--quiet",
  ])
  #expect(result.status == 0)
  let terms =
    result.standardOutput.split(separator: "\n").filter {
      $0.hasPrefix("{\"type\":\"term\"")
    }.joined(separator: "\n") + "\n"
  let text = Array(
    try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8).unicodeScalars)
  for line in terms.split(separator: "\n") {
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let start = try #require(record["start"] as? Int)
    let end = try #require(record["end"] as? Int)
    var slice = String.UnicodeScalarView()
    slice.append(contentsOf: text[start..<end])
    #expect(String(slice) == record["text"] as? String)
    let labels = try #require(record["labels"] as? [String: String])
    #expect(labels["fr"] != nil && labels["en"] != nil)
  }
  let goldenPath = Repository.path("Tests/Golden/corpus-terms.jsonl")
  if ProcessInfo.processInfo.environment["RELAIS_RECORD_GOLDEN"] == "1" {
    try terms.write(toFile: goldenPath, atomically: true, encoding: .utf8)
    Issue.record("re-recorded \(goldenPath); run again without RELAIS_RECORD_GOLDEN")
    return
  }
  #expect(terms == (try String(contentsOfFile: goldenPath, encoding: .utf8)))
}

/// Two files with one glossary id: term records name the glossary by id,
/// so they could not be told apart.
@Test func twoGlossaryFilesWithOneIdFailLint() throws {
  let folder = try temporaryFolder("relais-gid")
  defer { try? FileManager.default.removeItem(at: folder) }
  try "id: t\nentries:\n  - id: a\n    type: ORG\n    fr: Alpha\n    en: Alpha\n".write(
    to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
  try "id: t\nentries:\n  - id: b\n    type: ORG\n    fr: Bêta\n    en: Beta\n".write(
    to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
  let result = try RelaisBinary.run(["glossary", "lint", folder.path])
  #expect(result.status == 2)
  #expect(result.standardError.contains("b.yaml: error[E041]: glossary id 't' is also the id of"))
}
