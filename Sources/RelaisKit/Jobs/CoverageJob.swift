import Foundation

/// `relais coverage`: the coverage report of a processed corpus, as a table
/// and as JSON, and the gate.
public enum CoverageJob {
  public static func run(
    corpus: String, glossaries directory: String?, minimum: Double?, jsonOutput: String?
  ) -> ExitStatus {
    var glossaries: [Glossary] = []
    if let directory {
      let (loaded, problems) = GlossaryLoader.load(directory: directory)
      guard problems.isEmpty else {
        for problem in problems { reportError(problem) }
        return .usage
      }
      glossaries = loaded
    }
    guard
      let handle = corpus == InputFiles.standardInputPath
        ? FileHandle.standardInput : FileHandle(forReadingAtPath: corpus)
    else {
      reportError(RelaisError(.unreadableInput, "cannot open the corpus records", path: corpus))
      return .usage
    }
    var collector = CoverageCollector()
    var lines = LineReader(handle: handle)
    var lineNumber = 0
    while let (line, byteOffset) = lines.next() {
      lineNumber += 1
      guard !line.isEmpty else { continue }
      guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      else {
        reportError(
          RelaisError(
            .malformedJSONLInput, "not a JSON record",
            at: InputLocation(path: corpus, line: lineNumber, column: 1, byteOffset: byteOffset)))
        return .usage
      }
      collector.add(record)
    }
    let report = collector.finish(glossaries: glossaries)
    if let jsonOutput {
      do {
        try write(json(report, minimum: minimum), to: jsonOutput)
      } catch {
        reportError(error)
        return .failure
      }
    }
    print(table(report))
    if let minimum, report.acronymCoverage < minimum {
      let worst = report.unknownAcronyms.prefix(5).map { "\($0.text) ×\($0.count)" }
        .joined(separator: ", ")
      let message =
        String(
          format:
            "relais: coverage %.3f is below the minimum %.3f: %d of %d acronym mentions have no glossary entry",
          report.acronymCoverage, minimum, report.acronymMentions - report.coveredAcronymMentions,
          report.acronymMentions) + (worst.isEmpty ? "" : " (\(worst))") + "\n"
      FileHandle.standardError.write(Data(message.utf8))
      return .failure
    }
    return .success
  }

  /// The report as a readable table.
  public static func table(_ report: CoverageReport) -> String {
    var lines: [String] = []
    lines.append(
      String(
        format: "Coverage: %.3f of acronym mentions (%d of %d); %.3f of entries found (%d of %d)",
        report.acronymCoverage, report.coveredAcronymMentions, report.acronymMentions,
        report.entryCoverage, report.found.count, report.entries))
    lines.append("Documents: \(report.documents), failed: \(report.failedDocuments)")
    lines.append("")
    lines.append("Entries found (count):")
    for entry in report.found { lines.append("  \(entry.count.padded(5))  \(entry.entry)") }
    lines.append(
      "Entries never found: \(report.neverFound.isEmpty ? "none" : report.neverFound.joined(separator: ", "))"
    )
    if !report.forbidden.isEmpty {
      lines.append("Forbidden terms found:")
      for entry in report.forbidden { lines.append("  \(entry.count.padded(5))  \(entry.entry)") }
    }
    for (title, unknowns) in [
      ("Acronyms without an entry", report.unknownAcronyms),
      ("Entity mentions without an entry", report.unknownEntities),
    ] {
      lines.append("\(title): \(unknowns.isEmpty ? "none" : "")")
      for unknown in unknowns {
        lines.append(
          "  \(unknown.count.padded(5))  \(unknown.text)  — \(unknown.document): \(unknown.context.prefix(100))"
        )
      }
    }
    lines.append(
      "Definitions contradicting an entry: \(report.contradictions.isEmpty ? "none" : "")")
    for contradiction in report.contradictions {
      lines.append(
        "  \(contradiction.short) = \(contradiction.long)  (entry \(contradiction.entry), \(contradiction.document))"
      )
    }
    lines.append("Entries missing a language:\(report.missingLanguages.isEmpty ? " none" : "")")
    for (language, entries) in report.missingLanguages.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "  \(language): \(entries.count) (\(entries.prefix(8).joined(separator: ", "))\(entries.count > 8 ? ", …" : ""))"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// The report as JSON, keys sorted, so two runs give the same bytes.
  public static func json(_ report: CoverageReport, minimum: Double?) throws -> Data {
    func unknowns(_ list: [CoverageReport.Unknown]) -> [[String: Any]] {
      list.map {
        ["text": $0.text, "count": $0.count, "context": $0.context, "document": $0.document]
      }
    }
    var object: [String: Any] = [
      "documents": report.documents,
      "failed_documents": report.failedDocuments,
      "acronym_coverage": report.acronymCoverage,
      "acronym_mentions": report.acronymMentions,
      "covered_acronym_mentions": report.coveredAcronymMentions,
      "entry_coverage": report.entryCoverage,
      "entries": report.entries,
      "found": report.found.map {
        ["entry": $0.entry, "glossary": $0.glossary, "count": $0.count]
      },
      "never_found": report.neverFound,
      "forbidden": report.forbidden.map {
        ["entry": $0.entry, "glossary": $0.glossary, "count": $0.count]
      },
      "unknown_acronyms": unknowns(report.unknownAcronyms),
      "unknown_entities": unknowns(report.unknownEntities),
      "contradictions": report.contradictions.map {
        ["short": $0.short, "long": $0.long, "entry": $0.entry, "document": $0.document]
      },
      "missing_languages": report.missingLanguages,
    ]
    if let minimum { object["minimum"] = minimum }
    return try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
  }

  private static func write(_ data: Data, to path: String) throws(RelaisError) {
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw RelaisError(.outputFailure, "cannot write the report: \(error)", path: path)
    }
  }
}

extension Int {
  fileprivate func padded(_ width: Int) -> String {
    let text = String(self)
    return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
  }
}
