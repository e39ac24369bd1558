import Foundation
import RelaisKit
import Testing

/// `relais coverage` over real `relais run` output: the report, and the
/// gate that fails a batch whose coverage is below the minimum.
@Suite(.serialized) struct CoverageTests {
  /// A corpus with one known acronym (OCS, twice) and one unknown (FMI).
  private func corpus() throws -> (folder: URL, records: String) {
    let folder = try temporaryFolder("relais-cov")
    try "Le FMI salue l’OCS. L'OCS répond au FMI et au FMI encore.".write(
      to: folder.appendingPathComponent("doc.txt"), atomically: true, encoding: .utf8)
    let glossaries = folder.appendingPathComponent("glossaries")
    try FileManager.default.createDirectory(at: glossaries, withIntermediateDirectories: true)
    try matcherGlossaryYAML.write(
      to: glossaries.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
    let records = folder.appendingPathComponent("corpus.jsonl").path
    let run = try RelaisBinary.run([
      "run", folder.appendingPathComponent("doc.txt").path, "--glossaries", glossaries.path,
      "--out", records, "--quiet",
    ])
    #expect(run.status == 0)
    return (folder, records)
  }

  @Test func reportCountsEntriesAndUnknownAcronymsWithContext() throws {
    let (folder, records) = try corpus()
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = folder.appendingPathComponent("coverage.json").path
    let result = try RelaisBinary.run([
      "coverage", records, "--glossaries", folder.appendingPathComponent("glossaries").path,
      "--json", json,
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("Coverage: 0.400 of acronym mentions (2 of 5)"))
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
        as? [String: Any])
    #expect(report["acronym_mentions"] as? Int == 5)
    #expect(report["covered_acronym_mentions"] as? Int == 2)
    let unknown = try #require((report["unknown_acronyms"] as? [[String: Any]])?.first)
    #expect(unknown["text"] as? String == "FMI")
    #expect(unknown["count"] as? Int == 3)
    #expect(unknown["context"] as? String == "Le FMI salue l’OCS.")
    let found = try #require(report["found"] as? [[String: Any]])
    #expect(found.first?["entry"] as? String == "sco")
    #expect(found.first?["count"] as? Int == 2)
    #expect((report["never_found"] as? [String])?.contains("cmg") == true)
  }

  @Test func gateFailsBelowTheMinimumSayingWhatFellShort() throws {
    let (folder, records) = try corpus()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fail = try RelaisBinary.run(["coverage", records, "--min", "0.9"])
    #expect(fail.status == 1)
    #expect(
      fail.standardError.contains(
        "coverage 0.400 is below the minimum 0.900: 3 of 5 acronym mentions have no glossary entry (FMI ×3)"
      ))
    let pass = try RelaisBinary.run(["coverage", records, "--min", "0.4"])
    #expect(pass.status == 0)
  }

  @Test func entityMentionsWithoutAnEntryAreListedWithContext() throws {
    let records = try RelaisBinary.run(
      ["run", "-", "--quiet"], input: Data("Il vit à Lyon depuis 2008. Il aime Lyon.".utf8))
    let result = try RelaisBinary.run(["coverage", "-"], input: Data(records.standardOutput.utf8))
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("      2  Lyon  — stdin: Il vit à Lyon depuis 2008."))
    #expect(!result.standardOutput.contains("2008  —"))
  }

  @Test func shippedCorpusPassesTheMakeDefault() throws {
    let records = try RelaisBinary.run([
      "run", Repository.path("Corpus"), "--glossaries", Repository.path("Glossaries"), "--quiet",
    ])
    let folder = try temporaryFolder("relais-cov")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("corpus.jsonl").path
    try records.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try RelaisBinary.run([
      "coverage", path, "--glossaries", Repository.path("Glossaries"), "--min", "0.95",
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Acronyms without an entry: none"))
  }

  /// Input the gate must refuse rather than pass: nothing to judge, or
  /// something that is not Relais records of this schema version.
  @Test(arguments: [
    ("", Int32(1), "E051"),
    (
      "{\"type\":\"error\",\"doc\":\"a\",\"stage\":\"read\",\"code\":\"E002\",\"message\":\"x\"}\n",
      1, "E051"
    ),
    ("{\"id\": \"a\", \"text\": \"Le FMI parle.\"}\n", 2, "E050"),
    ("{\"type\":\"document\",\"doc\":\"a\",\"id\":\"a\",\"schema\":\"0\"}\n", 2, "E050"),
    ("not json\n", 2, "E050"),
    // The records of a version-1 corpus: rerun relais run.
    ("{\"type\":\"document\",\"doc\":\"a\",\"id\":\"a\",\"schema\":\"1\"}\n", 2, "E050"),
  ])
  func gateRefusesWhatItCannotJudge(_ records: String, _ status: Int32, _ code: String) throws {
    let result = try RelaisBinary.run(["coverage", "-", "--min", "0.5"], input: Data(records.utf8))
    #expect(result.status == status)
    #expect(result.standardError.contains("error[\(code)]"), "\(result.standardError)")
  }

  /// Glossaries other than those the corpus was made with: a warning, or
  /// a failure with --strict; entry coverage counts only the entries given.
  @Test func glossariesOtherThanTheCorpussAreNamed() throws {
    let (folder, records) = try corpus()
    defer { try? FileManager.default.removeItem(at: folder) }
    let shipped = Repository.path("Glossaries")
    let warned = try RelaisBinary.run(["coverage", records, "--glossaries", shipped])
    #expect(warned.status == 0)
    #expect(warned.standardError.contains("warning[E052]: the glossaries given are not those"))
    #expect(warned.standardError.contains("in the provenance but not given: test ("))
    let found = try #require(
      warned.standardOutput.firstMatch(of: /entries found \((\d+) of (\d+)\)/))
    #expect(try #require(Int(found.1)) <= (try #require(Int(found.2))))
    let strict = try RelaisBinary.run(["coverage", records, "--glossaries", shipped, "--strict"])
    #expect(strict.status == 1)
    #expect(strict.standardError.contains("error[E052]"))
    let same = try RelaisBinary.run([
      "coverage", records, "--glossaries", folder.appendingPathComponent("glossaries").path,
      "--strict",
    ])
    #expect(same.status == 0)
    #expect(same.standardError.isEmpty)
  }

  /// A corpus cut at any line boundary inside a document, or with a record
  /// missing from one, is refused: each document ends with its counts.
  @Test func aCorpusCutShortAtALineBoundaryIsRefused() throws {
    let (folder, records) = try corpus()
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
    #expect(lines.last?.hasPrefix("{\"type\":\"document_end\"") == true)
    let whole = try RelaisBinary.run(["coverage", records])
    #expect(whole.status == 0)
    for cut in 1..<lines.count {
      let kept = lines[..<cut].joined(separator: "\n") + "\n"
      let result = try RelaisBinary.run(["coverage", "-"], input: Data(kept.utf8))
      #expect(result.status == 2, "cut after line \(cut)")
      #expect(result.standardError.contains("error[E053]"), "cut after line \(cut)")
    }
    var missing = lines
    missing.remove(at: 2)
    let result = try RelaisBinary.run(
      ["coverage", "-"], input: Data((missing.joined(separator: "\n") + "\n").utf8))
    #expect(result.status == 2)
    #expect(result.standardError.contains("records are missing"))
  }
}

extension CoverageTests {
  /// `--suggest`: stubs for what has no entry, the long form a definition
  /// gave as the French term; lint refuses them until each `en` is
  /// written; once written, the same corpus passes the gate.
  @Test func suggestedStubsLintAsPlaceholdersAndCloseTheGapOnceFilledIn() throws {
    let folder = try temporaryFolder("relais-suggest")
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = folder.appendingPathComponent("doc.txt")
    try
      "Le Centre national de la recherche scientifique (CNRS) étudie. Le CNRS et le FMI parlent à Lyon."
      .write(to: document, atomically: true, encoding: .utf8)
    let glossaries = folder.appendingPathComponent("glossaries")
    try FileManager.default.createDirectory(at: glossaries, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Repository.path("Glossaries/china-kazakhstan.yaml"),
      toPath: glossaries.appendingPathComponent("china-kazakhstan.yaml").path)
    let records = folder.appendingPathComponent("records.jsonl").path
    func run() throws {
      let result = try RelaisBinary.run(
        ["run", document.path, "--glossaries", glossaries.path, "--out", records, "--quiet"])
      #expect(result.status == 0)
    }
    try run()
    let stubs = folder.appendingPathComponent("stubs")
    try FileManager.default.createDirectory(at: stubs, withIntermediateDirectories: true)
    let stubFile = stubs.appendingPathComponent("suggested.yaml").path
    let gate = try RelaisBinary.run(
      ["coverage", records, "--glossaries", glossaries.path, "--min", "0.9", "--suggest", stubFile])
    #expect(gate.status == 1)
    #expect(gate.standardError.contains("--suggest suggested.yaml"))
    #expect(gate.standardError.contains("wrote 3 entry stubs"))
    let yaml = try String(contentsOfFile: stubFile, encoding: .utf8)
    let (parsed, _) = GlossaryLoader.parse(yaml: yaml, path: stubFile, sha256: "")
    let entries = Dictionary(
      uniqueKeysWithValues: try #require(parsed).entries.map { ($0.id, $0) })
    let cnrs = try #require(entries["centre-national-de-la-recherche-scientifique"])
    #expect(cnrs.languages["fr"]?.preferred == "Centre national de la recherche scientifique")
    #expect(cnrs.languages["fr"]?.acronyms == ["CNRS"])
    #expect(cnrs.languages["en"]?.preferred == "TODO")
    #expect(entries["fmi"]?.type == "ORG")
    #expect(entries["lyon"]?.type == "LOC")

    let lint = try RelaisBinary.run(["glossary", "lint", stubs.path])
    #expect(lint.status == 2)
    let problems = lint.standardError.split(separator: "\n").filter { $0.contains("error[") }
    #expect(problems.count == 3)
    #expect(problems.allSatisfy { $0.contains("error[E042]") })

    let filled = yaml.replacingOccurrences(of: "en: TODO", with: "en: Placeholder written")
      .replacingOccurrences(of: "id: suggested", with: "id: suggested-filled")
    var count = 0
    let unique = filled.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      guard line.hasSuffix("en: Placeholder written") else { return String(line) }
      count += 1
      return "  en: Written \(count)"
    }.joined(separator: "\n")
    try unique.write(
      to: glossaries.appendingPathComponent("suggested.yaml"), atomically: true, encoding: .utf8)
    #expect(try RelaisBinary.run(["glossary", "lint", glossaries.path]).status == 0)
    try run()
    let passed = try RelaisBinary.run(
      ["coverage", records, "--glossaries", glossaries.path, "--min", "1"])
    #expect(passed.status == 0, "\(passed.standardError)")
    #expect(passed.standardOutput.contains("Coverage: 1.000 of acronym mentions"))
  }
}
