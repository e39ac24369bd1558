/// Where the tokenizer and the sentence splitter follow one language's UD
/// conventions rather than another's. ICU's word boundaries and the
/// patterns both languages share (web addresses, e-mail addresses,
/// hashtags, decimal numbers, dotted initials) are the same for all; each
/// field here is one convention that differs, so no French rule fires on
/// English text and no English rule on French.
package struct TokenRules: Sendable {
  /// What happens at a hyphen inside a word (ICU always splits there).
  package enum Hyphens: Sendable {
    /// UD French: a hyphenated compound is one token (`peut-être`,
    /// `Kassym-Jomart`, `1752-1807`), but inverted clitics split off
    /// (`dit` `-il`).
    case rejoinCompounds
    /// UD English: split at every hyphen (`long` `-` `term`) except after a
    /// prefix of `EnglishLexicon.hyphenPrefixes` (`e-mail`, `non-European`)
    /// and between digit groups that make a code (`853-3242`,
    /// `212-848-8400`); a range (`13-17`) splits.
    case splitButPrefixes
  }

  /// What happens to a word that holds an apostrophe.
  package enum Apostrophes: Sendable {
    /// UD French: an elided word splits off (`l’` `État`), and an English
    /// possessive too (`People` `’s`).
    case splitElision
    /// UD English: the token stays whole (`don't`, `company's`); its
    /// syntactic words (`do` `n't`) are `EnglishContractions`'.
    case keepClitics
  }

  /// Numbers the tokenizer joins beyond decimals.
  package enum Numbers: Sendable {
    /// French: thousands grouped with spaces (`80 000`), `10'000`, times
    /// written `20h45` split as `20` `h` `45`, Roman-numeral ordinals
    /// (`XXIe`).
    case french
    /// English: times joined across `:` (`5:00`, `03:14:14`), dates
    /// across `/` (`02/13/2001`, but `24` `/` `7`), a possessive `'s` kept
    /// on digits (`70's`); no space grouping, and a sign stands apart
    /// (`-` `37`).
    case english
  }

  /// What a run of punctuation marks makes.
  package enum PunctuationRuns: Sendable {
    /// Runs of `.` and of `-` are one token (`...`, `--`); any other mark
    /// stands alone.
    case dotsAndDashes
    /// As in UD English web text: a run of `.` `!` `?` (`!!`, `?!`, `..?`)
    /// is one token, so are runs of line-drawing marks (`====`, `***`,
    /// `--`, `----==`) and of one repeated symbol (`$$$`, `>>`).
    case runsOfMarks
  }

  package let hyphens: Hyphens
  package let apostrophes: Apostrophes
  package let numbers: Numbers
  package let punctuationRuns: PunctuationRuns
  /// Abbreviations kept whole with their period.
  let abbreviations: FormTable
  /// Units split off the number they follow (`160km`; `375mm`).
  let units: FormTable
  /// Suffixes that make a digit run an ordinal (`1er`; `1st`).
  let ordinalSuffixes: FoldedWordList
  /// Words after which a capital and a period are the end of a sentence,
  /// not an initial (`…X. So`).
  let sentenceOpeners: FoldedWordList
  /// Words capitalized only at a sentence start (`SentenceBoundaryReason
  /// .capitalizedPronoun`), as UTF-8.
  let capitalizedPronouns: [[UInt8]]
  /// The first bytes of `capitalizedPronouns`, for a cheap exit.
  let capitalizedPronounStarts: [Bool]
  /// Prefixes kept on their word across a hyphen (`splitButPrefixes`).
  let hyphenPrefixes: FoldedWordList
  /// `SentenceBoundaryReason.dashBeforeCapital` applies: French dialogue
  /// opens a line with its dash, English text breaks off an utterance
  /// with one.
  let splitsAtDashBeforeCapital: Bool

  init(
    hyphens: Hyphens, apostrophes: Apostrophes, numbers: Numbers,
    punctuationRuns: PunctuationRuns, abbreviations: FormTable, units: FormTable,
    ordinalSuffixes: FoldedWordList,
    sentenceOpeners: FoldedWordList, capitalizedPronouns: Set<String>,
    hyphenPrefixes: FoldedWordList, splitsAtDashBeforeCapital: Bool
  ) {
    self.splitsAtDashBeforeCapital = splitsAtDashBeforeCapital
    self.hyphens = hyphens
    self.apostrophes = apostrophes
    self.numbers = numbers
    self.punctuationRuns = punctuationRuns
    self.abbreviations = abbreviations
    self.units = units
    self.ordinalSuffixes = ordinalSuffixes
    self.sentenceOpeners = sentenceOpeners
    self.capitalizedPronouns = capitalizedPronouns.sorted().map { Array($0.utf8) }
    var starts = [Bool](repeating: false, count: 256)
    for pronoun in self.capitalizedPronouns { starts[Int(pronoun[0])] = true }
    capitalizedPronounStarts = starts
    self.hyphenPrefixes = hyphenPrefixes
  }

  package static let french = TokenRules(
    hyphens: .rejoinCompounds, apostrophes: .splitElision, numbers: .french,
    punctuationRuns: .dotsAndDashes, abbreviations: FrenchWordLists.shared.abbreviations,
    units: FrenchWordLists.shared.units,
    ordinalSuffixes: FrenchWordLists.shared.ordinalSuffixes,
    sentenceOpeners: FrenchWordLists.shared.sentenceOpeners,
    capitalizedPronouns: FrenchLexicon.capitalizedOnlyAtSentenceStart,
    hyphenPrefixes: FoldedWordList([]), splitsAtDashBeforeCapital: false)

  package static let english = TokenRules(
    hyphens: .splitButPrefixes, apostrophes: .keepClitics, numbers: .english,
    punctuationRuns: .runsOfMarks, abbreviations: FormTable(EnglishLexicon.abbreviations),
    units: FormTable(EnglishLexicon.units.map { ($0, false) }),
    ordinalSuffixes: FoldedWordList(EnglishLexicon.ordinalSuffixes),
    sentenceOpeners: FoldedWordList(EnglishLexicon.sentenceOpeners),
    capitalizedPronouns: EnglishLexicon.capitalizedOnlyAtSentenceStart,
    hyphenPrefixes: FoldedWordList(EnglishLexicon.hyphenPrefixes),
    splitsAtDashBeforeCapital: true)
}
