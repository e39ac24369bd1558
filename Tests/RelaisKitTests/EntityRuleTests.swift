import Foundation
import Testing

@testable import RelaisKit

/// Entities and values found in `text` (no glossary), as `LABEL=text` or
/// `LABEL=text=value`.
func entities(_ text: String) throws -> [String] {
  let source = SourceText(string: text, path: "t")
  var extractor = EntityExtractor(matcher: nil)
  var found: [String] = []
  try Pipeline().process(source) { bytes, block in
    for sentence in block.sentences {
      let tokens = block.tokens[sentence]
      for entity in extractor.extract(tokens, bytes, matches: []).entities {
        let span = tokenText(of: entity.tokenRange, in: tokens, bytes)
        found.append(
          [entity.label.rawValue, span, entity.value].compactMap { $0 }.joined(separator: "="))
      }
    }
  }
  return found
}

@Test(arguments: [
  RuleCase(
    text: "Le Président Emmanuel Macron parle.", expected: ["PER=Emmanuel Macron"], rule: "title"),
  RuleCase(
    text: "le président chinois Li Qiang est venu.", expected: ["PER=Li Qiang"],
    rule: "title and adjective"),
  RuleCase(text: "Il a vu M. Dupont hier.", expected: ["PER=Dupont"], rule: "M."),
  RuleCase(
    text: "Sa carrière prend fin chez Airbus SA.", expected: ["ORG=Airbus SA"],
    rule: "company suffix ends a name, never starts one"),
  RuleCase(
    text: "Selon Ursula von der Leyen, présidente de la Commission européenne, rien.",
    expected: ["PER=Ursula von der Leyen", "ORG=Commission européenne"],
    rule: "particles and head noun"),
  RuleCase(
    text: "Il vit à Lyon depuis 2008.", expected: ["LOC=Lyon", "DATE=2008=2008"],
    rule: "place and year"),
  RuleCase(
    text: "Il part vers l'Italie.", expected: ["LOC=Italie"], rule: "article after preposition"),
  RuleCase(
    text: "La Banque mondiale prête.", expected: ["ORG=Banque mondiale"], rule: "head and adjective"
  ),
  RuleCase(
    text: "Il lit le Financial Times.", expected: ["ORG=Financial Times"], rule: "English head last"
  ),
  RuleCase(
    text: "Le groupe français Airbus livre.", expected: ["ORG=Airbus"], rule: "organisation noun"),
  RuleCase(
    text: "Le Fonds monétaire international (FMI) prévoit.",
    expected: ["ORG=Fonds monétaire international", "ORG=FMI"], rule: "definition"),
  RuleCase(
    text: "Le 1er janvier 2025, tout change.", expected: ["DATE=1er janvier 2025=2025-01-01"],
    rule: "full date"),
  RuleCase(
    text: "En 2024, puis les 3 et 4 juillet.",
    expected: ["DATE=2024=2024", "DATE=3 et 4 juillet=2024-07-03/2024-07-04"],
    rule: "year from context"),
  RuleCase(
    text: "En 2024, du 30 au 2 juillet.",
    expected: ["DATE=2024=2024", "DATE=2 juillet=2024-07-02"],
    rule: "a backward range is no range (found by the fuzzer)"),
  RuleCase(
    text: "Début juillet 2024 il part.", expected: ["DATE=Début juillet 2024=2024-07"],
    rule: "qualified month"),
  RuleCase(
    text: "Au XXIe siècle, la 5ème fois.", expected: ["DATE=XXIe siècle=20", "ORDINAL=5ème=5"],
    rule: "century and ordinal"),
  RuleCase(
    text: "Entre 2010 et 2015, puis fin juin 2024 et le 14 juillet 1789, 3 fois en 12 jours.",
    expected: [
      "DATE=2010=2010", "DATE=2015=2015", "DATE=fin juin 2024=2024-06",
      "DATE=14 juillet 1789=1789-07-14",
    ],
    rule: "dates one after another, and numbers that are none"),
  RuleCase(
    text: "L'exposition « Lumières du Nord » ouvre.", expected: ["MISC=Lumières du Nord"],
    rule: "quoted name"),
  RuleCase(
    text: "Les Accords économiques sont signés.", expected: [],
    rule: "no name from a capital at sentence start"),
  RuleCase(
    text: "Le 12 mai il pleut.", expected: ["DATE=12 mai=--05-12"], rule: "date without any year"),
])
func entityRule(_ testCase: RuleCase) throws {
  let found = try entities(testCase.text)
  #expect(found == testCase.expected, "\(found)")
}

@Test(arguments: [
  (["world", "health", "organization"], "who", true),
  (["health", "organization"], "who", false),
  (["fonds", "monetaire", "international"], "fmi", true),
  (["agence", "internationale", "de", "l'", "energie"], "aie", true),
  (
    ["institut", "national", "de", "la", "statistique", "et", "des", "etudes", "economiques"],
    "insee", true
  ),
  (["banque", "centrale"], "bcx", false),
])
func schwartzHearstLetters(_ words: [String], _ short: String, _ holds: Bool) {
  func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
  #expect(EntityExtractor.holdsInOrder(scalars(short), words.map(scalars)) == holds)
}
