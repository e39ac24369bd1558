/// The rules that propose names: head nouns, titles, given names, places
/// after prepositions, quoted names.
extension EntityExtractor {
  /// Capitalized words and particles after `start`, ending on a capitalized
  /// word or a name adjective; the end index (exclusive) or nil.
  static func nameContinuation(
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

  /// `EntityLexicon.companySuffixes` as word keys.
  static let companySuffixKeys = Set(EntityLexicon.companySuffixes.map(WordKey.of))

  static func headNounNames(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in 0..<words.count {
      let isOrganisation = words.has(.organisationHeads, index)
      let isEvent = words.has(.eventHeads, index)
      guard isOrganisation || isEvent else { continue }
      let label: EntityLabel = isEvent ? .event : .organisation
      if words.isCapitalized(index) {
        // French order: the head first (`Banque mondiale`, `Organisation de…`).
        let end =
          companySuffixKeys.contains(words.key(index))
          ? index + 1 : nameContinuation(words, from: index + 1)
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
  static func capitalizedRun(
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
  static func afterTitleAdjectives(_ words: SentenceWords, from start: Int) -> Int {
    var position = start
    while position < words.count && position - start < 2
      && words.has(.titleAdjectives, position)
    {
      position += 1
    }
    return position
  }

  static func titledPersons(_ words: SentenceWords, into found: inout [NameCandidate]) {
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
  static func namedAfterOrganisationNoun(
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
  static func personsBeforeTitles(
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

  static func givenNamePersons(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in words.capitalized where words.has(.givenNames, index) {
      let end = capitalizedRun(words, from: index + 1, limit: 3)
      if end > index + 1 {
        found.append(NameCandidate(tokenRange: index..<end, label: .person, source: .givenName))
      }
    }
  }

  static func placesAfterPrepositions(
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

  static func quotedNames(_ words: SentenceWords, into found: inout [NameCandidate]) {
    for index in 0..<words.count where words.isText(index, "«") || words.isText(index, "“") {
      var end = index + 1
      while end < words.count && end - index <= 5 && words.kind(end) != .punct { end += 1 }
      guard end < words.count, end > index + 1, words.isText(end, "»") || words.isText(end, "”"),
        words.isCapitalized(index + 1)
      else { continue }
      found.append(NameCandidate(tokenRange: index + 1..<end, label: .misc, source: .quotes))
    }
  }
}
