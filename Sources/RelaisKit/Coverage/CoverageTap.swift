import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Coverage gathered from the record lines a run writes, as it writes them
/// (`relais run --coverage-json`, `--coverage-table`): the report
/// `relais coverage` would make of the output, without reading the corpus
/// back. Each worker taps its own documents' lines; the run absorbs them
/// in input order (`CoverageCollector.absorb`). A line cut by a flush
/// waits for the rest.
package struct CoverageTap: Sendable {
  package private(set) var collector = CoverageCollector()
  /// The start of a line the last chunk ended inside.
  private var partialLine: [UInt8] = []
  /// The first line that did not read back as a record: a fault of the
  /// writer, never of the input; the run reports it and writes no report.
  package private(set) var problem: String?

  package init() {}

  /// Reads each whole line of `bytes` (with what an earlier chunk left).
  package mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    var start = 0
    while start < bytes.count,
      let found = memchr(base + start, 0x0A, bytes.count - start)
    {
      let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      let piece = UnsafeBufferPointer(start: base + start, count: end - start)
      if partialLine.isEmpty {
        line(piece)
      } else {
        partialLine.append(contentsOf: piece)
        let whole = partialLine
        partialLine.removeAll(keepingCapacity: true)
        whole.withUnsafeBufferPointer { line($0) }
      }
      start = end + 1
    }
    if start < bytes.count {
      partialLine.append(
        contentsOf: UnsafeBufferPointer(start: base + start, count: bytes.count - start))
    }
  }

  /// One record line: read by `RecordScanner` where it can (the lines
  /// are the run's own, valid UTF-8), by JSONDecoder otherwise.
  private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty else { return }
    if let kind = RecordScanner.Kind.of(bytes),
      let record = RecordScanner.record(bytes, as: kind, tokens: .acronymCandidates)
    {
      collector.add(record)
      return
    }
    do {
      collector.add(try RecordCoding.decoder().decode(Record.self, from: Data(bytes)))
    } catch {
      problem =
        problem
        ?? "a record the run wrote does not read back (\(error)): \(String(decoding: bytes.prefix(120), as: UTF8.self))"
    }
  }

  /// Adds what `following` tapped from later lines.
  package mutating func absorb(_ following: CoverageTap) {
    collector.absorb(following.collector)
    problem = problem ?? following.problem
    if !following.partialLine.isEmpty {
      problem = problem ?? "a record line the run wrote has no end"
    }
  }
}
