/// What became of a French glossary term in the aligned English, the
/// decision a `term_check` record carries. Each French term of a bead takes
/// the first English term of the same entry in that bead that no earlier
/// French term took (both in text order), then the first case that
/// applies decides:
package enum TermRendering: String, Sendable, CaseIterable, Codable {
  /// No English term of the entry in the bead (a gap bead has none): the
  /// translation says it otherwise, or not at all.
  case missing
  /// The English term taken is one the entry forbids.
  case forbidden
  /// The entry is a name to keep as it is (`do_not_translate`) and the
  /// English term taken shares no word with the French one (case and
  /// accents aside): `AMANAT` became `Nur Otan`. `parti AMANAT` as
  /// `Amanat party` keeps the name.
  case notKept = "not_kept"
  /// The English term taken is one of the entry's preferred term, variants
  /// or acronyms.
  case rendered
}

/// The term check of one aligned pair of texts.
package enum TermCheck {
  /// One French term and its decision.
  package struct Decision: Sendable, Equatable {
    /// Index of the bead in the alignment.
    package var bead: Int
    package var french: TranslationSide.FoundTerm
    /// The English term taken, unless `missing`.
    package var english: TranslationSide.FoundTerm?
    package var rendering: TermRendering
  }

  /// A decision for every French term of every bead, in French text
  /// order. `doNotTranslate` says whether an entry's names are kept as
  /// they are.
  package static func decisions(
    french: TranslationSide, english: TranslationSide, beads: [SentenceAligner.Pair],
    doNotTranslate: (GlossaryEntryRef) -> Bool
  ) -> [Decision] {
    var decisions: [Decision] = []
    for (index, bead) in beads.enumerated() {
      var candidates = bead.english.flatMap { english.terms[$0] }
      var taken = [Bool](repeating: false, count: candidates.count)
      for term in bead.french.flatMap({ french.terms[$0] }) {
        guard
          let slot = candidates.indices.first(where: {
            !taken[$0] && candidates[$0].entry == term.entry
          })
        else {
          decisions.append(Decision(bead: index, french: term, english: nil, rendering: .missing))
          continue
        }
        taken[slot] = true
        let rendering: TermRendering
        if candidates[slot].role == .forbidden {
          rendering = .forbidden
        } else if doNotTranslate(term.entry),
          Set(candidates[slot].units).isDisjoint(with: term.units)
        {
          rendering = .notKept
        } else {
          rendering = .rendered
        }
        decisions.append(
          Decision(bead: index, french: term, english: candidates[slot], rendering: rendering))
      }
      candidates.removeAll()
    }
    return decisions
  }
}
