import Foundation
import RelaisKit
import Testing

/// `relais run` as a batch job runs it: the built binary over fixture
/// folders with good and bad documents.
@Suite(.serialized) struct RunTests {
  static let mixed = Repository.path("Tests/Fixtures/run/mixed")

  private func records(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func badDocumentsGiveErrorRecordsAndTheRestAreProcessed() throws {
    let result = try RelaisBinary.run(["run", Self.mixed])
    #expect(result.status == 1)
    let all = try records(result.standardOutput)
    let documents = all.filter { $0["type"] as? String == "document" }.compactMap {
      $0["id"] as? String
    }
    #expect(documents == ["a-good", "d-bom-crlf", "sub/e-nested"])
    let errors = all.filter { $0["type"] as? String == "error" }
    #expect(errors.compactMap { $0["code"] as? String } == ["E002", "E005"])
    #expect(errors.first?["line"] as? Int == 2)
    #expect(errors.first?["column"] as? Int == 6)
    // Records come in input order: each error where its document would be.
    let order = all.compactMap { record -> String? in
      let type = record["type"] as? String
      return type == "document" || type == "error" ? record["doc"] as? String : nil
    }
    #expect(order == ["a-good", "b-latin1", "c-empty", "d-bom-crlf", "sub/e-nested"])
    #expect(result.standardError.contains("b-latin1.txt:2:6: error[E002]: invalid UTF-8"))
    #expect(result.standardError.contains("c-empty.txt: error[E005]: empty document"))
    #expect(result.standardError.contains("relais: 5 documents, 2 failed"))
  }

  @Test func recordsCarryProvenanceAndOffsetsThatSliceTheText() throws {
    let result = try RelaisBinary.run(["run", Self.mixed + "/d-bom-crlf.txt", "--quiet"])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let all = try records(result.standardOutput)
    let document = try #require(all.first)
    #expect(document["type"] as? String == "document")
    let provenance = try #require(document["provenance"] as? [String: Any])
    #expect(provenance["icu"] as? String == LibraryVersions.icu)
    #expect(provenance["relais"] as? String == RelaisVersion.current)
    #expect((document["sha256"] as? String)?.count == 64)
    // BOM removed, CRLF kept: offsets slice the text Python would read.
    let text = Array(
      try String(contentsOfFile: Self.mixed + "/d-bom-crlf.txt", encoding: .utf8)
        .replacingOccurrences(of: "\u{FEFF}", with: "").unicodeScalars)
    #expect(document["chars"] as? Int == text.count)
    for record in all where record["type"] as? String == "sentence" {
      let start = try #require(record["start"] as? Int)
      let end = try #require(record["end"] as? Int)
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: text[start..<end])
      #expect(String(slice) == record["text"] as? String)
    }
  }

  /// Each stage's output holds what that stage and those before it found,
  /// nothing from a later one: with the glossaries given, terms appear at
  /// `match` and entities only at `extract`.
  @Test(arguments: [
    ("read", ["document", "document_end"], false),
    ("segment", ["document", "block", "document_end"], false),
    ("tokenize", ["document", "block", "sentence", "document_end"], false),
    ("normalize", ["document", "block", "sentence", "document_end"], true),
    ("match", ["document", "block", "sentence", "term", "document_end"], true),
    (
      "extract", ["document", "block", "sentence", "term", "entity", "acronym", "document_end"],
      true
    ),
  ])
  func untilStopsExactlyAtItsStage(_ stage: String, _ types: [String], _ norms: Bool) throws {
    let result = try RelaisBinary.run(
      [
        "run", Repository.corpusArticle, "--glossaries", Repository.path("Glossaries"), "--until",
        stage,
      ])
    #expect(result.status == 0)
    let all = try records(result.standardOutput)
    #expect(Set(all.compactMap { $0["type"] as? String }) == Set(types))
    let tokens = all.compactMap { $0["tokens"] as? [[String: Any]] }.flatMap { $0 }
    #expect(tokens.allSatisfy { ($0["norm"] != nil) == norms })
    // No glossary link leaks into an entity before the match stage ran,
    // nor a term count into the document's end.
    let end = try #require(all.last)
    #expect(end["records"] as? Int == all.count - 1)
  }

  @Test func untilRefusesVersionOneStageNamesThatChanged() throws {
    let result = try RelaisBinary.run(["run", Repository.corpusArticle, "--until", "map"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("--until match"))
  }

  /// `tokenize` and `run` name a document by the same rule.
  @Test(arguments: [[String](), ["--root", "Corpus"]])
  func tokenizeAndRunNameADocumentAlike(_ root: [String]) throws {
    let path = "Corpus/" + URL(fileURLWithPath: Repository.corpusArticle).lastPathComponent
    let run = try RelaisBinary.run(
      ["run", path, "--until", "read", "--quiet"] + root, directory: Repository.root)
    let tokenize = try RelaisBinary.run(
      ["tokenize", path, "--format", "jsonl"] + root, directory: Repository.root)
    let document = try #require(try records(run.standardOutput).first)
    let sentence = try #require(try records(tokenize.standardOutput).first)
    let id = try #require(document["id"] as? String)
    #expect(sentence["doc"] as? String == id)
    #expect(id.hasPrefix("Corpus/") == root.isEmpty)
  }

  /// An error record names the stage that failed: reading (a missing
  /// file, a duplicate id) and validating (invalid UTF-8, an empty
  /// document) are the read stage.
  @Test func errorRecordsNameTheirStage() throws {
    let result = try RelaisBinary.run(["run", Self.mixed, "/nonexistent/x.txt", "--quiet"])
    let errors = try records(result.standardOutput).filter { $0["type"] as? String == "error" }
    #expect(errors.compactMap { $0["code"] as? String } == ["E002", "E005", "E001"])
    #expect(errors.allSatisfy { $0["stage"] as? String == "read" })
  }

  @Test func jsonlInputIsAFilterWithErrorsNamingTheLine() throws {
    let input =
      "{\"id\": \"x\", \"text\": \"Un. Deux.\"}\n[1, 2]\n{\"id\": 7, \"text\": \"Trois.\"}\n"
    let result = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet"], input: Data(input.utf8))
    #expect(result.status == 1)
    let all = try records(result.standardOutput)
    #expect(all.filter { $0["type"] as? String == "sentence" }.count == 3)
    let error = try #require(all.first { $0["type"] as? String == "error" })
    #expect(error["code"] as? String == "E021")
    #expect(error["line"] as? Int == 2)
    #expect(error["byte"] as? Int == 33)
    #expect(
      all.compactMap { $0["type"] as? String == "document" ? $0["id"] as? String : nil } == [
        "x", "7",
      ])
  }

  @Test func outputFileIsWrittenAtomically() throws {
    let folder = try temporaryFolder("relais-out")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("corpus.jsonl").path
    let result = try RelaisBinary.run(["run", Repository.corpusArticle, "--out", out, "--quiet"])
    #expect(result.status == 0)
    #expect(result.standardOutput.isEmpty)
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written.hasPrefix("{\"type\":\"document\""))
    #expect(written.hasSuffix("}\n"))
    // Nothing else is left beside it: the temporary file was renamed.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.jsonl"])
  }

  @Test func anInterruptedRunLeavesNoOutputFile() throws {
    let folder = try temporaryFolder("relais-int")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("corpus.jsonl").path
    let (process, input) = try startRunMidway(writingTo: out)
    defer { try? input.fileHandleForWriting.close() }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func missingPathsAndUnwritableOutputsAreErrorsNotCrashes() throws {
    let missing = try RelaisBinary.run(["run", "/nonexistent/folder", "--quiet"])
    #expect(missing.status == 1)
    #expect(missing.standardError.contains("/nonexistent/folder: error[E001]"))
    let unwritable = try RelaisBinary.run([
      "run", Repository.corpusArticle, "--out", "/nonexistent/dir/x.jsonl",
    ])
    #expect(unwritable.status == 2)
    #expect(unwritable.standardError.contains("error[E010]"))
  }

  @Test func outputIsByteIdenticalWhateverTheNumberOfWorkers() throws {
    let folder = try temporaryFolder("relais-det")
    defer { try? FileManager.default.removeItem(at: folder) }
    let article = try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8)
    for index in 0..<40 {
      // Documents of different lengths, so workers finish out of order.
      let text = String(article.prefix(100 + index * 97))
      try text.write(
        to: folder.appendingPathComponent(String(format: "doc-%02d.txt", index)), atomically: true,
        encoding: .utf8)
    }
    let one = try RelaisBinary.run(["run", folder.path, "--jobs", "1", "--quiet"])
    let two = try RelaisBinary.run(["run", folder.path, "--jobs", "2", "--quiet"])
    let four = try RelaisBinary.run(["run", folder.path, "--jobs", "4", "--quiet"])
    #expect(one.status == 0)
    #expect(one.standardOutput.split(separator: "\n").count > 400)
    #expect(one.standardOutput == two.standardOutput)
    #expect(one.standardOutput == four.standardOutput)
  }

  /// Real output, checked against the JSON Schema by Python's jsonschema
  /// (a well-kept validator), with every span sliced against its text.
  @Test func outputValidatesAgainstTheSchema() throws {
    let folder = try temporaryFolder("relais-schema")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = folder.appendingPathComponent("records.jsonl").path
    var output = ""
    for arguments in [
      ["run", Repository.path("Corpus"), "--glossaries", Repository.path("Glossaries")],
      ["run", Self.mixed],
      ["run", "--input", "jsonl", Repository.path("Tests/Fixtures/run/lines.jsonl")],
      // Self-contained: offsets checked against the records' own texts.
      [
        "run", "--input", "jsonl", Repository.path("Tests/Fixtures/run/metadata.jsonl"),
        "--with-text",
      ],
      // The English side of documents given with their translation.
      [
        "run", "--input", "jsonl", Repository.path("Tests/Fixtures/run/translated.jsonl"),
        "--with-text", "--glossaries", Repository.path("Glossaries"),
      ],
    ] {
      output += try RelaisBinary.run(arguments + ["--quiet"]).standardOutput
    }
    // `relais align` writes records of the same schema.
    let pair = #"{"id": "p", "text": "Il pleut. Il vente.", "translation": "It rains."}"#
    output += try RelaisBinary.run(["align", "--input", "jsonl", "-"], input: Data(pair.utf8))
      .standardOutput
    // And its term checks, on the article and its translation.
    let checks = try RelaisBinary.run([
      "align", Repository.path("Corpus"), Repository.path("Translations"), "--glossaries",
      Repository.path("Glossaries"),
    ]).standardOutput
    #expect(checks.contains(#""type":"term_check""#))
    output += checks
    try output.write(toFile: records, atomically: true, encoding: .utf8)
    let article = Repository.corpusArticle
    let validation = try PythonScript.run(
      "scripts/validate-records.py",
      [
        Repository.path("Schemas/records.schema.json"), records, "--texts",
        "chine-kazakhstan-voisins-amicaux-et-partenaires-fiables=\(article)",
        "chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.en=\(Repository.path("Translations/chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.en.txt"))",
        "a-good=\(Self.mixed)/a-good.txt", "d-bom-crlf=\(Self.mixed)/d-bom-crlf.txt",
        "sub/e-nested=\(Self.mixed)/sub/e-nested.txt",
      ])
    #expect(validation.status == 0, "\(validation.standardOutput)\(validation.standardError)")
    #expect(validation.standardOutput.contains(" 0 invalid"))
  }

  /// `--with-text` and `metadata`: the document record carries the text
  /// and the input's metadata as given, and the typed record reads both.
  @Test func documentRecordsCarryTextAndMetadata() throws {
    let path = Repository.path("Tests/Fixtures/run/metadata.jsonl")
    let result = try RelaisBinary.run(["run", "--input", "jsonl", path, "--with-text", "--quiet"])
    #expect(result.status == 0)
    let inputs = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary)
    }
    let documents = result.standardOutput.split(separator: "\n").filter {
      $0.hasPrefix("{\"type\":\"document\"")
    }
    #expect(documents.count == inputs.count)
    for (line, input) in zip(documents, inputs) {
      let record = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)
      #expect(record["text"] as? String == input["text"] as? String)
      #expect(record["metadata"] as? NSDictionary == input["metadata"] as? NSDictionary)
      let typed = try RecordCoding.decoder().decode(Record.self, from: Data(line.utf8))
      guard case .document(let document) = typed else {
        Issue.record("not a document record: \(line.prefix(80))")
        continue
      }
      #expect(document.text == input["text"] as? String)
      #expect((document.metadata == nil) == (input["metadata"] == nil))
      let again = try JSONSerialization.jsonObject(with: RecordCoding.encoder().encode(typed))
      #expect(again as? NSDictionary == record)
    }
    let plain = try RelaisBinary.run(["run", "--input", "jsonl", path, "--quiet"])
    let plainDocuments = try plain.standardOutput.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary
    }.filter { $0["type"] as? String == "document" }
    #expect(plainDocuments.count == inputs.count)
    #expect(plainDocuments.allSatisfy { $0["text"] == nil })
    let bad = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet"],
      input: Data("{\"id\": \"x\", \"text\": \"Oui.\", \"metadata\": [1]}\n".utf8))
    #expect(bad.status == 1)
    #expect(bad.standardError.contains("\"metadata\" must be a JSON object"))
  }
}

enum PythonScript {
  static func run(_ script: String, _ arguments: [String]) throws -> CommandResult {
    try runProgram("/usr/bin/env", ["python3", Repository.path(script)] + arguments)
  }
}

extension RunTests {
  /// `--cache`: the same bytes as a plain run, whatever the cores; a
  /// changed document is the only one reprocessed; a changed glossary
  /// reprocesses everything.
  @Test func theCacheGivesThePlainRunsBytesAndInvalidatesWhatChanged() throws {
    let folder = try temporaryFolder("relais-cache")
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = folder.appendingPathComponent("corpus")
    let glossaries = folder.appendingPathComponent("glossaries")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Repository.path("Glossaries"), toPath: glossaries.path)
    for (name, text) in [
      ("a", "L’OCS se réunit à Astana."), ("b", "Le CNPC investit."), ("c", "Fin."),
    ] {
      try text.write(
        to: corpus.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }
    let cache = folder.appendingPathComponent("cache").path
    func run(_ extra: [String]) throws -> CommandResult {
      try RelaisBinary.run(["run", corpus.path, "--glossaries", glossaries.path] + extra)
    }
    let plain = try run(["--quiet"]).standardOutput
    let first = try run(["--cache", cache, "--jobs", "1"])
    #expect(first.standardOutput == plain)
    #expect(first.standardError.contains("3 documents (3 processed, 0 from the cache)"))
    let second = try run(["--cache", cache, "--jobs", "2"])
    #expect(second.standardOutput == plain)
    #expect(second.standardError.contains("(0 processed, 3 from the cache)"))

    try "Le chien dort.".write(
      to: corpus.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    let changed = try run(["--cache", cache])
    #expect(changed.standardOutput == (try run(["--quiet"])).standardOutput)
    #expect(changed.standardError.contains("(1 processed, 2 from the cache)"))

    let glossary = try #require(
      try FileManager.default.contentsOfDirectory(atPath: glossaries.path).first {
        $0.hasSuffix(".yaml")
      })
    let handle = try FileHandle(forWritingTo: glossaries.appendingPathComponent(glossary))
    handle.seekToEndOfFile()
    handle.write(Data("\n# edited\n".utf8))
    try handle.close()
    let regrouped = try run(["--cache", cache])
    #expect(regrouped.standardError.contains("(3 processed, 0 from the cache)"))
    #expect(regrouped.standardOutput == (try run(["--quiet"])).standardOutput)
  }

  /// An error of a JSONL document names its id beside its line: a line
  /// number alone is ambiguous across a batch engine's partitions.
  @Test func jsonlErrorsNameTheDocumentID() throws {
    let input = "{\"id\": \"ok\", \"text\": \"Bien.\"}\n{\"id\": \"b\", \"text\": \"\"}\n"
    let result = try RelaisBinary.run(
      ["run", "--input", "jsonl", "-", "--quiet"], input: Data(input.utf8))
    #expect(result.status == 1)
    #expect(result.standardError.contains("<stdin>:2: error[E005]: document \"b\": empty document"))
  }
}

extension RunTests {
  /// `--coverage-json` and `--coverage-table`: the report `relais
  /// coverage` makes of the records written, byte for byte, on one core
  /// or two, with error records and term checks among them.
  @Test(arguments: [1, 2])
  func theRunsCoverageReportIsTheOneReadBack(_ jobs: Int) throws {
    let folder = try temporaryFolder("relais-run-coverage")
    defer { try? FileManager.default.removeItem(at: folder) }
    let glossaries = Repository.path("Glossaries")
    for (input, extra) in [
      ([Repository.path("Corpus"), Repository.path("Tests/Fixtures/run/mixed")], [String]()),
      ([Repository.path("Tests/Fixtures/run/translated.jsonl")], ["--input", "jsonl"]),
    ] {
      let json = folder.appendingPathComponent("run.json").path
      let table = folder.appendingPathComponent("run.txt").path
      let records = folder.appendingPathComponent("records.jsonl").path
      let run = try RelaisBinary.run(
        ["run"] + input + extra + [
          "--glossaries", glossaries, "--jobs", String(jobs), "--quiet", "--out", records,
          "--coverage-json", json, "--coverage-table", table,
        ])
      #expect(run.status <= 1, "\(run.standardError)")
      let readBackJSON = folder.appendingPathComponent("read.json").path
      let readBack = try RelaisBinary.run([
        "coverage", records, "--glossaries", glossaries, "--json", readBackJSON,
      ])
      #expect(readBack.status == 0, "\(readBack.standardError)")
      #expect(try String(contentsOfFile: table, encoding: .utf8) == readBack.standardOutput)
      #expect(
        FileManager.default.contents(atPath: json)
          == FileManager.default.contents(atPath: readBackJSON))
      #expect(readBack.standardOutput.contains("Documents: "))
    }
  }

  /// The cache's packs: an entry whose bytes a crash cut short is refused
  /// and its document processed again; an index file that is not one is
  /// passed over; entries of several runs' packs are all found.
  /// The executable's digest is remembered in the cache folder under the
  /// executable's identity: a memo naming this executable is believed (a
  /// false digest there makes the entry miss), one naming another
  /// executable is hashed again and replaced.
  @Test func theExecutableDigestIsRememberedUnderItsIdentity() throws {
    let folder = try temporaryFolder("relais-cache-digest")
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = folder.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    try "Le chat dort.".write(
      to: corpus.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    let cache = folder.appendingPathComponent("cache")
    let memo = cache.appendingPathComponent("executable.digest")
    func run() throws -> String {
      try RelaisBinary.run(["run", corpus.path, "--cache", cache.path]).standardError
    }
    #expect(try run().contains("(1 processed, 0 from the cache)"))
    let fields = try String(contentsOf: memo, encoding: .utf8).split(separator: " ")
    try #require(fields.count == 2)
    #expect(fields[1].count == 64 && fields[1].allSatisfy(\.isHexDigit))
    let falseDigest = String(repeating: "0", count: 64)
    try "\(fields[0]) \(falseDigest)".write(to: memo, atomically: true, encoding: .utf8)
    #expect(try run().contains("(1 processed, 0 from the cache)"))
    try "another:executable \(falseDigest)".write(to: memo, atomically: true, encoding: .utf8)
    #expect(try run().contains("(0 processed, 1 from the cache)"))
    #expect(try String(contentsOf: memo, encoding: .utf8) == fields.joined(separator: " "))
  }

  @Test func aCacheEntryCutShortIsProcessedAgain() throws {
    let folder = try temporaryFolder("relais-cache-packs")
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = folder.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    for (name, text) in [("a", "Le chat dort."), ("b", "Pékin invite Astana."), ("c", "Fin.")] {
      try text.write(
        to: corpus.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }
    let cache = folder.appendingPathComponent("cache")
    func run() throws -> CommandResult {
      try RelaisBinary.run(["run", corpus.path, "--cache", cache.path, "--jobs", "1"])
    }
    let plain = try RelaisBinary.run(["run", corpus.path, "--quiet"]).standardOutput
    #expect(try run().standardError.contains("(3 processed, 0 from the cache)"))
    try "Il pleut.".write(
      to: corpus.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
    let second = try run()
    #expect(second.standardError.contains("(1 processed, 3 from the cache)"))
    let packs = try FileManager.default.contentsOfDirectory(atPath: cache.path)
      .filter { $0.hasSuffix(".records") }.sorted()
    #expect(packs.count == 2, "one pack per run that stored something")
    try "not an index\n".write(
      to: cache.appendingPathComponent("pack-zzzzzz.index"), atomically: true, encoding: .utf8)
    // Cut the pack holding a, b and c in the middle of its last entry.
    let first = try #require(
      try packs.first {
        let data = try Data(contentsOf: cache.appendingPathComponent($0))
        return String(decoding: data, as: UTF8.self).contains("Fin.")
      })
    let handle = try FileHandle(forWritingTo: cache.appendingPathComponent(first))
    let size = try handle.seekToEnd()
    try handle.truncate(atOffset: size - 10)
    try handle.close()
    let third = try run()
    #expect(third.standardError.contains("(1 processed, 3 from the cache)"))
    let all = try RelaisBinary.run(["run", corpus.path, "--quiet"]).standardOutput
    #expect(third.standardOutput == all)
    #expect(all.hasPrefix(plain.prefix(100)))
    #expect(try run().standardError.contains("(0 processed, 4 from the cache)"))

    // An index that names more bytes than its pack holds (a damaged or
    // hostile folder): the entry is refused before any memory is taken
    // for it, and its document processed again.
    let index = try #require(
      try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
        $0.hasSuffix(".index") && $0 != "pack-zzzzzz.index"
      }.sorted().dropFirst().first)
    let indexPath = cache.appendingPathComponent(index).path
    let lines = try String(contentsOfFile: indexPath, encoding: .utf8).split(separator: "\n")
    let fields = try #require(lines.dropFirst().first).split(separator: " ")
    try ([String(lines[0]), "\(fields[0]) 0 999999999999"].joined(separator: "\n") + "\n").write(
      toFile: indexPath, atomically: true, encoding: .utf8)
    let damaged = try run()
    #expect(damaged.standardError.contains("(1 processed, 3 from the cache)"))
    #expect(damaged.standardOutput == all)
  }
}
