/// The words of a sentence its translation is likely to keep as they are:
/// numbers (digits only, so `1 234,5` and `1,234.5` agree) and words
/// written with a capital or a digit past their first letter or after the
/// sentence's first word (names, acronyms: `AMANAT`, `Astana`, `COVID-19`).
/// Lowercase words differ between French and English; these mostly do not.
package enum Anchors {
  package static func of(_ tokens: [Token]) -> Set<String> {
    var anchors = Set<String>()
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
        if innerCapital || (capitalized && position > 0) { anchors.insert(token.norm) }
      default:
        continue
      }
    }
    return anchors
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
    let reader = ScalarReader(bytes: bytes)
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
    return SentenceAligner.Sentence(length: length, anchors: anchors, mark: mark)
  }

  /// The sentence as the aligner sees it (the plain version of
  /// `sentence(_:_:offsets:)`, from tokens with their strings).
  package static func sentence(_ tokens: [Token]) -> SentenceAligner.Sentence {
    let length = tokens.reduce(0) { $0 + $1.end - $1.start }
    var mark: UInt8?
    if let last = tokens.last, last.kind == .punct, last.text == "?" || last.text == "!" {
      mark = last.text.utf8.first
    }
    return SentenceAligner.Sentence(length: length, anchors: of(tokens), mark: mark)
  }
}
