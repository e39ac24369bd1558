/// Acronym definitions in the text: `long form (ACRONYM)` and the reverse,
/// checked against the glossary entry of either side.
extension EntityExtractor {
  static func definitions(
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

  static func term(_ match: TermMatch, _ matcher: TermMatcher?) -> (
    entry: GlossaryEntryRef, language: String
  )? {
    guard let matcher else { return nil }
    let term = matcher.terms[match.term]
    return (term.entryRef, term.language)
  }

  static func termEntry(
    _ matches: [TermMatch], exactly range: Range<Int>, _ matcher: TermMatcher?
  ) -> (entry: GlossaryEntryRef, language: String)? {
    matches.first { $0.tokenRange == range }.flatMap { term($0, matcher) }
  }

  /// The Schwartz–Hearst long form of the acronym at `short`: the shortest
  /// run of words ending before `before` whose letters hold the acronym's
  /// letters in order, the first at the start of the first word.
  static func schwartzHearst(_ words: SentenceWords, short: Int, before: Int) -> Range<Int>? {
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
}
