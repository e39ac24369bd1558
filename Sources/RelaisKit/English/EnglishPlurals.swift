/// The regular plurals of an English term, for entries marked `plurals`:
/// the last word takes `-es` after a sibilant (`tax` `taxes`, `wish`
/// `wishes`), `-ies` for `-y` after a consonant (`agency` `agencies`),
/// `-s` otherwise (`pipeline` `pipelines`). Where spelling does not say
/// which, both: `-ch` (`churches`, `stomachs`) and `-o` after a consonant
/// (`heroes`, `photos`); the form that is no word matches nothing.
/// Irregular nouns (`child`, `analysis`) are variants to write in the
/// glossary: a rule that guessed them would match words that are not the
/// term.
package enum EnglishPlurals {
  /// The plural forms of `term`, none when its last word is not a word of
  /// letters (`G7`, `Belt and Road 2.0`).
  package static func forms(of term: String) -> [String] {
    let scalars = Array(term.unicodeScalars)
    var wordStart = scalars.count
    while wordStart > 0, scalars[wordStart - 1].properties.isAlphabetic { wordStart -= 1 }
    let word = scalars[wordStart...]
    guard word.count >= 2 else { return [] }
    let capitals = word.allSatisfy { $0.properties.isUppercase }
    func plural(droppingLast drop: Int, _ ending: String) -> String {
      var result = String.UnicodeScalarView(scalars.dropLast(drop))
      result.append(contentsOf: (capitals ? ending.uppercased() : ending).unicodeScalars)
      return String(result)
    }
    let last = scalars[scalars.count - 1].properties.lowercaseMapping
    let beforeLast = scalars[scalars.count - 2].properties.lowercaseMapping
    if last == "y", !["a", "e", "i", "o", "u"].contains(beforeLast) {
      return [plural(droppingLast: 1, "ies")]
    }
    if ["s", "x", "z"].contains(last) || (last == "h" && beforeLast == "s") {
      return [plural(droppingLast: 0, "es")]
    }
    if (last == "h" && beforeLast == "c")
      || (last == "o" && !["a", "e", "i", "o", "u"].contains(beforeLast))
    {
      return [plural(droppingLast: 0, "es"), plural(droppingLast: 0, "s")]
    }
    return [plural(droppingLast: 0, "s")]
  }
}
