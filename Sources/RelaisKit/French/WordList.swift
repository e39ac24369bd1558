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
        UTF8Bytes.encode(Self.fold(scalar.value)) { folded.append($0) }
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
        UTF8Bytes.encode(Self.fold(value)) { byte in
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
}

/// A 64-bit key of a word folded as `FoldedWordList` folds it, for callers
/// that fold a token once and ask many lists about it (the extract stage):
/// the `ChunkHasher` hash of the folded UTF-8. Most French words are ASCII
/// and lowercase Latin-1 letters (`C3 A0`–`C3 BF`), which folding leaves as
/// they are but for ASCII capitals, so they fold eight bytes at once; the
/// rest go a scalar at a time.
enum WordKey {
  /// The key of the bytes `start..<end`, valid UTF-8.
  @inline(__always)
  static func of(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    ChunkHasher.lowercasedKey(bytes, start, end) { word in
      // Bytes above ASCII other than `C3` and `A0`–`BF` may need folding.
      let isC3 = ByteWord.bytes(of: word, equalTo: 0xC3)
      let isA0toBF = ByteWord.bytes(of: word & 0xE0E0_E0E0_E0E0_E0E0, equalTo: 0xA0)
      return word & ByteWord.highBits & ~(isC3 | isA0toBF)
    } ?? foldedKey(bytes, start, end)
  }

  static func of(_ word: String) -> UInt64 {
    var word = word
    return word.withUTF8 { foldedKey($0, 0, $0.count) }
  }

  /// Folds any valid UTF-8 a scalar at a time.
  @inline(never)
  private static func foldedKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> UInt64
  {
    let reader = ScalarReader(bytes: bytes)
    var hasher = ChunkHasher()
    var offset = start
    while offset < end {
      let (value, length) = reader.scalar(at: offset)
      hasher.add(scalar: FoldedWordList.fold(value))
      offset += length
    }
    return hasher.value
  }
}

/// Every list of `FrenchLexicon`, prepared once per tokenizer for lookups
/// from bytes.
struct FrenchWordLists: Sendable {
  /// Built once: the tables are immutable and every tokenizer and splitter
  /// shares them.
  static let shared = FrenchWordLists()

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

/// A map from hashed 64-bit keys to 16-bit values (0 when absent): a
/// cuckoo table, where a key lives in one of two slots picked by different
/// bits of the key. A slot holds the key's top 48 bits and the value in
/// the low 16, so a look-up reads two words, one per slot, and keeps the
/// value of the one whose top bits match, with no branch on the data.
///
/// Why so: most words are in no list and the commonest are. An
/// open-addressing probe branched on that and mispredicted; separate key
/// and value arrays doubled the cache lines each look-up touched
/// (`relais-bench`: 52 ns a token with probing, 47 with two slots of keys
/// and values apart; one word per slot since). The table's size matters
/// less: the word lists' table at 32 kB instead of 16 left the extract
/// stage's time as it was (alternating `perf stat` runs). Comparing 48
/// bits of a 64-bit hash mistakes an absent word for a present one with
/// odds of about one in 2^48 per look-up: once in a hundred million
/// gigabytes of French text.
struct KeyMap: Sendable {
  /// 0 marks an empty slot.
  private var slots: [UInt64]
  private var count = 0
  private static let valueBits: UInt64 = 0xFFFF

  /// A map with room for `capacity` keys before it first grows.
  init(capacity: Int = 8) {
    var slotCount = 16
    while slotCount < 2 * capacity { slotCount *= 2 }
    slots = [UInt64](repeating: 0, count: slotCount)
  }

  /// The top 48 bits of `key`, never 0 (it marks an empty slot).
  @inline(__always)
  private static func tag(_ key: UInt64) -> UInt64 {
    let tag = key & ~valueBits
    return tag == 0 ? valueBits + 1 : tag
  }

  @inline(__always)
  private static func places(_ tag: UInt64, _ slotCount: Int) -> (Int, Int) {
    let mask = slotCount - 1
    return (
      Int(truncatingIfNeeded: tag >> 20) & mask, Int(truncatingIfNeeded: tag >> 42) & mask
    )
  }

  @inline(__always)
  func value(_ key: UInt64) -> UInt16 {
    let tag = Self.tag(key)
    let (first, second) = Self.places(tag, slots.count)
    let firstSlot = slots[first]
    let secondSlot = slots[second]
    let firstValue = firstSlot & ~Self.valueBits == tag ? firstSlot & Self.valueBits : 0
    let secondValue = secondSlot & ~Self.valueBits == tag ? secondSlot & Self.valueBits : 0
    return UInt16(truncatingIfNeeded: firstValue | secondValue)
  }

  /// Sets the value of `key`; `value` must not be 0.
  mutating func set(_ key: UInt64, _ value: UInt16) {
    let tag = Self.tag(key)
    let (first, second) = Self.places(tag, slots.count)
    if slots[first] & ~Self.valueBits == tag {
      slots[first] = tag | UInt64(value)
      return
    }
    if slots[second] & ~Self.valueBits == tag {
      slots[second] = tag | UInt64(value)
      return
    }
    if (count + 1) * 2 > slots.count { grow() }
    var entry = tag | UInt64(value)
    while true {
      var place = Self.places(entry & ~Self.valueBits, slots.count).0
      // Each entry pushed out moves to its other slot; a long chain means
      // the table is too full for its hash bits.
      for _ in 0..<32 {
        if slots[place] == 0 {
          slots[place] = entry
          count += 1
          return
        }
        swap(&entry, &slots[place])
        let (home, other) = Self.places(entry & ~Self.valueBits, slots.count)
        place = place == home ? other : home
      }
      grow()
    }
  }

  /// Doubles the slots and puts every entry back.
  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    count = 0
    for entry in old where entry != 0 {
      set(entry & ~Self.valueBits, UInt16(truncatingIfNeeded: entry & Self.valueBits))
    }
  }
}
