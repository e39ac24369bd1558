import Foundation
import Testing

@testable import RelaisKit

private func fixture(_ name: String) -> String {
  Repository.path("Tests/Fixtures/glossary-import/\(name)")
}

@Test func corpusGlossaryRoundTripsThroughTBXWithoutLoss() throws {
  let path = Repository.path("Glossaries/china-kazakhstan.yaml")
  let (original, problems) = GlossaryLoader.load(file: path)
  #expect(problems.isEmpty)
  let glossary = try #require(original)
  let tbx = GlossaryInterchange.exportTBX(glossary)
  let back = try GlossaryInterchange.importTBX(Data(tbx.utf8), path: "g.tbx", id: glossary.id)
  #expect(back.title == glossary.title)
  #expect(withoutLocations(back.entries) == withoutLocations(glossary.entries))
  // And through the YAML writer: what it writes reads back the same.
  let yaml = try GlossaryInterchange.yaml(back)
  let (reread, yamlProblems) = GlossaryLoader.parse(yaml: yaml, path: "g.yaml", sha256: "")
  #expect(yamlProblems.isEmpty)
  #expect(withoutLocations(try #require(reread).entries) == withoutLocations(glossary.entries))
}

@Test func tbxVersion3WithRegionsAndStatuses() throws {
  let glossary = try GlossaryInterchange.importTBX(
    try Data(contentsOf: URL(fileURLWithPath: fixture("tbx3.tbx"))), path: "tbx3.tbx", id: "io")
  #expect(glossary.title == "Organisations internationales")
  let entry = try #require(glossary.entries.first)
  #expect(entry.id == "c001")
  #expect(
    entry.languages["en"]
      == LanguageTerms(preferred: "Shanghai Cooperation Organisation", acronyms: ["SCO"]))
  #expect(
    entry.languages["fr"]
      == LanguageTerms(
        preferred: "Organisation de coopération de Shanghai", acronyms: ["OCS"],
        forbidden: ["Organisation de Shanghai"]))
}

@Test func csvWithSynonymsAndTSVWithRegions() throws {
  let csv = try GlossaryInterchange.importCSV(
    try String(contentsOfFile: fixture("terms.csv"), encoding: .utf8), path: "terms.csv", id: "t")
  #expect(csv.entries.map(\.id) == ["cpc", "central-asia"])
  #expect(
    csv.entries[0].languages["en"]
      == LanguageTerms(
        preferred: "Communist Party of China", variants: ["Chinese Communist Party"],
        acronyms: ["CPC"]))
  #expect(csv.entries[0].languages["fr"]?.acronyms == ["PCC"])
  #expect(csv.entries[1].type == "LOC")
  #expect(csv.entries[1].languages["zh"]?.preferred == "中亚")
  let tsv = try GlossaryInterchange.importCSV(
    try String(contentsOfFile: fixture("terms.tsv"), encoding: .utf8), path: "terms.tsv", id: "t")
  #expect(tsv.entries.map(\.id) == ["three-evils", "digital-currency"])
  #expect(tsv.entries[0].languages["fr"]?.preferred == "Trois maux")
}

@Test(arguments: ["bad-no-lang.tbx", "bad-xml.tbx"])
func badTBXNamesTheFileAndLine(_ name: String) throws {
  let result = try RelaisBinary.run(["glossary", "import", "--from", "tbx", fixture(name)])
  #expect(result.status == 2)
  #expect(result.standardError.contains("\(name):"))
  #expect(result.standardError.contains("error[E039]"))
  #expect(result.standardOutput.isEmpty)
}

@Test func importedGlossaryPassesLintAndMatches() throws {
  let folder = try temporaryFolder("relais-import")
  defer { try? FileManager.default.removeItem(at: folder) }
  let out = folder.appendingPathComponent("imported.yaml").path
  let result = try RelaisBinary.run([
    "glossary", "import", "--from", "csv", fixture("terms.csv"), "--out", out,
  ])
  #expect(result.status == 0, "\(result.standardError)")
  #expect(try RelaisBinary.run(["glossary", "lint", folder.path]).status == 0)
  let run = try RelaisBinary.run(
    ["run", "-", "--glossaries", folder.path, "--quiet"],
    input: Data("Le PCC en Asie centrale.".utf8))
  #expect(run.standardOutput.contains("\"entry\":\"cpc\""))
  #expect(run.standardOutput.contains("\"entry\":\"central-asia\""))
}

/// TBX markup inside a term keeps every word: inline elements and CDATA
/// join the term's text.
@Test(arguments: [
  "Organisation de <hi>coop</hi>ération de Shanghai",
  "Organisation de <![CDATA[coopération]]> de Shanghai",
  "Organisation <ph>de</ph> <hi>coopération <hi>de</hi></hi> Shanghai",
  "Organisation de coop&#233;ration de Shanghai",
])
func tbxTermMarkupKeepsItsText(_ term: String) throws {
  let tbx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <martif type="TBX-Basic"><text><body><termEntry id="sco">
    <langSet xml:lang="fr"><tig><term>\(term)</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>Shanghai Cooperation Organisation</term></tig></langSet>
    </termEntry></body></text></martif>
    """
  let glossary = try GlossaryInterchange.importTBX(Data(tbx.utf8), path: "t.tbx", id: "t")
  #expect(
    glossary.entries.first?.languages["fr"]?.preferred == "Organisation de coopération de Shanghai")
}

/// XMLParser expands an internal entity wrongly, so one is refused with
/// its place rather than imported corrupted.
@Test func tbxEntityDeclarationsAreRefusedWithTheirPlace() throws {
  let tbx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE martif [
      <!ENTITY co "coopération">
    ]>
    <martif type="TBX-Basic"><text><body><termEntry id="sco">
    <langSet xml:lang="fr"><tig><term>Organisation de &co; de Shanghai</term></tig></langSet>
    </termEntry></body></text></martif>
    """
  #expect {
    _ = try GlossaryInterchange.importTBX(Data(tbx.utf8), path: "e.tbx", id: "e")
  } throws: { error in
    guard let error = error as? RelaisError else { return false }
    return error.code == .glossaryImport && error.location?.line == 3
      && error.location?.column == 3 && error.message.contains("<!ENTITY>")
  }
}

/// A CSV that would lose cells is refused, and `--out` writes nothing
/// when the import fails lint: the failure names the CSV row.
@Test(arguments: [
  ("fr,en,fr-FR\nOCS,SCO,X\n", "1:1: error[E039]: header columns 1 and 3 are both 'fr'"),
  ("fr,en\nOCS,SCO,de trop\n", "2:1: error[E039]: row 2 has 3 cells; the header has 2"),
  ("fr,en\nOCS,SCO\nChine\n", "3:1: error[E037]"),
  ("fr,en\nOCS,SCO\n.,Dot\n", "3:1: error[E040]"),
])
func csvImportRefusesWhatItWouldLose(_ csv: String, _ expected: String) throws {
  let folder = try temporaryFolder("relais-csv")
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("terms.csv").path
  try csv.write(toFile: input, atomically: true, encoding: .utf8)
  let output = folder.appendingPathComponent("terms.yaml").path
  let result = try RelaisBinary.run([
    "glossary", "import", "--from", "csv", input, "--out", output,
  ])
  #expect(result.status == 2)
  #expect(result.standardError.contains("\(input):\(expected)"), "\(result.standardError)")
  #expect(!FileManager.default.fileExists(atPath: output))
}

/// Headers as terminology tools export them: memoQ's `Entry_ID`,
/// `English_United_Kingdom` and `…_Def` columns, `;` as the delimiter;
/// language names and a `Definition` column in a TSV. Definitions land in
/// the note; bookkeeping columns are read past with a notice, and the
/// delimiter used is said.
@Test func csvHeadersAsTerminologyToolsWriteThem() throws {
  var notices: [String] = []
  let memoq = try GlossaryInterchange.importCSV(
    try String(contentsOfFile: fixture("memoq.csv"), encoding: .utf8), path: "memoq.csv",
    id: "m", notices: &notices)
  #expect(memoq.entries.map(\.id) == ["sco", "central-asia"])
  #expect(memoq.entries[0].languages["en"]?.preferred == "Shanghai Cooperation Organisation")
  #expect(memoq.entries[0].languages["en"]?.acronyms == ["SCO"])
  #expect(memoq.entries[0].languages["fr"]?.acronyms == ["OCS"])
  #expect(
    memoq.entries[0].note
      == "definition (en): A regional security bloc. | definition (fr): Une organisation régionale."
  )
  #expect(memoq.entries[1].note == nil)
  #expect(notices.contains("read as semicolon-separated (from the header line)"))
  #expect(notices.contains("columns read past: Entry_Subject, Entry_Created"))

  var tsvNotices: [String] = []
  let names = try GlossaryInterchange.importCSV(
    try String(contentsOfFile: fixture("names.tsv"), encoding: .utf8), path: "names.tsv",
    id: "n", notices: &tsvNotices)
  #expect(names.entries.count == 1)
  #expect(names.entries[0].languages["en"]?.acronyms == ["BLCU"])
  #expect(
    names.entries[0].languages["fr"]?.preferred
      == "Université des langues et de la culture de Pékin")
  #expect(names.entries[0].note == "definition: A university in Beijing.")
  #expect(tsvNotices.first == "read as tab-separated (from the header line)")
}

/// Which column a header names, header by header.
@Test(arguments: [
  ("fr", CSVColumn.terms(language: "fr")), ("en-GB", .terms(language: "en")),
  ("zh_CN", .terms(language: "zh")), ("English", .terms(language: "en")),
  ("Français", .terms(language: "fr")), ("French (France)", .terms(language: "fr")),
  ("English_United_Kingdom_Def", .definition(language: "en")),
  ("Definition", .definition(language: nil)),
  ("Entry_ID", .id), ("Entry_Note", .note), ("Entry_Domain", .ignored), ("type", .type),
])
func csvHeaderNamesItsColumn(_ header: String, _ column: CSVColumn) {
  #expect(CSVHeaders.column(header) == column)
}

@Test func csvHeaderThatNamesNothingIsRefused() {
  #expect(CSVHeaders.column("Klingon") == nil)
  #expect(CSVHeaders.column("") == nil)
}
