/// A closed list of words looked up straight from document bytes, without
/// building a String: the bytes are folded on the fly (ASCII and Latin-1
/// capitals lowered, `Œ` to `œ`, apostrophe variants to `'`, hyphen
/// variants to `-`) into a small stack buffer and compared with the words
/// of the same folded length. The tokenizer asks several such questions
/// per word, so this stays off the heap.
struct FoldedWordList: Sendable {
  /// Folded words, indexed by their UTF-8 length.
  private let byLength: [[[UInt8]]]
  /// Words longer than this many bytes are never looked up.
  private static let capacity = 48

  init(_ words: some Sequence<String>) {
    var byLength: [[[UInt8]]] = Array(repeating: [], count: Self.capacity + 1)
    for word in words {
      var folded: [UInt8] = []
      for scalar in word.unicodeScalars {
        Self.appendUTF8(Self.fold(scalar.value)) { folded.append($0) }
      }
      precondition(folded.count <= Self.capacity, "word list entry too long: \(word)")
      byLength[folded.count].append(folded)
    }
    self.byLength = byLength
  }

  /// Whether the bytes `start..<end` of `reader`, folded, are a word of the
  /// list.
  func contains(_ reader: ScalarReader, _ start: Int, _ end: Int) -> Bool {
    guard end > start, end - start <= Self.capacity * 3 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.capacity + 4) { scratch in
      var length = 0
      var offset = start
      while offset < end {
        let (value, scalarLength) = reader.scalar(at: offset)
        var overflow = false
        Self.appendUTF8(Self.fold(value)) { byte in
          if length < Self.capacity {
            scratch[length] = byte
            length += 1
          } else {
            overflow = true
          }
        }
        if overflow { return false }
        offset += scalarLength
      }
      for word in byLength[length] {
        var same = true
        for index in 0..<length where word[index] != scratch[index] {
          same = false
          break
        }
        if same { return true }
      }
      return false
    }
  }

  @inline(__always)
  static func fold(_ value: UInt32) -> UInt32 {
    if value >= 0x41 && value <= 0x5A { return value + 0x20 }
    if value < 0x80 { return value }
    if value >= 0xC0 && value <= 0xDE && value != 0xD7 { return value + 0x20 }
    if value == 0x152 { return 0x153 }
    if CharClass.isApostrophe(value) { return 0x27 }
    if CharClass.isHyphen(value) { return 0x2D }
    return value
  }

  @inline(__always)
  static func appendUTF8(_ value: UInt32, _ append: (UInt8) -> Void) {
    switch value {
    case 0..<0x80:
      append(UInt8(value))
    case 0x80..<0x800:
      append(UInt8(0xC0 | (value >> 6)))
      append(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
      append(UInt8(0xE0 | (value >> 12)))
      append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      append(UInt8(0x80 | (value & 0x3F)))
    default:
      append(UInt8(0xF0 | (value >> 18)))
      append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      append(UInt8(0x80 | (value & 0x3F)))
    }
  }
}

/// Every list of `FrenchLexicon`, prepared once per tokenizer for lookups
/// from bytes.
struct FrenchWordLists: Sendable {
  let abbreviations = FormTable(FrenchLexicon.abbreviations)
  let units = FormTable(FrenchLexicon.units.map { ($0, false) })
  /// Units that stand as tokens without a number before them (`km/h`).
  let compoundUnits = FormTable(FrenchLexicon.units.filter { $0.contains("/") }.map { ($0, false) })
  let elisionPrefixes = FoldedWordList(FrenchLexicon.elisionPrefixes)
  let wholeWords = FoldedWordList(FrenchLexicon.wholeWords)
  let subjectClitics = FoldedWordList(FrenchLexicon.subjectClitics)
  let objectClitics = FoldedWordList(FrenchLexicon.objectClitics)
  let demonstrativeParticles = FoldedWordList(FrenchLexicon.demonstrativeParticles)
  let demonstrativePronouns = FoldedWordList(FrenchLexicon.demonstrativePronouns)
  let ordinalSuffixes = FoldedWordList(FrenchLexicon.ordinalSuffixes)
  let romanOrdinalSuffixes = FoldedWordList(FrenchLexicon.romanOrdinalSuffixes)
  let sentenceOpeners = FoldedWordList(FrenchLexicon.sentenceOpeners)
  let euphonicT = FoldedWordList(["t"])
  /// Elided words that begin a whole word (`l'` of `l'on`, `quelqu'` of
  /// `quelqu'un`), each with the letter runs that follow the apostrophe in
  /// those whole words (`on`; `un`, `une`…). Elsewhere an elided word can be
  /// split off before its apostrophe is known to end a whole word.
  let elisionsStartingWholeWords: [(prefix: FoldedWordList, nextRuns: FoldedWordList)] = {
    var runs: [String: Set<String>] = [:]
    for word in FrenchLexicon.wholeWords {
      guard let apostrophe = word.firstIndex(of: "'") else { continue }
      let prefix = String(word[..<apostrophe])
      guard FrenchLexicon.elisionPrefixes.contains(prefix) else { continue }
      let rest = word[word.index(after: apostrophe)...]
      runs[prefix, default: []].insert(String(rest.prefix { $0.isLetter }))
    }
    return runs.sorted { $0.key < $1.key }.map {
      (FoldedWordList([$0.key]), FoldedWordList($0.value))
    }
  }()
}
