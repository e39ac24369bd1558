import RelaisKit
import Testing

/// One rule of the French tokenizer: an input and the tokens UD French
/// conventions give for it.
struct TokenCase: CustomTestStringConvertible, Sendable {
  let input: String
  let tokens: [String]
  let rule: String
  var testDescription: String { "\(rule): \(input)" }
}

let nbsp = "\u{00A0}"
let narrowNBSP = "\u{202F}"

let tokenCases: [TokenCase] = [
  // Elision with every apostrophe variant.
  .init(input: "l'État", tokens: ["l'", "État"], rule: "elision '"),
  .init(input: "l’État", tokens: ["l’", "État"], rule: "elision ’"),
  .init(input: "lʼÉtat", tokens: ["lʼ", "État"], rule: "elision ʼ"),
  .init(input: "l‘État", tokens: ["l‘", "État"], rule: "elision ‘"),
  .init(input: "qu’il parte", tokens: ["qu’", "il", "parte"], rule: "elision qu’"),
  .init(input: "jusqu'alors", tokens: ["jusqu'", "alors"], rule: "elision jusqu'"),
  .init(input: "D'abord", tokens: ["D'", "abord"], rule: "elision capitalized"),
  .init(input: "L'« oasis »", tokens: ["L'", "«", "oasis", "»"], rule: "elision before a quote"),
  .init(input: "s’est rendu", tokens: ["s’", "est", "rendu"], rule: "elision s’"),
  // Words UD keeps whole.
  .init(input: "aujourd’hui", tokens: ["aujourd’hui"], rule: "whole aujourd’hui"),
  .init(input: "quelqu’un", tokens: ["quelqu’un"], rule: "whole quelqu’un"),
  .init(input: "presqu’île", tokens: ["presqu’île"], rule: "whole presqu’île"),
  .init(input: "prud’hommes", tokens: ["prud’hommes"], rule: "whole prud’hommes"),
  .init(input: "si l'on veut", tokens: ["si", "l'on", "veut"], rule: "whole l'on"),
  .init(input: "c'est-à-dire", tokens: ["c'est-à-dire"], rule: "whole c'est-à-dire"),
  // Hyphens: compounds whole, inverted clitics split.
  .init(input: "Kassym-Jomart", tokens: ["Kassym-Jomart"], rule: "hyphenated name"),
  .init(input: "Saint-Étienne", tokens: ["Saint-Étienne"], rule: "hyphenated place"),
  .init(input: "peut-être", tokens: ["peut-être"], rule: "hyphenated adverb"),
  .init(input: "celui-ci", tokens: ["celui-ci"], rule: "demonstrative -ci"),
  .init(input: "rendez-vous", tokens: ["rendez-vous"], rule: "noun ending like a clitic"),
  .init(input: "dit-il", tokens: ["dit", "-il"], rule: "inverted subject"),
  .init(input: "a-t-il", tokens: ["a", "-t-il"], rule: "euphonic -t-"),
  .init(input: "Peut-on", tokens: ["Peut", "-on"], rule: "capitalized inversion"),
  .init(input: "donne-moi", tokens: ["donne", "-moi"], rule: "imperative object"),
  .init(input: "qu’est-ce", tokens: ["qu’", "est", "-ce"], rule: "elision and clitic"),
  .init(
    input: "l'Île-de-France", tokens: ["l'", "Île-de-France"], rule: "elision before a compound"),
  .init(input: "1752-1807", tokens: ["1752-1807"], rule: "number range"),
  .init(input: "cette fois-ci", tokens: ["cette", "fois", "-ci"], rule: "particle after a noun"),
  .init(input: "ce jour-là", tokens: ["ce", "jour", "-là"], rule: "particle là after a noun"),
  .init(input: "celle-là", tokens: ["celle-là"], rule: "particle on a pronoun"),
  // Numbers with French separators.
  .init(input: "1 234,5", tokens: ["1 234,5"], rule: "grouping space"),
  .init(input: "1\(nbsp)234,5", tokens: ["1\(nbsp)234,5"], rule: "grouping no-break space"),
  .init(
    input: "1\(narrowNBSP)234,5", tokens: ["1\(narrowNBSP)234,5"],
    rule: "grouping narrow no-break space"),
  .init(input: "80 000 habitants", tokens: ["80 000", "habitants"], rule: "thousands"),
  .init(
    input: "en 2005 100 personnes", tokens: ["en", "2005", "100", "personnes"],
    rule: "no grouping after 4 digits"),
  .init(input: "6.995 euros", tokens: ["6.995", "euros"], rule: "dotted grouping"),
  .init(input: "3,5 %", tokens: ["3,5", "%"], rule: "decimal and percent"),
  .init(input: "50%", tokens: ["50", "%"], rule: "glued percent"),
  .init(input: "de -0,8 point", tokens: ["de", "-0,8", "point"], rule: "negative number"),
  .init(input: "UTC +14", tokens: ["UTC", "+14"], rule: "plus sign"),
  .init(input: "160km", tokens: ["160", "km"], rule: "unit after a number"),
  .init(input: "à 160 km/h", tokens: ["à", "160", "km/h"], rule: "compound unit"),
  .init(input: "19°C", tokens: ["19", "°C"], rule: "degrees as UD Sequoia has them"),
  .init(input: "le n° 5", tokens: ["le", "n°", "5"], rule: "numero sign"),
  .init(input: "l'A380", tokens: ["l'", "A380"], rule: "code stays whole"),
  .init(input: "à 20h45", tokens: ["à", "20", "h", "45"], rule: "time"),
  .init(input: "à 20h précises", tokens: ["à", "20", "h", "précises"], rule: "hour"),
  // Ordinals.
  .init(input: "la 5ème visite", tokens: ["la", "5ème", "visite"], rule: "ordinal ème"),
  .init(input: "la 1ère visite", tokens: ["la", "1ère", "visite"], rule: "ordinal ère"),
  .init(input: "le 1er janvier", tokens: ["le", "1er", "janvier"], rule: "ordinal er"),
  .init(input: "le 20e Congrès", tokens: ["le", "20e", "Congrès"], rule: "ordinal e"),
  .init(input: "le XXIe siècle", tokens: ["le", "XXIe", "siècle"], rule: "roman ordinal"),
  .init(input: "Ce Le De", tokens: ["Ce", "Le", "De"], rule: "words that look roman"),
  // Abbreviations and initials.
  .init(input: "M. Dupont", tokens: ["M.", "Dupont"], rule: "M."),
  .init(input: "MM. Dupont et Durand", tokens: ["MM.", "Dupont", "et", "Durand"], rule: "MM."),
  .init(input: "Mme Curie", tokens: ["Mme", "Curie"], rule: "Mme"),
  .init(input: "le Dr. House", tokens: ["le", "Dr.", "House"], rule: "Dr."),
  .init(input: "le Dr House", tokens: ["le", "Dr", "House"], rule: "Dr"),
  .init(input: "pommes, etc. Puis", tokens: ["pommes", ",", "etc.", "Puis"], rule: "etc."),
  .init(input: "c.-à-d. ceci", tokens: ["c.-à-d.", "ceci"], rule: "c.-à-d."),
  .init(input: "en 52 av. J.-C.", tokens: ["en", "52", "av.", "J.-C."], rule: "av. J.-C."),
  .init(input: "les U.S.A. aussi", tokens: ["les", "U.S.A.", "aussi"], rule: "dotted acronym"),
  .init(input: "J. Dupont", tokens: ["J.", "Dupont"], rule: "initial"),
  .init(
    input: "Dagobert I. Ils", tokens: ["Dagobert", "I", ".", "Ils"],
    rule: "no initial before a pronoun"),
  // Web and social.
  .init(
    input: "voir https://example.org/a?b=1.", tokens: ["voir", "https://example.org/a?b=1", "."],
    rule: "URL"),
  .init(
    input: "(www.example.fr)", tokens: ["(", "www.example.fr", ")"], rule: "www in parentheses"),
  .init(
    input: "écrire à contact@example.fr.", tokens: ["écrire", "à", "contact@example.fr", "."],
    rule: "e-mail"),
  .init(
    input: "#Relais et @relais_fr", tokens: ["#Relais", "et", "@relais_fr"],
    rule: "hashtag and mention"),
  // Quotes, ellipses, dashes.
  .init(
    input: "les «\(nbsp)trois maux\(nbsp)»", tokens: ["les", "«", "trois", "maux", "»"],
    rule: "guillemets"),
  .init(
    input: "«\(narrowNBSP)Oui\(narrowNBSP)!\(narrowNBSP)» Media\(narrowNBSP)Group",
    tokens: ["«", "Oui", "!", "»", "Media", "Group"], rule: "narrow no-break spaces split"),
  .init(input: "Attendez... Non…", tokens: ["Attendez", "...", "Non", "…"], rule: "ellipses"),
  .init(
    input: "oui -- non — peut-être", tokens: ["oui", "--", "non", "—", "peut-être"], rule: "dashes"),
  // English inside French.
  .init(
    input: "le People’s Daily", tokens: ["le", "People", "’s", "Daily"], rule: "English possessive"),
  // Glued tokens (GluedTokenRule).
  .init(
    input: "je fai~ ~enfin j~ ai", tokens: ["je", "fai~", "~enfin", "j~", "ai"],
    rule: "truncation mark joins its word"),
  .init(input: "un ~ seul", tokens: ["un", "~", "seul"], rule: "a tilde alone stays alone"),
  .init(input: "la t½ et 1½ h", tokens: ["la", "t½", "et", "1½", "h"], rule: "vulgar fraction"),
  .init(
    input: "AUTRE(S) MISE(S) ami(e)s", tokens: ["AUTRE(S)", "MISE(S)", "ami(e)s"],
    rule: "parenthesized ending"),
  .init(
    input: "voisin (x) et (a)b", tokens: ["voisin", "(", "x", ")", "et", "(", "a", ")", "b"],
    rule: "brackets with space stay apart"),
  .init(
    input: "25 °C, 77 °F", tokens: ["25", "°C", ",", "77", "°F"],
    rule: "the degree sign and its scale as one token, as Sequoia"),
  .init(
    input: "à 25°C. Ne pas", tokens: ["à", "25", "°C", ".", "Ne", "pas"],
    rule: "the scale's letter read with the sentence's point gives the point back"),
  .init(
    input: "un angle de 30° Celsius", tokens: ["un", "angle", "de", "30", "°", "Celsius"],
    rule: "a degree sign with a word after it stays apart"),
  // Old French numerals between points.
  .init(
    input: "bien .viii. jours, le .iiiie. jour, .vcclxiii. livres",
    tokens: ["bien", ".viii.", "jours", ",", "le", ".iiiie.", "jour", ",", ".vcclxiii.", "livres"],
    rule: "a numeral between points"),
  .init(
    input: ".XX. et .iij. ans", tokens: [".XX.", "et", ".iij.", "ans"],
    rule: "capitals, and j for a last i"),
  .init(
    input: "pas .vu. ni .Xv. ni .v.x ni a.v. fin.",
    tokens: [
      "pas", ".", "vu", ".", "ni", ".", "Xv", ".", "ni", ".", "v.x", "ni", "a.v.", "fin", ".",
    ],
    rule: "not a numeral: another letter, mixed case, a letter after, no space before"),
]

@Test(arguments: tokenCases)
func tokenizerRule(_ testCase: TokenCase) throws {
  #expect(try tokenTexts(testCase.input) == testCase.tokens)
}

struct KindCase: Sendable, CustomTestStringConvertible {
  let input: String
  let kinds: [TokenKind]
  var testDescription: String { input }
}

@Test(arguments: [
  KindCase(input: "Le 1er mai", kinds: [.word, .ordinal, .word]),
  KindCase(input: "XXIe siècle", kinds: [.ordinal, .word]),
  KindCase(input: "80 000 €", kinds: [.number, .symbol]),
  KindCase(input: "M. X", kinds: [.abbreviation, .word]),
  KindCase(input: "https://a.fr !", kinds: [.url, .punct]),
  KindCase(input: "a@b.fr #x @y", kinds: [.email, .hashtag, .mention]),
])
func tokenKinds(_ testCase: KindCase) throws {
  let tokens = try Pipeline().sentences(of: SourceText(string: testCase.input, path: "t")).flatMap {
    $0
  }
  #expect(tokens.map(\.kind) == testCase.kinds)
}

@Test func normFoldsApostrophesAndSpacesButKeepsOffsets() throws {
  let text = "l’État a 80\u{00A0}000 e\u{0301}lèves"
  let tokens = try Pipeline().sentences(of: SourceText(string: text, path: "t")).flatMap { $0 }
  #expect(tokens.map(\.norm) == ["l'", "État", "a", "80 000", "élèves"])
  #expect(tokens.map(\.text) == ["l’", "État", "a", "80\u{00A0}000", "e\u{0301}lèves"])
  expectOffsetsSliceText(text, tokens)
}

@Test func spaceAfterFollowsTheText() throws {
  let tokens = try Pipeline().sentences(of: SourceText(string: "Oui, l’État.", path: "t")).flatMap {
    $0
  }
  #expect(tokens.map(\.spaceAfter) == [false, true, false, false, false])
}
