import Foundation
import RelaisKit
import Testing

/// A layout written out over `text`: `<N>` opens span N, `<N+>` opens a
/// later piece of it, `</N>` closes it.
private func drawn(_ layout: MarkLayout, over text: String) -> String {
  let characters = Array(text)
  var drawing = ""
  for step in layout.steps {
    switch step {
    case .text(let range): drawing += String(characters[range])
    case .open(let span, let part): drawing += part == 0 ? "<\(span)>" : "<\(span)+>"
    case .close(let span): drawing += "</\(span)>"
    }
  }
  return drawing
}

struct MarkLayoutCase: Sendable, CustomTestStringConvertible {
  let spans: [MarkLayout.Span]
  let expected: String
  let outside: Int
  let rule: String
  var testDescription: String { rule }
}

private func span(_ start: Int, _ end: Int, _ layer: MarkLayout.MarkLayer = .entity)
  -> MarkLayout.Span
{
  MarkLayout.Span(start: start, end: end, layer: layer)
}

private let layoutCases: [MarkLayoutCase] = [
  .init(spans: [], expected: "abcdefghij", outside: 0, rule: "no span"),
  .init(
    spans: [span(3, 5), span(0, 2)], expected: "<1>ab</1>c<0>de</0>fghij", outside: 0,
    rule: "disjoint spans in text order, whatever their order given"),
  .init(
    spans: [span(1, 3, .entity), span(0, 5, .sentence)], expected: "<1>a<0>bc</0>de</1>fghij",
    outside: 0, rule: "the longer holds the shorter"),
  .init(
    spans: [span(0, 3, .term), span(0, 3, .entity)], expected: "<1><0>abc</0></1>defghij",
    outside: 0, rule: "same bounds: the outer layer holds the inner"),
  .init(
    spans: [span(0, 4, .entity), span(2, 6, .term)], expected: "<0>ab<1>cd</1></0><1+>ef</1>ghij",
    outside: 0, rule: "a crossing span is cut where the one holding it ends"),
  .init(
    spans: [span(0, 8, .sentence), span(1, 4, .entity), span(3, 10, .term)],
    expected: "<0>a<1>bc<2>d</2></1><2+>efgh</2></0><2+>ij</2>", outside: 0,
    rule: "cut again at each end it crosses"),
  .init(
    spans: [span(2, 4), span(4, 6)], expected: "ab<0>cd</0><1>ef</1>ghij", outside: 0,
    rule: "touching spans do not nest"),
  .init(
    spans: [span(3, 3), span(5, 20), span(-1, 2), span(6, 4), span(8, 10)],
    expected: "abcdefgh<4>ij</4>", outside: 4, rule: "empty, reversed and outside spans left out"),
]

@Suite struct MarkLayoutTests {
  @Test(arguments: layoutCases)
  func laysOut(_ test: MarkLayoutCase) {
    let layout = MarkLayout(spans: test.spans, length: 10)
    #expect(drawn(layout, over: "abcdefghij") == test.expected)
    #expect(layout.outside == test.outside)
  }

  /// Any spans at all: the steps nest, the text comes once and in order,
  /// and each span's pieces cover exactly its range.
  @Test func anySpansNestAndCoverTheirRanges() {
    var random = SplitMix64(seed: 7)
    let layers: [MarkLayout.MarkLayer] = [.block, .sentence, .entity, .term, .acronym]
    for _ in 0..<500 {
      let length = Int(random.next() % 40) + 1
      let spans = (0..<Int(random.next() % 12)).map { _ in
        let start = Int(random.next() % UInt64(length))
        let end = start + 1 + Int(random.next() % UInt64(length - start))
        return MarkLayout.Span(start: start, end: end, layer: layers[Int(random.next() % 5)])
      }
      let layout = MarkLayout(spans: spans, length: length)
      var open: [(span: Int, from: Int)] = []
      var position = 0
      var covered = Array(repeating: [Int](), count: spans.count)
      for step in layout.steps {
        switch step {
        case .text(let range):
          #expect(range.lowerBound == position)
          position = range.upperBound
        case .open(let span, _):
          open.append((span, position))
        case .close(let span):
          guard let last = open.popLast() else {
            Issue.record("a close with nothing open")
            continue
          }
          #expect(last.span == span, "closes \(span) while \(last.span) is open")
          covered[span] += Array(last.from..<position)
        }
      }
      #expect(open.isEmpty)
      #expect(position == length)
      for (index, span) in spans.enumerated() {
        #expect(covered[index] == Array(span.start..<span.end), "span \(span) in \(spans)")
      }
    }
  }
}

private let escapeCases: [(String, String, String)] = [
  ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "markup as text"),
  ("a & b", "a &amp; b", "ampersand"),
  ("ligne\r\nsuivante", "ligne&#13;\nsuivante", "a carriage return survives the parser"),
  ("\u{1}\u{7}\t", "&#1;&#7;\t", "C0 controls as references, tab raw"),
  ("\u{85}\u{80}", "\u{85}\u{80}", "C1 controls raw: &#128; would read as €"),
  ("l'\"OTAN\"", "l'\"OTAN\"", "quotes are text outside attributes"),
]

private let attributeCases: [(String, String)] = [
  ("a\"b'c<d>&", "a&quot;b&#39;c&lt;d&gt;&amp;"),
  ("\" onmouseover=\"x", "&quot; onmouseover=&quot;x"),
]

@Suite struct HTMLEscapingTests {
  @Test(arguments: escapeCases.indices)
  func text(_ index: Int) {
    let (input, expected, rule) = escapeCases[index]
    #expect(HTML.text(input) == expected, "\(rule)")
  }

  @Test(arguments: attributeCases.indices)
  func attribute(_ index: Int) {
    #expect(HTML.attribute(attributeCases[index].0) == attributeCases[index].1)
  }
}

/// The text element of a document page read back: its text with the
/// references resolved, and each mark's `data-` attributes with the code
/// point offsets where the mark starts and ends in that text. Only the
/// markup `DocumentPage` writes is read.
private struct ReadBackPage {
  struct Mark {
    var attributes: [String: String]
    var start: Int
    var end = -1
  }

  var text = String.UnicodeScalarView()
  var marks: [Mark] = []

  init?(_ html: String) {
    guard let open = html.range(of: "<div class=\"text\""),
      let body = html[open.upperBound...].range(of: ">"),
      let close = html[body.upperBound...].range(of: "</div>")
    else { return nil }
    var stack: [Int?] = []
    var rest = html[body.upperBound..<close.lowerBound]
    while let tag = rest.firstIndex(of: "<") {
      text.append(contentsOf: Self.unescape(rest[..<tag]).unicodeScalars)
      guard let tagEnd = rest[tag...].firstIndex(of: ">") else { return nil }
      let inside = rest[rest.index(after: tag)..<tagEnd]
      rest = rest[rest.index(after: tagEnd)...]
      if inside.hasPrefix("/") {
        if let open = stack.popLast(), let index = open { marks[index].end = text.count }
        continue
      }
      guard inside.hasPrefix("mark") else {
        stack.append(nil)
        continue
      }
      var attributes: [String: String] = [:]
      var scan = inside.dropFirst(4)
      while let equals = scan.firstIndex(of: "=") {
        let name = scan[..<equals].trimmingCharacters(in: .whitespaces)
        let valueStart = scan.index(equals, offsetBy: 2)
        guard let quote = scan[valueStart...].firstIndex(of: "\"") else { return nil }
        attributes[name] = Self.unescape(scan[valueStart..<quote])
        scan = scan[scan.index(after: quote)...]
      }
      marks.append(Mark(attributes: attributes, start: text.count))
      stack.append(marks.count - 1)
    }
    text.append(contentsOf: Self.unescape(rest).unicodeScalars)
  }

  private static func unescape(_ html: Substring) -> String {
    var text = String(html)
    for (reference, character) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#13;", "\r"),
    ] {
      text = text.replacingOccurrences(of: reference, with: character)
    }
    return text.replacingOccurrences(of: "&amp;", with: "&")
  }
}

@Suite(.serialized) struct RenderTests {
  /// Renders `records` into a new folder; returns it with the result.
  private func render(_ records: URL, _ extra: [String] = [], into site: URL) throws
    -> CommandResult
  {
    try RelaisBinary.run(["render", records.path, "--out", site.path] + extra)
  }

  private func runRecords(_ arguments: [String], into folder: URL) throws -> URL {
    let records = folder.appendingPathComponent("records.jsonl")
    let result = try RelaisBinary.run(["run", "--quiet", "--out", records.path] + arguments)
    #expect(result.status == 0, "\(result.standardError)")
    return records
  }

  /// Every mark of the article's page, read back from the HTML, sits
  /// where its record says: the page's text sliced at the mark's offsets
  /// is the mark's text and the record's.
  @Test func theArticlePageMarksEachRecordAtItsOffsets() throws {
    let folder = try temporaryFolder("relais-render")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = try runRecords(
      [Repository.corpusArticle, "--glossaries", Repository.path("Glossaries"), "--with-text"],
      into: folder)
    let site = folder.appendingPathComponent("site")
    let result = try render(records, ["--glossaries", Repository.path("Glossaries")], into: site)
    #expect(result.status == 0, "\(result.standardError)")
    let html = try String(contentsOf: site.appendingPathComponent("docs/1.html"), encoding: .utf8)
    let page = try #require(ReadBackPage(html))
    let text = try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8)
    #expect(String(page.text) == text)
    var expected: [String: (start: Int, end: Int, text: String)] = [:]
    for line in try String(contentsOf: records, encoding: .utf8).split(separator: "\n") {
      let record = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = (record["id"] as? String)?.split(separator: "#").last.map(String.init) ?? ""
      switch record["type"] as? String {
      case "entity", "term":
        expected["\(record["type"] ?? "")/\(id)"] = (
          record["start"] as? Int ?? -1, record["end"] as? Int ?? -1,
          record["text"] as? String ?? ""
        )
      case "acronym":
        for role in ["short", "long"] {
          let form = try #require(record[role] as? [String: Any])
          expected["acronym/\(id)/\(role)"] = (
            form["start"] as? Int ?? -1, form["end"] as? Int ?? -1, form["text"] as? String ?? ""
          )
        }
      default: break
      }
    }
    let scalars = Array(page.text)
    var seen: [String: (start: Int, end: Int, text: String)] = [:]
    for mark in page.marks {
      let kind = mark.attributes["class"]?.split(separator: " ").first.map(String.init) ?? ""
      let role = mark.attributes["data-role"].map { "/\($0)" } ?? ""
      let key = "\(kind)/\(mark.attributes["data-id"] ?? "")\(role)"
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: scalars[mark.start..<mark.end])
      // Pieces of one span join into one.
      if let earlier = seen[key] {
        #expect(earlier.end == mark.start, "\(key) has a gap")
        seen[key] = (earlier.start, mark.end, earlier.text + String(slice))
      } else {
        seen[key] = (mark.start, mark.end, String(slice))
      }
      #expect(mark.attributes["data-start"] == expected[key].map { String($0.start) }, "\(key)")
    }
    #expect(expected.count > 100)
    #expect(Set(seen.keys) == Set(expected.keys))
    for (key, value) in expected {
      #expect(seen[key]?.start == value.start && seen[key]?.end == value.end, "\(key)")
      #expect(seen[key]?.text == value.text, "\(key)")
    }
  }

  /// A document given with its translation: its page says how many
  /// beads and terms rendered, and lists every term check, those not
  /// rendered first, with the English sentence.
  @Test func aTranslatedDocumentListsItsTermChecks() throws {
    let folder = try temporaryFolder("relais-render-translation")
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = try runRecords(
      [
        "--input", "jsonl", Repository.path("Tests/Fixtures/run/translated.jsonl"),
        "--glossaries", Repository.path("Glossaries"), "--with-text",
      ], into: folder)
    let site = folder.appendingPathComponent("site")
    #expect(try render(records, [], into: site).status == 0)
    let html = try String(contentsOf: site.appendingPathComponent("docs/1.html"), encoding: .utf8)
    #expect(html.contains("<dt>Aligned with its translation</dt><dd>2 beads</dd>"))
    #expect(html.contains("<dt>Terms rendered</dt><dd>2 of 3 French terms</dd>"))
    #expect(html.contains("<h2>Term checks in the translation</h2>"))
    let missing = try #require(html.range(of: "data-status=\"missing\""))
    let rendered = try #require(html.range(of: "data-status=\"rendered\""))
    #expect(missing.lowerBound < rendered.lowerBound)
    #expect(html.contains("The Heritage party won."))
    let untranslated = try String(
      contentsOf: site.appendingPathComponent("docs/2.html"), encoding: .utf8)
    #expect(!untranslated.contains("Term checks"))
    let coverage = try String(
      contentsOf: site.appendingPathComponent("coverage.html"), encoding: .utf8)
    #expect(coverage.contains("<strong id=\"translation-consistency\">0.667</strong> (2 of 3)"))
    #expect(coverage.contains("<h2>Entries rendered worst</h2>"))
    #expect(coverage.contains("missing: parti AMANAT"))
  }

  /// The site's folder: made when absent, replaced whole when it is a site
  /// (no page of the earlier site is left), refused when it holds anything
  /// else or is a link.
  @Test func theSiteFolderIsReplacedOnlyWhenRelaisWroteIt() throws {
    let folder = try temporaryFolder("relais-render")
    defer { try? FileManager.default.removeItem(at: folder) }
    let two = try runRecords(
      [
        Repository.path("Tests/Data/entities/energie.txt"),
        Repository.path("Tests/Data/entities/patrimoine.txt"), "--with-text",
      ], into: folder)
    let site = folder.appendingPathComponent("site")
    #expect(try render(two, into: site).status == 0)
    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("docs/2.html").path))
    let one = folder.appendingPathComponent("one.jsonl")
    #expect(
      try RelaisBinary.run([
        "run", "--quiet", "--with-text", "--out", one.path,
        Repository.path("Tests/Data/entities/energie.txt"),
      ]).status == 0)
    #expect(try render(one, into: site).status == 0)
    #expect(
      !FileManager.default.fileExists(atPath: site.appendingPathComponent("docs/2.html").path))
    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("docs/1.html").path))
    // Nothing left beside it.
    let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(beside.sorted() == ["one.jsonl", "records.jsonl", "site"])

    let mine = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try Data("notes".utf8).write(to: mine.appendingPathComponent("notes.txt"))
    let refused = try render(one, into: mine)
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("error[E010]"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["notes.txt"])

    let link = folder.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site)
    let throughLink = try render(one, into: link)
    #expect(throughLink.status == 2)
    #expect(throughLink.standardError.contains("symbolic link"))
  }

  /// Records without text: the source is read again under `--sources`;
  /// without it (or once the file changed) the page says why and the
  /// command exits 1, naming the document.
  @Test func recordsWithoutTextReadTheSourceAgainOnlyIfUnchanged() throws {
    let folder = try temporaryFolder("relais-render")
    defer { try? FileManager.default.removeItem(at: folder) }
    let documents = folder.appendingPathComponent("docs")
    try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
    let document = documents.appendingPathComponent("maire.txt")
    try Data("Le maire, Grégory Doucet, a parlé.\n".utf8).write(to: document)
    let records = try runRecords([documents.path], into: folder)
    let site = folder.appendingPathComponent("site")

    let found = try render(records, ["--sources", documents.path], into: site)
    #expect(found.status == 0, "\(found.standardError)")
    let page = try String(contentsOf: site.appendingPathComponent("docs/1.html"), encoding: .utf8)
    #expect(ReadBackPage(page).map { String($0.text) } == "Le maire, Grégory Doucet, a parlé.\n")

    let missing = try render(records, into: site)
    #expect(missing.status == 1)
    #expect(missing.standardError.contains("document \"maire\": text not shown"))

    try Data("Le maire, Grégory Doucet, a parlé hier.\n".utf8).write(to: document)
    let changed = try render(records, ["--sources", documents.path], into: site)
    #expect(changed.status == 1)
    #expect(changed.standardError.contains("has changed since the run"))
    let stale = try String(contentsOf: site.appendingPathComponent("docs/1.html"), encoding: .utf8)
    #expect(ReadBackPage(stale) == nil)
    #expect(stale.contains("Text not shown"))
  }

  /// Failed documents are listed with their error, markup in a document is
  /// text, and what is not records is refused with its line.
  @Test func failedDocumentsMarkupAndBadRecords() throws {
    let folder = try temporaryFolder("relais-render")
    defer { try? FileManager.default.removeItem(at: folder) }
    let documents = folder.appendingPathComponent("docs")
    try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
    try Data("Un <script>alert(1)</script> à Paris.\n".utf8).write(
      to: documents.appendingPathComponent("a.txt"))
    try Data([0x4C, 0xE8, 0x0A]).write(to: documents.appendingPathComponent("b.txt"))
    let records = folder.appendingPathComponent("records.jsonl")
    #expect(
      try RelaisBinary.run(["run", "--quiet", "--with-text", "--out", records.path, documents.path])
        .status == 1)
    let site = folder.appendingPathComponent("site")
    let result = try render(records, into: site)
    #expect(result.status == 1)
    let page = try String(contentsOf: site.appendingPathComponent("docs/1.html"), encoding: .utf8)
    #expect(page.contains("Un &lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!page.contains("<script>alert"))
    let failed = try String(contentsOf: site.appendingPathComponent("docs/2.html"), encoding: .utf8)
    #expect(failed.contains("error[E002]"))
    let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(index.contains("2 documents (1 failed)"))

    let notRecords = folder.appendingPathComponent("input.jsonl")
    try Data("{\"id\": \"x\", \"text\": \"Bonjour.\"}\n".utf8).write(to: notRecords)
    let refused = try render(notRecords, into: folder.appendingPathComponent("other"))
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("input.jsonl:1:1: error[E050]"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other").path))
  }
}
