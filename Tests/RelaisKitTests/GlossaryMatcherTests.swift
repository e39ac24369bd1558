import Foundation
import Testing

@testable import RelaisKit

/// A small glossary for the matcher's rules.
let matcherGlossaryYAML = """
  id: test
  entries:
    - id: sco
      type: ORG
      fr:
        preferred: Organisation de coopération de Shanghai
        acronyms: [OCS]
      en:
        preferred: Shanghai Cooperation Organisation
        acronyms: [SCO]
    - id: shanghai
      type: LOC
      fr: Shanghai
      en: Shanghai
    - id: amanat
      type: ORG
      fr: AMANAT
      en: Amanat
    - id: cmg
      type: ORG
      fr:
        preferred: China Media Group
        acronyms: [CMG]
      en: China Media Group
    - id: cnpc
      type: ORG
      fr:
        preferred: China National Petroleum Corporation
        acronyms: [CNPC]
      en: China National Petroleum Corporation
    - id: tokayev
      type: PER
      fr: Kassym-Jomart Tokaïev
      en: Kassym-Jomart Tokayev
    - id: shared-future
      type: CONCEPT
      fr: communauté de destin pour l’humanité
      en: community with a shared future for mankind
    - id: peoples-daily
      type: ORG
      fr: People’s Daily
      en: People’s Daily
    - id: state-visit
      type: EVENT
      plurals: true
      fr: visite d’État
      en: state visit
    - id: agency
      type: ORG
      plurals: true
      fr: agence de presse
      en:
        preferred: news agency
        forbidden: [press office]
    - id: tax
      type: CONCEPT
      plurals: true
      fr: taxe carbone
      en: carbon tax
  """

func testMatcher(_ policy: OverlapPolicy = .leftmostLongest) throws -> TermMatcher {
  try TermMatcher(
    glossaries: [parsedGlossary(matcherGlossaryYAML, path: "test.yaml")], policy: policy)
}

/// The entries and texts found in `text`, in order.
func found(_ text: String, _ matcher: TermMatcher) throws -> [String] {
  var result: [String] = []
  let source = SourceText(string: text, path: "t")
  try Pipeline().process(source, language: matcher.language) { bytes, block in
    for sentence in block.sentences {
      var matches: [TermMatch] = []
      let tokens = block.tokens[sentence]
      matcher.matches(in: tokens, bytes, into: &matches)
      for match in matches {
        let entry = matcher.glossaries[0].entries[matcher.terms[match.term].entry].id
        result.append("\(entry)=\(tokenText(of: match.tokenRange, in: tokens, bytes))")
      }
    }
  }
  return result
}

let matchCases: [RuleCase] = [
  .init(text: "au sommet de l’OCS à Astana", expected: ["sco=OCS"], rule: "elision ’"),
  .init(text: "le rôle d'AMANAT", expected: ["amanat=AMANAT"], rule: "elision '"),
  .init(text: "qu’AMANAT soutient", expected: ["amanat=AMANAT"], rule: "elision qu’"),
  .init(text: "le parti Amanat", expected: ["amanat=Amanat"], rule: "case of a mixed-case term"),
  .init(text: "avec le CMG", expected: ["cmg=CMG"], rule: "acronym"),
  .init(text: "avec le cmg", expected: [], rule: "acronym never in lowercase"),
  .init(text: "avec le ＣＭＧ", expected: ["cmg=ＣＭＧ"], rule: "full-width acronym (NFKC)"),
  .init(text: "avec le ｃｍｇ", expected: [], rule: "full-width acronym never in lowercase"),
  .init(text: "le CMGX et l'ACNPC", expected: [], rule: "never inside a word"),
  .init(text: "la china media group", expected: ["cmg=china media group"], rule: "case folded"),
  .init(
    text: "Kassym-Jomart Tokaiev", expected: ["tokayev=Kassym-Jomart Tokaiev"],
    rule: "accents folded"),
  .init(
    text: "Kassym Jomart Tokaïev", expected: ["tokayev=Kassym Jomart Tokaïev"],
    rule: "hyphen as space"),
  .init(
    text: "Kassym‑Jomart Tokaïev", expected: ["tokayev=Kassym‑Jomart Tokaïev"],
    rule: "non-breaking hyphen"),
  .init(
    text: "une visite d'État", expected: ["state-visit=visite d'État"],
    rule: "apostrophe variant in a term"),
  .init(
    text: "le People's Daily", expected: ["peoples-daily=People's Daily"],
    rule: "English possessive"),
  .init(
    text: "China\u{00A0}Media\u{202F}Group", expected: ["cmg=China\u{00A0}Media\u{202F}Group"],
    rule: "no-break spaces"),
  .init(
    text: "Les deux pays ont signé un accord de coopération avec le China Media\nGroup et le CMG.",
    expected: ["cmg=China Media\nGroup", "cmg=CMG"], rule: "line break"),
  .init(
    text: "l’Organisation de coopération de Shanghai",
    expected: ["sco=Organisation de coopération de Shanghai"],
    rule: "leftmost-longest over Shanghai"),
  .init(
    text: "à Shanghai et à l'OCS", expected: ["shanghai=Shanghai", "sco=OCS"], rule: "two matches"),
  .init(
    text: "une communauté de destin pour l'humanité",
    expected: ["shared-future=communauté de destin pour l'humanité"],
    rule: "elision inside a term"),
  .init(text: "la China National Petroleum", expected: [], rule: "an incomplete term"),
  .init(
    text: "une « visite » d’État", expected: [],
    rule: "French guillemets are tokens a term must match"),
  .init(
    text: "le ｃｈｉｎａ ｍｅｄｉａ ｇｒｏｕｐ", expected: ["cmg=ｃｈｉｎａ ｍｅｄｉａ ｇｒｏｕｐ"], rule: "NFKC full-width forms"
  ),
]

@Test(arguments: matchCases)
func matcherRule(_ testCase: RuleCase) throws {
  #expect(try found(testCase.text, testMatcher()) == testCase.expected)
}

/// English documents: English tokens, the `en` terms, English plurals.
let englishMatchCases: [RuleCase] = [
  .init(
    text: "President Kassym-Jomart Tokayev spoke.",
    expected: ["tokayev=Kassym-Jomart Tokayev"], rule: "hyphen token inside a word"),
  .init(
    text: "Kassym Jomart Tokayev", expected: ["tokayev=Kassym Jomart Tokayev"],
    rule: "hyphen as space"),
  .init(text: "the Jomart-Tokayev line", expected: [], rule: "no term starts inside a word"),
  .init(text: "Kassym-Jomart Tokayev-led", expected: [], rule: "no term ends inside a word"),
  .init(text: "Paris - Shanghai", expected: ["shanghai=Shanghai"], rule: "a spaced dash cuts"),
  .init(
    text: "the Shanghai Cooperation Organisation's summit",
    expected: ["sco=Shanghai Cooperation Organisation's"], rule: "possessive 's"),
  .init(text: "the SCO’s members", expected: ["sco=SCO’s"], rule: "acronym with possessive ’s"),
  .init(text: "the sco’s members", expected: [], rule: "acronym never in lowercase"),
  .init(
    text: "the news agencies' reports", expected: ["agency=news agencies'"],
    rule: "plural -ies with a plural possessive"),
  .init(
    text: "two state visits", expected: ["state-visit=state visits"], rule: "plural -s"),
  .init(text: "carbon taxes", expected: ["tax=carbon taxes"], rule: "plural -es"),
  .init(text: "two Shanghais", expected: [], rule: "no plural unless the entry allows it"),
  .init(text: "a press office", expected: ["agency=press office"], rule: "forbidden term"),
  .init(
    text: "the Organisation de coopération de Shanghai", expected: ["shanghai=Shanghai"],
    rule: "French terms are not English renderings"),
  .init(
    text: "the People's Daily", expected: ["peoples-daily=People's Daily"],
    rule: "an English possessive inside a term"),
  .init(
    text: "a \"state\" visit", expected: ["state-visit=\"state\" visit"],
    rule: "quotation marks inside a term, both taken in"),
  .init(
    text: "the “state visit” began", expected: ["state-visit=state visit"],
    rule: "quotation marks around a term stay out"),
]

@Test(arguments: englishMatchCases)
func englishMatcherRule(_ testCase: RuleCase) throws {
  let matcher = try testMatcher().compiled(for: .english)
  #expect(try found(testCase.text, matcher) == testCase.expected)
}

/// The English forms an entry marked `plurals` adds.
@Test(arguments: [
  ("pipeline", ["pipelines"]), ("news agency", ["news agencies"]), ("day", ["days"]),
  ("carbon tax", ["carbon taxes"]), ("church", ["churches", "churchs"]), ("bus", ["buses"]),
  ("wish", ["wishes"]), ("stomach", ["stomaches", "stomachs"]), ("photo", ["photoes", "photos"]),
  ("radio", ["radios"]),
  ("G7", []), ("Belt and Road 2.0", []), ("FOREIGN MINISTRY", ["FOREIGN MINISTRIES"]),
])
func englishPluralForms(_ term: String, _ expected: [String]) {
  #expect(EnglishPlurals.forms(of: term) == expected)
}

@Test func allMatchesPolicyKeepsOverlaps() throws {
  let all = try found("l’Organisation de coopération de Shanghai", testMatcher(.all))
  #expect(all == ["sco=Organisation de coopération de Shanghai", "shanghai=Shanghai"])
}

/// Every occurrence of the four acronyms the issue names, and of each
/// glossary term, is found in the corpus article.
@Test func corpusArticleAcronymsAreAllFound() throws {
  let (glossaries, problems) = GlossaryLoader.load(directory: Repository.path("Glossaries"))
  #expect(problems.isEmpty, "\(problems)")
  let matcher = try TermMatcher(glossaries: glossaries)
  let text = try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8)
  let terms = try found(text, matcher)
  for acronym in ["AMANAT", "BLCU", "CNPC", "CMG", "OCS", "PCC", "BRICS"] {
    let inText = text.components(separatedBy: acronym).count - 1
    #expect(inText > 0)
    #expect(terms.filter { $0.hasSuffix("=\(acronym)") }.count == inText, "\(acronym)")
  }
  #expect(Set(terms.map { $0.split(separator: "=")[0] }).count >= 40)
}

@Test func matcherBuildsFromAHundredThousandEntries() throws {
  var yaml = "id: big\nentries:\n"
  for index in 0..<2_000 {
    yaml +=
      "  - id: e\(index)\n    type: CONCEPT\n    fr: terme numéro \(index)\n    en: term number \(index)\n"
  }
  let (glossary, problems) = GlossaryLoader.parse(yaml: yaml, path: "big.yaml", sha256: "")
  #expect(problems.isEmpty)
  let matcher = try TermMatcher(glossaries: [try #require(glossary)])
  #expect(matcher.terms.count == 4_000)
  #expect(
    try found("le terme numéro 1999 et le term number 7.", matcher) == [
      "e1999=terme numéro 1999", "e7=term number 7",
    ])
}
