import Foundation

/// `relais coverage`: the coverage report of a processed corpus, as a table
/// and as JSON, and the gate.
public enum CoverageJob {
  /// Reads the records of `corpus` (and the `term_check` records of
  /// `relais align` in `translations`) and reports. Exit 2 when the input
  /// is not Relais records of this schema version (or cannot be read, or
  /// the report cannot be written); exit 1 when the corpus has no
  /// document, when coverage is under `minimum`, when translation
  /// consistency is under `minimumConsistency` (or nothing was checked),
  /// and, with `strict`, when the glossaries given are not those the
  /// corpus was made with.
  public static func run(
    corpus: String, glossaries directory: String?, minimum: Double?, jsonOutput: String?,
    strict: Bool = false, suggest: String? = nil, translations: String? = nil,
    minimumConsistency: Double? = nil
  ) -> ExitStatus {
    guard let glossaries = loadGlossariesOrReport(directory) else { return .usage }
    var collector = CoverageCollector()
    var corpusGlossaries = Set<GlossaryProvenance>()
    do {
      corpusGlossaries = try read(corpus, into: &collector)
      if let translations { _ = try read(translations, into: &collector) }
    } catch {
      reportError(error)
      return .usage
    }
    let report = collector.finish(glossaries: glossaries)
    var status = ExitStatus.success
    if report.documents - report.failedDocuments == 0 {
      reportError(
        RelaisError(
          .noDocuments,
          "no document to judge (\(report.failedDocuments) error records and no document record)",
          path: corpus))
      status = .failure
    }
    if directory != nil {
      let given = Set(glossaries.map { GlossaryProvenance(id: $0.id, sha256: $0.sha256) })
      if given != corpusGlossaries {
        let message = mismatch(given: given, corpus: corpusGlossaries)
        let warning =
          "\(corpus): \(strict ? "error" : "warning")[\(ErrorCode.glossaryMismatch.rawValue)]: \(message)\n"
        FileHandle.standardError.write(Data(warning.utf8))
        if strict { status = .failure }
      }
    }
    do {
      if let jsonOutput {
        try OutputFile.write(json(report, minimum: minimum).bytes, to: jsonOutput)
      }
      try OutputFile.write(Array((table(report) + "\n").utf8), to: nil)
      if let suggest {
        let taken = Set(glossaries.flatMap { $0.entries.map(\.id) })
        if let stubs = try GlossaryStubs.yaml(for: report, corpus: corpus, taken: taken) {
          try OutputFile.write(Array(stubs.text.utf8), to: suggest)
          FileHandle.standardError.write(
            Data(
              "relais: wrote \(stubs.count) entry stubs to \(suggest) for the acronyms and names without an entry; write each en (lint refuses TODO) and move them into a glossary\n"
                .utf8))
        } else {
          FileHandle.standardError.write(
            Data("relais: every acronym and name has an entry: no stub to write\n".utf8))
        }
      }
    } catch {
      reportError(error)
      return .usage
    }
    if let minimumConsistency {
      if report.termChecks == 0 {
        reportError(
          RelaisError(
            .noDocuments,
            "no term_check record to judge consistency by (relais align … --glossaries DIR writes them)",
            path: translations ?? corpus))
        return .failure
      }
      if report.translationConsistency < minimumConsistency {
        let worst = report.worstRendered.prefix(5).map {
          "\($0.entry) \($0.rendered)/\($0.checks)"
        }.joined(separator: ", ")
        let message =
          String(
            format:
              "relais: translation consistency %.3f is below the minimum %.3f: %d of %d French terms are not rendered by their entry's English terms",
            report.translationConsistency, minimumConsistency,
            report.termChecks - report.renderedTerms, report.termChecks)
          + (worst.isEmpty ? "" : " (worst: \(worst))") + "\n"
        FileHandle.standardError.write(Data(message.utf8))
        status = .failure
      }
    }
    if let minimum, report.acronymCoverage < minimum {
      let worst = report.unknownAcronyms.prefix(5).map { "\($0.text) ×\($0.count)" }
        .joined(separator: ", ")
      let message =
        String(
          format:
            "relais: coverage %.3f is below the minimum %.3f: %d of %d acronym mentions have no glossary entry",
          report.acronymCoverage, minimum, report.acronymMentions - report.coveredAcronymMentions,
          report.acronymMentions) + (worst.isEmpty ? "" : " (\(worst))")
        + ". Entry stubs for them: \(stubCommand(corpus: corpus, glossaries: directory))\n"
      FileHandle.standardError.write(Data(message.utf8))
      return .failure
    }
    return status
  }

  /// The command that writes entry stubs for what `corpus` names without
  /// a glossary entry.
  package static func stubCommand(corpus: String, glossaries: String?) -> String {
    "relais coverage \(corpus) --glossaries \(glossaries ?? "DIR") --suggest suggested.yaml"
  }

  /// Feeds every record of `corpus` to the collector; returns the
  /// glossaries the documents' provenance names.
  private static func read(_ corpus: String, into collector: inout CoverageCollector)
    throws(RelaisError) -> Set<GlossaryProvenance>
  {
    var glossaries = Set<GlossaryProvenance>()
    try RecordReader.forEach(in: corpus, sentenceTokens: .acronymCandidates) { record, _ in
      if case .document(let document) = record {
        for glossary in document.provenance.glossaries {
          glossaries.insert(GlossaryProvenance(id: glossary.id, sha256: glossary.sha256))
        }
      }
      collector.add(record)
    }
    return glossaries
  }

  /// What differs between the glossaries given and the corpus's.
  private static func mismatch(given: Set<GlossaryProvenance>, corpus: Set<GlossaryProvenance>)
    -> String
  {
    func names(_ set: Set<GlossaryProvenance>) -> String {
      set.isEmpty
        ? "none" : set.map { "\($0.id) (\($0.sha256.prefix(12)))" }.sorted().joined(separator: ", ")
    }
    return
      "the glossaries given are not those the corpus was made with: given but not in the corpus's provenance: \(names(given.subtracting(corpus))); in the provenance but not given: \(names(corpus.subtracting(given))) (rerun relais run, or give the same glossaries)"
  }

  /// The report as a readable table.
  package static func table(_ report: CoverageReport) -> String {
    var lines: [String] = []
    lines.append(
      String(
        format: "Coverage: %.3f of acronym mentions (%d of %d); %.3f of entries found (%d of %d)",
        report.acronymCoverage, report.coveredAcronymMentions, report.acronymMentions,
        report.entryCoverage, report.foundEntries, report.entries))
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
    if report.termChecks > 0 {
      let statuses = TermRendering.allCases.map {
        "\($0.rawValue) \(report.termStatuses[$0.rawValue] ?? 0)"
      }
      lines.append(
        String(
          format: "Translation consistency: %.3f of French terms rendered (%d of %d: %@)",
          report.translationConsistency, report.renderedTerms, report.termChecks,
          statuses.joined(separator: ", ")))
      lines.append("Entries rendered worst:\(report.worstRendered.isEmpty ? " none" : "")")
      for entry in report.worstRendered.prefix(10) {
        lines.append("  \(entry.rendered)/\(entry.checks)  \(entry.entry)")
        if let example = entry.example {
          lines.append(
            "        \(example.status) «\(example.term)» (\(example.alignment)): \(example.fr.prefix(100)) ‖ \(example.en.prefix(100))"
          )
        }
      }
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
  package static func json(_ report: CoverageReport, minimum: Double?) -> ReportJSON {
    func unknowns(_ list: [CoverageReport.Unknown]) -> ReportJSON {
      .array(
        list.map {
          .object([
            "text": .string($0.text), "count": .integer($0.count), "context": .string($0.context),
            "document": .string($0.document),
          ])
        })
    }
    func counts(_ list: [CoverageReport.EntryCount]) -> ReportJSON {
      .array(
        list.map {
          .object([
            "entry": .string($0.entry), "glossary": .string($0.glossary),
            "count": .integer($0.count),
          ])
        })
    }
    func integers(_ counts: [String: Int]) -> ReportJSON {
      .object(counts.mapValues(ReportJSON.integer))
    }
    var object: [String: ReportJSON] = [
      "documents": .integer(report.documents),
      "failed_documents": .integer(report.failedDocuments),
      "acronym_coverage": .number(report.acronymCoverage),
      "acronym_mentions": .integer(report.acronymMentions),
      "covered_acronym_mentions": .integer(report.coveredAcronymMentions),
      "entry_coverage": .number(report.entryCoverage),
      "entries": .integer(report.entries),
      "found": counts(report.found),
      "never_found": .array(report.neverFound.map(ReportJSON.string)),
      "forbidden": counts(report.forbidden),
      "unknown_acronyms": unknowns(report.unknownAcronyms),
      "unknown_entities": unknowns(report.unknownEntities),
      "contradictions": .array(
        report.contradictions.map {
          .object([
            "short": .string($0.short), "long": .string($0.long), "entry": .string($0.entry),
            "document": .string($0.document),
          ])
        }),
      "missing_languages": .object(
        report.missingLanguages.mapValues { .array($0.map(ReportJSON.string)) }),
    ]
    if report.termChecks > 0 {
      object["translation_consistency"] = .number(report.translationConsistency)
      object["term_checks"] = .integer(report.termChecks)
      object["rendered_terms"] = .integer(report.renderedTerms)
      object["term_statuses"] = integers(report.termStatuses)
      object["worst_rendered"] = .array(
        report.worstRendered.map { entry in
          var item: [String: ReportJSON] = [
            "entry": .string(entry.entry), "glossary": .string(entry.glossary),
            "checks": .integer(entry.checks), "statuses": integers(entry.statuses),
          ]
          if let example = entry.example {
            item["example"] = .object([
              "status": .string(example.status), "term": .string(example.term),
              "alignment": .string(example.alignment), "fr": .string(example.fr),
              "en": .string(example.en),
            ])
          }
          return .object(item)
        })
    }
    if let minimum { object["minimum"] = .number(minimum) }
    return .object(object)
  }

}

extension Int {
  fileprivate func padded(_ width: Int) -> String {
    let text = String(self)
    return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
  }
}
