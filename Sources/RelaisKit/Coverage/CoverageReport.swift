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
///
/// Given the `term_check` records of `relais align`, it also gives the
/// **translation consistency**: of the French terms checked, the share
/// rendered by one of their entry's English terms (`TermRendering`), with
/// the entries rendered worst and a pair of each as context.
package struct CoverageReport: Sendable, Equatable {
  package struct EntryCount: Sendable, Equatable {
    package var entry: String
    package var glossary: String
    package var count: Int
  }

  /// An acronym or an entity mention with no glossary entry.
  package struct Unknown: Sendable, Equatable {
    package var text: String
    package var count: Int
    /// The first sentence it occurs in, and its document.
    package var context: String
    package var document: String
    /// That sentence's record id, and where the mention is in `context`
    /// (code points), for a reader that marks it there.
    package var sentence: String = ""
    package var contextRange: Range<Int>? = nil
    /// The entity label, for an entity mention.
    package var label: String? = nil
    /// The long form an in-text definition gave, for an acronym.
    package var longForm: String? = nil
  }

  /// How one entry's French terms fared in the translations.
  package struct Consistency: Sendable, Equatable {
    package var entry: String
    package var glossary: String
    /// Checks by `TermRendering` raw value.
    package var statuses: [String: Int] = [:]
    /// The first check not rendered, as context.
    package var example: Example?

    package var checks: Int { statuses.values.reduce(0, +) }
    package var rendered: Int { statuses[TermRendering.rendered.rawValue] ?? 0 }
  }

  /// A term check not rendered: its status, the French term, the
  /// alignment record's id and the bead's texts.
  package struct Example: Sendable, Equatable {
    package var status: String
    package var term: String
    package var alignment: String
    package var fr: String
    package var en: String
  }

  /// An in-text definition that disagrees with the glossary.
  package struct Contradiction: Sendable, Equatable {
    package var short: String
    package var long: String
    package var entry: String
    package var document: String
  }

  package var documents = 0
  package var failedDocuments = 0
  package var found: [EntryCount] = []
  package var neverFound: [String] = []
  /// Forbidden terms found in the text, with counts.
  package var forbidden: [EntryCount] = []
  package var unknownAcronyms: [Unknown] = []
  package var unknownEntities: [Unknown] = []
  package var contradictions: [Contradiction] = []
  /// Entries lacking each language's label, for the languages the
  /// glossaries use.
  package var missingLanguages: [String: [String]] = [:]
  package var acronymMentions = 0
  package var coveredAcronymMentions = 0
  package var entries = 0
  /// `term_check` records read, by `TermRendering` raw value.
  package var termStatuses: [String: Int] = [:]
  package var termChecks: Int { termStatuses.values.reduce(0, +) }
  package var renderedTerms: Int { termStatuses[TermRendering.rendered.rawValue] ?? 0 }
  /// Entries with a French term not rendered, worst first: most terms not
  /// rendered, then lowest share rendered.
  package var worstRendered: [Consistency] = []

  /// The consistency gate's ratio; 1 when nothing was checked.
  package var translationConsistency: Double {
    termChecks == 0 ? 1 : Double(renderedTerms) / Double(termChecks)
  }

  /// The gate's ratio; 1 when the corpus has no acronym at all.
  package var acronymCoverage: Double {
    acronymMentions == 0 ? 1 : Double(coveredAcronymMentions) / Double(acronymMentions)
  }

  /// Entries of the given glossaries found at least once (`found` may
  /// also name entries of other glossaries, when the corpus was made
  /// with them).
  package var foundEntries = 0

  package var entryCoverage: Double {
    entries == 0 ? 1 : Double(foundEntries) / Double(entries)
  }
}

/// Builds a `CoverageReport` from records, one document at a time.
package struct CoverageCollector: Sendable {
  private var report = CoverageReport()
  private var counts: [String: (glossary: String, count: Int)] = [:]
  private var forbiddenCounts: [String: (glossary: String, count: Int)] = [:]
  private var consistency: [String: CoverageReport.Consistency] = [:]
  private var unknownAcronyms: [String: CoverageReport.Unknown] = [:]
  private var unknownEntities: [String: CoverageReport.Unknown] = [:]
  private var acronymOrder: [String] = []
  private var entityOrder: [String] = []
  /// The current document's acronym tokens and term spans (code points).
  private var pendingAcronyms:
    [(text: String, start: Int, end: Int, context: String, sentence: String, sentenceStart: Int)] =
      []
  private var termSpans: [Range<Int>] = []
  private var document = ""
  /// The text of the last sentence record, the context of what follows it.
  private var lastSentence = ""
  private var lastSentenceID = ""
  /// Code point offset of that sentence in its document.
  private var lastSentenceStart = 0
  /// Long forms of acronyms the text defined without a glossary entry.
  private var longForms: [String: String] = [:]

  package init() {}

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
      lastSentenceID = sentence.id
      lastSentenceStart = sentence.start
      // Only tokens `RecordScanner.SentenceTokens.mayBeAcronym` keeps
      // are read here: readers may hand over sentences with no others.
      for token in sentence.tokens
      where token.kind == "word" && TermKeys.isAcronym(token.text)
        && !token.text.unicodeScalars.contains(where: { CharClass.isSpace($0.value) })
      {
        pendingAcronyms.append(
          (token.text, token.start, token.end, sentence.text, sentence.id, sentence.start))
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
        default: .init(
          text: entity.text, count: 0, context: lastSentence, document: doc,
          sentence: lastSentenceID,
          contextRange: Self.range(entity.start, entity.end, from: lastSentenceStart),
          label: entity.label)
      ].count += 1
    case .acronym(let acronym):
      if acronym.entry == nil, acronym.kind == "expansion", longForms[acronym.short.text] == nil {
        longForms[acronym.short.text] = acronym.long.text
      }
      guard let entry = acronym.entry, acronym.contradicts else { return }
      report.contradictions.append(
        .init(short: acronym.short.text, long: acronym.long.text, entry: entry, document: doc))
    case .termCheck(let check):
      report.termStatuses[check.status, default: 0] += 1
      let key = check.glossary + "\u{0}" + check.entry
      var entry = consistency[key] ?? .init(entry: check.entry, glossary: check.glossary)
      entry.statuses[check.status, default: 0] += 1
      if entry.example == nil, check.status != TermRendering.rendered.rawValue {
        entry.example = .init(
          status: check.status, term: check.fr.text, alignment: check.alignment,
          fr: check.context?.fr ?? "", en: check.context?.en ?? "")
      }
      consistency[key] = entry
    case .block, .documentEnd, .alignment:
      break
    }
  }

  /// `start..<end` counted from `origin`, when that is a range: records
  /// read back may hold any numbers.
  private static func range(_ start: Int, _ end: Int, from origin: Int) -> Range<Int>? {
    let (low, lowOverflow) = start.subtractingReportingOverflow(origin)
    let (high, highOverflow) = end.subtractingReportingOverflow(origin)
    guard !lowOverflow, !highOverflow, low <= high else { return nil }
    return low..<high
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
          text: acronym.text, count: 0, context: acronym.context, document: document,
          sentence: acronym.sentence,
          contextRange: Self.range(acronym.start, acronym.end, from: acronym.sentenceStart))
      }
      unknownAcronyms[acronym.text]?.count += 1
    }
    pendingAcronyms.removeAll()
    termSpans.removeAll()
    document = next
  }

  /// Adds what `following` collected from the records that come after
  /// those added here, the same as adding them here one by one: counts add
  /// up, and of an unknown mention, a long form or an example, the first
  /// seen is kept. Lets each worker of a run collect its own documents.
  package mutating func absorb(_ following: CoverageCollector) {
    var following = following
    following.finishDocument(next: "")
    finishDocument(next: "")
    report.documents += following.report.documents
    report.failedDocuments += following.report.failedDocuments
    report.acronymMentions += following.report.acronymMentions
    report.coveredAcronymMentions += following.report.coveredAcronymMentions
    report.contradictions += following.report.contradictions
    for (status, count) in following.report.termStatuses {
      report.termStatuses[status, default: 0] += count
    }
    for (entry, found) in following.counts {
      counts[entry, default: (found.glossary, 0)].count += found.count
    }
    for (entry, found) in following.forbiddenCounts {
      forbiddenCounts[entry, default: (found.glossary, 0)].count += found.count
    }
    for (key, later) in following.consistency {
      guard var entry = consistency[key] else {
        consistency[key] = later
        continue
      }
      for (status, count) in later.statuses { entry.statuses[status, default: 0] += count }
      entry.example = entry.example ?? later.example
      consistency[key] = entry
    }
    Self.absorb(
      following.unknownAcronyms, following.acronymOrder, into: &unknownAcronyms, &acronymOrder)
    Self.absorb(
      following.unknownEntities, following.entityOrder, into: &unknownEntities, &entityOrder)
    longForms.merge(following.longForms) { earlier, _ in earlier }
    if !following.lastSentenceID.isEmpty {
      lastSentence = following.lastSentence
      lastSentenceID = following.lastSentenceID
      lastSentenceStart = following.lastSentenceStart
    }
  }

  private static func absorb(
    _ later: [String: CoverageReport.Unknown], _ laterOrder: [String],
    into table: inout [String: CoverageReport.Unknown], _ order: inout [String]
  ) {
    for text in laterOrder {
      guard let unknown = later[text] else { continue }
      if table[text] == nil {
        table[text] = unknown
        order.append(text)
      } else {
        table[text]?.count += unknown.count
      }
    }
  }

  /// The report, given the glossaries the corpus was mapped with.
  package mutating func finish(glossaries: [Glossary]) -> CoverageReport {
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
    result.unknownAcronyms = ranked(unknownAcronyms, acronymOrder).map { unknown in
      var unknown = unknown
      unknown.longForm = longForms[unknown.text]
      return unknown
    }
    result.unknownEntities = ranked(unknownEntities, entityOrder)
    result.worstRendered = consistency.values.filter { $0.rendered < $0.checks }.sorted {
      let left = ($0.checks - $0.rendered, $1.rendered * $0.checks)
      let right = ($1.checks - $1.rendered, $0.rendered * $1.checks)
      return left != right ? left > right : ($0.glossary, $0.entry) < ($1.glossary, $1.entry)
    }
    return result
  }
}
