/// The word lists behind the English tokenizer and sentence splitter,
/// following UD English (EWT, GUM): general English usage, closed lists,
/// never strings of one document.
enum EnglishLexicon {
  /// Abbreviations written with their final period, which stays inside the
  /// token (`Mr.`, `e.g.`, `Sept.`), and a few written with a slash
  /// (`w/o`). Case-sensitive. `canEndSentence` as in
  /// `FrenchLexicon.abbreviations`: titles and in-sentence abbreviations
  /// are always followed by the rest of their sentence; `etc.` or `Inc.`
  /// may close one. Words that are also plain words before a period (`No.`,
  /// `Sun.`, `Wed.`, `fig.`) are left out: a sentence ends there too often.
  static let abbreviations: [(form: String, canEndSentence: Bool)] = {
    let titles = [
      "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Drs.", "Prof.", "Rev.", "Fr.", "Gen.", "Gov.",
      "Sen.", "Rep.", "Pres.", "Capt.", "Col.", "Lt.", "Sgt.", "Cpl.", "Maj.", "Adm.", "Cmdr.",
      "Hon.", "St.", "Mt.", "Ft.", "Supt.", "Insp.", "Atty.",
    ]
    let inSentence = [
      "e.g.", "i.e.", "cf.", "vs.", "viz.", "approx.", "ca.", "c.", "pp.", "vol.", "Vol.", "ch.",
      "Ch.", "sec.", "Sec.", "ed.", "eds.", "Ed.", "Eds.", "Jan.", "Feb.", "Mar.",
      "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Mon.", "Tue.",
      "Tues.", "Thu.", "Thur.", "Thurs.", "Fri.", "ext.", "Ext.", "est.", "Est.", "dept.",
      "Dept.", "Ave.", "Blvd.", "Rd.", "tel.", "Tel.", "esp.", "incl.", "Nos.", "nos.", "Univ.",
      "Assn.", "Assoc.", "Dist.",
      // Shorthand of informal writing that UD English keeps whole, slash
      // and all ("because", "with", "without").
      "b/c", "w/o", "w/",
    ]
    let sentenceFinal = [
      "etc.", "Inc.", "Ltd.", "Co.", "Corp.", "Jr.", "Sr.", "Bros.", "Plc.", "a.m.", "p.m.",
      "A.M.", "P.M.", "al.",
    ]
    return titles.map { ($0, false) } + inSentence.map { ($0, false) }
      + sentenceFinal.map { ($0, true) }
  }()

  /// Prefixes that stay on their word across a hyphen, as UD English
  /// (following OntoNotes) keeps `e-mail`, `non-European`, `re-emerged`,
  /// `vice-president` whole while it splits `long` `-` `term`.
  /// Lowercased.
  static let hyphenPrefixes: Set<String> = [
    "e", "x", "anti", "ante", "arch", "bi", "bio", "co", "counter", "cross", "cyber", "de", "eco",
    "ex", "extra", "hyper", "infra", "inter", "intra", "macro", "mega", "micro", "mid", "mini",
    "mis", "multi", "neo", "non", "over", "pan", "para", "post", "pre", "pro", "pseudo", "quasi",
    "re", "semi", "sub", "super", "trans", "tri", "ultra", "un", "under", "uni", "vice",
  ]

  /// Units written after a number and split from it, as UD English has
  /// `375mm` as `375` `mm` (but `1990s`, `3G`, `19th` whole).
  static let units: [String] = [
    "km", "cm", "mm", "kg", "mg", "lb", "lbs", "oz", "ft", "mi", "mph", "kph", "hrs", "hr",
    "mins", "min", "secs", "sec", "ms", "k", "K", "kb", "KB", "mb", "MB", "gb", "GB", "tb", "TB",
    "ghz", "GHz", "mhz", "MHz", "kHz", "Hz", "kw", "kW", "MW", "kWh", "ml", "mL", "px", "am",
    "pm", "AM", "PM", "%",
  ]

  /// Ordinal suffixes after digits (`1st`, `22nd`, `3rd`, `19th`).
  static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

  /// Words that open English sentences and never a name, so a capital
  /// initial before one ends a sentence (`because of X. So I…`) rather than
  /// abbreviating a given name (`J. Smith`). Lowercased.
  static let sentenceOpeners: Set<String> = [
    "i", "he", "she", "it", "we", "they", "you", "the", "a", "an", "this", "that", "these",
    "those", "there", "so", "but", "and", "or", "if", "when", "then", "in", "on", "at", "for",
    "as", "my", "his", "her", "our", "their", "its", "what", "why", "how", "who", "thanks",
    "please",
  ]

  /// Subject pronouns English capitalizes only at a sentence start (`I` is
  /// capitalized everywhere, so it is not here). Exact case.
  static let capitalizedOnlyAtSentenceStart: Set<String> = [
    "He", "She", "We", "They", "Its",
  ]
}
