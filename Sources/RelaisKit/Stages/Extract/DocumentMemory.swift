/// Names found in a document, to find again where no rule would: a name
/// is remembered by the key of its tokens' keys combined in order, and
/// every shorter run it starts with is remembered as a prefix, so that the
/// search from a word stops at the first run no name starts with.
struct DocumentMemory {
  /// Combined keys of names and their prefixes, to `stored(_:)` of the
  /// name's label (0 for a prefix only), with `continues` set on prefixes.
  /// Room from the start for the names and prefixes of a long article (a
  /// 100 kB benchmark document has about 270 names, and their prefixes):
  /// growing from 16 slots, one rehash per doubling, was a seventh of the
  /// time spent remembering.
  private var names = KeyMap(capacity: 512)
  private var isEmpty = true
  private static let continues: UInt16 = 1 << 8
  /// Runs of more words than this are not looked for.
  private static let longest = 8

  /// `allCases` once: the synthesized property builds a new array per call.
  private static let labels = EntityLabel.allCases

  private static func stored(_ label: EntityLabel) -> UInt16 {
    UInt16((labels.firstIndex(of: label) ?? 0) + 1)
  }

  private static func label(_ value: UInt16) -> EntityLabel? {
    let position = Int(value & 0xFF) - 1
    return labels.indices.contains(position) ? labels[position] : nil
  }

  private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

  @inline(__always)
  private static func combine(_ combined: UInt64, _ key: UInt64) -> UInt64 {
    (combined ^ key) &* 0x0000_0100_0000_01B3
  }

  /// Remembers the name at `range` unless a name of the same words is
  /// remembered already (the first label stays).
  mutating func remember(_ range: Range<Int>, _ label: EntityLabel, _ words: SentenceWords) {
    var key = Self.seed
    for index in range { key = Self.combine(key, words.key(index)) }
    let known = names.value(key)
    guard Self.label(known) == nil else { return }
    names.set(key, known | Self.stored(label))
    isEmpty = false
    key = Self.seed
    for index in range.dropLast() {
      key = Self.combine(key, words.key(index))
      // Most prefixes are marked already (names share first words).
      let value = names.value(key)
      if value & Self.continues == 0 { names.set(key, value | Self.continues) }
    }
  }

  /// Remembered names seen again as the same words, from each capitalized
  /// word: every remembered name the words from it spell.
  func namesAgain(_ words: SentenceWords, into found: inout [NameCandidate]) {
    guard !isEmpty else { return }
    for start in words.capitalized {
      var key = Self.seed
      for end in start + 1...min(words.count, start + Self.longest) {
        key = Self.combine(key, words.key(end - 1))
        let value = names.value(key)
        if let label = Self.label(value) {
          found.append(NameCandidate(tokenRange: start..<end, label: label, source: .document))
        }
        if value & Self.continues == 0 { break }
      }
    }
  }
}
