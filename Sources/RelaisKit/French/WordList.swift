/// A closed list of words looked up straight from document bytes, without
/// building a String: the bytes are folded on the fly (ASCII and Latin-1
/// capitals lowered, `Œ` to `œ`, apostrophe variants to `'`, hyphen
/// variants to `-`) into a small stack buffer and compared with the words
/// of the same folded length. The tokenizer asks several such questions
/// per word, so this stays off the heap.
struct FoldedWordList: Sendable {
  /// Folded words, indexed by their UTF-8 length.
  private let byLength: [[[UInt8]]]
  /// `key(of:)` of every word, for callers that fold a token once and ask
  /// many lists about it.
  private let keys: KeySet
  /// Words longer than this many bytes are never looked up.
  private static let capacity = 48

  init(_ words: some Sequence<String>) {
    var byLength: [[[UInt8]]] = Array(repeating: [], count: Self.capacity + 1)
    var keys = KeySet()
    for word in words {
      keys.insert(Self.key(of: word))
      var folded: [UInt8] = []
      for scalar in word.unicodeScalars {
        Self.appendUTF8(Self.fold(scalar.value)) { folded.append($0) }
      }
      precondition(folded.count <= Self.capacity, "word list entry too long: \(word)")
      byLength[folded.count].append(folded)
    }
    self.byLength = byLength
    self.keys = keys
  }

  func contains(key: UInt64) -> Bool { keys.contains(key) }

  /// A 64-bit key of the folded bytes `start..<end` (FNV-1a over folded
  /// scalars); equal for words the list would find equal.
  static func key(_ reader: ScalarReader, _ start: Int, _ end: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var offset = start
    while offset < end {
      let byte = reader.bytes[offset]
      if byte < 0x80 {
        let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        hash = (hash ^ UInt64(folded)) &* 0x0000_0100_0000_01B3
        offset += 1
        continue
      }
      let (value, length) = reader.scalar(at: offset)
      hash = (hash ^ UInt64(fold(value))) &* 0x0000_0100_0000_01B3
      offset += length
    }
    return hash
  }

  static func key(of word: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for scalar in word.unicodeScalars {
      hash = (hash ^ UInt64(fold(scalar.value))) &* 0x0000_0100_0000_01B3
    }
    return hash
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

/// A set of 64-bit keys that are hashes already: a `KeyMap` whose values
/// say present. `Set<UInt64>` would hash them again with SipHash on every
/// look-up (a tenth of extraction time, measured with perf).
struct KeySet: Sendable {
  private var map = KeyMap()

  @inline(__always)
  func contains(_ key: UInt64) -> Bool { map.value(key) != 0 }

  mutating func insert(_ key: UInt64) { map.set(key, 1) }
}

/// A map from hashed 64-bit keys to 32-bit values (0 when absent), with
/// open addressing on the keys' own bits.
struct KeyMap: Sendable {
  private var keys = [UInt64](repeating: 0, count: 16)
  private var values = [UInt32](repeating: 0, count: 16)
  private var count = 0

  /// 0 marks an empty slot, so the key 0 is stored as 1.
  @inline(__always)
  private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

  @inline(__always)
  func value(_ key: UInt64) -> UInt32 {
    let key = Self.stored(key)
    let mask = keys.count - 1
    var index = Int(truncatingIfNeeded: key >> 7) & mask
    while true {
      if keys[index] == key { return values[index] }
      if keys[index] == 0 { return 0 }
      index = (index + 1) & mask
    }
  }

  mutating func set(_ key: UInt64, _ value: UInt32) {
    if (count + 1) * 2 > keys.count {
      let old = (keys, values)
      keys = [UInt64](repeating: 0, count: old.0.count * 2)
      values = [UInt32](repeating: 0, count: old.0.count * 2)
      count = 0
      for (slot, stored) in old.0.enumerated() where stored != 0 { set(stored, old.1[slot]) }
    }
    let key = Self.stored(key)
    let mask = keys.count - 1
    var index = Int(truncatingIfNeeded: key >> 7) & mask
    while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
    if keys[index] == 0 { count += 1 }
    keys[index] = key
    values[index] = value
  }
}
