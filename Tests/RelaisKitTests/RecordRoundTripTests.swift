import Foundation
import Testing

@testable import RelaisKit

/// The typed records (`Record`) against what `RecordWriter` writes: every
/// line of real output decodes, encodes back to the same JSON object, and
/// every record type of the schema occurs, so a field one side has and the
/// other lacks fails here.
@Suite struct RecordRoundTripTests {
  static let glossaries = Repository.path("Glossaries")

  @Test(arguments: [
    ["Corpus", "Tests/Data/entities", "Tests/Fixtures/run/mixed"],
    ["Corpus", "--until", "tokenize"],
  ])
  func outputDecodesAndEncodesBackToTheSameObjects(_ arguments: [String]) throws {
    let paths = arguments.prefix { !$0.hasPrefix("--") }.map { Repository.path($0) }
    let options = Array(arguments.drop { !$0.hasPrefix("--") })
    let result = try RelaisBinary.run(
      ["run"] + paths + ["--glossaries", Self.glossaries, "--quiet"] + options)
    let decoder = RecordCoding.decoder()
    let encoder = RecordCoding.encoder()
    var types = Set<String>()
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count > 60)
    for line in lines {
      let data = Data(line.utf8)
      let record = try decoder.decode(Record.self, from: data)
      let written = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
      let again = try #require(
        try JSONSerialization.jsonObject(with: encoder.encode(record)) as? NSDictionary)
      #expect(written == again, "\(line.prefix(160))")
      types.insert(try #require(written["type"] as? String))
      // Decoding again gives the same value.
      #expect(try decoder.decode(Record.self, from: encoder.encode(record)) == record)
    }
    if options.isEmpty {
      #expect(types == Set(Record.runTypes))
    } else {
      #expect(types == ["document", "block", "sentence", "document_end"])
    }
  }

  /// A record the types cannot read is refused by coverage with the field
  /// that is wrong.
  @Test func coverageNamesTheFieldThatIsWrong() throws {
    let folder = try temporaryFolder("relais-records")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try RelaisBinary.run(["run", Repository.corpusArticle, "--quiet"])
    var lines = run.standardOutput.split(separator: "\n").map(String.init)
    let index = try #require(lines.firstIndex { $0.hasPrefix("{\"type\":\"block\"") })
    lines[index] = lines[index].replacingOccurrences(of: "\"start\":", with: "\"begin\":")
    let path = folder.appendingPathComponent("cut.jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try RelaisBinary.run(["coverage", path])
    #expect(result.status == 2)
    #expect(result.standardError.contains(":\(index + 1):1: error[E050]"))
    #expect(result.standardError.contains("no \"start\""))
  }
}
