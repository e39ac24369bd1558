/// French contractions of a preposition and the definite article, split
/// into their syntactic words as UD French writes them (multiword tokens):
/// `au` = `à le`, `aux` = `à les`, `du` = `de le`, `des` = `de les`,
/// `auquel` = `à lequel`, `duquel` = `de lequel`, `dudit` = `de ledit`,
/// and their plurals. The
/// token keeps its offsets; the words are what a parser reads.
///
/// `des` is also the indefinite plural article (`des pays`), which stays
/// one word: `DesReading` decides which it is.
package enum FrenchContractions {
  /// How `des` is read, first that applies: at the start of a sentence
  /// or after punctuation (`%` aside) the article; after `et`, `ou`, `ni`,
  /// the reading of the phrase it is coordinated with
  /// (`coordinatedPreposition`); then as below, a participle after
  /// `avoir` (`isParticipleAfterAvoir`) or a verb after a subject pronoun
  /// (`subjectPronouns`) reading as the article too.
  package enum DesReading: Sendable, Equatable {
    /// At the start of a sentence, after punctuation (but `%`), after a word of
    /// `wordsBeforeArticle` (a preposition, a conjunction, a pronoun, a
    /// form of `avoir`, `être`, `faire`, an adverb), or after what looks
    /// like a verb that takes an object: an infinitive in `-er` or a
    /// participle in `-ant` (`avec des amis`, `il y a des`, `et des`,
    /// `utiliser des`, `contenant des`). Measured on the six UD French dev
    /// files in Tests/Data (797 `des`), read as their gold has them: 484
    /// when always split, 672 with the words, 692 with the endings too.
    case article
    /// Anywhere else, mostly after a noun or a verb: `le nom des pays`,
    /// `près des côtes`, `50 % des voix`.
    case contraction
  }

  /// The words after which `des` is the article.
  static let wordsBeforeArticle: Set<String> = [
    "et", "ou", "mais", "ni", "que", "qui", "quand", "si", "où", "comme", "à", "par", "dans",
    "sur", "avec", "pour", "en", "entre", "sans", "chez", "vers", "sous", "contre", "selon",
    "après", "avant", "depuis", "pendant", "parmi", "est", "sont", "sera", "seront", "serait",
    "était", "étaient", "être", "a", "ai", "as", "avons", "avez", "ont", "avait", "avoir", "fait",
    "faire", "font", "faisait", "y", "pas", "plus", "moins", "aussi", "également", "déjà", "il",
    "elle", "on", "ils", "elles", "nous", "vous", "je", "tu", "voir", "vois", "voit", "trouve",
    "retrouve", "présente", "propose", "donner", "donné", "utiliser", "savoir",
  ]

  /// The contractions and their words, in lowercase (all ASCII).
  private static let table: [(form: [UInt8], words: [String])] = [
    ("au", ["à", "le"]), ("aux", ["à", "les"]), ("du", ["de", "le"]), ("des", ["de", "les"]),
    ("auquel", ["à", "lequel"]), ("auxquels", ["à", "lesquels"]),
    ("auxquelles", ["à", "lesquelles"]), ("duquel", ["de", "lequel"]),
    ("desquels", ["de", "lesquels"]), ("desquelles", ["de", "lesquelles"]),
    // The legal `ledit` after `de` and `à`; not `audit`, which news uses
    // as a noun (`un audit`) more than as `à ledit`.
    ("dudit", ["de", "ledit"]), ("desdits", ["de", "lesdits"]),
    ("desdites", ["de", "lesdites"]), ("auxdits", ["à", "lesdits"]),
    ("auxdites", ["à", "lesdites"]),
  ].map { (Array($0.0.utf8), $0.1) }

  private static let desForm = Array("des".utf8)

  /// The syntactic words of the token at `position` of its sentence's
  /// `tokens` when it is a contraction, written in its case (`Du` gives
  /// `De le`, `DU` gives `DE LE`); `nil` otherwise.
  @inline(__always)
  package static func words(
    at position: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    // Cheap exit, inlined, for nearly every token: a word of 2 to 10
    // bytes starting with a or d (the writers call this for each token).
    let token = tokens[position]
    let length = token.endByte - token.startByte
    guard token.kind == .word, length >= 2, length <= 10 else { return nil }
    let first = bytes[token.startByte] | 0x20
    guard first == 0x61 || first == 0x64 else { return nil }
    return contractionWords(at: position, of: tokens, in: bytes)
  }

  @inline(never)
  private static func contractionWords(
    at position: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    let token = tokens[position]
    guard let entry = table.first(where: { token.spells(lowercaseASCII: $0.form, in: bytes) })
    else { return nil }
    if entry.form == desForm, reading(at: position, of: tokens, in: bytes) == .article {
      return nil
    }
    let capital = bytes[token.startByte] & 0x20 == 0
    let allCapitals = (token.startByte..<token.endByte).allSatisfy { bytes[$0] & 0x20 == 0 }
    if allCapitals { return entry.words.map { $0.uppercased() } }
    guard capital else { return entry.words }
    return [entry.words[0].prefix(1).uppercased() + entry.words[0].dropFirst()]
      + entry.words.dropFirst()
  }

  /// How the `des` at `position` of `tokens` reads (`DesReading`).
  static func reading(
    at position: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> DesReading {
    guard position > tokens.startIndex else { return .article }
    let previous = tokens[position - 1]
    let text = lowercasedText(at: position - 1, of: tokens, in: bytes)
    // `50 % des voix`: a share of them.
    if previous.kind == .punct || previous.kind == .symbol {
      return text == "%" ? .contraction : .article
    }
    if coordinators.contains(text),
      let earlier = coordinatedPreposition(before: position - 1, of: tokens, in: bytes)
    {
      return earlier
    }
    if wordsBeforeArticle.contains(text) { return .article }
    let length = text.count
    if (length >= 5 && text.hasSuffix("er")) || (length >= 6 && text.hasSuffix("ant")) {
      return .article
    }
    if isParticipleAfterAvoir(text, at: position - 1, of: tokens, in: bytes) { return .article }
    if position - 2 >= tokens.startIndex,
      subjectPronouns.contains(lowercasedText(at: position - 2, of: tokens, in: bytes))
    {
      return .article
    }
    return .contraction
  }

  /// The subject pronouns: a word right after one is a verb (`il
  /// remarqua des…`, `qui laisse des…`), after which `des` is the article
  /// (most verbs take a direct object; `parler de` and its kind are
  /// fewer in the dev files).
  static let subjectPronouns: Set<String> = [
    "il", "elle", "on", "ils", "elles", "qui", "nous", "vous", "je", "tu", "j'", "j’",
  ]

  private static func lowercasedText(
    at position: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> String {
    String(decoding: bytes[tokens[position].byteRange], as: UTF8.self).lowercased()
  }

  /// The conjunctions after which `des` repeats the reading of what it is
  /// coordinated with.
  static let coordinators: Set<String> = ["et", "ou", "ni"]

  /// The forms of `avoir` that make a compound tense.
  static let avoirForms: Set<String> = [
    "a", "ai", "as", "avons", "avez", "ont", "avait", "avais", "avions", "aviez", "avaient",
    "aura", "auront", "aurait", "auraient", "eut", "eurent", "avoir", "ayant",
  ]

  /// `de la formation et des…`, `le nombre des révoltes et des…`: `des`
  /// after a conjunction repeats the phrase it is coordinated with, so it
  /// is the contraction where that phrase opened with `de`, `d'`, `du` or
  /// a contracted `des`, and the article where it opened with the article
  /// `des` (`des chats et des chiens`). The phrase is looked for among the
  /// six words before the conjunction, not across `;`, `:`, a bracket or
  /// another conjunction; nil when none opens one there. Measured on the
  /// six French dev files (README).
  static func coordinatedPreposition(
    before conjunction: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> DesReading? {
    var index = conjunction - 1
    var words = 0
    var opening: (index: Int, isDes: Bool)?
    while index >= tokens.startIndex, words < 6 {
      let token = tokens[index]
      let text = lowercasedText(at: index, of: tokens, in: bytes)
      if token.kind == .punct, text != "," { break }
      if coordinators.contains(text) { break }
      if token.kind == .word {
        switch text {
        case "de", "d'", "d’", "du", "des": opening = (index, text == "des")
        default: words += 1
        }
      }
      index -= 1
    }
    guard let opening else { return nil }
    return opening.isDes ? reading(at: opening.index, of: tokens, in: bytes) : .contraction
  }

  /// `word`, the token at `index` lowercased, looks like a past participle
  /// (`publié`, `subi`, `connu`, `pris`, `écrit`) and follows a form of
  /// `avoir`, maybe past one adverb in `-ment` or `alors`, `déjà`…: `a
  /// publié des livres`, where `des` is the article.
  static func isParticipleAfterAvoir(
    _ word: String, at index: Int, of tokens: ArraySlice<TokenSpan>,
    in bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    func text(_ position: Int) -> String { lowercasedText(at: position, of: tokens, in: bytes) }
    guard word.count >= 3,
      ["é", "i", "u", "is", "it", "us", "ert", "int"].contains(where: { word.hasSuffix($0) })
    else { return false }
    var before = index - 1
    guard before >= tokens.startIndex else { return false }
    let adverb = text(before)
    if adverb.hasSuffix("ment")
      || ["alors", "déjà", "aussi", "bien", "ainsi", "toujours"]
        .contains(adverb)
    {
      before -= 1
      guard before >= tokens.startIndex else { return false }
    }
    return avoirForms.contains(text(before))
  }
}
