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

/// A 64-bit key of a word folded as `FoldedWordList` folds it, for callers
/// that fold a token once and ask many lists about it (the extract stage).
/// The folding works on UTF-8 bytes (Latin-1 capitals are `C3 80`–`C3 9E`,
/// lowered by adding 0x20 to the second byte), and the key hashes the
/// folded bytes eight at a time; an ASCII token, most tokens of French
/// text, is lowered eight bytes at once. A byte-at-a-time FNV hash over
/// decoded scalars here was a tenth of extraction time (perf).
enum WordKey {
  /// The key of the bytes `start..<end`, valid UTF-8.
  @inline(__always)
  static func of(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    asciiKey(bytes, start, end) ?? foldedKey(bytes, start, end)
  }

  static func of(_ word: String) -> UInt64 {
    var word = word
    return word.withUTF8 { foldedKey($0, 0, $0.count) }
  }

  /// The key of an all-ASCII token, or nil: each 8-byte word is loaded,
  /// its capitals lowered at once, and mixed in as `foldedKey` would.
  @inline(__always)
  private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> UInt64?
  {
    guard let base = bytes.baseAddress else { return nil }
    var state = seed
    var offset = start
    while offset < end {
      let length = min(8, end - offset)
      var word: UInt64 = 0
      if offset + 8 <= bytes.count {
        word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        if length < 8 { word &= (1 << UInt64(8 * length)) - 1 }
      } else {
        for index in 0..<length { word |= UInt64(base[offset + index]) << UInt64(8 * index) }
      }
      guard word & 0x8080_8080_8080_8080 == 0 else { return nil }
      // Bytes from `A` get their top bit from the first sum, bytes after
      // `Z` from the second; capitals are the difference, and `| 0x20`
      // lowers them.
      let fromA = word &+ 0x3F3F_3F3F_3F3F_3F3F
      let afterZ = word &+ 0x2525_2525_2525_2525
      word |= ((fromA & ~afterZ) & 0x8080_8080_8080_8080) >> 2
      state = mix(state, word)
      offset += length
    }
    return finish(state, length: end - start)
  }

  /// Folds any valid UTF-8 into a buffer, then hashes it as `asciiKey`
  /// hashes ASCII. Words longer than the buffer hash in buffer-sized parts.
  @inline(never)
  private static func foldedKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> UInt64
  {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 9) { words in
      words.initialize(repeating: 0)
      let buffer = UnsafeMutableRawBufferPointer(words)
      let capacity = 64
      var state = seed
      var length = 0
      var filled = 0
      func push(_ byte: UInt8) {
        buffer[filled] = byte
        filled += 1
        length += 1
        if filled == capacity {
          for index in 0..<8 { state = mix(state, words[index]) }
          buffer.initializeMemory(as: UInt8.self, repeating: 0)
          filled = 0
        }
      }
      var offset = start
      while offset < end {
        let byte = bytes[offset]
        if byte < 0x80 {
          push(byte &- 0x41 < 26 ? byte | 0x20 : byte)
          offset += 1
          continue
        }
        let next: UInt8 = offset + 1 < end ? bytes[offset + 1] : 0
        switch byte {
        case 0xC3 where (0x80...0x9E).contains(next) && next != 0x97:
          // À–Þ to à–þ, × aside.
          push(0xC3)
          push(next + 0x20)
          offset += 1
        case 0xC5 where next == 0x92:
          // Œ to œ.
          push(0xC5)
          push(0x93)
          offset += 1
        case 0xCA where next == 0xBC:
          // ʼ to '.
          push(0x27)
          offset += 1
        case 0xE2 where next == 0x80 && offset + 2 < end:
          // ‘ ’ ′ to ', the hyphens U+2010 and U+2011 to -.
          switch bytes[offset + 2] {
          case 0x98, 0x99, 0xB2: push(0x27)
          case 0x90, 0x91: push(0x2D)
          default:
            push(0xE2)
            push(0x80)
            push(bytes[offset + 2])
          }
          offset += 2
        default:
          push(byte)
        }
        offset += 1
      }
      for index in 0..<(filled + 7) / 8 { state = mix(state, words[index]) }
      return finish(state, length: length)
    }
  }

  private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always)
  private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
    let product = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
    return product ^ (product >> 29)
  }

  @inline(__always)
  private static func finish(_ state: UInt64, length: Int) -> UInt64 {
    let product = (state ^ UInt64(length)) &* 0xBF58_476D_1CE4_E5B9
    return product ^ (product >> 31)
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

/// A map from hashed 64-bit keys to 32-bit values (0 when absent): a
/// cuckoo table, where a key lives in one of two slots picked by different
/// bits of the key. A look-up reads both slots and keeps the value of the
/// one that holds the key, with no branch on the data: an open-addressing
/// probe branched on whether the word was in a list, which most words are
/// not and the commonest are, and the mispredictions made the word lists'
/// look-up the dearest part of reading a sentence (`relais-bench`: 28 ns a
/// token with it, 8 without).
struct KeyMap: Sendable {
  private var keys = [UInt64](repeating: 0, count: 16)
  /// One more than `keys`: the last is always 0, the value of an absent key.
  private var values = [UInt32](repeating: 0, count: 17)
  private var count = 0

  /// 0 marks an empty slot, so the key 0 is stored as 1.
  @inline(__always)
  private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

  @inline(__always)
  private static func slots(_ key: UInt64, _ slotCount: Int) -> (Int, Int) {
    let mask = slotCount - 1
    return (
      Int(truncatingIfNeeded: key >> 7) & mask, Int(truncatingIfNeeded: key >> 35) & mask
    )
  }

  @inline(__always)
  func value(_ key: UInt64) -> UInt32 {
    let key = Self.stored(key)
    let (first, second) = Self.slots(key, keys.count)
    // The slot read is picked by a select on indices: a select between a
    // value read and 0 is compiled back into a branch around the read.
    let absent = keys.count
    let firstIndex = keys[first] == key ? first : absent
    let secondIndex = keys[second] == key ? second : absent
    return values[firstIndex] | values[secondIndex]
  }

  /// Sets the value of `key`; `value` must not be 0.
  mutating func set(_ key: UInt64, _ value: UInt32) {
    let key = Self.stored(key)
    let (first, second) = Self.slots(key, keys.count)
    if keys[first] == key {
      values[first] = value
      return
    }
    if keys[second] == key {
      values[second] = value
      return
    }
    if (count + 1) * 2 > keys.count { grow() }
    var entry = (key: key, value: value)
    while true {
      var slot = Self.slots(entry.key, keys.count).0
      // Each key pushed out moves to its other slot; a long chain means
      // the table is too full for its hash bits.
      for _ in 0..<32 {
        if keys[slot] == 0 {
          keys[slot] = entry.key
          values[slot] = entry.value
          count += 1
          return
        }
        swap(&entry.key, &keys[slot])
        swap(&entry.value, &values[slot])
        let (home, other) = Self.slots(entry.key, keys.count)
        slot = slot == home ? other : home
      }
      grow()
    }
  }

  /// Doubles the slots and puts every key back.
  private mutating func grow() {
    let old = (keys, values)
    keys = [UInt64](repeating: 0, count: old.0.count * 2)
    values = [UInt32](repeating: 0, count: old.0.count * 2 + 1)
    count = 0
    for (slot, stored) in old.0.enumerated() where stored != 0 { set(stored, old.1[slot]) }
  }
}
