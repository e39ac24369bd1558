import Foundation
import Testing

@testable import RelaisKit

/// A stage that fails on its second sentence.
private struct FailingStage: SentenceStage {
  let stage: RunStage
  var seen = 0

  mutating func beginDocument() { seen = 0 }

  mutating func annotate(_ sentence: inout AnnotatedSentence) throws(RelaisError) {
    seen += 1
    if seen == 2 { throw RelaisError(.icuFailure, "the stage gave up", path: "t") }
  }
}

/// Records of one document rendered by `pipeline`, parsed.
private func records(_ input: DocumentInput, _ pipeline: inout Pipeline?) throws -> [[String: Any]]
{
  var writer = JSONLWriter(sink: nil)
  _ = RunJob.render(input, with: &pipeline, into: &writer)
  return try writer.bytes.split(separator: 0x0A).map {
    try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
  }
}

/// An error record names the stage that failed, whichever it is, after the
/// records the stages before it wrote.
@Test(arguments: [RunStage.normalize, .match, .extract])
func aFailingStageIsNamedInItsErrorRecord(_ stage: RunStage) throws {
  var pipeline = Optional(try Pipeline(until: .extract))
  pipeline?.append(FailingStage(stage: stage))
  let input = DocumentInput.inline(id: "t", text: "Un. Deux. Trois.", source: "t:1")
  let all = try records(input, &pipeline)
  #expect(all.compactMap { $0["type"] as? String } == ["document", "block", "sentence", "error"])
  #expect(all.last?["stage"] as? String == stage.rawValue)
}

/// A document that cannot be read or decoded fails at the read stage;
/// one whose tokenizer cannot start fails at the tokenize stage.
@Test func readAndTokenizeFailuresNameTheirStage() throws {
  var pipeline = Optional(try Pipeline())
  let invalid = DocumentInput.bytes(id: "bad", bytes: [0x41, 0xFF, 0x42], source: "bad.txt")
  #expect(try records(invalid, &pipeline).last?["stage"] as? String == "read")
  var none: Pipeline? = nil
  let good = DocumentInput.inline(id: "ok", text: "Bien.", source: "ok:1")
  #expect(try records(good, &none).last?["stage"] as? String == "tokenize")
}

/// One pipeline serves document after document: a second run over the same
/// text gives the same records (no state leaks from one to the next).
@Test func aPipelineIsReusedAcrossDocuments() throws {
  var pipeline = Optional(try Pipeline(until: .extract))
  let input = DocumentInput.inline(
    id: "d", text: "Le Président Emmanuel Macron parle. Macron répond.", source: "d:1")
  var first = JSONLWriter(sink: nil)
  var second = JSONLWriter(sink: nil)
  _ = RunJob.render(input, with: &pipeline, into: &first)
  _ = RunJob.render(input, with: &pipeline, into: &second)
  #expect(first.bytes == second.bytes)
  #expect(String(decoding: first.bytes, as: UTF8.self).contains("\"type\":\"entity\""))
}
