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
    zip(side.sentences, side.terms).map { tokens, terms in
      var sentence = sentence(tokens)
      for term in terms {
        sentence.anchors.insert("\u{1F}\(term.entry.glossary):\(term.entry.entry)")
      }
      return sentence
    }
  }

  /// The sentence as the aligner sees it.
  package static func sentence(_ tokens: [Token]) -> SentenceAligner.Sentence {
    let length = tokens.reduce(0) { $0 + $1.end - $1.start }
    var mark: UInt8?
    if let last = tokens.last, last.kind == .punct, last.text == "?" || last.text == "!" {
      mark = last.text.utf8.first
    }
    return SentenceAligner.Sentence(length: length, anchors: of(tokens), mark: mark)
  }
}
