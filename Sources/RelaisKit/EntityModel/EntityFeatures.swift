/// The features the entity model reads, all of them, in one place. Each
/// token gets exactly `EntityFeatures.perToken` features, one per
/// `Template`; a feature is a 64-bit hash of its template and its value,
/// so no string is built per token. Where a neighbour is missing (before
/// the first token, after the last) the value is a fixed boundary mark.
///
/// The hashes are stored in model files: changing a template, the word
/// folding (`WordKey`) or the mixing changes every hash, so such a change
/// must bump `version` (files of another version are refused).
enum EntityFeatures {
  /// Stored in model files next to the weights they were trained with.
  static let version: UInt32 = 2

  /// One feature of a token. The raw value is part of each hash.
  enum Template: UInt64, CaseIterable {
    /// Always on: a per-tag prior.
    case bias = 1
    /// The word, case- and apostrophe-folded (`WordKey`).
    case word
    /// The word with its capitalisation (folded word and initial case).
    case wordCased
    /// The shape, one class a character, at most six (`Xxxxxx`, `dddd`).
    case shape
    /// The shape with runs collapsed (`Xx`, `X`, `d.d`).
    case shortShape
    case suffix1, suffix2, suffix3, suffix4
    case prefix1, prefix2, prefix3
    case previousWord, nextWord, secondPreviousWord, secondNextWord
    case previousShortShape, nextShortShape
    /// The short shapes of the token and its two neighbours.
    case shapeWindow
    case previousAndWord, wordAndNext
    /// The token opens the sentence, with its short shape: a capital there
    /// says little.
    case sentenceStart
    /// The rules' label at the token (`B-PER`, `I-LOC`, `O`), so the model
    /// learns when to trust them.
    case ruleTag
    /// The rules' label with the rule that found it.
    case ruleTagAndSource
    case previousRuleTag, nextRuleTag
    /// A glossary term at the token, with its entry's type.
    case glossaryTag
    /// The token's memberships of the rules' word lists (given names,
    /// titles, organisation heads, place prepositions…), and its
    /// neighbours'.
    case wordLists, previousWordLists, nextWordLists
    /// Length in code points, capped at 12, with the short shape.
    case lengthAndShape
    /// A name of the training data at the token, with its type
    /// (`EntityGazetteer`), and the same with the token's short shape.
    case gazetteerTag, gazetteerTagAndShape
  }

  static let perToken = Template.allCases.count

  /// What the features of one token are computed from, once per token.
  struct TokenView {
    var word: UInt64
    var shape: UInt64
    var shortShape: UInt64
    var prefixes: (UInt64, UInt64, UInt64)
    var suffixes: (UInt64, UInt64, UInt64, UInt64)
    var capitalized: Bool
    var length: Int
    var roles: UInt16
    /// `EntityTagSet`-style code of the rules' label: 0 for none, else
    /// 1 + 2 × label index (+1 inside), with the source apart.
    var ruleTag: UInt64
    var ruleSource: UInt64
    var glossaryTag: UInt64
    var gazetteerTag: UInt64 = 0

    /// What stands for a token no feature of the windows reads.
    static let unread = TokenView(
      word: 0, shape: 0, shortShape: 0, prefixes: (0, 0, 0), suffixes: (0, 0, 0, 0),
      capitalized: false, length: 0, roles: 0, ruleTag: 0, ruleSource: 0, glossaryTag: 0,
      gazetteerTag: 0)
  }

  /// The token's first character is a capital (what `TokenView.capitalized`
  /// says, without the rest of the view).
  static func isCapitalized(_ token: TokenSpan, _ reader: ScalarReader) -> Bool {
    guard token.startByte < token.endByte else { return false }
    return CharClass.isUppercase(reader.scalar(at: token.startByte).0)
  }

  /// Marks a missing neighbour.
  static let boundary: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// A well-mixed 64-bit hash of two values (SplitMix64's finaliser over
  /// their combination): what the model's feature table is keyed by.
  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0xBF58_476D_1CE4_E5B9)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    // 0 marks an empty slot of `FeatureTable`.
    return z == 0 ? 1 : z
  }

  @inline(__always)
  static func feature(_ template: Template, _ value: UInt64) -> UInt64 {
    mix(template.rawValue, value)
  }

  /// How far from its token a feature reads: two words either side.
  static let neighbourReach = 2

  /// Describes each token of a sentence once; with `reading`, only the
  /// tokens of those ranges, the others `TokenView.unread` (the rules'
  /// and glossaries' tags are set on every token either way).
  static func views(
    of tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    ruleEntities: [EntityMention], glossaryTags: [UInt64], reading: [Range<Int>]? = nil,
    into views: inout [TokenView]
  ) {
    views.removeAll(keepingCapacity: true)
    let reader = ScalarReader(bytes: bytes)
    let lists = EntityWordLists.shared
    views.append(contentsOf: repeatElement(TokenView.unread, count: tokens.count))
    for range in reading ?? [0..<tokens.count] {
      for index in range {
        views[index] = view(of: tokens[tokens.startIndex + index], reader, lists)
      }
    }
    for entity in ruleEntities {
      let label = entity.label.featureCode
      let source = UInt64(entity.source.rank + 1)
      for index in entity.tokenRange {
        views[index].ruleTag = UInt64(
          EntityTagSet.code(label: label, inside: index != entity.tokenRange.lowerBound))
        views[index].ruleSource = source
      }
    }
    for (index, tag) in glossaryTags.enumerated() where tag != 0 {
      views[index].glossaryTag = tag
    }
  }

  private static func view(
    of token: TokenSpan, _ reader: ScalarReader, _ lists: EntityWordLists
  ) -> TokenView {
    let word = WordKey.of(reader.bytes, token.startByte, token.endByte)
    var shape = ChunkHasher()
    var shortShape = ChunkHasher()
    var lastClass: UInt8 = 0
    var length = 0
    var capitalized = false
    // Folded scalars of the first three and last four characters.
    var head: (UInt32, UInt32, UInt32) = (0, 0, 0)
    var tail: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    var offset = token.startByte
    while offset < token.endByte {
      let (value, size) = reader.scalar(at: offset)
      offset += size
      let characterClass: UInt8
      if CharClass.isUppercase(value) {
        characterClass = 0x58  // X
      } else if CharClass.isLetter(value) {
        characterClass = 0x78  // x
      } else if CharClass.isDigit(value) {
        characterClass = 0x64  // d
      } else if value < 0x80 {
        characterClass = UInt8(value)
      } else {
        characterClass =
          CharClass.isApostrophe(value) ? 0x27 : CharClass.isHyphen(value) ? 0x2D : 0x2A
      }
      if length == 0 { capitalized = characterClass == 0x58 }
      if length < 6 { shape.add(byte: characterClass) }
      if characterClass != lastClass { shortShape.add(byte: characterClass) }
      lastClass = characterClass
      let folded = FoldedWordList.fold(value)
      switch length {
      case 0: head.0 = folded
      case 1: head.1 = folded
      case 2: head.2 = folded
      default: break
      }
      tail = (tail.1, tail.2, tail.3, folded)
      length += 1
    }
    if length > 6 { shape.add(byte: 0x2B) }
    // Folded scalars hashed in order; a 0 (a word shorter than the affix)
    // adds nothing, so `ab` has the same three-letter prefix as two.
    func affix(_ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0, _ d: UInt32 = 0) -> UInt64 {
      var hasher = ChunkHasher()
      if a != 0 { hasher.add(scalar: a) }
      if b != 0 { hasher.add(scalar: b) }
      if c != 0 { hasher.add(scalar: c) }
      if d != 0 { hasher.add(scalar: d) }
      return hasher.value
    }
    let isWord = token.kind == .word || token.kind == .abbreviation
    return TokenView(
      word: word, shape: shape.value, shortShape: shortShape.value,
      prefixes: (affix(head.0), affix(head.0, head.1), affix(head.0, head.1, head.2)),
      suffixes: (
        affix(tail.3), affix(tail.2, tail.3), affix(tail.1, tail.2, tail.3),
        affix(tail.0, tail.1, tail.2, tail.3)
      ),
      capitalized: capitalized, length: length,
      roles: isWord ? lists.roles(of: word).rawValue : 0, ruleTag: 0, ruleSource: 0,
      glossaryTag: 0)
  }

  /// Appends `perToken` features for each token of `views`, in template
  /// order.
  static func features(
    of views: [TokenView], tokens: Range<Int>? = nil, into features: inout [UInt64]
  ) {
    features.removeAll(keepingCapacity: true)
    let count = views.count
    for index in tokens ?? 0..<count {
      let token = views[index]
      let previous = index > 0 ? views[index - 1] : nil
      let next = index + 1 < count ? views[index + 1] : nil
      let secondPrevious = index > 1 ? views[index - 2].word : boundary
      let secondNext = index + 2 < count ? views[index + 2].word : boundary
      // In `Template` order: a test holds the count to `perToken`.
      let previousWord = previous?.word ?? boundary
      let nextWord = next?.word ?? boundary
      let previousShape = previous?.shortShape ?? boundary
      let nextShape = next?.shortShape ?? boundary
      features.append(feature(.bias, 0))
      features.append(feature(.word, token.word))
      features.append(feature(.wordCased, mix(token.word, token.capitalized ? 1 : 0)))
      features.append(feature(.shape, token.shape))
      features.append(feature(.shortShape, token.shortShape))
      features.append(feature(.suffix1, token.suffixes.0))
      features.append(feature(.suffix2, token.suffixes.1))
      features.append(feature(.suffix3, token.suffixes.2))
      features.append(feature(.suffix4, token.suffixes.3))
      features.append(feature(.prefix1, token.prefixes.0))
      features.append(feature(.prefix2, token.prefixes.1))
      features.append(feature(.prefix3, token.prefixes.2))
      features.append(feature(.previousWord, previousWord))
      features.append(feature(.nextWord, nextWord))
      features.append(feature(.secondPreviousWord, secondPrevious))
      features.append(feature(.secondNextWord, secondNext))
      features.append(feature(.previousShortShape, previousShape))
      features.append(feature(.nextShortShape, nextShape))
      features.append(feature(.shapeWindow, mix(mix(previousShape, token.shortShape), nextShape)))
      features.append(feature(.previousAndWord, mix(previousWord, token.word)))
      features.append(feature(.wordAndNext, mix(token.word, nextWord)))
      features.append(feature(.sentenceStart, mix(index == 0 ? 1 : 0, token.shortShape)))
      features.append(feature(.ruleTag, token.ruleTag))
      features.append(feature(.ruleTagAndSource, mix(token.ruleTag, token.ruleSource)))
      features.append(feature(.previousRuleTag, previous?.ruleTag ?? boundary))
      features.append(feature(.nextRuleTag, next?.ruleTag ?? boundary))
      features.append(feature(.glossaryTag, token.glossaryTag))
      features.append(feature(.wordLists, UInt64(token.roles)))
      features.append(feature(.previousWordLists, previous.map { UInt64($0.roles) } ?? boundary))
      features.append(feature(.nextWordLists, next.map { UInt64($0.roles) } ?? boundary))
      features.append(
        feature(.lengthAndShape, mix(UInt64(min(token.length, 12)), token.shortShape)))
      features.append(feature(.gazetteerTag, token.gazetteerTag))
      features.append(feature(.gazetteerTagAndShape, mix(token.gazetteerTag, token.shortShape)))
    }
  }
}

extension EntityLabel {
  /// A stable small number for features and model files: the order of
  /// the cases as first shipped (never reordered).
  var featureCode: Int {
    switch self {
    case .person: 0
    case .location: 1
    case .organisation: 2
    case .misc: 3
    case .event: 4
    case .date: 5
    case .ordinal: 6
    }
  }
}
