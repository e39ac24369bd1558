/// The extract stage: entities (people, places, organisations, events,
/// dates, ordinals) and acronym definitions, sentence by sentence.
public enum EntityLabel: String, Sendable, CaseIterable {
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
public enum EntitySource: String, Sendable, CaseIterable, Comparable {
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
    }
  }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// An entity in a sentence.
public struct EntityMention: Sendable, Equatable {
  /// Token indices within the sentence.
  public var tokenRange: Range<Int>
  public var label: EntityLabel
  /// ISO 8601 for dates (`2024-07-03`, `2024-07`, `1992`, `20` for the
  /// 21st century), the number for ordinals.
  public var value: String?
  /// The year of a date came from the document, not the mention.
  public var yearFromContext = false
  /// The glossary entry, when linked.
  public var entry: String?
  public var source: EntitySource
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
public struct AcronymDefinition: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// `Organisation de coopération de Shanghai (OCS)`.
    case expansion
    /// `« AMANAT » (« Héritage des ancêtres »)`: a translation of the name.
    case gloss
  }

  public enum Method: String, Sendable {
    /// The letters of the short form in order in the long form.
    case schwartzHearst = "schwartz-hearst"
    /// Both forms are terms of one glossary entry (across languages:
    /// BLCU ← « université des langues et de la culture de Pékin »).
    case glossary
  }

  public var short: Range<Int>
  public var long: Range<Int>
  public var shortLanguage: String
  public var longLanguage: String
  public var kind: Kind
  public var method: Method
  public var entry: String?
  /// The long form is a term of another entry than the short form's.
  public var contradicts = false
  public var longEntry: String?
}

/// What the extractor finds in one sentence.
public struct Extraction: Sendable {
  public var entities: [EntityMention] = []
  public var acronyms: [AcronymDefinition] = []
}

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
public struct EntityExtractor {
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

  public init(matcher: TermMatcher?) {
    self.matcher = matcher
  }

  /// The entities and acronym definitions of one sentence, entities in
  /// text order.
  public mutating func extract(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>, matches: [TermMatch]
  ) -> Extraction {
    // The rules read the tokens through a pointer valid for this call only
    // (as they read `bytes`): no bounds check or retain per question.
    tokens.withUnsafeBufferPointer { tokens in
      extractLoading(tokens, bytes, matches: matches)
    }
    return result
  }

  private mutating func extractLoading(
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
  private static func resolve(
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

  // MARK: Names

  /// Capitalized words and particles after `start`, ending on a capitalized
  /// word or a name adjective; the end index (exclusive) or nil.
  private static func nameContinuation(
    _ words: SentenceWords, from start: Int, limit: Int = 10
  ) -> Int {
    var end = start
    var position = start
    var lowercaseRun = 0
    while position < words.count && position - start < limit {
      if words.isCapitalized(position) && !words.has(.personTitles, position) {
        position += 1
        end = position
        lowercaseRun = 0
      } else if words.has(.nameParticles, position) {
        position += 1
      } else if words.isLowercaseWord(position) && lowercaseRun < 2
        && words.token(position).endByte - words.token(position).startByte >= 4
        && !words.has(.personTitles, position)
      {
        // A content word inside a name: `Organisation de coopération de…`.
        position += 1
        lowercaseRun += 1
      } else {
        break
      }
    }
    // Adjectives directly after the last capitalized word: `Asie centrale`.
    while end < words.count && end - start < limit && words.isNameAdjective(end) { end += 1 }
    return end
  }

  private static func headNounNames(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in 0..<words.count {
      let isOrganisation = words.has(.organisationHeads, index)
      let isEvent = words.has(.eventHeads, index)
      guard isOrganisation || isEvent else { continue }
      let label: EntityLabel = isEvent ? .event : .organisation
      if words.isCapitalized(index) {
        // French order: the head first (`Banque mondiale`, `Organisation de…`).
        let end = nameContinuation(words, from: index + 1)
        var start = index
        if isEvent && start > 0 && words.kind(start - 1) == .ordinal { start -= 1 }
        // First in its sentence, an event word is capitalized anyway: it
        // needs a capitalized word after it (`Accords économiques` is no
        // name; `Banque mondiale` is).
        let opensSentence = isEvent && words.opensSentence(index)
        let hasProperName = (index + 1..<end).contains { words.isCapitalized($0) }
        if end > index + 1 && (!opensSentence || hasProperName) {
          found.append(NameCandidate(tokenRange: start..<end, label: label, source: .headNoun))
          continue
        }
        // English order: the head last (`China Media Group`, `Astana Times`).
        var first = index
        while first > 0 && words.isCapitalized(first - 1)
          && !words.has(.articles, first - 1)
          && !words.has(.notNames, first - 1)
        {
          first -= 1
        }
        if first < index {
          found.append(
            NameCandidate(tokenRange: first..<index + 1, label: label, source: .headNoun))
        }
      } else if isOrganisation, index + 2 < words.count,
        words.has(.nameParticles, index + 1)
      {
        // A lowercase head with a proper name after it: `université de Pékin`.
        let end = nameContinuation(words, from: index + 1)
        if end > index + 2 && words.isCapitalized(end - 1) {
          found.append(NameCandidate(tokenRange: index..<end, label: label, source: .headNoun))
        }
      }
    }
  }

  /// Capitalized words from `start`, with the particles that join them
  /// (`Ursula von der Leyen`): the name of a person or a place.
  private static func capitalizedRun(
    _ words: SentenceWords, from start: Int, limit: Int = 4
  ) -> Int {
    var end = start
    var position = start
    while position < words.count && position - start < limit + 2 {
      // A title word starts no name, but may end one (`Bruno Le Maire`).
      if words.isCapitalized(position) && !words.isAcronym(position)
        && !(position == start && words.has(.personTitles, position))
        && !words.has(.notNames, position)
      {
        position += 1
        end = position
      } else if position > start && words.has(.personParticles, position) {
        position += 1
      } else {
        break
      }
    }
    return end
  }

  /// Up to two adjectives from `start` (`président chinois`, `groupe
  /// français`): where the name after a title or noun begins.
  private static func afterTitleAdjectives(_ words: SentenceWords, from start: Int) -> Int {
    var position = start
    while position < words.count && position - start < 2
      && words.has(.titleAdjectives, position)
    {
      position += 1
    }
    return position
  }

  private static func titledPersons(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in 0..<words.count where words.has(.personTitles, index) {
      let start = afterTitleAdjectives(words, from: index + 1)
      let end = capitalizedRun(words, from: start)
      if end > start {
        found.append(NameCandidate(tokenRange: start..<end, label: .person, source: .title))
      }
    }
  }

  /// `le groupe français TotalEnergies`, `la société Sonatrach`: a
  /// lowercase organisation noun, adjectives, then the name.
  private static func namedAfterOrganisationNoun(
    _ words: SentenceWords, into found: inout [NameCandidate]
  ) {
    for index in 0..<words.count
    where words.isLowercaseWord(index) && words.has(.organisationNouns, index) {
      let start = afterTitleAdjectives(words, from: index + 1)
      let end = capitalizedRun(words, from: start, limit: 3)
      if end > start {
        found.append(NameCandidate(tokenRange: start..<end, label: .organisation, source: .title))
      }
    }
  }

  /// `Rachid Hachichi, président-directeur général`: a name of two words
  /// or more, a comma, then a title.
  private static func personsBeforeTitles(
    _ words: SentenceWords, into found: inout [NameCandidate]
  ) {
    // A run starts with a capitalized word, after the last run.
    var next = 0
    for index in words.capitalized where index >= next {
      let end = capitalizedRun(words, from: index)
      if end - index >= 2, end + 1 < words.count, words.isText(end, ","),
        words.has(.personTitles, end + 1)
      {
        found.append(NameCandidate(tokenRange: index..<end, label: .person, source: .title))
      }
      next = max(end, index + 1)
    }
  }

  private static func givenNamePersons(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in words.capitalized where words.has(.givenNames, index) {
      let end = capitalizedRun(words, from: index + 1, limit: 3)
      if end > index + 1 {
        found.append(NameCandidate(tokenRange: index..<end, label: .person, source: .givenName))
      }
    }
  }

  private static func placesAfterPrepositions(
    _ words: SentenceWords, into found: inout [NameCandidate]
  ) {
    for index in 0..<words.count where words.has(.placePrepositions, index) {
      var start = index + 1
      // `vers l’Italie`, `dans la Somme`.
      if start < words.count && words.has(.articles, start) { start += 1 }
      // Most prepositions lead to a lowercase word: nothing to look at.
      guard start < words.count, words.isCapitalized(start) else { continue }
      var end = capitalizedRun(words, from: start, limit: 3)
      guard end > start, !words.has(.months, start) else { continue }
      while end < words.count && end - start < 4 && words.isNameAdjective(end) { end += 1 }
      found.append(NameCandidate(tokenRange: start..<end, label: .location, source: .preposition))
    }
  }

  private static func quotedNames(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in 0..<words.count where words.isText(index, "«") || words.isText(index, "“") {
      var end = index + 1
      while end < words.count && end - index <= 5 && words.kind(end) != .punct { end += 1 }
      guard end < words.count, end > index + 1, words.isText(end, "»") || words.isText(end, "”"),
        words.isCapitalized(index + 1)
      else { continue }
      found.append(NameCandidate(tokenRange: index + 1..<end, label: .misc, source: .quotes))
    }
  }

  // MARK: Acronym definitions

  private static func definitions(
    _ words: SentenceWords, matches: [TermMatch], _ matcher: TermMatcher?,
    into found: inout [AcronymDefinition]
  ) {
    for open in 0..<words.count where words.isText(open, "(") {
      // `LONG (SHORT)`.
      if open + 2 < words.count, words.isAcronym(open + 1) || words.isShortName(open + 1),
        words.isText(open + 2, ")"), open > 0
      {
        let short = open + 1..<open + 2
        let shortTerm = termEntry(matches, exactly: short, matcher)
        // Through the glossary: a term ends right before the parenthesis.
        if let longMatch = matches.first(where: { $0.tokenRange.upperBound == open }),
          let longTerm = term(longMatch, matcher), let shortInfo = shortTerm
        {
          let same = longTerm.entry == shortInfo.entry
          found.append(
            AcronymDefinition(
              short: short, long: longMatch.tokenRange, shortLanguage: shortInfo.language,
              longLanguage: longTerm.language, kind: .expansion, method: .glossary,
              entry: shortInfo.entry, contradicts: !same, longEntry: same ? nil : longTerm.entry))
          continue
        }
        if let long = schwartzHearst(words, short: open + 1, before: open), long.count >= 2 {
          found.append(
            AcronymDefinition(
              short: short, long: long, shortLanguage: shortTerm?.language ?? "fr",
              longLanguage: "fr", kind: .expansion, method: .schwartzHearst,
              entry: shortTerm?.entry))
        }
        continue
      }
      // `« NAME » (« GLOSS »)`: a name, then its translation.
      guard open >= 1 else { continue }
      var nameEnd = open
      if words.isText(nameEnd - 1, "»") { nameEnd -= 1 }
      guard nameEnd >= 1, words.isAcronym(nameEnd - 1) || words.isCapitalized(nameEnd - 1) else {
        continue
      }
      // Only a name of the glossary has a gloss: asked first, as without
      // a glossary there is none to find.
      let short = nameEnd - 1..<nameEnd
      guard let shortInfo = termEntry(matches, exactly: short, matcher) else { continue }
      var glossStart = open + 1
      if glossStart < words.count && words.isText(glossStart, "«") { glossStart += 1 }
      var close = glossStart
      while close < words.count && !words.isText(close, ")") && close - glossStart < 10 {
        close += 1
      }
      guard close < words.count, words.isText(close, ")") else { continue }
      var glossEnd = close
      if words.isText(glossEnd - 1, "»") { glossEnd -= 1 }
      guard glossEnd > glossStart, open + 1 < glossStart || words.isText(nameEnd, "»") else {
        continue
      }
      found.append(
        AcronymDefinition(
          short: short, long: glossStart..<glossEnd, shortLanguage: shortInfo.language,
          longLanguage: "fr", kind: .gloss, method: .glossary, entry: shortInfo.entry))
    }
  }

  private static func term(_ match: TermMatch, _ matcher: TermMatcher?) -> (
    entry: String, language: String
  )? {
    guard let matcher else { return nil }
    let term = matcher.terms[match.term]
    return (matcher.entry(of: term).id, term.language)
  }

  private static func termEntry(
    _ matches: [TermMatch], exactly range: Range<Int>, _ matcher: TermMatcher?
  ) -> (entry: String, language: String)? {
    matches.first { $0.tokenRange == range }.flatMap { term($0, matcher) }
  }

  /// The Schwartz–Hearst long form of the acronym at `short`: the shortest
  /// run of words ending before `before` whose letters hold the acronym's
  /// letters in order, the first at the start of the first word.
  private static func schwartzHearst(_ words: SentenceWords, short: Int, before: Int) -> Range<Int>?
  {
    let letters = folded(words, short).filter { CharClass.isLetter($0) }
    guard letters.count >= 2 else { return nil }
    let maximumWords = min(letters.count + 5, letters.count * 2)
    var start = before - 1
    while start >= 0 && before - start <= maximumWords {
      guard words.kind(start) == .word || words.kind(start) == .abbreviation else { return nil }
      // A long form starts with the acronym's first letter: the words are
      // folded (arrays, allocated) only from a word that does.
      if firstFoldedLetter(words, start) == letters.first,
        holdsInOrder(letters, (start..<before).map { folded(words, $0) })
      {
        return start..<before
      }
      start -= 1
    }
    return nil
  }

  /// The first scalar of a token, folded as `folded(_:_:)` folds it.
  static func firstFoldedLetter(_ words: SentenceWords, _ index: Int) -> UInt32? {
    let token = words.token(index)
    var offset = token.startByte
    var first: UInt32?
    // A scalar may fold to none (a format character): go on to the next.
    while first == nil && offset < token.endByte {
      let (value, length) = words.reader.scalar(at: offset)
      TermKeys.fold(value, foldCase: true) { if first == nil { first = $0 } }
      offset += length
    }
    return first
  }

  /// A token's scalars without case or accents (`TermKeys.fold`).
  static func folded(_ words: SentenceWords, _ index: Int) -> [UInt32] {
    var result: [UInt32] = []
    let token = words.token(index)
    let reader = words.reader
    var offset = token.startByte
    while offset < token.endByte {
      let (value, length) = reader.scalar(at: offset)
      TermKeys.fold(value, foldCase: true) { result.append($0) }
      offset += length
    }
    return result
  }

  /// The acronym's letters, matched from the last, in the words' letters
  /// (folded); the first letter must start a word, and the first word.
  static func holdsInOrder(_ letters: [UInt32], _ words: [[UInt32]]) -> Bool {
    guard let firstWord = words.first, firstWord.first == letters.first else { return false }
    var letterIndex = letters.count - 1
    var wordIndex = words.count - 1
    var characterIndex = words[wordIndex].count - 1
    while letterIndex >= 0 {
      guard wordIndex >= 0 else { return false }
      if characterIndex < 0 {
        wordIndex -= 1
        if wordIndex >= 0 { characterIndex = words[wordIndex].count - 1 }
        continue
      }
      let character = words[wordIndex][characterIndex]
      // Every letter but the first may fall inside a word; the first must
      // start one.
      let atWordStart =
        characterIndex == 0 || !CharClass.isLetter(words[wordIndex][characterIndex - 1])
      if character == letters[letterIndex] && (letterIndex > 0 || atWordStart) {
        letterIndex -= 1
      }
      characterIndex -= 1
    }
    return true
  }

  // MARK: Dates

  private static let monthWords: WordRoles = [.months, .monthQualifiers]

  /// Dates from left to right, none overlapping; `yearContext` follows the
  /// years the text gives.
  private static func dates(
    _ words: SentenceWords, _ lists: EntityWordLists, yearContext: inout Int?,
    into found: inout [EntityMention]
  ) {
    // Every date has a number or an ordinal at most two tokens from its
    // start (`début juillet 2024`), so only the positions up to two before
    // one are tried, in order. `next`: where the last date ended, or the
    // position after the last one tried.
    var next = 0
    for number in words.numbers where number >= next {
      for index in max(number - 2, next)...number {
        // Dates start with a number, an ordinal, a month or a word before
        // one (`début`), or `en`, `depuis` and the like before a number.
        let kind = words.kind(index)
        if kind == .number || kind == .ordinal || words.has(Self.monthWords, index)
          || (words.has(.yearPrepositions, index) && index + 1 < words.count
            && words.kind(index + 1) == .number),
          let (mention, end) = date(words, lists, at: index, yearContext: &yearContext)
        {
          found.append(mention)
          next = end
          break
        }
        next = index + 1
      }
    }
  }

  private static func date(
    _ words: SentenceWords, _ lists: EntityWordLists, at index: Int, yearContext: inout Int?
  ) -> (EntityMention, Int)? {
    // A century: `XXIe siècle`.
    if words.kind(index) == .ordinal, index + 1 < words.count,
      words.has(.centuryWords, index + 1), let number = words.ordinalValue(index)
    {
      let value = ISODigits.padded(number - 1, 2)
      return (
        EntityMention(tokenRange: index..<index + 2, label: .date, value: value, source: .date),
        index + 2
      )
    }
    // Days and a month, maybe a year: `3 et 4 juillet`, `1er janvier 2025`.
    if let day = words.dayNumber(index) {
      var position = index + 1
      var lastDay = day
      if position + 1 < words.count,
        words.isText(position, "et") || words.isText(position, "-") || words.isText(position, "au")
          || words.isText(position, "à"),
        let second = words.dayNumber(position + 1), second > day
      {
        // A range runs forward: `30 au 2 juillet` is no range of July
        // (its first day belongs to another month), and `day...second`
        // would trap; the later day is then read as a date of its own.
        lastDay = second
        position += 2
      }
      guard position < words.count, let month = lists.month(words, position) else { return nil }
      position += 1
      var year: Int?
      if position < words.count, let number = words.yearNumber(position) {
        year = number
        position += 1
      }
      return (
        datedMention(
          index..<position, year: year, month: month, days: day...lastDay,
          yearContext: &yearContext),
        position
      )
    }
    // A month and a year, maybe qualified: `début juillet 2024`.
    var start = index
    var monthIndex = index
    if words.has(.monthQualifiers, index), index + 1 < words.count {
      monthIndex = index + 1
    }
    if let month = lists.month(words, monthIndex), monthIndex + 1 < words.count,
      let year = words.yearNumber(monthIndex + 1)
    {
      yearContext = year
      if monthIndex == index { start = index }
      let value = ISODigits.month(month, of: year)
      return (
        EntityMention(
          tokenRange: start..<monthIndex + 2, label: .date, value: value, source: .date),
        monthIndex + 2
      )
    }
    // A bare year after a preposition: `en 1992`, `depuis 2005`.
    if words.has(.yearPrepositions, index), index + 1 < words.count,
      let year = words.yearNumber(index + 1),
      !(index + 2 < words.count && words.kind(index + 2) == .number)
    {
      yearContext = year
      return (
        EntityMention(
          tokenRange: index + 1..<index + 2, label: .date, value: String(year), source: .date),
        index + 2
      )
    }
    return nil
  }

  private static func datedMention(
    _ range: Range<Int>, year: Int?, month: Int, days: ClosedRange<Int>, yearContext: inout Int?
  ) -> EntityMention {
    let resolvedYear = year ?? yearContext
    if let year { yearContext = year }
    let value = ISODigits.days(days, month: month, year: resolvedYear)
    return EntityMention(
      tokenRange: range, label: .date, value: value,
      yearFromContext: year == nil && resolvedYear != nil, source: .date)
  }
}

/// Names found in a document, to find again where no rule would: a name
/// is remembered by the key of its tokens' keys combined in order, and
/// every shorter run it starts with is remembered as a prefix, so that the
/// search from a word stops at the first run no name starts with.
struct DocumentMemory {
  /// Combined keys of names and their prefixes, to `stored(_:)` of the
  /// name's label (0 for a prefix only), with `continues` set on prefixes.
  /// Room from the start for the names and prefixes of a long article (a
  /// 100 kB benchmark document has about 270 names, and their prefixes):
  /// growing from 16 slots, one rehash per doubling, was a seventh of the
  /// time spent remembering.
  private var names = KeyMap(capacity: 512)
  private var isEmpty = true
  private static let continues: UInt16 = 1 << 8
  /// Runs of more words than this are not looked for.
  private static let longest = 8

  /// `allCases` once: the synthesized property builds a new array per call.
  private static let labels = EntityLabel.allCases

  private static func stored(_ label: EntityLabel) -> UInt16 {
    UInt16((labels.firstIndex(of: label) ?? 0) + 1)
  }

  private static func label(_ value: UInt16) -> EntityLabel? {
    let position = Int(value & 0xFF) - 1
    return labels.indices.contains(position) ? labels[position] : nil
  }

  private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

  @inline(__always)
  private static func combine(_ combined: UInt64, _ key: UInt64) -> UInt64 {
    (combined ^ key) &* 0x0000_0100_0000_01B3
  }

  /// Remembers the name at `range` unless a name of the same words is
  /// remembered already (the first label stays).
  mutating func remember(_ range: Range<Int>, _ label: EntityLabel, _ words: SentenceWords) {
    var key = Self.seed
    for index in range { key = Self.combine(key, words.key(index)) }
    let known = names.value(key)
    guard Self.label(known) == nil else { return }
    names.set(key, known | Self.stored(label))
    isEmpty = false
    key = Self.seed
    for index in range.dropLast() {
      key = Self.combine(key, words.key(index))
      // Most prefixes are marked already (names share first words).
      let value = names.value(key)
      if value & Self.continues == 0 { names.set(key, value | Self.continues) }
    }
  }

  /// Remembered names seen again as the same words, from each capitalized
  /// word: every remembered name the words from it spell.
  func namesAgain(_ words: SentenceWords, into found: inout [NameCandidate]) {
    guard !isEmpty else { return }
    for start in words.capitalized {
      var key = Self.seed
      for end in start + 1...min(words.count, start + Self.longest) {
        key = Self.combine(key, words.key(end - 1))
        let value = names.value(key)
        if let label = Self.label(value) {
          found.append(NameCandidate(tokenRange: start..<end, label: label, source: .document))
        }
        if value & Self.continues == 0 { break }
      }
    }
  }
}

/// A sentence's tokens with the questions the rules ask of them. Each
/// token's folded key, list roles and shape are computed once, when the
/// sentence is loaded, so that the rules' many questions cost a table
/// look-up each. The arrays keep their capacity from one sentence to the
/// next; only the first `count` entries belong to the sentence loaded.
struct SentenceWords {
  /// The sentence's tokens and the document's bytes, valid from `load` to
  /// the end of the `EntityExtractor.extract` call that loaded them.
  private(set) var tokens = UnsafeBufferPointer<TokenSpan>(start: nil, count: 0)
  private(set) var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  var count: Int { tokens.count }
  /// What each token is, in one array: one uniqueness check and one
  /// stream of stores a sentence, not three.
  private var info: [Info] = []
  /// Indices of the capitalized words, in order; the first `capitalCount`
  /// belong to the sentence.
  private var capitals: [Int] = []
  private var capitalCount = 0
  /// Every role some token of the sentence has.
  private(set) var presentRoles: WordRoles = []
  private(set) var hasOpeningParenthesis = false
  private(set) var hasOpeningQuote = false
  /// Indices of the numbers and ordinals, in order (every date has one);
  /// the first `numberCount` belong to the sentence.
  private var numberIndices: [Int] = []
  private var numberCount = 0
  /// A capitalized word after the first token: every name but those a
  /// head noun or the document memory finds at the start has one.
  var hasInnerCapital: Bool { capitalCount > 1 || (capitalCount == 1 && capitals[0] > 0) }

  private struct Info {
    /// `WordKey` of a word or abbreviation; 0 for other tokens.
    var key: UInt64
    var roles: WordRoles
    var shape: Shape
  }

  private struct Shape: OptionSet {
    let rawValue: UInt8
    static let capitalized = Shape(rawValue: 1)
    static let lowercaseWord = Shape(rawValue: 2)
    static let acronym = Shape(rawValue: 4)
  }

  var reader: ScalarReader { ScalarReader(bytes: bytes) }

  mutating func load(
    _ tokens: UnsafeBufferPointer<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    lists: EntityWordLists
  ) {
    self.tokens = tokens
    self.bytes = bytes
    if info.count < count {
      let capacity = max(count, 2 * info.count, 64)
      info = Array(repeating: Info(key: 0, roles: [], shape: []), count: capacity)
      capitals = Array(repeating: 0, count: capacity)
      numberIndices = Array(repeating: 0, count: capacity)
    }
    var capitalCount = 0
    var present: WordRoles = []
    var opensParenthesis = false
    var opensQuote = false
    var numberCount = 0
    let reader = reader
    // Written through pointers: `append` checks capacity and uniqueness
    // per element, three times per token.
    info.withUnsafeMutableBufferPointer { info in
      capitals.withUnsafeMutableBufferPointer { capitals in
        numberIndices.withUnsafeMutableBufferPointer { numberIndices in
          for index in tokens.indices {
            let token = tokens[index]
            var shape: Shape = []
            var tokenRoles: WordRoles = []
            var key: UInt64 = 0
            if token.kind == .word || token.kind == .abbreviation {
              // Only words and abbreviations are ever looked up.
              key = WordKey.of(bytes, token.startByte, token.endByte)
              tokenRoles = lists.roles(of: key)
              shape = Self.shape(token, reader)
              // Written always, kept when capitalized: no branch.
              capitals[capitalCount] = index
              capitalCount += shape.contains(.capitalized) ? 1 : 0
            } else if token.kind == .number || token.kind == .ordinal {
              numberIndices[numberCount] = index
              numberCount += 1
            } else if token.kind == .punct {
              let byte = bytes[token.startByte]
              if byte == 0x28 { opensParenthesis = true }
              // « is C2 AB, “ is E2 80 9C.
              if byte == 0xC2 || byte == 0xE2 { opensQuote = true }
            }
            info[index] = Info(key: key, roles: tokenRoles, shape: shape)
            present.formUnion(tokenRoles)
          }
        }
      }
    }
    self.capitalCount = capitalCount
    presentRoles = present
    hasOpeningParenthesis = opensParenthesis
    hasOpeningQuote = opensQuote
    self.numberCount = numberCount
  }

  /// The shape of a word or abbreviation, from its first letter (ASCII
  /// answered without decoding).
  @inline(__always)
  private static func shape(_ token: TokenSpan, _ reader: ScalarReader) -> Shape {
    let lead = reader.bytes[token.startByte]
    let isUppercase: Bool
    let isLowercase: Bool
    if lead < 0x80 {
      isUppercase = lead &- 0x41 < 26
      isLowercase = lead &- 0x61 < 26
    } else {
      (isUppercase, isLowercase) = caseBeyondASCII(token, reader)
    }
    if isUppercase {
      // Most capitalized words have a lowercase ASCII letter second, which
      // no acronym has: answered without the scan.
      let length = token.endByte - token.startByte
      if token.kind == .word && length <= 40
        && (length < 2 || reader.bytes[token.startByte + 1] &- 0x61 >= 26)
        && isAcronym(token, reader)
      {
        return [.capitalized, .acronym]
      }
      return .capitalized
    }
    return isLowercase && token.kind == .word ? .lowercaseWord : []
  }

  /// Whether a token's first letter, beyond ASCII, is uppercase or
  /// lowercase. Apart, and never inlined, to keep `shape`, which runs for
  /// every word, small: inlined, this path made the extractor 1.6 ns a
  /// token slower (`relais-bench`), and before `CharClass` kept Unicode
  /// properties out of line it fetched their metadata on every call.
  @inline(never)
  private static func caseBeyondASCII(_ token: TokenSpan, _ reader: ScalarReader) -> (
    uppercase: Bool, lowercase: Bool
  ) {
    let first = reader.scalar(at: token.startByte).value
    let isUppercase = CharClass.isUppercase(first)
    return (isUppercase, !isUppercase && CharClass.isLowercase(first))
  }

  /// Two to ten letters, digits allowed, no lowercase letter.
  private static func isAcronym(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    var letters = 0
    var scalars = 0
    var offset = token.startByte
    while offset < token.endByte {
      let (value, length) = reader.scalar(at: offset)
      if CharClass.isLowercase(value) { return false }
      if CharClass.isLetter(value) { letters += 1 }
      scalars += 1
      offset += length
    }
    return letters >= 2 && scalars <= 10
  }

  /// The token at `index`, which must be in the sentence: checked, as a
  /// read through the pointer is not.
  func token(_ index: Int) -> TokenSpan {
    precondition(index >= 0 && index < count, "token index out of the sentence")
    return tokens[index]
  }
  func kind(_ index: Int) -> TokenKind { token(index).kind }

  /// The indices of the capitalized words, in order: the rules that start
  /// from one walk these instead of the whole sentence.
  var capitalized: ArraySlice<Int> { capitals[0..<capitalCount] }

  /// The indices of the numbers and ordinals, in order.
  var numbers: ArraySlice<Int> { numberIndices[0..<numberCount] }

  /// The token is exactly `literal`.
  func isText(_ index: Int, _ literal: StaticString) -> Bool {
    guard index >= 0 && index < count else { return false }
    let token = token(index)
    guard token.endByte - token.startByte == literal.utf8CodeUnitCount else { return false }
    for offset in 0..<literal.utf8CodeUnitCount
    where bytes[token.startByte + offset] != literal.utf8Start[offset] {
      return false
    }
    return true
  }

  /// The first word of the sentence, or of a list item (`1 .` before it),
  /// articles aside (`Les Accords…`).
  func opensSentence(_ index: Int) -> Bool {
    var first = 0
    if count > 2 && kind(0) == .number && kind(1) == .punct { first = 2 }
    return (first..<index).allSatisfy { has(.articles, $0) }
  }

  /// The token at `index` (if any) is in the list `role`.
  @inline(__always)
  func has(_ role: WordRoles, _ index: Int) -> Bool {
    index >= 0 && index < count && !info[index].roles.isDisjoint(with: role)
  }

  func isCapitalized(_ index: Int) -> Bool { info[index].shape.contains(.capitalized) }
  func isLowercaseWord(_ index: Int) -> Bool { info[index].shape.contains(.lowercaseWord) }
  func isAcronym(_ index: Int) -> Bool { info[index].shape.contains(.acronym) }
  /// `WordKey` of a word or abbreviation; 0 for other tokens.
  func key(_ index: Int) -> UInt64 { info[index].key }

  /// A capitalized word of two to eight letters (`Insee`), which may be
  /// a short form when the letters of a long form before it agree.
  func isShortName(_ index: Int) -> Bool {
    guard isCapitalized(index) else { return false }
    let length = token(index).endByte - token(index).startByte
    return length >= 2 && length <= 8
  }

  /// A lowercase adjective that continues a name (`centrale`, `mondiale`,
  /// `communiste`, `national`): a word of five bytes or more with an
  /// adjective ending, compared on bytes.
  func isNameAdjective(_ index: Int) -> Bool {
    guard isLowercaseWord(index) else { return false }
    let token = token(index)
    guard token.endByte - token.startByte > 4 else { return false }
    for ending in Self.adjectiveEndings where ending.count < token.endByte - token.startByte {
      var matches = true
      for (offset, byte) in ending.enumerated()
      where bytes[token.endByte - ending.count + offset] != byte {
        matches = false
        break
      }
      if matches { return true }
    }
    return false
  }

  private static let adjectiveEndings: [[UInt8]] = [
    "al", "ale", "aux", "ales", "ique", "iques", "ien", "ienne", "ais", "aise", "ois", "oise",
    "iste", "istes", "el", "elle", "ain", "aine", "if", "ive", "ier", "ière", "aire", "aires",
    "éen", "éenne",
  ].map { Array($0.utf8) }

  /// The number the token's leading ASCII digits spell, and where they
  /// end; nil past 18 digits (more than an Int holds). Read from the
  /// bytes: a String per number, its prefix and `Int(_:)` were a fifth of
  /// the time spent on dates (perf).
  private func leadingNumber(_ token: TokenSpan) -> (value: Int, end: Int)? {
    var end = token.startByte
    var value = 0
    while end < token.endByte, bytes[end] &- 0x30 < 10 {
      guard end - token.startByte < 18 else { return nil }
      value = value * 10 + Int(bytes[end] &- 0x30)
      end += 1
    }
    return (value, end)
  }

  /// The token's digits as a number, if it is all digits.
  private func digits(_ index: Int) -> Int? {
    let token = token(index)
    guard let (value, end) = leadingNumber(token), end == token.endByte else { return nil }
    return value
  }

  /// 1–31 as a number, or `1er`.
  func dayNumber(_ index: Int) -> Int? {
    switch kind(index) {
    case .number:
      guard token(index).endByte - token(index).startByte <= 2, let number = digits(index),
        (1...31).contains(number)
      else { return nil }
      return number
    case .ordinal:
      return isText(index, "1er") || isText(index, "1ᵉʳ") ? 1 : nil
    default:
      return nil
    }
  }

  /// A four-digit year from 1000 to 2199.
  func yearNumber(_ index: Int) -> Int? {
    guard kind(index) == .number, token(index).endByte - token(index).startByte == 4,
      let number = digits(index), (1000...2199).contains(number)
    else { return nil }
    return number
  }

  /// The number of an ordinal token: `5ème` 5, `1ère` 1, `XXIe` 21.
  func ordinalValue(_ index: Int) -> Int? {
    let token = token(index)
    guard let (value, digitsEnd) = leadingNumber(token) else { return nil }
    if digitsEnd > token.startByte { return value }
    var end = token.startByte
    while end < token.endByte, RomanNumeral.digitValue(bytes[end]) != nil { end += 1 }
    return RomanNumeral.value(bytes[token.startByte..<end])
  }
}

/// ISO 8601 values written digit by digit into one string. Built with
/// `String(_:)`, padding and `+`, each value made a string per part, and
/// dates were a seventh of extraction time (`relais-bench`).
enum ISODigits {
  /// `value` with at least `width` digits; `value` is not negative.
  static func padded(_ value: Int, _ width: Int) -> String {
    text { writer in writer.append(value, width: width) }
  }

  /// `YYYY-MM`.
  static func month(_ month: Int, of year: Int) -> String {
    text { writer in
      writer.append(year, width: 4)
      writer.append(0x2D)
      writer.append(month, width: 2)
    }
  }

  /// `YYYY-MM-DD`, or `--MM-DD` without a year; `first/last` for a range
  /// of days.
  static func days(_ days: ClosedRange<Int>, month: Int, year: Int?) -> String {
    text { writer in
      writer.append(day: days.lowerBound, month: month, year: year)
      if days.count > 1 {
        writer.append(0x2F)
        writer.append(day: days.upperBound, month: month, year: year)
      }
    }
  }

  /// Bytes of a value being written; 48 is more than any date takes.
  struct Writer {
    fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
    fileprivate var count = 0

    mutating func append(_ byte: UInt8) {
      guard count < buffer.count else { return }
      buffer[count] = byte
      count += 1
    }

    mutating func append(day: Int, month: Int, year: Int?) {
      if let year {
        append(year, width: 4)
      } else {
        append(0x2D)
      }
      append(0x2D)
      append(month, width: 2)
      append(0x2D)
      append(day, width: 2)
    }

    mutating func append(_ value: Int, width: Int) {
      var digits = 1
      var rest = value / 10
      while rest > 0 {
        digits += 1
        rest /= 10
      }
      for _ in digits..<max(width, digits) { append(0x30) }
      var divisor = 1
      for _ in 1..<digits { divisor *= 10 }
      while divisor > 0 {
        append(UInt8(0x30 + value / divisor % 10))
        divisor /= 10
      }
    }
  }

  private static func text(_ body: (inout Writer) -> Void) -> String {
    String(unsafeUninitializedCapacity: 48) { buffer in
      var writer = Writer(buffer: buffer)
      body(&writer)
      return writer.count
    }
  }
}

/// Which of `EntityLexicon`'s lists a word is in, as bits (sixteen at
/// most: `KeyMap` values are 16 bits).
struct WordRoles: OptionSet, Sendable {
  let rawValue: UInt16
  static let articles = WordRoles(rawValue: 1 << 0)
  static let centuryWords = WordRoles(rawValue: 1 << 1)
  static let eventHeads = WordRoles(rawValue: 1 << 2)
  static let givenNames = WordRoles(rawValue: 1 << 3)
  static let monthQualifiers = WordRoles(rawValue: 1 << 4)
  static let months = WordRoles(rawValue: 1 << 5)
  static let nameParticles = WordRoles(rawValue: 1 << 6)
  static let notNames = WordRoles(rawValue: 1 << 7)
  static let organisationHeads = WordRoles(rawValue: 1 << 8)
  static let organisationNouns = WordRoles(rawValue: 1 << 9)
  static let personParticles = WordRoles(rawValue: 1 << 10)
  static let personTitles = WordRoles(rawValue: 1 << 11)
  static let placePrepositions = WordRoles(rawValue: 1 << 12)
  static let titleAdjectives = WordRoles(rawValue: 1 << 13)
  static let yearPrepositions = WordRoles(rawValue: 1 << 14)
}

/// `EntityLexicon`'s lists in one table from a word's folded key to the
/// lists it is in, so each token is looked up once per sentence, not once
/// per rule.
struct EntityWordLists: Sendable {
  /// Built once: the lists never change.
  static let shared = EntityWordLists()
  private var roles = KeyMap()
  /// Month names to their number (a `KeyMap`, not a `Dictionary`: hashing
  /// a key again with `Hasher` cost more than finding the word).
  private var monthNumbers = KeyMap()

  init() {
    let lists: [(WordRoles, Set<String>)] = [
      (.articles, EntityLexicon.articles), (.centuryWords, EntityLexicon.centuryWords),
      (.eventHeads, EntityLexicon.eventHeads), (.givenNames, EntityLexicon.givenNames),
      (.monthQualifiers, EntityLexicon.monthQualifiers),
      (.months, Set(EntityLexicon.months.keys)), (.nameParticles, EntityLexicon.nameParticles),
      (.notNames, EntityLexicon.notNames), (.organisationHeads, EntityLexicon.organisationHeads),
      (.organisationNouns, EntityLexicon.organisationNouns),
      (.personParticles, EntityLexicon.personParticles),
      (.personTitles, EntityLexicon.personTitles),
      (.placePrepositions, EntityLexicon.placePrepositions),
      (.titleAdjectives, EntityLexicon.titleAdjectives),
      (.yearPrepositions, EntityLexicon.yearPrepositions),
    ]
    for (role, words) in lists {
      for word in words {
        let key = WordKey.of(word)
        roles.set(key, roles.value(key) | role.rawValue)
      }
    }
    for (month, number) in EntityLexicon.months {
      monthNumbers.set(WordKey.of(month), UInt16(number))
    }
  }

  @inline(__always)
  func roles(of key: UInt64) -> WordRoles { WordRoles(rawValue: roles.value(key)) }

  func month(_ words: SentenceWords, _ index: Int) -> Int? {
    guard words.has(.months, index) else { return nil }
    let number = monthNumbers.value(words.key(index))
    return number == 0 ? nil : Int(number)
  }
}
