import Foundation

/// How well the glossaries cover a processed corpus (the JSONL records of
/// `relais run`).
///
/// The gate's ratio is **acronym coverage**: of the acronym mentions in
/// the corpus (tokens of two to ten letters, all capitals, such as `OCS` or
/// `BLCU`), the share that lies inside a glossary term match. A new batch
/// that brings acronyms the glossaries do not know lowers it. The report
/// also gives entry coverage (the share of entries found at least once),
/// but does not gate on it: a glossary may rightly hold entries a batch
/// never mentions.
public struct CoverageReport: Sendable, Equatable {
  public struct EntryCount: Sendable, Equatable {
    public var entry: String
    public var glossary: String
    public var count: Int
  }

  /// An acronym or an entity mention with no glossary entry.
  public struct Unknown: Sendable, Equatable {
    public var text: String
    public var count: Int
    /// The first sentence it occurs in, and its document.
    public var context: String
    public var document: String
  }

  /// An in-text definition that disagrees with the glossary.
  public struct Contradiction: Sendable, Equatable {
    public var short: String
    public var long: String
    public var entry: String
    public var document: String
  }

  public var documents = 0
  public var failedDocuments = 0
  public var found: [EntryCount] = []
  public var neverFound: [String] = []
  /// Forbidden terms found in the text, with counts.
  public var forbidden: [EntryCount] = []
  public var unknownAcronyms: [Unknown] = []
  public var unknownEntities: [Unknown] = []
  public var contradictions: [Contradiction] = []
  /// Entries lacking each language's label, for the languages the
  /// glossaries use.
  public var missingLanguages: [String: [String]] = [:]
  public var acronymMentions = 0
  public var coveredAcronymMentions = 0
  public var entries = 0

  /// The gate's ratio; 1 when the corpus has no acronym at all.
  public var acronymCoverage: Double {
    acronymMentions == 0 ? 1 : Double(coveredAcronymMentions) / Double(acronymMentions)
  }

  /// Entries of the given glossaries found at least once (`found` may
  /// also name entries of other glossaries, when the corpus was made
  /// with them).
  public var foundEntries = 0

  public var entryCoverage: Double {
    entries == 0 ? 1 : Double(foundEntries) / Double(entries)
  }
}

/// Builds a `CoverageReport` from records, one document at a time.
public struct CoverageCollector {
  private var report = CoverageReport()
  private var counts: [String: (glossary: String, count: Int)] = [:]
  private var forbiddenCounts: [String: (glossary: String, count: Int)] = [:]
  private var unknownAcronyms: [String: CoverageReport.Unknown] = [:]
  private var unknownEntities: [String: CoverageReport.Unknown] = [:]
  private var acronymOrder: [String] = []
  private var entityOrder: [String] = []
  /// The current document's acronym tokens and term spans (code points).
  private var pendingAcronyms: [(text: String, start: Int, end: Int, context: String)] = []
  private var termSpans: [Range<Int>] = []
  private var document = ""
  /// The text of the last sentence record, the context of what follows it.
  private var lastSentence = ""

  public init() {}

  /// Adds one record.
  package mutating func add(_ record: Record) {
    let doc = record.doc
    if doc != document { finishDocument(next: doc) }
    switch record {
    case .document:
      report.documents += 1
    case .error:
      report.documents += 1
      report.failedDocuments += 1
    case .sentence(let sentence):
      lastSentence = sentence.text
      for token in sentence.tokens
      where token.kind == "word" && TermKeys.isAcronym(token.text)
        && token.text.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace })
      {
        pendingAcronyms.append((token.text, token.start, token.end, sentence.text))
      }
    case .term(let term):
      if term.match == "forbidden" {
        forbiddenCounts[term.entry, default: (term.glossary, 0)].count += 1
      } else {
        counts[term.entry, default: (term.glossary, 0)].count += 1
        termSpans.append(term.start..<term.end)
      }
    case .entity(let entity):
      // Names only: dates and ordinals are not glossary business.
      guard entity.entry == nil, !["DATE", "ORDINAL"].contains(entity.label) else { return }
      if unknownEntities[entity.text] == nil { entityOrder.append(entity.text) }
      unknownEntities[
        entity.text,
        default: .init(text: entity.text, count: 0, context: lastSentence, document: doc)
      ].count += 1
    case .acronym(let acronym):
      guard let entry = acronym.entry, acronym.contradicts else { return }
      report.contradictions.append(
        .init(short: acronym.short.text, long: acronym.long.text, entry: entry, document: doc))
    case .block, .documentEnd:
      break
    }
  }

  private mutating func finishDocument(next: String) {
    for acronym in pendingAcronyms {
      report.acronymMentions += 1
      if termSpans.contains(where: {
        $0.lowerBound <= acronym.start && acronym.end <= $0.upperBound
      }) {
        report.coveredAcronymMentions += 1
        continue
      }
      if unknownAcronyms[acronym.text] == nil {
        acronymOrder.append(acronym.text)
        unknownAcronyms[acronym.text] = .init(
          text: acronym.text, count: 0, context: acronym.context, document: document)
      }
      unknownAcronyms[acronym.text]?.count += 1
    }
    pendingAcronyms.removeAll()
    termSpans.removeAll()
    document = next
  }

  /// The report, given the glossaries the corpus was mapped with.
  public mutating func finish(glossaries: [Glossary]) -> CoverageReport {
    finishDocument(next: "")
    var result = report
    result.found = counts.map {
      .init(entry: $0.key, glossary: $0.value.glossary, count: $0.value.count)
    }
    .sorted { ($1.count, $0.entry) < ($0.count, $1.entry) }
    result.forbidden = forbiddenCounts.map {
      .init(entry: $0.key, glossary: $0.value.glossary, count: $0.value.count)
    }.sorted { $0.entry < $1.entry }
    let entries = glossaries.flatMap(\.entries)
    result.entries = entries.count
    result.neverFound = entries.map(\.id).filter { counts[$0] == nil }.sorted()
    result.foundEntries = entries.count - result.neverFound.count
    let languages = Set(entries.flatMap(\.languages.keys))
    for language in languages.sorted() {
      let missing = entries.filter { $0.languages[language] == nil }.map(\.id).sorted()
      if !missing.isEmpty { result.missingLanguages[language] = missing }
    }
    func ranked(_ table: [String: CoverageReport.Unknown], _ order: [String]) -> [CoverageReport
      .Unknown]
    {
      order.compactMap { table[$0] }.enumerated().sorted {
        ($1.element.count, $0.offset) < ($0.element.count, $1.offset)
      }.map(\.element)
    }
    result.unknownAcronyms = ranked(unknownAcronyms, acronymOrder)
    result.unknownEntities = ranked(unknownEntities, entityOrder)
    return result
  }
}
