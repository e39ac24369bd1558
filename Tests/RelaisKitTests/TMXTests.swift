import Foundation
import Testing

@testable import RelaisKit

private func tmxFixture(_ name: String) -> String {
  Repository.path("Tests/Fixtures/tmx/\(name)")
}

/// TMX written by `relais align --to tmx` validates against the TMX 1.4b
/// DTD, and read back with `--input tmx` gives the same segments and, on
/// them, the same term checks as the alignment it was written from.
@Test func alignWritesValidTMXThatReadsBackToTheSameChecks() throws {
  let folder = try temporaryFolder("tmx").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let tmx = folder + "/article.tmx"
  let arguments = [
    "align", Repository.path("Corpus"), Repository.path("Translations"), "--glossaries",
    Repository.path("Glossaries"),
  ]
  let written = try RelaisBinary.run(arguments + ["--to", "tmx", "--out", tmx])
  #expect(written.status == 0, "\(written.standardError)")
  let validation = try runProgram(
    "/usr/bin/xmllint",
    ["--noout", "--dtdvalid", Repository.path("Tests/Data/tmx/tmx14.dtd"), tmx])
  #expect(validation.status == 0, "\(validation.standardError)")
  let records = try RelaisBinary.run(arguments).standardOutput.split(separator: "\n").map {
    try RecordCoding.decoder().decode(Record.self, from: Data($0.utf8))
  }
  let read = try RelaisBinary.run([
    "align", "--input", "tmx", tmx, "--glossaries", Repository.path("Glossaries"),
  ])
  #expect(read.status == 0, "\(read.standardError)")
  let back = try read.standardOutput.split(separator: "\n").map {
    try RecordCoding.decoder().decode(Record.self, from: Data($0.utf8))
  }
  // One unit for each bead that pairs sentences (all of them, here).
  func beads(_ records: [Record]) -> [AlignmentRecord] {
    records.compactMap {
      guard case .alignment(let bead) = $0 else { return nil }
      return bead
    }
  }
  #expect(
    beads(back).count == beads(records).filter { $0.fr.sentences > 0 && $0.en.sentences > 0 }.count)
  #expect(beads(back).count == 36)
  func checks(_ records: [Record]) -> [String] {
    records.compactMap {
      guard case .termCheck(let check) = $0 else { return nil }
      return "\(check.entry) \(check.status) \(check.fr.text) \(check.en?.text ?? "-")"
    }
  }
  #expect(checks(back) == checks(records))
  #expect(checks(back).count == 78)
  let article = try String(contentsOfFile: tmx, encoding: .utf8)
  #expect(article.contains("<note>term missing: bilateral-cooperation (relation bilatérale"))
}

/// What a CAT tool's TMX holds that Relais reads: regions in language
/// codes, the deprecated `lang`, inline codes (`bpt`, `ept`, `ph` left
/// out with their native markup, `hi` kept); a unit without both
/// languages is an error naming its line, the others still read.
@Test func tmxFromACATToolReadsItsUnits() throws {
  var problems: [RelaisError] = []
  let path = tmxFixture("pass/inline.tmx")
  let units = try TMX.units(
    Data(contentsOf: URL(fileURLWithPath: path)), path: path, idPrefix: "m"
  ) { problems.append($0) }
  #expect(
    units == [
      TMX.Unit(
        id: "m#1", french: "Le sommet de l’OCS a eu lieu.", english: "The SCO summit took place."),
      TMX.Unit(
        id: "m#tu2", french: "Une agence de presse l’a dit.", english: "A press office said so."),
    ])
  #expect(problems.map(\.code) == [.malformedTMX])
  #expect(problems.first?.location?.line == 15)
  let result = try RelaisBinary.run([
    "align", "--input", "tmx", path, "--glossaries", Repository.path("Glossaries"),
  ])
  #expect(result.status == 1)
  #expect(result.standardError.contains("inline.tmx:15:"))
  #expect(result.standardError.contains("error[E023]"))
  #expect(result.standardOutput.split(separator: "\n").count >= 2)
}

/// Files that are not TMX Relais can read are refused with a located
/// error and no output.
@Test(arguments: [
  ("cut-short.tmx", "the file ends inside an element"),
  ("not-tmx.tmx", "no <tmx> root element"),
  ("latin1-declared.tmx", "encoding=\"ISO-8859-1\""),
  ("entity.tmx", "<!ENTITY>"),
  ("not-utf8.tmx", "not UTF-8"),
])
func badTMXIsRefusedWithItsPlace(_ file: String, _ says: String) throws {
  let path = tmxFixture("fail/\(file)")
  let result = try RelaisBinary.run(["align", "--input", "tmx", path])
  #expect(result.status == 1)
  #expect(result.standardOutput.isEmpty)
  #expect(result.standardError.contains("\(path):"))
  #expect(result.standardError.contains("error[E023]"), "\(result.standardError)")
  #expect(result.standardError.contains(says), "\(result.standardError)")
}

/// Text as TMX character data: markup escaped, characters XML cannot hold
/// replaced, everything else as it is.
@Test(arguments: [
  ("a < b & c > \"d\"", "a &lt; b &amp; c &gt; &quot;d&quot;"),
  ("tab\tand\nline", "tab\tand\nline"), ("cr\r", "cr&#13;"), ("bell\u{7}", "bell\u{FFFD}"),
  ("é’«»", "é’«»"),
])
func tmxEscapes(_ text: String, _ expected: String) {
  #expect(TMX.escape(text) == expected)
}
