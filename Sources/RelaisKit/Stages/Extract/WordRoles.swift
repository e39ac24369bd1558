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
