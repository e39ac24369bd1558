import Foundation
import Testing

@testable import RelaisKit

/// The value as JSONSerialization takes it.
private func foundationValue(_ value: ReportJSON) -> Any {
  switch value {
  case .object(let members): members.mapValues(foundationValue)
  case .array(let elements): elements.map(foundationValue)
  case .string(let text): text
  case .integer(let number): number
  case .number(let number): number
  case .bool(let flag): flag
  }
}

private func serialized(_ value: ReportJSON) throws -> [UInt8] {
  Array(
    try JSONSerialization.data(
      withJSONObject: foundationValue(value), options: [.sortedKeys, .prettyPrinted]))
}

private let controlCharacters = String(
  String.UnicodeScalarView((0..<0x20).compactMap { Unicode.Scalar(UInt32($0)) }))

/// Values and what each shows of the layout. Made anew for each test case:
/// held in a global, the values' boxes (`ReportJSON` is indirect) read as
/// leaks to LeakSanitizer at the end of `make test-asan`.
private var reportJSONCases: [(ReportJSON, String)] {
  [
    (.object([:]), "an empty object"),
    (.object(["a": .array([])]), "an empty array inside"),
    (
      .object(["z": .integer(1), "a": .integer(-2), "m_n": .bool(true), "m": .bool(false)]),
      "keys sorted"
    ),
    (.object(["t": .string(controlCharacters)]), "every control character"),
    (
      .object(["t": .string(#"a/b "q" \ é 😀 ‘x’ \#u{7F}\#u{2028}"#)]),
      "the slash, quote and backslash; the rest as it is"
    ),
    (
      .object([
        "n": .array(
          [1.0, 0.5, 1e-7, 0.1 + 0.2, 1e21, 1e16, 0.04113924050632911, 2.0 / 3.0, -0.0, 100, 0.987]
            .map(ReportJSON.number))
      ]), "numbers"
    ),
    (
      .object([
        "list": .array([
          .object(["text": .string("OCS"), "count": .integer(3)]), .object([:]), .array([]),
        ]),
        "nested": .object(["deeper": .object(["x": .array([.integer(1), .integer(2)])])]),
      ]), "nesting"
    ),
  ]
}

@Suite struct ReportJSONTests {
  @Test(arguments: 0..<reportJSONCases.count)
  func writesAsJSONSerializationDoes(_ index: Int) throws {
    let (value, rule) = reportJSONCases[index]
    let expected = try serialized(value)
    #expect(
      value.bytes == expected,
      "\(rule): \(String(decoding: value.bytes, as: UTF8.self)) against \(String(decoding: expected, as: UTF8.self))"
    )
  }

  /// The report `relais coverage` writes for the corpus and the entity
  /// documents, read back and written again by JSONSerialization, gives
  /// the same bytes.
  @Test func coverageReportIsWhatJSONSerializationWrites() throws {
    let folder = try temporaryFolder("report-json")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = folder.appendingPathComponent("corpus.jsonl").path
    let report = folder.appendingPathComponent("coverage.json").path
    let run = try RelaisBinary.run([
      "run", Repository.path("Corpus"), Repository.path("Tests/Data/entities"), "--glossaries",
      Repository.path("Glossaries"), "--translations", Repository.path("Translations"), "--out",
      records, "--quiet",
    ])
    #expect(run.status <= 1)
    let coverage = try RelaisBinary.run([
      "coverage", records, "--glossaries", Repository.path("Glossaries"), "--json", report,
      "--min", "0.5",
    ])
    #expect(coverage.status <= 1)
    let written = try Data(contentsOf: URL(fileURLWithPath: report))
    let object = try JSONSerialization.jsonObject(with: written)
    let again = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    #expect((object as? [String: Any])?["unknown_entities"] as? [Any] != nil)
    #expect((object as? [String: Any])?["term_checks"] as? Int ?? 0 > 0)
    #expect(written == again)
  }
}
