import Foundation
import Testing

/// `relais export --to dolma`: documents out with span attributes that
/// slice their text, and back in through `relais run --input jsonl` to the
/// same records.
@Suite(.serialized) struct ExportTests {
  private func objects(_ output: String) throws -> [NSMutableDictionary] {
    try output.split(separator: "\n").map {
      try #require(
        try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.mutableContainers])
          as? NSMutableDictionary)
    }
  }

  @Test func exportedDocumentsSliceTheirTextAndReadBackToTheSameRecords() throws {
    let folder = try temporaryFolder("relais-export")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = folder.appendingPathComponent("records.jsonl").path
    let glossaries = ["--glossaries", Repository.path("Glossaries")]
    let input = Repository.path("Tests/Fixtures/run/metadata.jsonl")
    let run = try RelaisBinary.run(
      ["run", "--input", "jsonl", input, "--with-text", "--quiet", "--out", records] + glossaries)
    #expect(run.status == 0)
    #expect(run.standardOutput.isEmpty)
    let exported = try RelaisBinary.run(["export", "--to", "dolma", records])
    #expect(exported.status == 0, "\(exported.standardError)")
    let documents = try objects(exported.standardOutput)
    #expect(documents.count == 3)
    var spans = 0
    for document in documents {
      let text = Array(try #require(document["text"] as? String).unicodeScalars)
      let attributes = try #require(document["attributes"] as? [String: [[Any]]])
      for span in attributes.values.joined() {
        let start = try #require(span[0] as? Int)
        let end = try #require(span[1] as? Int)
        #expect(0 <= start && start < end && end <= text.count)
        spans += 1
      }
      // Entities slice to the text their records gave.
      for entity in attributes["relais__entities"] ?? [] {
        let start = try #require(entity[0] as? Int)
        let end = try #require(entity[1] as? Int)
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: text[start..<end])
        #expect(
          try String(contentsOfFile: records, encoding: .utf8).contains(
            "\"text\":\"\(String(slice))\""))
      }
    }
    #expect(spans > 10)

    let exportFile = folder.appendingPathComponent("export.jsonl").path
    try exported.standardOutput.write(toFile: exportFile, atomically: true, encoding: .utf8)
    let again = try RelaisBinary.run(
      ["run", "--input", "jsonl", exportFile, "--with-text", "--quiet"] + glossaries)
    let before = try objects(try String(contentsOfFile: records, encoding: .utf8))
    let after = try objects(again.standardOutput)
    for record in before + after { record.removeObject(forKey: "source") }
    #expect(before == after)
  }

  @Test func exportRefusesRecordsWithoutTextAndCountsFailedDocuments() throws {
    let plain = try RelaisBinary.run(
      ["export", "-"],
      input: Data(
        try RelaisBinary.run(
          ["run", Repository.corpusArticle, "--quiet"]).standardOutput.utf8))
    #expect(plain.status == 2)
    #expect(plain.standardError.contains("<stdin>:1:1: error[E050]"))
    #expect(plain.standardError.contains("relais run --with-text"))
    let mixed = try RelaisBinary.run(["run", RunTests.mixed, "--with-text", "--quiet"])
    let result = try RelaisBinary.run(["export", "-"], input: Data(mixed.standardOutput.utf8))
    #expect(result.status == 1)
    #expect(try objects(result.standardOutput).count == 3)
    #expect(result.standardError.contains("2 documents failed"))
  }
}
