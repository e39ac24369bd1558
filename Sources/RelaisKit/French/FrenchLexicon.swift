/// The word lists behind the French tokenizer and sentence splitter. Each
/// list is closed and tested (FrenchLexiconTests); the lists hold general
/// French usage, never strings of one document.
enum FrenchLexicon {
  /// Abbreviations written with their final period, which stays inside the
  /// token (UD French: `M.`, `Dr.`, `av.`, `J.-C.`). Case-sensitive.
  ///
  /// `canEndSentence` marks those that may close a sentence, after which a
  /// capitalized word starts a new one (`…, etc. Le lendemain`); the others
  /// (titles, `p.`, `cf.`) are always followed by the rest of the sentence.
  static let abbreviations: [(form: String, canEndSentence: Bool)] = {
    let titles = [
      "M.", "MM.", "Mme.", "Mmes.", "Mlle.", "Mlles.", "Me.", "Mgr.", "Dr.", "Drs.", "Pr.",
      "Prs.", "St.", "Ste.", "Sts.", "Stes.", "Mr.", "Mrs.", "Ms.", "Jr.", "Sr.", "Gén.", "Col.",
      "Cdt.", "Lt.", "Cpt.", "Sgt.", "Vve.",
    ]
    let inSentence = [
      "cf.", "Cf.", "ex.", "Ex.", "p.", "pp.", "vol.", "Vol.", "art.", "Art.", "al.", "av.", "apr.",
      "env.", "fig.", "Fig.", "chap.", "éd.", "Éd.", "coll.", "op.", "cit.", "vs.", "resp.",
      "suiv.", "approx.", "dir.", "trad.", "réf.", "Réf.", "no.", "nos.", "tél.", "Tél.", "janv.",
      "févr.", "avr.", "juil.", "oct.", "nov.", "déc.", "c.-à-d.", "c-à-d.", "C.-à-d.",
      "boul.", "bd.", "sq.", "sqq.", "éq.", "ca.", "id.", "ibid.",
      "Ibid.", "ms.", "mss.", "Cie.", "n°", "N°", "nº", "Nº",
    ]
    let sentenceFinal = [
      "etc.", "Etc.", "J.-C.", "Inc.", "Ltd.", "Co.", "Corp.", "cie.", "hab.", "min.", "max.",
    ]
    return titles.map { ($0, false) } + inSentence.map { ($0, false) }
      + sentenceFinal.map { ($0, true) }
  }()

  /// Elided words, lowercased and without their apostrophe: `l’État` splits
  /// into `l’` + `État`, `jusqu’alors` into `jusqu’` + `alors`.
  static let elisionPrefixes: Set<String> = [
    "l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "quelqu", "presqu",
  ]

  /// Words that hold an apostrophe or end like a clitic and stay whole, as
  /// UD French has them: lowercased, apostrophes folded to U+0027.
  static let wholeWords: Set<String> = [
    "aujourd'hui", "quelqu'un", "quelqu'une", "quelqu'uns", "quelqu'unes", "presqu'île",
    "presqu'îles", "prud'homme", "prud'hommes", "prud'homal", "prud'homale", "prud'homaux",
    "prud'homales", "l'on", "c'est-à-dire", "entr'acte", "entr'actes", "main-d'œuvre",
    "main-d'oeuvre", "hors-d'œuvre", "hors-d'oeuvre", "chef-d'œuvre", "chef-d'oeuvre",
    "chefs-d'œuvre", "chefs-d'oeuvre",
    "rendez-vous", "sauve-qui-peut", "qu'en-dira-t-on", "m'as-tu-vu", "va-t-en-guerre",
    "post-scriptum", "vis-à-vis",
  ]

  /// Subject pronouns that follow a verb after a hyphen (`dit-il`,
  /// `peut-on`, `est-ce`); UD French splits them off with their hyphen.
  static let subjectClitics: Set<String> = [
    "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce",
  ]

  /// Object pronouns after an imperative (`donne-moi`, `prends-le`); split
  /// off only when the compound starts in lowercase, since capitalized
  /// compounds ending in them are mostly place names.
  static let objectClitics: Set<String> = [
    "moi", "toi", "lui", "leur", "le", "la", "les", "en", "y", "nous", "vous",
  ]

  /// Function words that open French sentences and never a name, so a
  /// capital initial before one is a word that ends a sentence (`Dagobert
  /// I. Ils…`, `la note A. La suite…`), not an initial (`J. Dupont`).
  /// Lowercased.
  static let sentenceOpeners: Set<String> = [
    "il", "ils", "elle", "elles", "on", "je", "nous", "vous", "le", "la", "les", "l", "un", "une",
    "des", "du", "ce", "cet", "cette", "ces", "cela", "ceci", "son", "sa", "ses", "leur", "leurs",
    "mais", "et", "ou", "donc", "or", "car", "puis", "ainsi", "alors", "en", "dans", "pour", "par",
    "sur", "au", "aux", "avec", "depuis", "après", "avant", "selon", "si", "quand", "lorsque",
    "c", "d", "qu", "j",
  ]

  /// Subject pronouns and demonstratives that French capitalizes only at
  /// the start of a sentence: after a word with no punctuation between, one
  /// of these starts a new sentence (a heading or a line that lost its
  /// period). Exact case.
  static let capitalizedOnlyAtSentenceStart: Set<String> = [
    "Il", "Ils", "Elle", "Elles", "On", "Ce", "Cet", "Cette", "Ces",
  ]

  /// Demonstrative particles: split off nouns (`ce jour` `-là`, `cette
  /// fois` `-ci`), kept on the pronouns of `demonstrativePronouns`
  /// (`celui-ci`), as UD French does.
  static let demonstrativeParticles: Set<String> = ["ci", "là"]
  static let demonstrativePronouns: Set<String> = [
    "celui", "celle", "ceux", "celles", "ce", "ça", "cela", "ceci", "là", "ici",
  ]

  /// Units written after a number; `160km` splits into `160` `km` as UD
  /// French has it, and `km/h` is one token.
  static let units: [String] = [
    "km/h", "m/s", "km²", "m²", "m³", "cm²", "cm³", "km", "m", "cm", "mm", "µm", "nm", "kg", "g",
    "mg", "µg", "t", "l", "L", "ml", "mL", "cl", "cL", "dl", "hl", "ha", "s", "ms", "min", "mn",
    "kW", "MW", "GW", "W", "kWh", "MWh", "GWh", "TWh", "V", "kV", "mA", "Hz", "kHz", "MHz", "GHz",
    "Go", "Mo", "Ko", "To", "Gb", "Mb", "dB", "€", "$", "£",
  ]

  /// Ordinal suffixes after digits (`1er`, `1ère`, `5ème`, `20e`, `2nd`).
  static let ordinalSuffixes: Set<String> = [
    "e", "è", "er", "re", "ère", "ème", "eme", "es", "ers", "res", "ères", "èmes", "emes", "nd",
    "nde", "nds", "ndes", "ᵉ", "ʳᵉ", "ᵉʳ",
  ]

  /// Roman-numeral ordinals (`XXIe`, `Ier`, `IIIème`): the numeral and the
  /// suffixes allowed after it.
  static let romanOrdinalSuffixes: Set<String> = ["e", "er", "re", "ère", "ème", "eme", "ᵉ", "ᵉʳ"]

  /// Words that open a photo caption or a credit line, lowercased.
  static let captionOpeners = [
    "photo", "photos", "crédit photo", "crédits photo", "crédit", "crédits", "credit", "credits",
    "image", "illustration", "légende", "source", "sources", "©", "(c)",
  ]

  /// Web-page furniture that a scraped article carries between its
  /// paragraphs, lowercased.
  static let boilerplateOpeners = [
    "newsletter", "lire aussi", "lire la suite", "à lire aussi", "voir aussi", "partager",
    "partagez", "abonnez-vous", "s'abonner", "s’abonner", "publicité", "suivez-nous", "cookies",
    "tous droits réservés", "retour en haut", "imprimer", "commentaires", "menu", "accueil",
    "inscrivez-vous", "télécharger l'application", "télécharger l’application",
  ]

  /// Starts of web addresses, lowercased.
  static let urlPrefixes = ["http://", "https://", "ftp://", "www."]
}
