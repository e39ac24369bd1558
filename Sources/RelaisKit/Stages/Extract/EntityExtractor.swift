/// Finds entities with rules that generalize to French news, and from
/// glossary matches. Rules, by `EntitySource`:
/// - glossary: a term of an entry typed PER, LOC, ORG or EVENT;
/// - definition: the long form and the acronym of a definition in the text
///   (`Banque asiatique d’investissement (BAII)`) are organisations;
/// - head-noun: a capitalized head (`Organisation`, `Parti`, `Banque`,
///   `Congrès`, English `Group`, `Times`…) with the capitalized words,
///   particles (`de`, `des`, `du`, `l’`) and adjectives that continue it;
/// - title: a name after a title or role (`Président`, `homologue`, `M.`),
///   past nationality adjectives (`le Président chinois Xi Jinping`);
/// - given-name: a known given name and the capitalized words after it;
/// - preposition: capitalized words after `à`, `au`, `aux`, `en`
///   (`au Kazakhstan`, `en Asie centrale`) are places;
/// - quotes: a short capitalized name in guillemets (`« AMANAT »`);
/// - date and ordinal: `3 et 4 juillet`, `début juillet 2024`, `en 1992`,
///   `le 1er janvier 2025`, `XXIe siècle`; `5ème`, `1ère`, `20e`.
/// An entity never starts with an article (`la Chine` gives `Chine`) and
/// never crosses a sentence boundary. Names overlap nothing but dates and
/// ordinals, which are a layer of their own (`20e` inside `20e Congrès…`).
///
/// One extractor reads one document, sentence by sentence: it remembers
/// names and the last year given, and keeps its per-sentence buffers from
/// one sentence to the next, so a sentence allocates nothing once the
/// buffers have grown (allocation was a fifth of extraction time, perf).
package struct EntityExtractor {
  let matcher: TermMatcher?
  /// The last year a date of the document gave, for dates without one.
  var yearContext: Int?
  /// Names the rules found earlier in the document.
  var memory = DocumentMemory()
  private let lists = EntityWordLists.shared
  private var words = SentenceWords()
  private var candidates: [NameCandidate] = []
  private var names: [NameCandidate] = []
  private var result = Extraction()

  package init(matcher: TermMatcher?) {
    self.matcher = matcher
  }

  /// The entities and acronym definitions of one sentence, entities in
  /// text order.
  package mutating func extract(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>, matches: [TermMatch]
  ) -> Extraction {
    // The rules read the tokens through a pointer valid for this call only
    // (as they read `bytes`): no bounds check or retain per question.
    tokens.withUnsafeBufferPointer { tokens in
      extractLoading(tokens, bytes, matches: matches)
    }
    return result
  }

  mutating func extractLoading(
    _ tokens: UnsafeBufferPointer<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    matches: [TermMatch]
  ) {
    words.load(tokens, bytes, lists: lists)
    // Most sentences leave these empty; emptying an empty array still
    // costs a call.
    if !candidates.isEmpty { candidates.removeAll(keepingCapacity: true) }
    if !names.isEmpty { names.removeAll(keepingCapacity: true) }
    if !result.entities.isEmpty { result.entities.removeAll(keepingCapacity: true) }
    if !result.acronyms.isEmpty { result.acronyms.removeAll(keepingCapacity: true) }
    // A copy that shares the buffers, read by the rules while the
    // candidates grow; gone before the next sentence reloads them.
    let words = self.words
    if let matcher {
      for (index, match) in matches.enumerated() {
        let term = matcher.terms[match.term]
        let entry = matcher.entry(of: term)
        guard term.role != .forbidden, let label = EntityLabel(rawValue: entry.type),
          label != .date, label != .ordinal
        else { continue }
        candidates.append(
          NameCandidate(
            tokenRange: match.tokenRange, label: label, source: .glossary, linkedMatch: index))
      }
    }
    // Rules run only where their trigger words are: most sentences hold a
    // few of them, and a rule that cannot fire costs nothing.
    let present = words.presentRoles
    if words.hasOpeningParenthesis {
      Self.definitions(words, matches: matches, matcher, into: &result.acronyms)
    }
    for definition in result.acronyms where definition.kind == .expansion {
      // The entry of a definition is that of the term at its short form.
      let linkedMatch =
        definition.entry == nil ? nil : matches.firstIndex { $0.tokenRange == definition.short }
      if words.isCapitalized(definition.long.lowerBound)
        || words.has(.organisationHeads, definition.long.lowerBound)
      {
        candidates.append(
          NameCandidate(
            tokenRange: definition.long, label: .organisation, source: .definition,
            linkedMatch: linkedMatch))
      }
      candidates.append(
        NameCandidate(
          tokenRange: definition.short, label: .organisation, source: .definition,
          linkedMatch: linkedMatch))
    }
    if !present.isDisjoint(with: [.organisationHeads, .eventHeads]) {
      Self.headNounNames(words, into: &candidates)
    }
    // The other rules name what follows a word: a capitalized word after
    // the first.
    if words.hasInnerCapital {
      if present.contains(.personTitles) {
        Self.titledPersons(words, into: &candidates)
        Self.personsBeforeTitles(words, into: &candidates)
      }
      if present.contains(.organisationNouns) {
        Self.namedAfterOrganisationNoun(words, into: &candidates)
      }
      if present.contains(.givenNames) { Self.givenNamePersons(words, into: &candidates) }
      if present.contains(.placePrepositions) {
        Self.placesAfterPrepositions(words, into: &candidates)
      }
      if words.hasOpeningQuote {
        let firstQuoted = candidates.count
        Self.quotedNames(words, into: &candidates)
        // A gloss is a translation of a name, not a name of its own.
        for gloss in result.acronyms where gloss.kind == .gloss {
          candidates[firstQuoted...].removeAll { $0.tokenRange.overlaps(gloss.long) }
        }
      }
    }
    memory.namesAgain(words, into: &candidates)
    Self.resolve(&candidates, words, into: &names)
    for name in names {
      var entry: String?
      if let linkedMatch = name.linkedMatch, let matcher {
        entry = matcher.entry(of: matcher.terms[matches[linkedMatch].term]).id
      } else if name.source != .quotes {
        memory.remember(name.tokenRange, name.label, words)
      }
      result.entities.append(
        EntityMention(
          tokenRange: name.tokenRange, label: name.label, entry: entry, source: name.source))
    }
    let firstDate = result.entities.count
    if !words.numbers.isEmpty {
      Self.dates(words, lists, yearContext: &yearContext, into: &result.entities)
      let lastDate = result.entities.count
      for index in words.numbers where words.kind(index) == .ordinal {
        guard
          !result.entities[firstDate..<lastDate].contains(where: {
            $0.tokenRange.contains(index)
          }),
          let number = words.ordinalValue(index)
        else { continue }
        result.entities.append(
          EntityMention(
            tokenRange: index..<index + 1, label: .ordinal, value: String(number),
            source: .ordinal))
      }
    }
    if result.entities.count > 1 {
      result.entities.sort {
        ($0.tokenRange.lowerBound, $0.tokenRange.upperBound) < (
          $1.tokenRange.lowerBound, $1.tokenRange.upperBound
        )
      }
    }
  }

  /// Keeps the best candidates where names overlap: better source first,
  /// then longer, then leftmost; drops leading articles. `candidates` is
  /// used up.
  static func resolve(
    _ candidates: inout [NameCandidate], _ words: SentenceWords,
    into kept: inout [NameCandidate]
  ) {
    guard !candidates.isEmpty else { return }
    var trimmedCount = 0
    for index in candidates.indices {
      var candidate = candidates[index]
      while candidate.tokenRange.count > 1,
        words.has(.articles, candidate.tokenRange.lowerBound)
      {
        candidate.tokenRange = candidate.tokenRange.lowerBound + 1..<candidate.tokenRange.upperBound
      }
      guard !words.has(.articles, candidate.tokenRange.lowerBound) else { continue }
      candidates[trimmedCount] = candidate
      trimmedCount += 1
    }
    if trimmedCount < candidates.count { candidates.removeLast(candidates.count - trimmedCount) }
    if candidates.count > 1 {
      candidates.sort {
        ($0.source.rank, -$0.tokenRange.count, $0.tokenRange.lowerBound)
          < ($1.source.rank, -$1.tokenRange.count, $1.tokenRange.lowerBound)
      }
    }
    for candidate in candidates
    where !kept.contains(where: { $0.tokenRange.overlaps(candidate.tokenRange) }) {
      kept.append(candidate)
    }
  }
}
