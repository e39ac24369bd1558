import Foundation

/// The site's index: every document with its counts, `pageSize` to a
/// page (`index.html`, `index-2.html`, …), and a search box over all of
/// them that needs no server.
enum IndexPage {
  /// One document's line.
  struct Row: Sendable, Equatable {
    var number: Int
    var doc: String
    var source: String
    var sentences: Int
    var entities: Int
    var terms: Int
    var acronyms: Int
    /// `ok`, `no text`, or `failed: ` and the error record's message.
    var status: String
    var failed: Bool

    init(_ document: SiteDocument) {
      number = document.number
      doc = document.doc
      source = document.record?.source ?? document.errors.first?.file ?? ""
      sentences = document.sentences.count
      entities = document.entities.count
      terms = document.terms.count
      acronyms = document.acronyms.count
      failed = !document.errors.isEmpty
      if let error = document.errors.first {
        status = "failed: \(error.message)"
      } else if document.textMissing != nil {
        status = "no text"
      } else {
        status = "ok"
      }
    }
  }

  static let pageSize = 100

  /// The file of index page `page` (from 1).
  static func path(page: Int) -> String { page == 1 ? "index.html" : "index-\(page).html" }

  /// The index page a document is listed on.
  static func path(forDocument number: Int) -> String { path(page: (number - 1) / pageSize + 1) }

  static func pageCount(documents: Int) -> Int { max(1, (documents + pageSize - 1) / pageSize) }

  /// Index page `page` of `rows` (all of the corpus's).
  static func html(_ rows: [Row], page: Int, totals: Totals) -> String {
    var site = SitePage(
      title: "Documents", root: "",
      navigation: [("Documents", path(page: 1)), ("Coverage", "coverage.html")])
    site.body += "<h1>Documents</h1>\n"
    site.body +=
      "<p class=\"totals\">\(totals.documents) documents (\(totals.failed) failed), \(totals.sentences) sentences, \(totals.entities) entities, \(totals.terms) glossary terms, \(totals.acronyms) acronym definitions.</p>\n"
    site.body +=
      "<p><input id=\"search\" type=\"search\" placeholder=\"Find a document by id or source\" aria-label=\"Find a document\"> <span id=\"found-count\"></span></p>\n"
    let pages = pageCount(documents: rows.count)
    let navigation = pages > 1 ? pagesBar(page, of: pages) : ""
    let header =
      "<thead><tr><th>Document</th><th>Source</th><th>Sentences</th><th>Entities</th><th>Terms</th><th>Acronyms</th><th>Status</th></tr></thead>"
    site.body += "<div id=\"page\">\n" + navigation
    site.body += "<table class=\"list\" id=\"documents\">\(header)\n<tbody>\n"
    let first = (page - 1) * pageSize
    for row in rows[min(first, rows.count)..<min(first + pageSize, rows.count)] {
      site.body +=
        "<tr data-number=\"\(row.number)\"><td><a href=\"\(SiteDocument.pagePath(number: row.number))\">\(HTML.text(row.doc))</a></td><td>\(HTML.text(row.source))</td>"
      for count in [row.sentences, row.entities, row.terms, row.acronyms] {
        site.body += "<td class=\"number\">\(count)</td>"
      }
      site.body += "<td>\(HTML.text(row.status))</td></tr>\n"
    }
    site.body += "</tbody></table>\n" + navigation + "</div>\n"
    site.body += "<table class=\"list\" id=\"found\" hidden>\(header)<tbody></tbody></table>\n"
    site.scripts = ["documents.js", "relais.js"]
    return site.html()
  }

  private static func pagesBar(_ page: Int, of pages: Int) -> String {
    var html = "<p class=\"pages\">Pages: "
    for number in 1...pages {
      html +=
        number == page
        ? "<strong>\(number)</strong>" : "<a href=\"\(path(page: number))\">\(number)</a>"
    }
    return html + "</p>\n"
  }

  /// Every row as `documents.js`, for the search box.
  static func script(_ rows: [Row]) throws(RelaisError) -> String {
    let list: [[String: Any]] = rows.map {
      [
        "doc": $0.doc, "source": $0.source, "page": SiteDocument.pagePath(number: $0.number),
        "sentences": $0.sentences, "entities": $0.entities, "terms": $0.terms,
        "acronyms": $0.acronyms, "status": $0.status,
      ]
    }
    do {
      let data = try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])
      // Inside a script, `</` could end nothing here (a separate file), but
      // U+2028 and U+2029 end a line in older JavaScript: escaped.
      let json = String(decoding: data, as: UTF8.self)
        .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
        .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
      return "window.RELAIS_DOCUMENTS = \(json);\n"
    } catch {
      throw RelaisError(.outputFailure, "the document list: \(error)")
    }
  }

  /// The corpus's counts.
  struct Totals: Sendable, Equatable {
    var documents = 0
    var failed = 0
    var sentences = 0
    var entities = 0
    var terms = 0
    var acronyms = 0

    mutating func add(_ row: Row) {
      documents += 1
      if row.failed { failed += 1 }
      sentences += row.sentences
      entities += row.entities
      terms += row.terms
      acronyms += row.acronyms
    }
  }
}
