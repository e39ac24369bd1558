/// What the extract stage finds: entities (people, places, organisations,
/// events, dates, ordinals) and acronym definitions, sentence by sentence.
package enum EntityLabel: String, Sendable, CaseIterable {
  case person = "PER"
  case location = "LOC"
  case organisation = "ORG"
  case event = "EVENT"
  case date = "DATE"
  case ordinal = "ORDINAL"
  case misc = "MISC"
}

/// How an entity was found, best first: where two overlap, the better
/// source wins (`EntityExtractor` documents each).
package enum EntitySource: String, Sendable, CaseIterable, Comparable {
  case glossary
  case definition
  case headNoun = "head-noun"
  case title
  case givenName = "given-name"
  case preposition
  case quotes
  /// A name found earlier in the document by another rule, seen again.
  case document
  case date
  case ordinal
  /// The trained entity model (`EntityModelStage`), with a score.
  case model

  /// The order of the cases, best first. A switch, not a search of
  /// `allCases`: sorting candidates compares sources many times a sentence.
  var rank: Int {
    switch self {
    case .glossary: 0
    case .definition: 1
    case .headNoun: 2
    case .title: 3
    case .givenName: 4
    case .preposition: 5
    case .quotes: 6
    case .document: 7
    case .date: 8
    case .ordinal: 9
    case .model: 10
    }
  }
  package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// An entity in a sentence.
package struct EntityMention: Sendable, Equatable {
  /// Token indices within the sentence.
  package var tokenRange: Range<Int>
  package var label: EntityLabel
  /// ISO 8601 for dates (`2024-07-03`, `2024-07`, `1992`, `20` for the
  /// 21st century), the number for ordinals.
  package var value: String?
  /// The year of a date came from the document, not the mention.
  package var yearFromContext = false
  /// The glossary entry, when linked.
  package var entry: String?
  package var source: EntitySource
  /// The model's confidence, from 0 to 1, for entities it labelled.
  package var score: Double? = nil
}

/// A name a rule proposes, before overlaps are resolved: plain values,
/// cheap to copy and sort (an `EntityMention` holds strings, and copying
/// mentions was a tenth of extraction time in the pipeline, perf).
struct NameCandidate {
  var tokenRange: Range<Int>
  var label: EntityLabel
  var source: EntitySource
  /// The index, among the sentence's term matches, of the match that
  /// links the name to a glossary entry.
  var linkedMatch: Int? = nil
}

/// An acronym and its long form, found in a sentence.
package struct AcronymDefinition: Sendable, Equatable {
  package enum Kind: String, Sendable {
    /// `Organisation de coopération de Shanghai (OCS)`.
    case expansion
    /// `« AMANAT » (« Héritage des ancêtres »)`: a translation of the name.
    case gloss
  }

  package enum Method: String, Sendable {
    /// The letters of the short form in order in the long form.
    case schwartzHearst = "schwartz-hearst"
    /// Both forms are terms of one glossary entry (across languages:
    /// BLCU ← « université des langues et de la culture de Pékin »).
    case glossary
  }

  package var short: Range<Int>
  package var long: Range<Int>
  package var shortLanguage: String
  package var longLanguage: String
  package var kind: Kind
  package var method: Method
  /// The glossary entry of the short form, when it is a term.
  package var entry: GlossaryEntryRef?
  /// The long form is a term of another entry than the short form's.
  package var contradicts = false
  package var longEntry: GlossaryEntryRef?
}

/// What the extractor finds in one sentence.
package struct Extraction: Sendable {
  package var entities: [EntityMention] = []
  package var acronyms: [AcronymDefinition] = []
}
