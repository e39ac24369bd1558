import Foundation

/// `relais render`: the records of `relais run` as a static HTML site a
/// person can read, opened from the file system (no server, no network):
///
/// - `index.html` (and `index-2.html`, … at `IndexPage.pageSize` documents
///   a page): every document with its counts and status, and a search box
///   over all of them;
/// - `docs/N.html`: each document's text with its entities, glossary terms
///   and acronym definitions marked (`DocumentPage`);
/// - `coverage.html`: the coverage report, each acronym and name without
///   an entry shown in its sentence (`CoveragePage`);
/// - `relais.css`, `relais.js`, `documents.js`.
///
/// The records stream by one document at a time; each page is written as
/// soon as its document is whole. The folder is written under
/// `OutputFolder`'s policy.
public enum RenderJob {
  /// Exit 2 when the records cannot be read or the site cannot be
  /// written (nothing is left at `output` then); exit 1 when the site is
  /// written but some documents failed in the run or their text could not
  /// be had (each is named on standard error, and its page says why).
  public static func run(
    records path: String, output: String, glossaries directory: String?, sources: [String]
  ) -> ExitStatus {
    guard let glossaries = loadGlossariesOrReport(directory) else { return .usage }
    let folder: OutputFolder
    do {
      folder = try OutputFolder(path: output)
    } catch {
      reportError(error)
      return .usage
    }
    var rows: [IndexPage.Row] = []
    var totals = IndexPage.Totals()
    var pages: [String: Int] = [:]
    var collector = CoverageCollector()
    var current: SiteDocument?
    var incomplete = 0
    func finish(_ document: SiteDocument) throws(RelaisError) {
      var document = document
      TextAvailability.resolve(&document, sourcesFolders: sources)
      if let missing = document.textMissing {
        incomplete += 1
        FileHandle.standardError.write(
          Data("\(path): warning: document \"\(document.doc)\": text not shown: \(missing)\n".utf8))
      }
      if !document.errors.isEmpty { incomplete += 1 }
      let row = IndexPage.Row(document)
      rows.append(row)
      totals.add(row)
      if pages[document.doc] == nil { pages[document.doc] = document.number }
      try folder.write(
        DocumentPage.html(document, indexPage: IndexPage.path(forDocument: document.number)),
        to: SiteDocument.pagePath(number: document.number))
    }
    do {
      try RecordReader.forEach(in: path) { record, _ throws(RelaisError) in
        collector.add(record)
        if let open = current, open.doc != record.doc || record.type == "document" {
          try finish(open)
          current = nil
        }
        if current == nil { current = SiteDocument(number: rows.count + 1, doc: record.doc) }
        current?.add(record)
        if case .documentEnd = record, let open = current {
          try finish(open)
          current = nil
        }
      }
      if let open = current { try finish(open) }
      let report = collector.finish(glossaries: glossaries)
      for page in 1...IndexPage.pageCount(documents: rows.count) {
        try folder.write(
          IndexPage.html(rows, page: page, totals: totals), to: IndexPage.path(page: page))
      }
      try folder.write(IndexPage.script(rows), to: "documents.js")
      try folder.write(
        CoveragePage.html(
          report, pages: pages, glossariesGiven: directory != nil,
          stubCommand: CoverageJob.stubCommand(corpus: path, glossaries: directory)),
        to: "coverage.html")
      try folder.write(SiteStyle.css, to: "relais.css")
      try folder.write(SiteStyle.javascript, to: "relais.js")
      try folder.commit()
    } catch {
      folder.abandon()
      reportError(error)
      return .usage
    }
    FileHandle.standardError.write(
      Data(
        "relais: rendered \(rows.count) documents to \(output)/index.html\(incomplete > 0 ? " (\(incomplete) failed or without text)" : "")\n"
          .utf8))
    return incomplete > 0 ? .failure : .success
  }
}
