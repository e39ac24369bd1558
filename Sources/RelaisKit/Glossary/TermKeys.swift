import Foundation

/// The keys glossary matching compares. A term and a text are both cut
/// into units: the tokenizer's tokens, with hyphenated tokens cut again at
/// their hyphens (so `Kassym-Jomart` and `Kassym Jomart` give the same two
/// units, and line breaks, no-break spaces and narrow no-break spaces
/// between words never matter). Each unit is folded scalar by scalar:
/// - apostrophe variants (' ’ ʼ ‘ ′) become `'`;
/// - accents go (`Tokaïev` = `Tokaiev`), `œ` `æ` `ß` become `oe` `ae` `ss`;
/// - white space inside a token (`80 000`) goes;
/// - case goes too, unless the term is case-sensitive (an acronym of
///   capitals always is: `CMG` matches `CMG`, never `cmg`).
/// A unit's key is a 64-bit hash of its folded scalars, computed straight
/// from the document's bytes, so matching builds no strings.
package enum TermKeys {
  /// A term written in capitals (two to ten letters, digits allowed, no
  /// lowercase letter) is an acronym, and matches in that case only.
  /// `CharClass`'s answers, which skip the Unicode property look-up for
  /// Latin letters: `relais coverage` asks this of every word of a corpus.
  package static func isAcronym(_ term: String) -> Bool {
    var letters = 0
    var count = 0
    for scalar in term.unicodeScalars {
      if CharClass.isLowercase(scalar.value) { return false }
      if CharClass.isLetter(scalar.value) { letters += 1 }
      count += 1
    }
    return letters >= 2 && count <= 10
  }

  /// The folded units of a term, as strings (for diagnostics and the
  /// duplicate check).
  package static func units(of term: String, foldCase: Bool) -> [String] {
    var result: [String] = []
    var current = String.UnicodeScalarView()
    func close() {
      if !current.isEmpty { result.append(String(current)) }
      current = String.UnicodeScalarView()
    }
    for scalar in term.unicodeScalars {
      if CharClass.isSpace(scalar.value) || CharClass.isHyphen(scalar.value) {
        close()
        continue
      }
      fold(scalar.value, foldCase: foldCase) { current.append(Unicode.Scalar($0) ?? "?") }
    }
    close()
    return result
  }

  /// Folds one scalar, handing each resulting scalar to `emit` (none for a
  /// dropped combining mark or space; two for `œ`).
  @inline(__always)
  static func fold(_ value: UInt32, foldCase: Bool, _ emit: (UInt32) -> Void) {
    if value < 0x80 {
      emit(foldCase && value >= 0x41 && value <= 0x5A ? value + 0x20 : value)
      return
    }
    if CharClass.isApostrophe(value) {
      emit(0x27)
      return
    }
    if value < 0x250 {
      let entry = latinTable[Int(value)]
      if entry.first != 0 {
        let first = foldCase ? entry.lower : entry.first
        emit(first)
        if entry.second != 0 { emit(foldCase ? entry.second : entry.secondCased) }
        return
      }
      if CharClass.isSpace(value) { return }
      emit(value)
      return
    }
    guard let scalar = Unicode.Scalar(value) else { return }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return
    case .spaceSeparator, .lineSeparator, .paragraphSeparator: return
    default: break
    }
    // Beyond Latin, ICU's NFKC, with case folding unless the term is
    // case-sensitive: ligatures (`ﬁ`), full-width and compatibility forms
    // fold as DESIGN.md asks of matching keys (`ＯＣＳ` is the acronym
    // `OCS`). Per scalar, and only for scalars that NFKC_Casefold changes
    // (a superset of those NFKC changes).
    if properties.changesWhenNFKCCaseFolded,
      let folded = try? (foldCase ? nfkcCasefold : nfkc)?.normalize(String(scalar))
    {
      for result in folded.unicodeScalars { emit(result.value) }
    } else {
      emit(value)
    }
  }

  private static let nfkcCasefold: ICU.Normalizer? = try? ICU.Normalizer(.nfkcCasefold)
  private static let nfkc: ICU.Normalizer? = try? ICU.Normalizer(.nfkc)

  /// For U+0080–U+024F: the base letter(s) without accents, as written
  /// (`first`, `secondCased`) and lowercased (`lower`, `second`); zeros
  /// where there is no letter.
  struct LatinFold {
    var first: UInt32 = 0
    var lower: UInt32 = 0
    var second: UInt32 = 0
    var secondCased: UInt32 = 0
  }

  static let latinTable: [LatinFold] = {
    var table = [LatinFold](repeating: LatinFold(), count: 0x250)
    let ligatures: [UInt32: (String, String)] = [
      0xC6: ("AE", "ae"), 0xE6: ("ae", "ae"), 0x152: ("OE", "oe"), 0x153: ("oe", "oe"),
      0xDF: ("ss", "ss"), 0x132: ("IJ", "ij"), 0x133: ("ij", "ij"),
    ]
    for value in 0xC0..<0x250 {
      guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else {
        continue
      }
      if let (cased, lower) = ligatures[UInt32(value)] {
        let casedScalars = Array(cased.unicodeScalars)
        let lowerScalars = Array(lower.unicodeScalars)
        table[value] = LatinFold(
          first: casedScalars[0].value, lower: lowerScalars[0].value,
          second: lowerScalars[1].value, secondCased: casedScalars[1].value)
        continue
      }
      // The canonical decomposition's first scalar is the base letter.
      let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
      guard let base = decomposed.first else { continue }
      let lower = base.properties.lowercaseMapping.unicodeScalars.first ?? base
      table[value] = LatinFold(first: base.value, lower: lower.value)
    }
    return table
  }()

  /// The key of a unit given as a string: the `ChunkHasher` hash of its
  /// folded scalars' UTF-8, as `UnitScanner` hashes a unit in a text.
  static func key(_ unit: String, foldCase: Bool) -> UInt64 {
    var hasher = ChunkHasher()
    for scalar in unit.unicodeScalars {
      fold(scalar.value, foldCase: foldCase) { hasher.add(scalar: $0) }
    }
    return hasher.value
  }
}
