import RelaisKit
import Testing

struct SentenceCase: Sendable, CustomTestStringConvertible {
  let input: String
  /// The first token of each sentence.
  let starts: [String]
  let rule: String
  var testDescription: String { "\(rule): \(input)" }
}

let longWrappedLine = String(repeating: "mot ", count: 30) + "et la ville de"

let sentenceCases: [SentenceCase] = [
  .init(input: "Il est arrivé. Il est reparti.", starts: ["Il", "Il"], rule: "period"),
  .init(
    input: "Le droit est garanti ; 2. Les autres suivent ; a) Nul ne peut.",
    starts: ["Le", "2", "a"], rule: "a numbered item after a semicolon"),
  .init(
    input: "Voici les droits. 1. Tout individu a droit. 2. Nul ne peut.",
    starts: ["Voici", "1", "2"], rule: "an enumeration number goes with its item"),
  .init(
    input: "Il a vu 1234. Tout change.", starts: ["Il", "Tout"],
    rule: "a longer number ends its sentence"),
  .init(
    input: "M. Dupont est arrivé. Mme Durand aussi.", starts: ["M.", "Mme"],
    rule: "title abbreviation"),
  .init(input: "Le Dr. House soigne. Il guérit.", starts: ["Le", "Il"], rule: "Dr."),
  .init(
    input: "Il a dit : « Oui ! » et il est parti.", starts: ["Il"],
    rule: "no break before lowercase"),
  .init(
    input: "« Pourquoi ? » Paul ne répondit pas.", starts: ["«", "Paul"], rule: "closing guillemet"),
  .init(
    input: "Il hésita... puis partit.", starts: ["Il", "puis"],
    rule: "ellipsis before lowercase ends a sentence, as the spoken dev sets have it"),
  .init(input: "Il attendit… Rien ne vint.", starts: ["Il", "Rien"], rule: "ellipsis ends"),
  .init(
    input: "Conserver à 25°C. Ne pas congeler.", starts: ["Conserver", "Ne"],
    rule: "a temperature ends its sentence"),
  .init(
    input: "Il part. Elle reste. On verra bien... puis il revient. Tout va.",
    starts: ["Il", "Elle", "On", "Tout"],
    rule:
      "in a document whose sentences start with capitals, an ellipsis before lowercase is a pause"
  ),
  .init(
    input: "bon. et alors. on y va. ben voilà… puis fini.",
    starts: ["bon", "et", "on", "ben", "puis"],
    rule: "in a transcript whose sentences start in lowercase, it ends one"),
  .init(input: "Voir c.-à-d. la suite. Fin.", starts: ["Voir", "Fin"], rule: "c.-à-d."),
  .init(
    input: "La valeur vaut 3.5 ce jour. Ensuite rien.", starts: ["La", "Ensuite"], rule: "decimal"),
  .init(
    input: "Voir https://example.org/a.B ici. Ensuite rien.", starts: ["Voir", "Ensuite"],
    rule: "URL"),
  .init(input: "Des pommes, etc. Le reste attendra.", starts: ["Des", "Le"], rule: "etc. ends"),
  .init(input: "Né en 52 av. J.-C. à Rome.", starts: ["Né"], rule: "av. J.-C. continues"),
  .init(input: "Il est parti. « Enfin », dit-elle.", starts: ["Il", "«"], rule: "opening quote"),
  .init(
    input: "Fin de phrase. la suite", starts: ["Fin", "la"],
    rule: "lowercase after a sentence's point (spoken transcripts)"),
  .init(
    input: "Il dit « Oui ! » puis part.", starts: ["Il"],
    rule: "lowercase after a closing quote continues"),
  .init(
    input: "Il y a .v. ou .vi. ans.", starts: ["Il"], rule: "old French numbers between points"),
  .init(input: "Quoi ? Paul est là ?", starts: ["Quoi", "Paul"], rule: "question mark"),
  .init(
    input: "Il est né en 1992. 2005 fut l'année.", starts: ["Il", "2005"], rule: "digit starts"),
  .init(input: "J. Dupont arrive. Il parle.", starts: ["J.", "Il"], rule: "initial"),
  .init(
    input: "Titre sans point\nLe texte commence ici.", starts: ["Titre", "Le"], rule: "heading line"
  ),
  .init(
    input: "Les points :\n1. Premier point\n2. Second point", starts: ["Les", "1", "2"],
    rule: "numbered list"),
  .init(
    input: "Courses :\n- du pain\n- du lait", starts: ["Courses", "-", "-"], rule: "dashed list"),
  .init(
    input: "Parlez-en à votre médecin. - si vous êtes allergique. – si vous avez mal.",
    starts: ["Parlez-en", "-", "–"], rule: "a dash after a point opens a list item in lowercase"),
  .init(
    input: "Il vient - si tu veux - demain. Le 1er - ou le 2.", starts: ["Il", "Le"],
    rule: "a dash inside a sentence opens nothing"),
  .init(
    input: "Premier paragraphe\n\nSecond paragraphe", starts: ["Premier", "Second"],
    rule: "blank line"),
  .init(input: "Premier\r\n\r\nSecond", starts: ["Premier", "Second"], rule: "CRLF blank line"),
  .init(input: "\(longWrappedLine)\nParis est loin.", starts: ["mot"], rule: "wrapped prose"),
]

@Test(arguments: sentenceCases)
func sentenceRule(_ testCase: SentenceCase) throws {
  #expect(try sentenceTexts(testCase.input).compactMap(\.first) == testCase.starts)
}

@Test func sentencesCoverEveryToken() throws {
  let text = "Un. Deux ! Trois ? « Quatre. » Cinq…\n\nSix"
  let flat = try tokenTexts(text)
  #expect(try sentenceTexts(text).count == 6)
  #expect(flat.count == 13)
}

/// A document's sentence starts, read from the letters after its points.
@Test(arguments: [
  ("Il part. Elle reste. On verra. Fin.", SentenceStartStyle.capitalized),
  ("Il part. Elle reste. On verra.", .unknown),  // two points: too few
  ("Oui. État des lieux. Été chaud. fin.", .capitalized),
  ("bon. et alors. ben voilà. Paris.", .lowercase),
  ("Un mot. Deux.", .unknown),
  ("Il hésita... puis. rien. non. bon.", .lowercase),  // `...` is no evidence
  ("Trois points... Non... Si... Fin.", .unknown),
  ("Voir 3.5 et 4.2 puis 1. A. B. C.", .capitalized),  // a decimal point is none
])
func sentenceStartStyle(_ text: String, _ style: SentenceStartStyle) {
  var text = text
  #expect(text.withUTF8 { SentenceStartStyle.of($0) } == style)
}
