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
  /// What a TBX file said of itself beyond its title (header notes,
  /// `sourceDesc`, `publicationStmt`, the `back` matter), kept to be
  /// written again.
  package var tbx: [TBXElement] = []

  package init(
    id: String, title: String? = nil, path: String, sha256: String, entries: [GlossaryEntry],
    tbx: [TBXElement] = []
  ) {
    self.id = id
    self.title = title
    self.path = path
    self.sha256 = sha256
    self.entries = entries
    self.tbx = tbx
  }
}

/// A TBX element Relais carries without reading it (a transaction, a
/// cross-reference, a customer subset…), so that a glossary imported from
/// TBX exports again without loss: its name, its `type`, its other
/// attributes, its text (inline markup flattened to its text) and its
/// child elements.
package struct TBXElement: Sendable, Equatable {
  package var name: String
  package var type: String?
  package var attributes: [String: String]
  package var text: String
  package var children: [TBXElement]

  package init(
    name: String, type: String? = nil, attributes: [String: String] = [:], text: String = "",
    children: [TBXElement] = []
  ) {
    self.name = name
    self.type = type
    self.attributes = attributes
    self.text = text
    self.children = children
  }
}

/// A text with where it comes from (TBX's `descripGrp` of a definition or
/// a context and its `source`).
package struct SourcedText: Sendable, Equatable {
  package var text: String
  package var source: String?

  package init(text: String, source: String? = nil) {
    self.text = text
    self.source = source
  }
}

/// What a terminologist recorded about one term, as TBX-Basic's data
/// categories of a `termSec`: Relais carries these, it does not match on
/// them.
package struct TermDetails: Sendable, Equatable {
  /// `noun`, `verb`, `adjective`, `adverb` or `other`.
  package var partOfSpeech: String?
  /// `masculine`, `feminine`, `neuter` or `other`.
  package var grammaticalGender: String?
  /// A sentence that shows the term in use.
  package var context: SourcedText?
  package var source: String?
  package var note: String?
  /// TBX's `termType` where the term's role does not say it (`fullForm`,
  /// `abbreviation`, or `acronym` for a forbidden acronym).
  package var termType: String?
  /// TBX's `administrativeStatus` where the term's role does not say it
  /// (`supersededTerm-admn-sts` for a forbidden term).
  package var status: String?
  /// Other TBX data of the term.
  package var tbx: [TBXElement] = []

  package init() {}

  package var isEmpty: Bool { self == TermDetails() }
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
  /// The terms are nouns whose plural is a match too: English terms
  /// match with `-s`, `-es` or `-ies` (`EnglishPlurals`).
  package var plurals = false
  package var note: String?
  /// The field of knowledge (TBX `subjectField`).
  package var subjectField: String?
  /// The concept's definition, for every language.
  package var definition: SourcedText?
  /// The entry lacks `fr` or `en` (or both) on purpose, as an import of
  /// monolingual TBX entries does: lint accepts it without them, and it
  /// matches only in the languages it has.
  package var monolingual = false
  /// Other TBX data of the entry.
  package var tbx: [TBXElement] = []
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
  /// The definition in this language.
  package var definition: SourcedText?
  /// What is known of each term, by the term's text.
  package var details: [String: TermDetails] = [:]
  /// Other TBX data of this language.
  package var tbx: [TBXElement] = []

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

/// Language codes a glossary may use: the ISO 639-1 codes (183 of
/// them, ISO 639-1:2002 as maintained). Lint rejects anything else, as a
/// typo most often (`fe`, `eng`, `FR`).
package enum LanguageCodes {
  package static let known: Set<String> = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy",
    "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj",
    "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht",
    "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn",
    "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
    "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru",
    "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss",
    "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts",
    "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
    "za", "zh", "zu",
  ]
}
