import Foundation

/// TMX 1.4b (translation memory exchange, LISA OSCAR), the format CAT tools
/// open: a French text and its translation, aligned, as translation units
/// of one French and one English segment. Read, each unit is a pair whose
/// alignment is given (the term check runs on it directly); written, each
/// bead that pairs sentences is a unit. Files validate against the TMX 1.4b
/// DTD (`Tests/Data/tmx/tmx14.dtd`).
package enum TMX {
  /// A translation unit read: its id and its two segments' texts.
  package struct Unit: Sendable, Equatable {
    package var id: String
    package var french: String
    package var english: String
  }

  /// The units of a TMX file; a unit without a French or an English
  /// segment is reported through `problem` (E023, with its line) and
  /// skipped. A file that is not TMX throws.
  package static func units(
    _ data: Data, path: String, idPrefix: String, problem: (RelaisError) -> Void
  ) throws(RelaisError) -> [Unit] {
    let root = try XMLTree.read(
      data, path: path, code: .malformedTMX, format: "TMX", keptInline: ["hi", "sub"],
      droppedInline: ["bpt", "ept", "ph", "it", "ut"])
    guard root.name == "tmx" else {
      throw RelaisError(.malformedTMX, "no <tmx> root element", path: path)
    }
    var units: [Unit] = []
    var seen = Set<String>()
    let body = root.children.first { $0.name == "body" }
    for (index, unit) in (body?.children ?? []).enumerated() where unit.name == "tu" {
      let location = InputLocation(
        path: path, line: unit.line, column: unit.column, byteOffset: 0)
      func segment(_ language: String) -> String? {
        unit.children.first { variant in
          guard variant.name == "tuv",
            let code = variant.attributes["xml:lang"] ?? variant.attributes["lang"]
          else { return false }
          return code.lowercased().prefix { $0 != "-" && $0 != "_" } == language
        }?.children.first { $0.name == "seg" }?.text
      }
      guard let french = segment("fr"), let english = segment("en") else {
        problem(
          XMLTree.withByteOffset(
            RelaisError(
              .malformedTMX, "a translation unit without a French and an English segment",
              at: location), in: data))
        continue
      }
      var id = unit.attributes["tuid"].map { "\(idPrefix)#\($0)" } ?? "\(idPrefix)#tu\(index + 1)"
      if !seen.insert(id).inserted {
        id = "\(idPrefix)#tu\(index + 1)"
        guard seen.insert(id).inserted else {
          problem(
            XMLTree.withByteOffset(
              RelaisError(.malformedTMX, "a translation unit id used twice", at: location),
              in: data))
          continue
        }
      }
      units.append(Unit(id: id, french: french, english: english))
    }
    return units
  }

  /// A TMX document of the beads that pair sentences (a gap bead has one
  /// side only, and a unit pairs two segments), each unit's `tuid` its
  /// `alignment` record's id, with the bead and score as properties and,
  /// with glossaries, a note for each French term not rendered.
  package static func document(_ alignments: [AlignJob.Alignment]) -> String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE tmx SYSTEM "tmx14.dtd">
      <tmx version="1.4">
        <header creationtool="Relais" creationtoolversion="\(RelaisVersion.current)" \
      segtype="sentence" o-tmf="Relais JSONL" adminlang="en" srclang="fr" datatype="plaintext"/>
        <body>

      """
    for alignment in alignments {
      let texts = BeadTexts(alignment)
      for (index, (pair, checks)) in zip(alignment.pairs, alignment.checksByBead).enumerated()
      where !pair.french.isEmpty && !pair.english.isEmpty {
        xml += "    <tu tuid=\"\(escape("\(alignment.id)#a\(index + 1)"))\">\n"
        for check in checks where check.rendering != .rendered {
          let entry = alignment.entry(of: check)
          let expected = entry.languages["en"].map { "; expected: \($0.preferred)" } ?? ""
          let note =
            "term \(check.rendering.rawValue): \(entry.id) (\(check.french.text)"
            + (check.english.map { " as \($0.text)" } ?? "") + "\(expected))"
          xml += "      <note>\(escape(note))</note>\n"
        }
        xml += "      <prop type=\"x-bead\">\(pair.bead.rawValue)</prop>\n"
        xml += "      <prop type=\"x-score\">\(String(format: "%.3f", pair.score))</prop>\n"
        let (french, english) = texts.texts(of: pair)
        for (language, text) in [("fr", french), ("en", english)] {
          xml += "      <tuv xml:lang=\"\(language)\"><seg>\(escape(text))</seg></tuv>\n"
        }
        xml += "    </tu>\n"
      }
    }
    xml += "  </body>\n</tmx>\n"
    return xml
  }

  /// Text as XML character data: markup characters escaped, and the
  /// control characters XML 1.0 cannot hold at all (all below U+0020 but
  /// tab, line feed and carriage return) as U+FFFD.
  static func escape(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\r": result += "&#13;"
      case "\t", "\n": result.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        result += "\u{FFFD}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
