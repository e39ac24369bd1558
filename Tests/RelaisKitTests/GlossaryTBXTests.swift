import Foundation
import Testing

@testable import RelaisKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

private func tbxData(_ name: String) -> String {
  Repository.path("Tests/Data/tbx/\(name)")
}

/// `xmllint` (Debian's libxml2-utils, which `make test` installs): the
/// export validated against the TBX v2 DTD or the TBX v3 RELAX NG schema.
private func validate(_ tbx: String, _ version: TBX.Version) throws -> CommandResult {
  let folder = try temporaryFolder("relais-tbx")
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("export.tbx")
  try Data(tbx.utf8).write(to: file)
  let schema =
    version == .v2
    ? ["--dtdvalid", tbxData("v2/TBXcoreStructV02.dtd")]
    : ["--relaxng", tbxData("v3/TBXcoreStructV03.rng")]
  return try runProgram("/usr/bin/xmllint", ["--noout"] + schema + [file.path])
}

private func tree(_ text: String) throws -> XMLTree.Element {
  try XMLTree.read(
    Data(text.utf8), path: "t.tbx", code: .glossaryImport, format: "TBX",
    keptInline: XMLTree.tbxInline)
}

/// The data of a TBX file, whatever its version: every element without
/// child elements, with its attributes, its text, and where it stands (its
/// entry, language and term), counted.
private func leaves(_ text: String) throws -> [String: Int] {
  var counts: [String: Int] = [:]
  func walk(_ node: XMLTree.Element, _ place: String) {
    var place = place
    switch node.name {
    case "termEntry", "conceptEntry": place = "entry \(node.attributes["id"] ?? "")"
    case "langSet", "langSec":
      place += " lang \(node.attributes["xml:lang"]?.prefix(2) ?? "")"
    case "tig", "ntig", "termSec":
      let term = node.children.flatMap { $0.name == "termGrp" ? $0.children : [$0] }
        .first { $0.name == "term" }
      place += " term \(TBX.clean(term?.text ?? ""))"
    default: break
    }
    guard node.children.isEmpty else {
      for child in node.children { walk(child, place) }
      return
    }
    let attributes = node.attributes.filter { $0.key != "xml:lang" }.sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    counts["\(place) | <\(node.name) \(attributes)> \(TBX.clean(node.text))", default: 0] += 1
  }
  walk(try tree(text), "header")
  return counts
}

/// What TBX-Basic's Schematron rules refuse (TBX-Basic_DCA.sch): a data
/// category the dialect does not have, or one at a level it is not allowed.
private func basicViolations(_ text: String) throws -> [String: Int] {
  var counts: [String: Int] = [:]
  let termLevel: Set<String> = ["tig", "ntig", "termGrp", "termSec"]
  func walk(_ node: XMLTree.Element, parent: String, grandparent: String) {
    if let type = node.attributes["type"], let allowed = TBX.basicDataCategories[node.name],
      !allowed.contains(type)
    {
      counts["<\(node.name) type=\(type)>", default: 0] += 1
    }
    // A descripGrp stands for its parent.
    let level = parent == "descripGrp" ? grandparent : parent
    let misplaced: Bool
    switch (node.name, node.attributes["type"]) {
    case ("termNote", _): misplaced = !termLevel.contains(parent) && parent != "termNoteGrp"
    case ("descrip", "subjectField"): misplaced = !["termEntry", "conceptEntry"].contains(level)
    case ("descrip", "context"): misplaced = !termLevel.contains(level)
    case ("descrip", "definition"):
      misplaced = !["termEntry", "conceptEntry", "langSet", "langSec"].contains(level)
    case ("xref", "xGraphic"):
      misplaced = !["termEntry", "conceptEntry", "langSet", "langSec"].contains(parent)
    default: misplaced = false
    }
    if misplaced {
      counts["<\(node.name) type=\(node.attributes["type"] ?? "")> in <\(level)>", default: 0] += 1
    }
    for child in node.children { walk(child, parent: node.name, grandparent: parent) }
  }
  walk(try tree(text), parent: "", grandparent: "")
  return counts
}

/// `subset`'s counts are all within `of`'s.
private func isContained(_ subset: [String: Int], in superset: [String: Int]) -> [String] {
  subset.compactMap { key, count in (superset[key] ?? 0) < count ? key : nil }.sorted()
}

/// What an export may add to the data it was given: a status for a term
/// that had none, the source line and XCS reference of a header, a title.
private func isAddedByExport(_ leaf: String) -> Bool {
  leaf.contains("<termNote type=administrativeStatus>")
    || leaf.contains("<p type=XCSURI> TBXBasicXCSV02.xcs") || leaf.contains("> relais glossary ")
    || leaf.hasPrefix("header | <title ")
}

struct TBXSampleCase: Sendable, CustomTestStringConvertible {
  let sample: String
  let version: TBX.Version
  var testDescription: String { "\(sample) as TBX \(version.rawValue)" }
}

private let sampleCases = ["v3/TBX-basic-sample.tbx", "v3/Example_Astronomy_DCA_VALID.tbx"]
  .flatMap { sample in TBX.Version.allCases.map { TBXSampleCase(sample: sample, version: $0) } }

@Suite struct GlossaryTBXTests {
  /// The official samples: imported, written as YAML that lints clean,
  /// exported as each TBX version, the export valid and holding every
  /// piece of data the sample held where it stood, with no TBX-Basic rule
  /// broken that the sample did not break, and imported again to the same
  /// YAML.
  @Test(arguments: sampleCases)
  func officialSamplesRoundTripWithoutLoss(_ test: TBXSampleCase) throws {
    let original = try String(contentsOfFile: tbxData(test.sample), encoding: .utf8)
    let glossary = try GlossaryInterchange.importTBX(
      Data(original.utf8), path: test.sample, id: "sample")
    let yaml = try GlossaryInterchange.yaml(glossary)
    let (reread, problems) = GlossaryLoader.parse(yaml: yaml, path: "sample.yaml", sha256: "")
    #expect(problems.isEmpty, "\(problems)")
    let loaded = try #require(reread)
    let exported = GlossaryInterchange.exportTBX(loaded, version: test.version)
    let validation = try validate(exported, test.version)
    #expect(validation.status == 0, "\(validation.standardError)")

    let given = try leaves(original)
    let written = try leaves(exported)
    #expect(given.values.reduce(0, +) > 50)
    #expect(isContained(given, in: written) == [], "data lost in the export")
    let added = written.filter { key, count in count > (given[key] ?? 0) }.map(\.key)
    #expect(added.filter { !isAddedByExport($0) }.sorted() == [], "data the sample did not hold")
    #expect(isContained(try basicViolations(exported), in: try basicViolations(original)) == [])

    let back = try GlossaryInterchange.importTBX(
      Data(exported.utf8), path: "export.tbx", id: "sample")
    #expect(try GlossaryInterchange.yaml(back) == yaml)
  }

  /// The corpus glossary, exported as each version: valid, within
  /// TBX-Basic's data categories and levels, and imported back the same.
  @Test(arguments: TBX.Version.allCases)
  func corpusGlossaryExportsValidTBXBasic(_ version: TBX.Version) throws {
    let (loaded, problems) = GlossaryLoader.load(
      file: Repository.path("Glossaries/china-kazakhstan.yaml"))
    #expect(problems.isEmpty)
    let glossary = try #require(loaded)
    let exported = GlossaryInterchange.exportTBX(glossary, version: version)
    let validation = try validate(exported, version)
    #expect(validation.status == 0, "\(validation.standardError)")
    #expect(try basicViolations(exported) == [:])
    #expect(exported.contains("<note>relais: type=ORG</note>"))
    if version == .v2 {
      #expect(exported.contains("<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">"))
    }
    let back = try GlossaryInterchange.importTBX(
      Data(exported.utf8), path: "g.tbx", id: glossary.id)
    #expect(try GlossaryInterchange.yaml(back) == GlossaryInterchange.yaml(glossary))
  }

  /// The broken samples: an element TBX has not and a file that is not
  /// XML are refused with their place and nothing is written; data
  /// categories outside TBX-Basic are kept with a warning naming them.
  @Test(arguments: [
    (
      "v3/tbx_basic_sample_badelement.tbx", 2,
      "tbx_basic_sample_badelement.tbx:33:41: error[E039]: <transaction> is not a TBX element"
    ),
    (
      "v3/tbx_basic_sample_notwellformed.tbx", 2,
      "tbx_basic_sample_notwellformed.tbx:41:18: error[E039]"
    ),
    (
      "v3/tbx_basic_sample_badattribute.tbx", 0,
      "tbx_basic_sample_badattribute.tbx:32:26: warning: <admin type=\"origin\"> is not a TBX-Basic data category"
    ),
  ])
  func brokenSamplesAreRefusedOrWarnedAt(_ sample: String, _ status: Int32, _ message: String)
    throws
  {
    let folder = try temporaryFolder("relais-tbx")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out.yaml")
    let result = try RelaisBinary.run([
      "glossary", "import", "--from", "tbx", tbxData(sample), "--out", out.path,
    ])
    #expect(result.status == status)
    #expect(result.standardError.contains(message), "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: out.path) == (status == 0))
  }

  /// Monolingual entries (the official sample has two, English only) are
  /// kept, marked, with a warning; the mark is the only way an entry may
  /// lack French or English, and it is refused where it says nothing.
  @Test func monolingualEntriesAreKeptMarkedAndLintClean() throws {
    let folder = try temporaryFolder("relais-tbx")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("sample.yaml")
    let result = try RelaisBinary.run([
      "glossary", "import", "--from", "tbx", tbxData("v3/TBX-basic-sample.tbx"), "--out", out.path,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardError.contains(
        "TBX-basic-sample.tbx:133:25: warning: entry c1 has no fr terms (it has en): kept, marked monolingual: true"
      ))
    let yaml = try String(contentsOf: out, encoding: .utf8)
    #expect(yaml.components(separatedBy: "monolingual: true").count == 3)
    #expect(try RelaisBinary.run(["glossary", "lint", folder.path]).status == 0)

    let cases: [(String, ErrorCode?)] = [
      ("    monolingual: true\n    en: unscheduled operation\n", nil),
      ("    en: unscheduled operation\n", .glossaryMissingLanguage),
      (
        "    monolingual: true\n    en: unscheduled operation\n    fr: opération imprévue\n",
        .glossaryFieldType
      ),
      ("    monolingual: true\n", .glossaryMissingLanguage),
    ]
    for (fields, expected) in cases {
      let text = "id: m\nentries:\n  - id: c2\n    type: CONCEPT\n" + fields
      let (_, problems) = GlossaryLoader.parse(yaml: text, path: "m.yaml", sha256: "")
      #expect(problems.map(\.code) == (expected.map { [$0] } ?? []), "\(fields)")
    }
  }
}
