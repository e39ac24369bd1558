/// Names the model was trained on, looked up by their words: a run of
/// tokens that spells a training entity gets that entity's type as a
/// feature (`EntityFeatures.Template.gazetteerTag`), as a glossary term
/// gets its entry's.
///
/// Built from the gold entities of the training data. The training
/// sentences read it jackknifed (`EntityCorpus`): each tenth of the data
/// sees only the names of the other nine tenths, so the model learns how
/// far a name seen before is to be trusted. Built from all of the data,
/// every training name would be in the list and the model would trust it
/// blindly (the issue measured 65 F1 that way against 86). The model file
/// stores the list built from all of its training data.
package struct EntityGazetteer: Sendable, Equatable {
  /// The key of a name's words (`startKey` extended by each word,
  /// `key(_:then:)`), or of the first words of a longer name → `Entry`'s
  /// raw value: the feature code of the name's most
  /// frequent label (`EntityLabel.featureCode`), and whether longer names
  /// start with these words. With the second, a look-up stops at the
  /// first words that start no name (most capitals: one look-up, not
  /// five).
  package private(set) var names: [UInt64: UInt8]

  /// One key's value, in a byte.
  struct Entry: Equatable {
    var raw: UInt8
    /// No name is spelt by these words alone (only longer names start so).
    static let noLabel: UInt8 = 0x0F
    static let prefixFlag: UInt8 = 0x80

    init(raw: UInt8) { self.raw = raw }
    init(label: UInt8?, isPrefix: Bool) {
      raw = (label ?? Self.noLabel) | (isPrefix ? Self.prefixFlag : 0)
    }

    var label: UInt8? { raw & 0x0F == Self.noLabel ? nil : raw & 0x0F }
    var isPrefix: Bool { raw & Self.prefixFlag != 0 }
  }

  /// A value a file may hold: a label code under 7 (or none), and a
  /// prefix mark.
  static func isValid(_ raw: UInt8) -> Bool {
    let low = raw & 0x0F
    return raw & 0x70 == 0 && (low < 7 || low == Entry.noLabel) && raw != Entry.noLabel
  }

  /// Names of at most this many tokens: the model stage reads the views
  /// of this many tokens from a capital on (`EntityModelStage.windowAfter`
  /// + `EntityFeatures.neighbourReach` + 1), so a longer name would match
  /// in training and not at run time.
  static let longestName = EntityModelStage.windowAfter + EntityFeatures.neighbourReach

  package init(names: [UInt64: UInt8] = [:]) { self.names = names }

  /// The names listed (not the first words of longer ones).
  package var nameCount: Int { names.values.filter { Entry(raw: $0).label != nil }.count }

  /// The list of `entries`, each name's label the one it has most often
  /// (on a tie, the lowest feature code).
  init(entries: some Sequence<(words: [UInt64], label: Int)>) {
    var counts: [UInt64: [Int: Int]] = [:]
    var prefixes = Set<UInt64>()
    for entry in entries {
      var key = Self.startKey
      for (index, word) in entry.words.enumerated() {
        key = Self.key(key, then: word)
        if index + 1 < entry.words.count { prefixes.insert(key) }
      }
      counts[key, default: [:]][entry.label, default: 0] += 1
    }
    var names: [UInt64: UInt8] = [:]
    for (key, labels) in counts {
      let label = labels.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 0
      names[key] = Entry(label: UInt8(label), isPrefix: prefixes.contains(key)).raw
    }
    for key in prefixes where names[key] == nil {
      names[key] = Entry(label: nil, isPrefix: true).raw
    }
    self.names = names
  }

  /// A name's key is its tokens' folded words (`TokenView.word`), in
  /// order, each mixed into the key of the words before it, from this.
  static let startKey = EntityFeatures.boundary

  @inline(__always)
  static func key(_ key: UInt64, then word: UInt64) -> UInt64 { EntityFeatures.mix(key, word) }

  /// The name entry of the gold span `range` of `views`, if it can be one
  /// (it starts with a capital and is short enough).
  static func entry(_ views: [EntityFeatures.TokenView], _ range: Range<Int>, label: Int) -> (
    words: [UInt64], label: Int
  )? {
    guard !range.isEmpty, range.count <= longestName, views[range.lowerBound].capitalized else {
      return nil
    }
    return (views[range].map(\.word), label)
  }

  /// Sets each view's `gazetteerTag` to its tag (`tags(of:into:)`), in
  /// place of any earlier; `scratch` is reused.
  func tag(_ views: inout [EntityFeatures.TokenView], scratch: inout [UInt64]) {
    tags(of: views, into: &scratch)
    for index in views.indices { views[index].gazetteerTag = scratch[index] }
  }

  /// Each token's tag: the longest name starting at a capitalised token,
  /// left to right, names not overlapping; `EntityTagSet.code` of its
  /// label (inside after its first token), 0 outside any.
  func tags(of views: [EntityFeatures.TokenView], into tags: inout [UInt64]) {
    tags.removeAll(keepingCapacity: true)
    tags.append(contentsOf: repeatElement(0, count: views.count))
    guard !names.isEmpty else { return }
    var index = 0
    while index < views.count {
      guard views[index].capitalized else {
        index += 1
        continue
      }
      var key = Self.startKey
      var found: (length: Int, label: UInt8)?
      for end in index..<min(views.count, index + Self.longestName) {
        key = Self.key(key, then: views[end].word)
        guard let raw = names[key] else { break }
        let entry = Entry(raw: raw)
        if let label = entry.label { found = (end - index + 1, label) }
        if !entry.isPrefix { break }
      }
      guard let found else {
        index += 1
        continue
      }
      for offset in 0..<found.length {
        tags[index + offset] = UInt64(
          EntityTagSet.code(label: Int(found.label), inside: offset > 0))
      }
      index += found.length
    }
  }
}
