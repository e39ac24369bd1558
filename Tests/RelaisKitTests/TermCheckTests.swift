import Foundation
import Testing

@testable import RelaisKit

/// A glossary for the term check: a name to keep, a forbidden rendering,
/// acronyms on both sides.
let termCheckGlossaryYAML = """
  id: check
  entries:
    - id: amanat
      type: ORG
      do_not_translate: true
      fr:
        preferred: AMANAT
        variants: [parti AMANAT]
      en:
        preferred: Amanat
        variants: [Amanat party, Heritage party]
    - id: agency
      type: ORG
      plurals: true
      fr: agence de presse
      en:
        preferred: news agency
        forbidden: [press office]
    - id: sco
      type: ORG
      fr:
        preferred: Organisation de coopération de Shanghai
        acronyms: [OCS]
      en:
        preferred: Shanghai Cooperation Organisation
        acronyms: [SCO]
  """

func termCheckMatchers() throws -> AlignJob.Matchers {
  try AlignJob.Matchers(glossaries: [parsedGlossary(termCheckGlossaryYAML, path: "check.yaml")])
}

struct TermCheckCase: Sendable, CustomTestStringConvertible {
  let french: String
  let english: String
  /// `entry=status` for each French term, then `:English text` when one
  /// was taken.
  let expected: [String]
  let rule: String
  var testDescription: String { rule }
}

let termCheckCases: [TermCheckCase] = [
  .init(
    french: "Le sommet de l’OCS a eu lieu.", english: "The SCO summit took place.",
    expected: ["sco=rendered:SCO"], rule: "an acronym for an acronym"),
  .init(
    french: "Le sommet de l’Organisation de coopération de Shanghai.",
    english: "The summit of the SCO.", expected: ["sco=rendered:SCO"],
    rule: "an acronym for the full name"),
  .init(
    french: "Le sommet de l’OCS a eu lieu.", english: "The summit took place.",
    expected: ["sco=missing"], rule: "no English term of the entry"),
  .init(
    french: "Une agence de presse l’a dit.", english: "A press office said so.",
    expected: ["agency=forbidden:press office"], rule: "a forbidden rendering"),
  .init(
    french: "Chaque agence de presse l’a dit.", english: "All news agencies said so.",
    expected: ["agency=rendered:news agencies"], rule: "an English plural"),
  .init(
    french: "Le parti AMANAT a gagné.", english: "The Amanat party won.",
    expected: ["amanat=rendered:Amanat party"], rule: "a name kept, the word order changed"),
  .init(
    french: "AMANAT a gagné.", english: "The Heritage party won.",
    expected: ["amanat=not_kept:Heritage party"], rule: "a name to keep, translated"),
  .init(
    french: "L’OCS et encore l’OCS.", english: "The SCO, and the SCO again.",
    expected: ["sco=rendered:SCO", "sco=rendered:SCO"], rule: "each French term takes its own"),
  .init(
    french: "L’OCS et encore l’OCS.", english: "The SCO, twice.",
    expected: ["sco=rendered:SCO", "sco=missing"], rule: "an English term taken only once"),
  .init(
    french: "Le sommet de l’OCS. Il pleut.", english: "It rains. The SCO summit.",
    expected: ["sco=missing"], rule: "only the terms of the same bead"),
]

@Test(arguments: termCheckCases)
func termCheckDecides(_ testCase: TermCheckCase) throws {
  let alignment = try AlignJob.align(
    AlignJob.TextPair(id: "t", french: testCase.french, english: testCase.english),
    Pipeline(until: .normalize), matchers: termCheckMatchers())
  let frenchScalars = Array(testCase.french.unicodeScalars)
  let englishScalars = Array(testCase.english.unicodeScalars)
  func slice(_ scalars: [Unicode.Scalar], _ term: TranslationSide.FoundTerm) -> String {
    String(String.UnicodeScalarView(scalars[term.start..<term.end]))
  }
  let entries = alignment.glossaries[0].entries
  #expect(
    alignment.checks.map { check in
      "\(entries[check.french.entry.entry].id)=\(check.rendering.rawValue)"
        + (check.english.map { ":" + slice(englishScalars, $0) } ?? "")
    } == testCase.expected)
  // Every span slices its text at the term it names.
  for check in alignment.checks {
    #expect(slice(frenchScalars, check.french) == check.french.text)
    if let english = check.english { #expect(slice(englishScalars, english) == english.text) }
  }
}

/// The command: `term_check` records after their bead's alignment record,
/// read back by the record types, and `relais coverage --translations`
/// gating on consistency.
@Test func alignChecksTermsAndCoverageGatesOnConsistency() throws {
  let folder = try temporaryFolder("term-check").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try FileManager.default.createDirectory(
    atPath: folder + "/glossaries", withIntermediateDirectories: true)
  try termCheckGlossaryYAML.write(
    toFile: folder + "/glossaries/check.yaml", atomically: true, encoding: .utf8)
  let french = "Le sommet de l’OCS a eu lieu. AMANAT a gagné. Une agence de presse l’a dit."
  let english = "The SCO summit took place. The Heritage party won. A press office said so."
  try french.write(toFile: folder + "/note.txt", atomically: true, encoding: .utf8)
  try english.write(toFile: folder + "/note.en.txt", atomically: true, encoding: .utf8)
  let aligned = try RelaisBinary.run([
    "align", folder + "/note.txt", folder + "/note.en.txt", "--glossaries",
    folder + "/glossaries", "--out", folder + "/aligned.jsonl",
  ])
  #expect(aligned.status == 0, "\(aligned.standardError)")
  let lines = try String(contentsOfFile: folder + "/aligned.jsonl", encoding: .utf8)
    .split(separator: "\n")
  let records = try lines.map {
    try RecordCoding.decoder().decode(Record.self, from: Data($0.utf8))
  }
  #expect(
    records.map(\.type) == [
      "alignment", "term_check", "alignment", "term_check", "alignment", "term_check",
    ])
  var statuses: [String] = []
  for record in records {
    guard case .termCheck(let check) = record else { continue }
    statuses.append(check.status)
    let scalars = Array(french.unicodeScalars)
    #expect(
      String(String.UnicodeScalarView(scalars[check.fr.start..<check.fr.end])) == check.fr.text)
    #expect((check.context == nil) == (check.status == "rendered"))
  }
  #expect(statuses == ["rendered", "not_kept", "forbidden"])
  // Written again from the types, each record is the same JSON.
  for (line, record) in zip(lines, records) {
    let written = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
    let again =
      try JSONSerialization.jsonObject(with: RecordCoding.encoder().encode(record)) as? NSDictionary
    #expect(written == again)
  }

  let corpus = try RelaisBinary.run([
    "run", folder + "/note.txt", "--glossaries", folder + "/glossaries", "--quiet", "--out",
    folder + "/corpus.jsonl",
  ])
  #expect(corpus.status == 0)
  let coverage = [
    "coverage", folder + "/corpus.jsonl", "--glossaries", folder + "/glossaries",
    "--translations", folder + "/aligned.jsonl", "--json", folder + "/coverage.json",
  ]
  let passes = try RelaisBinary.run(coverage + ["--min-consistency", "0.3"])
  #expect(passes.status == 0, "\(passes.standardError)")
  #expect(passes.standardOutput.contains("Translation consistency: 0.333 of French terms rendered"))
  #expect(passes.standardOutput.contains("AMANAT a gagné. ‖ The Heritage party won."))
  let report = try #require(
    try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder + "/coverage.json"))) as? [String: Any])
  #expect(report["term_checks"] as? Int == 3)
  #expect(report["rendered_terms"] as? Int == 1)
  let fails = try RelaisBinary.run(coverage + ["--min-consistency", "0.5"])
  #expect(fails.status == 1)
  #expect(fails.standardError.contains("translation consistency 0.333 is below the minimum 0.500"))
  let nothing = try RelaisBinary.run([
    "coverage", folder + "/corpus.jsonl", "--translations", folder + "/corpus.jsonl",
    "--min-consistency", "0.5",
  ])
  #expect(nothing.status == 1)
  #expect(nothing.standardError.contains("no term_check record"))
}

/// `plurals` and `do_not_translate` survive TBX (the `relais:` note) and
/// the YAML writer.
@Test func termCheckFlagsRoundTripThroughTBXAndYAML() throws {
  let glossary = try parsedGlossary(termCheckGlossaryYAML, path: "check.yaml")
  #expect(glossary.entries.map(\.plurals) == [false, true, false])
  let tbx = GlossaryInterchange.exportTBX(glossary)
  #expect(tbx.contains("<note>relais: type=ORG; plurals</note>"))
  let back = try GlossaryInterchange.importTBX(Data(tbx.utf8), path: "c.tbx", id: glossary.id)
  #expect(withoutLocations(back.entries) == withoutLocations(glossary.entries))
  let reread = try parsedGlossary(try GlossaryInterchange.yaml(back), path: "c.yaml")
  #expect(withoutLocations(reread.entries) == withoutLocations(glossary.entries))
}

/// The term check on the ParTUT dev pairs, with each fixture glossary:
/// every French term found gets a decision, and every `missing` decision
/// is one `Tests/Fixtures/term-check/missing.tsv` lists as checked by
/// hand; the share of those correct is the precision of `missing`.
@Test(arguments: [
  ("terms", 0.95),  // measured 6 of 6
  ("dictionary", 0.6),  // measured 7 of 11: homographs and compounds
])
func partutMissingDecisionsAreHandChecked(_ folder: String, _ floor: Double) throws {
  let (glossaries, problems) = GlossaryLoader.load(
    directory: Repository.path("Tests/Fixtures/term-check/\(folder)"))
  #expect(problems.isEmpty, "\(problems)")
  let matchers = try AlignJob.Matchers(glossaries: glossaries)
  let pipeline = try Pipeline(until: .normalize)
  var verdicts: [String: (entry: String, term: String, correct: Bool)] = [:]
  for line in try String(
    contentsOfFile: Repository.path("Tests/Fixtures/term-check/missing.tsv"), encoding: .utf8
  ).split(separator: "\n") where !line.hasPrefix("#") {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 6, fields[0] == folder else { continue }
    #expect(["correct", "wrong"].contains(fields[4]), "\(line)")
    verdicts[fields[1]] = (fields[2], fields[3], fields[4] == "correct")
  }
  var missing: [String] = []
  var decisions = 0
  for (index, text) in ParallelTexts.make(try PartutPairs(), chunk: 3, dropEvery: nil)
    .enumerated()
  {
    let alignment = try AlignJob.align(
      AlignJob.TextPair(id: "t\(index)", french: text.french, english: text.english), pipeline,
      matchers: matchers)
    let french = try TranslationSide(
      SourceText(string: text.french, path: "t"), language: .french, pipeline: pipeline,
      matcher: matchers.french)
    #expect(alignment.checks.count == french.terms.joined().count)
    decisions += alignment.checks.count
    for (number, check) in alignment.checks.enumerated() where check.rendering == .missing {
      let id = "t\(index)#c\(number + 1)"
      missing.append(id)
      let entry = glossaries[check.french.entry.glossary].entries[check.french.entry.entry].id
      #expect(verdicts[id]?.entry == entry, "\(id) \(entry) «\(check.french.text)» is not listed")
      #expect(verdicts[id]?.term == check.french.text, "\(id)")
    }
  }
  #expect(decisions > 80)
  #expect(Set(missing) == Set(verdicts.keys), "the hand-checked list is the decisions'")
  let correct = missing.filter { verdicts[$0]?.correct == true }.count
  #expect(!missing.isEmpty)
  #expect(Double(correct) / Double(max(missing.count, 1)) >= floor)
}

/// `relais run` on JSONL lines with a `translation`: the English side is
/// the last stage, its records close the document's (counted by its
/// `document_end`), coverage gates on them without `--translations`, and
/// `--until extract` stops before them.
@Test func relaisRunHasAnEnglishSide() throws {
  let folder = try temporaryFolder("english-side").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try FileManager.default.createDirectory(
    atPath: folder + "/glossaries", withIntermediateDirectories: true)
  try termCheckGlossaryYAML.write(
    toFile: folder + "/glossaries/check.yaml", atomically: true, encoding: .utf8)
  let input = Repository.path("Tests/Fixtures/run/translated.jsonl")
  let corpus = folder + "/corpus.jsonl"
  let run = try RelaisBinary.run([
    "run", "--input", "jsonl", input, "--glossaries", folder + "/glossaries", "--quiet",
    "--with-text", "--out", corpus,
  ])
  #expect(run.status == 0, "\(run.standardError)")
  let lines = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n")
  let records = try lines.map {
    try RecordCoding.decoder().decode(Record.self, from: Data($0.utf8))
  }
  var byDocument: [String: [String]] = [:]
  for record in records { byDocument[record.doc, default: []].append(record.type) }
  #expect(byDocument["p2"]?.contains("alignment") == false)
  #expect(
    byDocument["p1"]?.suffix(5) == [
      "alignment", "term_check", "alignment", "term_check", "document_end",
    ])
  #expect(byDocument["p3"]?.filter { $0 == "term_check" }.count == 1)
  for record in records {
    if case .documentEnd(let end) = record {
      #expect(end.records == byDocument[end.doc, default: []].count - 1)
    }
  }
  var statuses: [String] = []
  for record in records {
    guard case .termCheck(let check) = record else { continue }
    statuses.append("\(check.doc) \(check.entry) \(check.status)")
  }
  #expect(statuses == ["p1 sco rendered", "p1 amanat not_kept", "p3 agency forbidden"])
  // Each record written again from the types is the same JSON.
  for (line, record) in zip(lines, records) {
    let written = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
    let again =
      try JSONSerialization.jsonObject(with: RecordCoding.encoder().encode(record))
      as? NSDictionary
    #expect(written == again)
  }
  let gate = try RelaisBinary.run([
    "coverage", corpus, "--glossaries", folder + "/glossaries", "--min-consistency", "0.5",
  ])
  #expect(gate.status == 1)
  #expect(gate.standardError.contains("translation consistency 0.333 is below the minimum 0.500"))
  let early = try RelaisBinary.run([
    "run", "--input", "jsonl", input, "--glossaries", folder + "/glossaries", "--quiet",
    "--until", "extract",
  ])
  #expect(!early.standardOutput.contains(#""type":"alignment""#))
  // The cache keeps the English side, and a changed translation is
  // processed again.
  let cached = [
    "run", "--input", "jsonl", input, "--glossaries", folder + "/glossaries", "--quiet",
    "--with-text", "--cache", folder + "/cache",
  ]
  let first = try RelaisBinary.run(cached)
  let second = try RelaisBinary.run(cached)
  #expect(first.standardOutput == second.standardOutput)
  #expect(
    first.standardOutput == (try String(contentsOfFile: corpus, encoding: .utf8)))
  let changed = folder + "/changed.jsonl"
  try (try String(contentsOfFile: input, encoding: .utf8))
    .replacingOccurrences(of: "The Heritage party won.", with: "The Amanat party won.")
    .write(toFile: changed, atomically: true, encoding: .utf8)
  let third = try RelaisBinary.run(
    [
      "run", "--input", "jsonl", changed, "--glossaries", folder + "/glossaries", "--quiet",
      "--with-text", "--cache", folder + "/cache",
    ])
  #expect(
    third.standardOutput.contains(#""entry":"amanat","glossary":"check","status":"rendered""#))
  let bad = try RelaisBinary.run(
    ["run", "--input", "jsonl", "-", "--quiet"],
    input: Data(#"{"id": "x", "text": "Un texte.", "translation": 3}"#.utf8))
  #expect(bad.status == 1)
  #expect(bad.standardError.contains("\"translation\" must be a string"))
}

/// `relais run Corpus --translations Translations`: a French file with its
/// `x.en.txt` gets the English side; one without is a warning naming it;
/// a translation that is no text is the document's error (stage align).
@Test func runTakesTranslationsFromAFolder() throws {
  let root = try temporaryFolder("run-translations").path
  defer { try? FileManager.default.removeItem(atPath: root) }
  let files: [(String, [UInt8])] = [
    ("Corpus/a.txt", Array("Le sommet de l’OCS a eu lieu.".utf8)),
    ("Corpus/sub/b.txt", Array("Une agence de presse l’a dit.".utf8)),
    ("Corpus/c.txt", Array("Sans traduction.".utf8)),
    ("Translations/a.en.txt", Array("The SCO summit took place.".utf8)),
    ("Translations/sub/b.en.txt", [0x41, 0xFF, 0x2E]),
    ("glossaries/check.yaml", Array(termCheckGlossaryYAML.utf8)),
  ]
  for (path, bytes) in files {
    let full = root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
  }
  let result = try RelaisBinary.run([
    "run", root + "/Corpus", "--glossaries", root + "/glossaries", "--translations",
    root + "/Translations", "--quiet",
  ])
  #expect(result.status == 1)
  let records = result.standardOutput.split(separator: "\n").compactMap {
    try? RecordCoding.decoder().decode(Record.self, from: Data($0.utf8))
  }
  let checks = records.compactMap { record -> String? in
    guard case .termCheck(let check) = record else { return nil }
    return "\(check.doc) \(check.entry) \(check.status)"
  }
  #expect(checks == ["a sco rendered"])
  let errors = records.compactMap { record -> String? in
    guard case .error(let error) = record else { return nil }
    return "\(error.doc) \(error.stage) \(error.code)"
  }
  #expect(errors == ["sub/b align E002"])
  #expect(result.standardError.contains(root + "/Corpus/c.txt: warning[E008]: no translation"))
  #expect(result.standardError.contains("b.en.txt"))
}
