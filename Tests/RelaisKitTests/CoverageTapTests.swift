import Foundation
import Testing

@testable import RelaisKit

/// The records of the corpus, the entity documents and the mixed fixture
/// (error records included), mapped with the shipped glossaries.
private func runRecords() throws -> [UInt8] {
  let result = try RelaisBinary.run([
    "run", Repository.path("Corpus"), Repository.path("Tests/Data/entities"),
    Repository.path("Tests/Fixtures/run/mixed"), "--glossaries", Repository.path("Glossaries"),
    "--quiet",
  ])
  #expect(result.status == 1, "the mixed fixture holds bad documents")
  return Array(result.standardOutput.utf8)
}

private func shippedGlossaries() throws -> [Glossary] {
  let (glossaries, problems) = GlossaryLoader.load(directory: Repository.path("Glossaries"))
  try #require(problems.isEmpty)
  return glossaries
}

/// The report of `relais coverage`: every record decoded and added in turn.
private func readBack(_ records: [UInt8], _ glossaries: [Glossary]) throws -> CoverageReport {
  var collector = CoverageCollector()
  let decoder = RecordCoding.decoder()
  for line in records.split(separator: 0x0A) {
    collector.add(try decoder.decode(Record.self, from: Data(line)))
  }
  return collector.finish(glossaries: glossaries)
}

@Suite struct CoverageTapTests {
  /// However the bytes are cut (a flush falls anywhere in a line), the
  /// tap's report is the one read back from the whole file.
  @Test(arguments: [1, 7, 500, 1 << 16, Int.max])
  func anyChunkingGivesTheReportReadBack(_ chunk: Int) throws {
    let records = try runRecords()
    let glossaries = try shippedGlossaries()
    var tap = CoverageTap()
    var start = 0
    while start < records.count {
      let end = start + min(chunk, records.count - start)
      records[start..<end].withUnsafeBufferPointer { tap.add($0) }
      start = end
    }
    #expect(tap.problem == nil)
    var collector = tap.collector
    let report = collector.finish(glossaries: glossaries)
    #expect(report == (try readBack(records, glossaries)))
    #expect(report.documents > 5 && report.failedDocuments > 0 && !report.found.isEmpty)
    #expect(!report.unknownEntities.isEmpty)
  }

  /// One tap per document, absorbed in order, is one tap over all: what
  /// the workers of a run do.
  @Test func documentsTappedApartAndAbsorbedGiveTheSameReport() throws {
    let records = try runRecords()
    let glossaries = try shippedGlossaries()
    var whole = CoverageTap()
    records.withUnsafeBufferPointer { whole.add($0) }
    // Each document's lines start at its document (or error) record.
    var pieces: [[UInt8]] = []
    for line in records.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
      let bytes = Array(line) + [0x0A]
      if bytes.starts(with: Array(#"{"type":"document","#.utf8))
        || bytes.starts(with: Array(#"{"type":"error","#.utf8)) || pieces.isEmpty
      {
        pieces.append(bytes)
      } else {
        pieces[pieces.count - 1] += bytes
      }
    }
    #expect(pieces.count > 5)
    var absorbed = CoverageTap()
    for piece in pieces {
      var tap = CoverageTap()
      piece.withUnsafeBufferPointer { tap.add($0) }
      absorbed.absorb(tap)
    }
    var wholeCollector = whole.collector
    var absorbedCollector = absorbed.collector
    #expect(
      absorbedCollector.finish(glossaries: glossaries)
        == wholeCollector.finish(glossaries: glossaries))
  }

  /// A line that is no record, or a last line without its end, is a
  /// problem the run reports rather than a report that quietly misses it.
  @Test func aLineThatIsNoRecordIsAProblem() {
    var tap = CoverageTap()
    Array("{\"type\":\"nothing\"}\n".utf8).withUnsafeBufferPointer { tap.add($0) }
    #expect(tap.problem?.contains("does not read back") == true)
    var cut = CoverageTap()
    Array("{\"type\":\"block\"".utf8).withUnsafeBufferPointer { cut.add($0) }
    var total = CoverageTap()
    total.absorb(cut)
    #expect(total.problem?.contains("no end") == true)
  }
}
