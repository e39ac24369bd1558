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
  /// How `des` is read, first that applies.
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

  /// The syntactic words of `token` when it is a contraction, written in
  /// its case (`Du` gives `De le`, `DU` gives `DE LE`); `nil` otherwise.
  /// `previous` is the token before it in its sentence.
  @inline(__always)
  package static func words(
    of token: TokenSpan, after previous: TokenSpan?, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    // Cheap exit, inlined, for nearly every token: a word of 2 to 10
    // bytes starting with a or d (the writers call this for each token).
    let length = token.endByte - token.startByte
    guard token.kind == .word, length >= 2, length <= 10 else { return nil }
    let first = bytes[token.startByte] | 0x20
    guard first == 0x61 || first == 0x64 else { return nil }
    return contractionWords(of: token, after: previous, in: bytes)
  }

  @inline(never)
  private static func contractionWords(
    of token: TokenSpan, after previous: TokenSpan?, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    guard let entry = table.first(where: { token.spells(lowercaseASCII: $0.form, in: bytes) })
    else { return nil }
    if entry.form == desForm, reading(after: previous, in: bytes) == .article {
      return nil
    }
    let capital = bytes[token.startByte] & 0x20 == 0
    let allCapitals = (token.startByte..<token.endByte).allSatisfy { bytes[$0] & 0x20 == 0 }
    if allCapitals { return entry.words.map { $0.uppercased() } }
    guard capital else { return entry.words }
    return [entry.words[0].prefix(1).uppercased() + entry.words[0].dropFirst()]
      + entry.words.dropFirst()
  }

  static func reading(after previous: TokenSpan?, in bytes: UnsafeBufferPointer<UInt8>)
    -> DesReading
  {
    guard let previous else { return .article }
    let text = String(decoding: bytes[previous.byteRange], as: UTF8.self).lowercased()
    // `50 % des voix`: a share of them.
    if previous.kind == .punct || previous.kind == .symbol {
      return text == "%" ? .contraction : .article
    }
    if wordsBeforeArticle.contains(text) { return .article }
    let length = text.count
    if (length >= 5 && text.hasSuffix("er")) || (length >= 6 && text.hasSuffix("ant")) {
      return .article
    }
    return .contraction
  }
}
