/// The words of a sentence its translation is likely to keep as they are:
/// numbers (digits only, so `1 234,5` and `1,234.5` agree) and words
/// written with a capital or a digit past their first letter or after the
/// sentence's first word (names, acronyms: `AMANAT`, `Astana`, `COVID-19`).
/// Lowercase words differ between French and English; these mostly do not.
package enum Anchors {
  /// The anchors of a sentence's tokens, and the cognate keys
  /// (`Cognates`) of its words that are no anchors.
  static func anchorsAndCognates(of tokens: [Token]) -> (Set<String>, CognateSignature) {
    var anchors = Set<String>()
    var cognates = CognateSignature()
    for (position, token) in tokens.enumerated() {
      switch token.kind {
      case .number, .ordinal:
        let digits = String(
          token.text.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 })
        if !digits.isEmpty { anchors.insert(digits) }
      case .word, .abbreviation:
        let scalars = Array(token.text.unicodeScalars)
        guard scalars.count >= 2, let first = scalars.first else { continue }
        let capitalized = CharClass.isUppercase(first.value)
        let innerCapital = scalars.dropFirst().contains {
          CharClass.isUppercase($0.value) || CharClass.isDigit($0.value)
        }
        if innerCapital || (capitalized && position > 0) {
          anchors.insert(token.norm)
        } else if token.kind == .word, let key = Cognates.key(scalars.map(\.value)) {
          cognates.insert(key)
        }
      default:
        continue
      }
    }
    return (anchors, cognates)
  }

  /// The sentences of a side as the aligner sees them, each with the
  /// glossary entries of its terms as anchors too: a French term and an
  /// English term of one entry in two sentences are a sign that they
  /// translate each other (the glossary as a bilingual dictionary).
  package static func sentences(of side: TranslationSide) -> [SentenceAligner.Sentence] {
    zip(side.sentences, side.terms).map { sentence, terms in
      var sentence = sentence
      for term in terms {
        sentence.anchors.insert("\u{1F}\(term.entry.glossary):\(term.entry.entry)")
      }
      return sentence
    }
  }

  /// The sentence as the aligner sees it, read from its token spans and
  /// their code point `offsets`: what `sentence(_ tokens:)` gives, without
  /// a string for every token (only anchors get one), which made aligning
  /// cost more than tokenizing the English side.
  static func sentence(
    _ spans: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    offsets: [CodePointRange]
  ) -> SentenceAligner.Sentence {
    var length = 0
    var anchors = Set<String>()
    var cognates = CognateSignature()
    let reader = ScalarReader(bytes: bytes)
    var scalars: [UInt32] = []
    for (position, span) in spans.enumerated() {
      length += offsets[position].end - offsets[position].start
      switch span.kind {
      case .number, .ordinal:
        var digits = ""
        for offset in span.byteRange where bytes[offset] >= 0x30 && bytes[offset] <= 0x39 {
          digits.unicodeScalars.append(Unicode.Scalar(bytes[offset]))
        }
        if !digits.isEmpty { anchors.insert(digits) }
      case .word, .abbreviation:
        guard offsets[position].end - offsets[position].start >= 2 else { continue }
        var offset = span.startByte
        let (first, firstLength) = reader.scalar(at: offset)
        offset += firstLength
        var innerCapital = false
        while offset < span.endByte, !innerCapital {
          let (value, length) = reader.scalar(at: offset)
          innerCapital = CharClass.isUppercase(value) || CharClass.isDigit(value)
          offset += length
        }
        if innerCapital || (CharClass.isUppercase(first) && position > 0) {
          anchors.insert(TokenNormalization.norm(of: bytes, span.byteRange))
        } else if span.kind == .word {
          scalars.removeAll(keepingCapacity: true)
          var offset = span.startByte
          while offset < span.endByte && scalars.count <= Cognates.minimumLength {
            let (value, length) = reader.scalar(at: offset)
            scalars.append(value)
            offset += length
          }
          if let key = Cognates.key(scalars) { cognates.insert(key) }
        }
      default:
        continue
      }
    }
    var mark: UInt8?
    if let last = spans.last, last.kind == .punct, last.endByte - last.startByte == 1,
      bytes[last.startByte] == 0x3F || bytes[last.startByte] == 0x21
    {
      mark = bytes[last.startByte]
    }
    return SentenceAligner.Sentence(
      length: length, anchors: anchors, mark: mark, cognates: cognates)
  }

  /// The sentence as the aligner sees it (the plain version of
  /// `sentence(_:_:offsets:)`, from tokens with their strings).
  package static func sentence(_ tokens: [Token]) -> SentenceAligner.Sentence {
    let length = tokens.reduce(0) { $0 + $1.end - $1.start }
    var mark: UInt8?
    if let last = tokens.last, last.kind == .punct, last.text == "?" || last.text == "!" {
      mark = last.text.utf8.first
    }
    let (anchors, cognates) = anchorsAndCognates(of: tokens)
    return SentenceAligner.Sentence(
      length: length, anchors: anchors, mark: mark, cognates: cognates)
  }
}

/// Words a translation writes nearly alike (`mycélium` and `mycelium`,
/// `préjugé` and `prejudice`): Simard, Foster and Isabelle (1992) took two
/// words for cognates when their first four letters agree, and found that
/// counting them beside sentence lengths cuts an aligner's errors. A
/// bead of sentences that share cognates is a likelier translation; this
/// is what keeps a run of sentences of like lengths from pairing one off
/// (`SentenceAligner.cognateReward`).
package enum Cognates {
  /// Letters that must agree.
  static let prefixLetters = 4
  /// Characters a word needs: shorter ones are mostly function words,
  /// which share first letters by chance (`dans`, `pour`).
  static let minimumLength = 5

  /// The key of a word from its first scalars (`minimumLength` of them
  /// or more; the rest are not read): its first `prefixLetters` letters
  /// folded for case and accents (`Œuvre` is `oeuv`), as ASCII bytes
  /// packed first byte lowest, or nil for a shorter word or one whose
  /// first letters are not all Latin letters.
  static func key(_ scalars: [UInt32]) -> UInt32? {
    guard scalars.count >= minimumLength else { return nil }
    var key: UInt32 = 0
    var letters = 0
    var failed = false
    for value in scalars where letters < prefixLetters && !failed {
      TermKeys.fold(value, foldCase: true) { letter in
        guard letters < prefixLetters else { return }
        guard letter >= 0x61 && letter <= 0x7A else {
          failed = true
          return
        }
        key |= letter << (8 * letters)
        letters += 1
      }
    }
    return !failed && letters == prefixLetters ? key : nil
  }
}

/// A sentence's cognate keys hashed into 256 bits: the aligner counts the
/// bits two beads' signatures share, four AND and popcounts a bead
/// instead of a set intersection in every cell of its table (sets made
/// aligning three times slower). Two unrelated keys share a bit by chance
/// one time in 256, as hashed features do.
package struct CognateSignature: Sendable, Equatable {
  // Four words, not `SIMD4`: the aligner's table ran a third slower
  // with the generic vector type.
  private var low: UInt64 = 0
  private var lowMiddle: UInt64 = 0
  private var highMiddle: UInt64 = 0
  private var high: UInt64 = 0

  package init() {}

  /// The bit of a key: the top eight bits of a multiplicative hash.
  static func bit(of key: UInt32) -> Int {
    Int((UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 56)
  }

  mutating func insert(_ key: UInt32) {
    let bit = Self.bit(of: key)
    let mask: UInt64 = 1 << UInt64(bit % 64)
    switch bit / 64 {
    case 0: low |= mask
    case 1: lowMiddle |= mask
    case 2: highMiddle |= mask
    default: high |= mask
    }
  }

  @inline(__always)
  func union(_ other: CognateSignature) -> CognateSignature {
    var result = self
    result.low |= other.low
    result.lowMiddle |= other.lowMiddle
    result.highMiddle |= other.highMiddle
    result.high |= other.high
    return result
  }

  /// Bits set in both.
  @inline(__always)
  func shared(with other: CognateSignature) -> Int {
    (low & other.low).nonzeroBitCount + (lowMiddle & other.lowMiddle).nonzeroBitCount
      + (highMiddle & other.highMiddle).nonzeroBitCount + (high & other.high).nonzeroBitCount
  }
}
