/// A bilingual glossary: entries with terms per language. Glossaries are
/// YAML files (`Glossaries/README.md` documents the format) read by
/// `GlossaryLoader`.
public struct Glossary: Sendable, Equatable {
  /// Stable id, from the file (`id:`).
  public var id: String
  public var title: String?
  /// Where it was read from.
  public var path: String
  /// SHA-256 of the file's bytes, for provenance.
  public var sha256: String
  public var entries: [GlossaryEntry]

  public init(
    id: String, title: String? = nil, path: String, sha256: String, entries: [GlossaryEntry]
  ) {
    self.id = id
    self.title = title
    self.path = path
    self.sha256 = sha256
    self.entries = entries
  }
}

/// One concept with its terms in several languages.
public struct GlossaryEntry: Sendable, Equatable {
  /// The types an entry may have.
  public static let types: Set<String> = [
    "ORG", "PER", "LOC", "EVENT", "CONCEPT", "TITLE", "WORK", "PRODUCT", "MISC",
  ]

  public var id: String
  public var type: String
  /// Terms by language code (`fr`, `en`, `zh`, `kk`, `ru`…).
  public var languages: [String: LanguageTerms]
  /// The terms are names to keep as they are in a translation.
  public var doNotTranslate: Bool
  /// Match only in the case written (acronyms of capitals always are).
  public var caseSensitive: Bool
  public var note: String?
  /// Where the entry starts in its file, for diagnostics.
  public var location: InputLocation?

  public init(
    id: String, type: String, languages: [String: LanguageTerms], doNotTranslate: Bool = false,
    caseSensitive: Bool = false, note: String? = nil, location: InputLocation? = nil
  ) {
    self.id = id
    self.type = type
    self.languages = languages
    self.doNotTranslate = doNotTranslate
    self.caseSensitive = caseSensitive
    self.note = note
    self.location = location
  }

  /// The preferred term of each language, sorted by language code.
  public var preferredLabels: [(language: String, label: String)] {
    languages.keys.sorted().compactMap { code in languages[code].map { (code, $0.preferred) } }
  }
}

/// The terms of one entry in one language.
public struct LanguageTerms: Sendable, Equatable {
  public var preferred: String
  public var variants: [String]
  public var acronyms: [String]
  /// Terms a translator must not use; found in a text, they are reported.
  public var forbidden: [String]

  public init(
    preferred: String, variants: [String] = [], acronyms: [String] = [], forbidden: [String] = []
  ) {
    self.preferred = preferred
    self.variants = variants
    self.acronyms = acronyms
    self.forbidden = forbidden
  }

  /// Every term with its role.
  public var all: [(term: String, role: TermRole)] {
    [(preferred, .preferred)] + variants.map { ($0, .variant) } + acronyms.map { ($0, .acronym) }
      + forbidden.map { ($0, .forbidden) }
  }
}

/// What a term is to its entry.
public enum TermRole: String, Sendable, CaseIterable {
  case preferred
  case variant
  case acronym
  case forbidden
}

/// Language codes a glossary may use: ISO 639-1 codes of languages a
/// French–English terminology for Central Asia and China meets, and the
/// major others. Lint rejects anything else, as a typo most often.
public enum LanguageCodes {
  public static let known: Set<String> = [
    "fr", "en", "zh", "kk", "ru", "ky", "uz", "tg", "tk", "mn", "ug", "de", "es", "it", "pt", "nl",
    "ar", "fa", "tr", "ja", "ko", "hi", "uk", "pl", "cs", "ro", "el", "sv", "da", "no", "fi", "hu",
    "bg", "sr", "hr", "he", "vi", "th", "id", "ms", "la",
  ]
}
