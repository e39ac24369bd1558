import Foundation

/// The page of one document: its text with every entity, glossary term and
/// acronym definition marked where the records put them, a legend that
/// shows or hides each kind, and the same annotations as tables below.
///
/// The text is written whole, in one element with `white-space: pre-wrap`,
/// so the element's text content is the document's text code point for
/// code point, and a mark's offset in it is its record's `start`. Each
/// mark carries its record's local id, label and code point offsets as
/// `data-` attributes (`MarkLayout` cuts a mark that crosses another into
/// pieces with the same id).
enum DocumentPage {
  static func html(_ document: SiteDocument, indexPage: String) -> String {
    var page = SitePage(
      title: document.doc, root: "../",
      navigation: [("Documents", indexPage), ("Coverage", "coverage.html")])
    page.body += "<h1>\(HTML.text(document.doc))</h1>\n"
    page.body += facts(document)
    // An error record's message is the whole diagnostic, place and code
    // included.
    for error in document.errors {
      page.body +=
        "<p class=\"error\" data-code=\"\(HTML.attribute(error.code))\">\(HTML.text(error.message)) (stage \(HTML.text(error.stage)))</p>\n"
    }
    if let missing = document.textMissing {
      page.body += "<p class=\"warning\">Text not shown: \(HTML.text(missing)).</p>\n"
    }
    if document.record != nil {
      page.body += legend(document)
      if let text = document.text { page.body += marked(text, document) }
      page.body += tables(document)
    }
    page.scripts = ["relais.js"]
    return page.html()
  }

  private static func facts(_ document: SiteDocument) -> String {
    guard let record = document.record else { return "" }
    var rows: [(String, String)] = [
      ("Source", record.source), ("Code points", String(record.chars)),
      ("Language", record.lang), ("Sentences", String(document.sentences.count)),
      ("Relais", record.provenance.relais),
      ("ICU / Unicode", "\(record.provenance.icu) / \(record.provenance.unicode)"),
      (
        "Glossaries",
        record.provenance.glossaries.isEmpty
          ? "none" : record.provenance.glossaries.map(\.id).joined(separator: ", ")
      ),
    ]
    if let model = record.provenance.nerModel { rows.append(("Entity model", model.id)) }
    if !document.alignments.isEmpty {
      let rendered = document.termChecks.filter { $0.status == TermRendering.rendered.rawValue }
      rows.append(("Aligned with its translation", "\(document.alignments.count) beads"))
      rows.append(
        ("Terms rendered", "\(rendered.count) of \(document.termChecks.count) French terms"))
    }
    var html = "<dl class=\"facts\">\n"
    for (name, value) in rows {
      html += "<dt>\(HTML.text(name))</dt><dd>\(HTML.text(value))</dd>\n"
    }
    return html + "</dl>\n"
  }

  /// The colour legend, with a switch for each kind of mark.
  private static func legend(_ document: SiteDocument) -> String {
    var counts: [String: Int] = [:]
    for entity in document.entities { counts[entity.label, default: 0] += 1 }
    let labels =
      SiteStyle.entityLabels.filter { counts[$0] != nil }
      + counts.keys.filter { !SiteStyle.entityLabels.contains($0) }.sorted()
    var html = "<div class=\"legend\">\n"
    html += layerSwitch("entities", "Entities", document.entities.count)
    for label in labels {
      html +=
        " <span class=\"swatch\" data-label=\"\(HTML.attribute(label))\">\(HTML.text(label)) \(counts[label] ?? 0)</span>"
    }
    html += "\n" + layerSwitch("terms", "Glossary terms", document.terms.count)
    html += " <span class=\"swatch term-swatch\">term</span>\n"
    html += layerSwitch("acronyms", "Acronym definitions", document.acronyms.count)
    html += " <span class=\"swatch acronym-swatch\">short ← long</span>\n"
    html +=
      "<label><input type=\"checkbox\" data-switch=\"english\"> English label beside each term</label>\n"
    return html + "</div>\n"
  }

  private static func layerSwitch(_ layer: String, _ name: String, _ count: Int) -> String {
    "<label><input type=\"checkbox\" data-switch=\"\(layer)\" checked> \(name) (\(count))</label>"
  }

  /// The text with its marks.
  private static func marked(_ text: String, _ document: SiteDocument) -> String {
    var spans: [MarkLayout.Span] = []
    // Each span's opening tag for its first piece and for the others
    // (which repeat everything but the element id), and its closing tag.
    var tags: [(first: String, rest: String, close: String)] = []
    func add(
      _ start: Int, _ end: Int, _ layer: MarkLayout.MarkLayer, element: String, id: String?,
      _ attributes: [(String, String)]
    ) {
      spans.append(.init(start: start, end: end, layer: layer))
      var common = ""
      for (name, value) in attributes + [("data-start", String(start)), ("data-end", String(end))] {
        common += " \(name)=\"\(HTML.attribute(value))\""
      }
      let first =
        id.map { "<\(element) id=\"\(HTML.attribute($0))\"\(common)>" } ?? "<\(element)\(common)>"
      tags.append((first, "<\(element) data-part=\"rest\"\(common)>", "</\(element)>"))
    }
    for block in document.blocks {
      add(
        block.start, block.end, .block, element: "span", id: nil,
        [("class", "block"), ("data-kind", block.kind)])
    }
    for sentence in document.sentences {
      add(
        sentence.start, sentence.end, .sentence, element: "span",
        id: SiteDocument.localID(sentence.id, doc: document.doc), [("class", "sentence")])
    }
    for entity in document.entities {
      let local = SiteDocument.localID(entity.id, doc: document.doc)
      var title = "\(entity.label) · \(entity.source)"
      var attributes = [
        ("class", "entity"), ("data-id", local), ("data-label", entity.label),
        ("data-source", entity.source),
      ]
      if let score = entity.score {
        title += String(format: " · %.3f", score)
        attributes.append(("data-score", String(format: "%.3f", score)))
      }
      if let entry = entity.entry {
        title += " · entry \(entry)"
        attributes.append(("data-entry", entry))
      }
      if let value = entity.value { title += " · \(value)" }
      attributes.append(("title", title))
      add(entity.start, entity.end, .entity, element: "mark", id: local, attributes)
    }
    for term in document.terms {
      let local = SiteDocument.localID(term.id, doc: document.doc)
      let english = term.labels["en"] ?? ""
      add(
        term.start, term.end, .term, element: "mark", id: local,
        [
          ("class", "term"), ("data-id", local), ("data-entry", term.entry),
          ("data-match", term.match), ("data-en", english),
          ("title", "\(term.entry) (\(term.match)) · en: \(english.isEmpty ? "none" : english)"),
        ])
    }
    for acronym in document.acronyms {
      let local = SiteDocument.localID(acronym.id, doc: document.doc)
      let title =
        "\(acronym.short.text) ← \(acronym.long.text) · \(acronym.method)"
        + (acronym.entry.map { " · entry \($0)" } ?? "")
        + (acronym.contradicts ? " · contradicts its entry" : "")
      for (role, form) in [("short", acronym.short), ("long", acronym.long)] {
        add(
          form.start, form.end, .acronym, element: "mark", id: role == "short" ? local : nil,
          [
            ("class", acronym.contradicts ? "acronym contradicts" : "acronym"),
            ("data-id", local), ("data-role", role), ("title", title),
          ])
      }
    }
    let scalars = Substring(text).unicodeScalars
    var offsets: [Substring.UnicodeScalarView.Index] = []
    offsets.reserveCapacity(scalars.count + 1)
    var index = scalars.startIndex
    while index != scalars.endIndex {
      offsets.append(index)
      index = scalars.index(after: index)
    }
    offsets.append(scalars.endIndex)
    let layout = MarkLayout(spans: spans, length: offsets.count - 1)
    var html = "<div class=\"text\" lang=\"\(HTML.attribute(document.record?.lang ?? "fr"))\">"
    for step in layout.steps {
      switch step {
      case .text(let range):
        html += HTML.text(scalars[offsets[range.lowerBound]..<offsets[range.upperBound]])
      case .open(let span, let part):
        html += part == 0 ? tags[span].first : tags[span].rest
      case .close(let span):
        html += tags[span].close
      }
    }
    html += "</div>\n"
    if layout.outside > 0 {
      html +=
        "<p class=\"warning\">\(layout.outside) annotations lie outside the text and are not marked.</p>\n"
    }
    return html
  }

  /// The annotations as tables, each row linked to its mark.
  private static func tables(_ document: SiteDocument) -> String {
    func link(_ id: String, _ text: String) -> HTML.Cell {
      .html("<a href=\"#\(HTML.attribute(id))\">\(HTML.text(text))</a>")
    }
    func local(_ id: String) -> String { SiteDocument.localID(id, doc: document.doc) }
    var html = ""
    if !document.entities.isEmpty {
      html += HTML.section(
        "Entities", headers: ["Text", "Label", "Code points", "Source", "Entry"],
        rows: document.entities.map { entity in
          [
            link(local(entity.id), entity.text),
            .html(
              "<span class=\"swatch\" data-label=\"\(HTML.attribute(entity.label))\">\(HTML.text(entity.label))</span>"
            ),
            .plain("\(entity.start)–\(entity.end)"),
            .plain(entity.source + (entity.score.map { String(format: " %.3f", $0) } ?? "")),
            .plain(entity.entry ?? ""),
          ]
        })
    }
    if !document.terms.isEmpty {
      html += HTML.section(
        "Glossary terms", headers: ["Text", "Entry", "Match", "English", "Code points"],
        rows: document.terms.map { term in
          [
            link(local(term.id), term.text), .plain(term.entry), .plain(term.match),
            .plain(term.labels["en"] ?? ""), .plain("\(term.start)–\(term.end)"),
          ]
        })
    }
    if !document.termChecks.isEmpty {
      // Worst first: what a reviewer of the translation reads.
      let order = TermRendering.allCases.map(\.rawValue)
      let checks = document.termChecks.enumerated().sorted {
        (order.firstIndex(of: $0.element.status) ?? 0, $0.offset)
          < (order.firstIndex(of: $1.element.status) ?? 0, $1.offset)
      }.map(\.element)
      html += HTML.section(
        "Term checks in the translation",
        headers: ["French", "Entry", "Status", "English", "Expected", "English sentence"],
        rows: checks.map { check in
          [
            .plain(check.fr.text), .plain(check.entry),
            .html(
              "<span class=\"status\" data-status=\"\(HTML.attribute(check.status))\">\(HTML.text(check.status))</span>"
            ),
            .plain(check.en?.text ?? ""), .plain(check.expected ?? ""),
            .plain(check.context?.en ?? ""),
          ]
        })
    }
    if !document.acronyms.isEmpty {
      html += HTML.section(
        "Acronym definitions", headers: ["Short", "Long", "Method", "Entry"],
        rows: document.acronyms.map { acronym in
          [
            link(local(acronym.id), acronym.short.text), .plain(acronym.long.text),
            .plain(acronym.method),
            .plain((acronym.entry ?? "") + (acronym.contradicts ? " (contradicts it)" : "")),
          ]
        })
    }
    return html
  }
}
