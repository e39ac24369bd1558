/// A bilingual glossary: entries with terms per language. Glossaries are
/// YAML files (`Glossaries/README.md` documents the format) read by
/// `GlossaryLoader`.
package struct Glossary: Sendable, Equatable {
  /// Stable id, from the file (`id:`).
  package var id: String
  package var title: String?
  /// Where it was read from.
  package var path: String
  /// SHA-256 of the file's bytes, for provenance.
  package var sha256: String
  package var entries: [GlossaryEntry]

  package init(
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
package struct GlossaryEntry: Sendable, Equatable {
  /// The types an entry may have.
  package static let types: Set<String> = [
    "ORG", "PER", "LOC", "EVENT", "CONCEPT", "TITLE", "WORK", "PRODUCT", "MISC",
  ]

  package var id: String
  package var type: String
  /// Terms by language code (`fr`, `en`, `zh`, `kk`, `ru`…).
  package var languages: [String: LanguageTerms]
  /// The terms are names to keep as they are in a translation.
  package var doNotTranslate: Bool
  /// Match only in the case written (acronyms of capitals always are).
  package var caseSensitive: Bool
  package var note: String?
  /// Where the entry starts in its file, for diagnostics.
  package var location: InputLocation?

  package init(
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

  /// Whether `id` is an entry id the format allows: lowercase letters,
  /// digits, `.`, `_` and `-`, starting with a letter or digit.
  package static func isValidID(_ id: String) -> Bool {
    id.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) != nil
  }

  /// The preferred term of each language, sorted by language code.
  package var preferredLabels: [(language: String, label: String)] {
    languages.keys.sorted().compactMap { code in languages[code].map { (code, $0.preferred) } }
  }
}

/// The terms of one entry in one language.
package struct LanguageTerms: Sendable, Equatable {
  package var preferred: String
  package var variants: [String]
  package var acronyms: [String]
  /// Terms a translator must not use; found in a text, they are reported.
  package var forbidden: [String]

  package init(
    preferred: String, variants: [String] = [], acronyms: [String] = [], forbidden: [String] = []
  ) {
    self.preferred = preferred
    self.variants = variants
    self.acronyms = acronyms
    self.forbidden = forbidden
  }

  /// Every term with its role.
  package var all: [(term: String, role: TermRole)] {
    [(preferred, .preferred)] + variants.map { ($0, .variant) } + acronyms.map { ($0, .acronym) }
      + forbidden.map { ($0, .forbidden) }
  }
}

/// What a term is to its entry.
package enum TermRole: String, Sendable, CaseIterable {
  case preferred
  case variant
  case acronym
  case forbidden
}

/// Language codes a glossary may use: ISO 639-1 codes of languages a
/// French–English terminology for Central Asia and China meets, and the
/// major others. Lint rejects anything else, as a typo most often.
package enum LanguageCodes {
  package static let known: Set<String> = [
    "fr", "en", "zh", "kk", "ru", "ky", "uz", "tg", "tk", "mn", "ug", "de", "es", "it", "pt", "nl",
    "ar", "fa", "tr", "ja", "ko", "hi", "uk", "pl", "cs", "ro", "el", "sv", "da", "no", "fi", "hu",
    "bg", "sr", "hr", "he", "vi", "th", "id", "ms", "la",
  ]
}
