/// Escaping for the pages `relais render` writes. Everything that comes
/// from a document or a record goes through here, so a document holding
/// `<script>` shows it as text.
package enum HTML {
  /// `text` as HTML character data: `&`, `<` and `>` as references, and
  /// every control character but tab and line feed as a numeric
  /// reference. A carriage return written raw would reach the DOM as a line
  /// feed (the HTML parser folds CR LF into LF), and the page's text would
  /// no longer be the document's, code point for code point.
  package static func text(_ text: Substring.UnicodeScalarView) -> String {
    var escaped = String()
    escaped.reserveCapacity(text.count)
    for scalar in text { append(scalar, to: &escaped, quotes: false) }
    return escaped
  }

  package static func text(_ text: String) -> String {
    self.text(Substring(text).unicodeScalars)
  }

  /// `text` for a double-quoted attribute value.
  package static func attribute(_ text: String) -> String {
    var escaped = String()
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars { append(scalar, to: &escaped, quotes: true) }
    return escaped
  }

  private static func append(_ scalar: Unicode.Scalar, to escaped: inout String, quotes: Bool) {
    switch scalar {
    case "&": escaped += "&amp;"
    case "<": escaped += "&lt;"
    case ">": escaped += "&gt;"
    case "\"" where quotes: escaped += "&quot;"
    case "'" where quotes: escaped += "&#39;"
    case "\t", "\n": escaped.unicodeScalars.append(scalar)
    // C0 controls as references. C1 controls stay raw: as references,
    // &#128;–&#159; would be read as Windows-1252 (&#128; is €).
    case "\u{0}"..."\u{1F}": escaped += "&#\(scalar.value);"
    default: escaped.unicodeScalars.append(scalar)
    }
  }

  /// A table of `headers` (plain text) and `rows` of cells already in
  /// HTML; a cell that holds a number is right-aligned.
  static func table(id: String? = nil, headers: [String], rows: [[Cell]]) -> String {
    var html = "<table class=\"list\"" + (id.map { " id=\"\(attribute($0))\"" } ?? "") + "><tr>"
    html += headers.map { "<th>\(text($0))</th>" }.joined() + "</tr>\n"
    for row in rows {
      html += "<tr>"
      for cell in row {
        switch cell {
        case .html(let content): html += "<td>\(content)</td>"
        case .number(let number): html += "<td class=\"number\">\(number)</td>"
        }
      }
      html += "</tr>\n"
    }
    return html + "</table>\n"
  }

  /// A cell of `table`.
  enum Cell {
    case html(String)
    case number(Int)

    static func plain(_ content: String) -> Cell { .html(HTML.text(content)) }
  }

  /// A titled section of the page: its table, or "None." when it has no
  /// rows.
  static func section(_ title: String, id: String? = nil, headers: [String], rows: [[Cell]])
    -> String
  {
    "<h2>\(text(title))</h2>\n"
      + (rows.isEmpty ? "<p>None.</p>\n" : table(id: id, headers: headers, rows: rows))
  }
}
