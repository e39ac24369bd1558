import Foundation

/// The coverage page: what `relais coverage` reports, with each acronym
/// and name that has no entry shown marked in the first sentence it occurs
/// in, linked to that sentence in its document's page.
enum CoveragePage {
  /// `pages` gives each document id its page number; `glossariesGiven`
  /// says whether the entries never found could be listed.
  /// `stubCommand` is the `relais coverage --suggest` line that writes
  /// entry stubs for what has no entry.
  static func html(
    _ report: CoverageReport, pages: [String: Int], glossariesGiven: Bool, stubCommand: String
  ) -> String {
    var site = SitePage(
      title: "Coverage", root: "",
      navigation: [("Documents", IndexPage.path(page: 1)), ("Coverage", "coverage.html")])
    site.body += "<h1>Coverage</h1>\n"
    site.body += String(
      format:
        "<p class=\"totals\">Acronym mentions inside a glossary term: <strong id=\"acronym-coverage\">%.3f</strong> (%d of %d). Entries found: %.3f (%d of %d). Documents: %d, failed: %d.</p>\n",
      report.acronymCoverage, report.coveredAcronymMentions, report.acronymMentions,
      report.entryCoverage, report.foundEntries, report.entries, report.documents,
      report.failedDocuments)
    if !glossariesGiven {
      site.body +=
        "<p class=\"warning\">No glossaries given (relais render --glossaries DIR): entries never found are not listed.</p>\n"
    }
    if !report.unknownAcronyms.isEmpty || !report.unknownEntities.isEmpty {
      site.body +=
        "<p class=\"hint\">Glossary entry stubs for everything below that has no entry: <code id=\"stub-command\">\(HTML.text(stubCommand))</code></p>\n"
    }
    if report.termChecks > 0 {
      site.body += String(
        format:
          "<p class=\"totals\">French terms rendered by their entry's English terms in the translations: <strong id=\"translation-consistency\">%.3f</strong> (%d of %d).</p>\n",
        report.translationConsistency, report.renderedTerms, report.termChecks)
      site.body += HTML.section(
        "Entries rendered worst", id: "worst-rendered",
        headers: ["Entry", "Rendered", "First not rendered", "French", "English"],
        rows: report.worstRendered.map { entry in
          [
            .plain(entry.entry), .plain("\(entry.rendered) of \(entry.checks)"),
            .plain(entry.example.map { "\($0.status): \($0.term)" } ?? ""),
            .plain(entry.example?.fr ?? ""), .plain(entry.example?.en ?? ""),
          ]
        })
    }
    site.body += offenders(
      "Acronyms without an entry", "unknown-acronyms", report.unknownAcronyms, pages)
    site.body += offenders(
      "Names without an entry", "unknown-entities", report.unknownEntities, pages)
    site.body += HTML.section(
      "Definitions contradicting an entry", id: "contradictions",
      headers: ["Short", "Long form in the text", "Entry", "Document"],
      rows: report.contradictions.map {
        [
          .plain($0.short), .plain($0.long), .plain($0.entry),
          .html(documentLink($0.document, pages, anchor: nil)),
        ]
      })
    site.body += HTML.section(
      "Entries found", id: "found-entries", headers: ["Entry", "Glossary", "Mentions"],
      rows: report.found.map { [.plain($0.entry), .plain($0.glossary), .number($0.count)] })
    if glossariesGiven {
      site.body += "<h2>Entries never found</h2>\n"
      site.body +=
        report.neverFound.isEmpty
        ? "<p>None.</p>\n"
        : "<p id=\"never-found\">\(report.neverFound.map(HTML.text).joined(separator: ", "))</p>\n"
    }
    if !report.forbidden.isEmpty {
      site.body += HTML.section(
        "Forbidden terms found", headers: ["Entry", "Glossary", "Mentions"],
        rows: report.forbidden.map { [.plain($0.entry), .plain($0.glossary), .number($0.count)] })
    }
    if !report.missingLanguages.isEmpty {
      site.body += "<h2>Entries missing a language</h2>\n<ul>\n"
      for (language, entries) in report.missingLanguages.sorted(by: { $0.key < $1.key }) {
        site.body +=
          "<li>\(HTML.text(language)): \(entries.map(HTML.text).joined(separator: ", "))</li>\n"
      }
      site.body += "</ul>\n"
    }
    return site.html()
  }

  private static func offenders(
    _ title: String, _ id: String, _ unknowns: [CoverageReport.Unknown], _ pages: [String: Int]
  ) -> String {
    HTML.section(
      title, id: id, headers: ["Mention", "Count", "First seen in", "Document"],
      rows: unknowns.map { unknown in
        var mention = HTML.text(unknown.text)
        if let label = unknown.label {
          mention +=
            " <span class=\"swatch\" data-label=\"\(HTML.attribute(label))\">\(HTML.text(label))</span>"
        }
        if let longForm = unknown.longForm { mention += " ← \(HTML.text(longForm))" }
        return [
          .html(mention), .number(unknown.count),
          .html("<span class=\"context\">\(context(unknown))</span>"),
          .html(documentLink(unknown.document, pages, anchor: unknown.sentence)),
        ]
      })
  }

  /// The sentence, with the mention marked where the records put it.
  private static func context(_ unknown: CoverageReport.Unknown) -> String {
    let scalars = Substring(unknown.context).unicodeScalars
    guard let range = unknown.contextRange, 0 <= range.lowerBound,
      range.upperBound <= scalars.count
    else { return HTML.text(unknown.context) }
    let start = scalars.index(scalars.startIndex, offsetBy: range.lowerBound)
    let end = scalars.index(start, offsetBy: range.count)
    return HTML.text(scalars[..<start])
      + "<mark data-offender=\"\(HTML.attribute(unknown.text))\">\(HTML.text(scalars[start..<end]))</mark>"
      + HTML.text(scalars[end...])
  }

  private static func documentLink(_ doc: String, _ pages: [String: Int], anchor sentence: String?)
    -> String
  {
    guard let number = pages[doc] else { return HTML.text(doc) }
    var href = SiteDocument.pagePath(number: number)
    if let sentence, !sentence.isEmpty {
      let local = SiteDocument.localID(sentence, doc: doc)
      href += "#" + (local.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? local)
    }
    return "<a href=\"\(HTML.attribute(href))\">\(HTML.text(doc))</a>"
  }
}
