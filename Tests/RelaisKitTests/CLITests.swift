import Foundation
import RelaisKit
import Testing

/// Runs the built binary, as a user would.
@Suite(.serialized) struct CLITests {
  @Test func tokenizeWritesCoNLLUWithSentenceIdsAndSpaceAfter() throws {
    let result = try RelaisBinary.run(
      ["tokenize", "-", "--format", "conllu"], input: Data("Oui, l’État.".utf8))
    #expect(result.status == 0)
    #expect(
      result.standardOutput == """
        # newdoc id = stdin
        # newpar
        # sent_id = stdin#s1
        # text = Oui, l’État.
        1\tOui\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
        2\t,\t_\t_\t_\t_\t_\t_\t_\t_
        3\tl’\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
        4\tÉtat\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
        5\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No


        """)
  }

  @Test func tokenizeWritesJSONLSentenceRecordsWhoseOffsetsSliceTheText() throws {
    let path = Repository.corpusArticle
    // Named from the corpus folder, as `relais run Corpus` names it.
    let result = try RelaisBinary.run(
      ["tokenize", path, "--format", "jsonl", "--root", Repository.path("Corpus")])
    #expect(result.status == 0)
    let text = Array(try String(contentsOfFile: path, encoding: .utf8).unicodeScalars)
    func slice(_ start: Int, _ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: text[start..<end])
      return String(view)
    }
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count > 30)
    for line in lines {
      let record = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(record["type"] as? String == "sentence")
      #expect(record["doc"] as? String == "chine-kazakhstan-voisins-amicaux-et-partenaires-fiables")
      let start = try #require(record["start"] as? Int)
      let end = try #require(record["end"] as? Int)
      #expect(slice(start, end) == record["text"] as? String)
      let tokens = try #require(record["tokens"] as? [[String: Any]])
      for token in tokens {
        let tokenStart = try #require(token["start"] as? Int)
        let tokenEnd = try #require(token["end"] as? Int)
        #expect(slice(tokenStart, tokenEnd) == token["text"] as? String)
        #expect(token["norm"] is String)
        #expect(TokenKind(rawValue: token["kind"] as? String ?? "") != nil)
        #expect(token["space_after"] is Bool)
      }
    }
  }

  @Test func tokenizeTextFormatPrintsOneSentenceALine() throws {
    let result = try RelaisBinary.run(
      ["tokenize", "--format", "text"], input: Data("Il part. Elle reste.".utf8))
    #expect(result.status == 0)
    #expect(result.standardOutput == "Il part .\nElle reste .\n")
  }

  @Test(arguments: try fixtureNames("pass"))
  func passFixturesTokenize(_ name: String) throws {
    let result = try RelaisBinary.run([
      "tokenize", Repository.path("Tests/Fixtures/tokenize/pass/\(name)"), "--format", "jsonl",
    ])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
  }

  @Test(arguments: try fixtureNames("fail"))
  func failFixturesNameFileAndPosition(_ name: String) throws {
    let path = Repository.path("Tests/Fixtures/tokenize/fail/\(name)")
    let expectation = try String(
      contentsOfFile: (path as NSString).deletingPathExtension + ".expect", encoding: .utf8
    )
    .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    let result = try RelaisBinary.run(["tokenize", path])
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    // "CODE LINE:COLUMN", or "CODE" alone for a failure with no position.
    let place = expectation.count > 1 ? ":\(expectation[1])" : ""
    #expect(result.standardError.hasPrefix("\(path)\(place): error[\(expectation[0])]:"))
  }

  @Test func missingFileIsAnErrorNotACrash() throws {
    let result = try RelaisBinary.run(["tokenize", "/nonexistent/relais.txt"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("/nonexistent/relais.txt: error[E001]: no such file"))
  }

  @Test func badUsageExitsWithTwo() throws {
    let result = try RelaisBinary.run(["tokenize", "--format", "xml"])
    #expect(result.status == 2)
  }

  /// Two outputs of one run named alike: refused before anything is
  /// read or written, rather than one clobbering the other.
  @Test(arguments: [
    ["--out", "same.jsonl", "--coverage-json", "same.jsonl"],
    ["--coverage-json", "same.json", "--coverage-table", "same.json"],
    ["--out", "same.txt", "--coverage-table", "same.txt"],
  ])
  func runOutputsNamedAlikeAreRefused(_ outputs: [String]) throws {
    let folder = try temporaryFolder("relais-same-output")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try RelaisBinary.run(
      ["run", Repository.path("Corpus")] + outputs, directory: folder)
    #expect(result.status == 2)
    #expect(result.standardError.contains("name the same file"), "\(result.standardError)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func evalUDPrintsTokensAndSentencesScores() throws {
    let result = try RelaisBinary.run([
      "eval", "ud", Repository.path("Tests/Data/ud-french-gsd/fr_gsd-ud-test.conllu"),
    ])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first?.hasPrefix("Metric") == true)
    #expect(lines.contains { $0.hasPrefix("Tokens") })
    #expect(lines.contains { $0.hasPrefix("Sentences") })
  }
}

func fixtureNames(_ folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(
    atPath: Repository.path("Tests/Fixtures/tokenize/\(folder)")
  )
  .filter { $0.hasSuffix(".txt") }.sorted()
}
