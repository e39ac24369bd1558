import Foundation

/// The tags the model puts on tokens: BIO over its labels. Tag 0 is `O`;
/// label k has `B` at 1 + 2k and `I` at 2 + 2k. An `I` tag may only
/// follow the `B` or `I` of its label: decoding never produces anything
/// else, so every tag sequence reads back as whole entities.
package struct EntityTagSet: Sendable, Equatable {
  package let labels: [EntityLabel]
  var count: Int { 1 + 2 * labels.count }

  package init(labels: [EntityLabel]) { self.labels = labels }

  func begin(_ label: Int) -> Int { Self.code(label: label, inside: false) }
  func inside(_ label: Int) -> Int { Self.code(label: label, inside: true) }

  /// The BIO code of label index `label`: the tags' numbering, which the
  /// features of the rules' and glossaries' labels share.
  static func code(label: Int, inside: Bool) -> Int { 1 + 2 * label + (inside ? 1 : 0) }
  /// The label index of a tag, nil for `O`.
  func label(of tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 2 }
  func isInside(_ tag: Int) -> Bool { tag > 0 && tag % 2 == 0 }

  /// `tag` may follow `previous` (nil: the sentence start).
  func allows(_ tag: Int, after previous: Int?) -> Bool {
    guard isInside(tag) else { return true }
    guard let previous, previous > 0 else { return false }
    return label(of: previous) == label(of: tag)
  }

  /// The entities a tag sequence spells: token ranges and label indices.
  func spans(of tags: [Int]) -> [(range: Range<Int>, label: Int)] {
    var spans: [(range: Range<Int>, label: Int)] = []
    var start: Int?
    var current = 0
    for (index, tag) in tags.enumerated() {
      if let open = start, !(isInside(tag) && label(of: tag) == current) {
        spans.append((open..<index, current))
        start = nil
      }
      if tag > 0 && !isInside(tag) {
        start = index
        current = label(of: tag) ?? 0
      } else if tag > 0 && start == nil {
        // Only hand-made sequences break the rule; read as a `B`.
        start = index
        current = label(of: tag) ?? 0
      }
    }
    if let open = start { spans.append((open..<tags.count, current)) }
    return spans
  }
}

/// The weights of every feature a model knows, keyed by the feature's
/// hash: open addressing over a power-of-two table, the hash's low bits as
/// the probe start (hashes are mixed: `EntityFeatures.mix`). A slot holds
/// 32 bits of the hash and the feature's 8-bit weight levels side by side
/// (16 bytes for up to 12 tags), so a look-up reads one cache line of a
/// table a few megabytes long: with hashes, rows and 32-bit weights in
/// three arrays the look-ups were most of a run, waiting on memory (perf).
/// A hash absent from the model matches a slot only if 32 more of its
/// bits agree by chance. `PackedWeightTableTests` holds it to a plain
/// dictionary of rows.
struct PackedWeightTable: Sendable {
  private var words: [UInt64]
  /// 64-bit words a slot: 4 bytes of hash, then a byte a tag.
  private let stride: Int
  private let mask: Int
  let tagCount: Int

  /// `hashes` must be distinct and non-zero; `levels` holds `tagCount`
  /// levels a hash, in the order of `hashes`.
  init(hashes: [UInt64], levels: [Int8], tagCount: Int) {
    self.tagCount = tagCount
    stride = (4 + tagCount + 7) / 8
    // At most half the slots used: most features a sentence has are not
    // in the model, and a look-up that fails probes to an empty slot
    // (about 13 slots at four in five used, 2.5 at one in two).
    var capacity = 16
    while capacity < hashes.count * 2 { capacity *= 2 }
    mask = capacity - 1
    var words = [UInt64](repeating: 0, count: capacity * stride)
    for (row, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while words[slot * stride] & 0xFFFF_FFFF != 0 { slot = (slot + 1) & mask }
      words[slot * stride] = UInt64(Self.fingerprint(hash))
      for tag in 0..<tagCount {
        let byte = 4 + tag
        let level = UInt64(UInt8(bitPattern: levels[row * tagCount + tag]))
        words[slot * stride + byte / 8] |= level << (8 * UInt64(byte % 8))
      }
    }
    self.words = words
  }

  /// The 32 bits of a hash a slot keeps; never 0, which marks an empty slot.
  @inline(__always)
  static func fingerprint(_ hash: UInt64) -> UInt32 {
    let high = UInt32(truncatingIfNeeded: hash >> 32)
    return high == 0 ? 1 : high
  }

  /// Adds the levels of `hash`'s feature to `sums` (one a tag); a hash the
  /// model does not know adds nothing. Returns whether it was known.
  @discardableResult @inline(__always)
  func add(
    _ hash: UInt64, to sums: UnsafeMutablePointer<Int32>, _ words: UnsafeBufferPointer<UInt64>
  ) -> Bool {
    let fingerprint = UInt64(Self.fingerprint(hash))
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let key = words[slot * stride] & 0xFFFF_FFFF
      if key == fingerprint { break }
      if key == 0 { return false }
      slot = (slot + 1) & mask
    }
    let base = slot * stride
    for tag in 0..<tagCount {
      let byte = 4 + tag
      let word = words[base + byte / 8]
      sums[tag] &+= Int32(Int8(truncatingIfNeeded: word >> (8 * UInt64(byte % 8))))
    }
    return true
  }

  /// Reads the first word of `hash`'s first slot, to bring it into cache.
  @inline(__always)
  func touch(_ hash: UInt64, _ words: UnsafeBufferPointer<UInt64>) -> UInt64 {
    words[(Int(truncatingIfNeeded: hash) & mask) * stride]
  }

  /// The levels of `hash`, nil when unknown (for tests).
  func levels(_ hash: UInt64) -> [Int8]? {
    var sums = [Int32](repeating: 0, count: tagCount)
    let found = words.withUnsafeBufferPointer { words in
      sums.withUnsafeMutableBufferPointer { sums in
        guard let base = sums.baseAddress else { return false }
        return add(hash, to: base, words)
      }
    }
    return found ? sums.map { Int8($0) } : nil
  }

  func withWords<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
    words.withUnsafeBufferPointer(body)
  }
}

/// A trained sequence labeller: a weight a tag for each known feature,
/// tag-to-tag transition weights, and Viterbi decoding. Immutable and
/// shared by every worker.
package struct EntityTagger: Sendable {
  package let tags: EntityTagSet
  /// The feature hash of each row.
  let hashes: [UInt64]
  /// `rows × tags.count` weight levels, row-major: weight = level ×
  /// `quantum`.
  let levels: [Int8]
  let quantum: Float
  let table: PackedWeightTable
  /// `(tags.count + 1) × tags.count`: row `tags.count` is the sentence
  /// start.
  let transitions: [Float]
  /// The transitions with −∞ where a tag may not follow another.
  let allowedTransitions: [Float]
  /// `exp(scoreScale × allowedTransitions)`, for the marginals.
  private(set) var transitionPotentials: [Double]
  /// Multiplies scores before they are read as log-potentials for the
  /// per-entity confidence (fitted on dev data in training).
  private(set) var scoreScale: Float

  init(
    tags: EntityTagSet, hashes: [UInt64], levels: [Int8], quantum: Float, transitions: [Float],
    scoreScale: Float
  ) {
    self.tags = tags
    self.hashes = hashes
    self.levels = levels
    self.quantum = quantum
    table = PackedWeightTable(hashes: hashes, levels: levels, tagCount: tags.count)
    self.transitions = transitions
    allowedTransitions = tags.masked(transitions)
    transitionPotentials = Self.potentials(allowedTransitions, scale: scoreScale)
    self.scoreScale = scoreScale
  }

  private static func potentials(_ transitions: [Float], scale: Float) -> [Double] {
    transitions.map { exp(Double(scale) * Double($0)) }
  }

  /// The same tagger with another confidence scale: only the potentials
  /// change, the weight table is shared (training tries ten scales).
  func withScoreScale(_ scale: Float) -> EntityTagger {
    var tagger = self
    tagger.scoreScale = scale
    tagger.transitionPotentials = Self.potentials(allowedTransitions, scale: scale)
    return tagger
  }

  /// Each token's score for each tag: `count × tags.count`. Two passes:
  /// the first touches every feature's slot of the sentence, loads that
  /// do not wait on one another, so the memory system fetches many at
  /// once; the second finds and adds the weights from cache. One pass,
  /// each look-up then its sums, kept a few look-ups in flight at a time
  /// (perf: the compare after each load was most of the model stage).
  func emissions(
    _ features: UnsafeBufferPointer<UInt64>, tokens count: Int, into scores: inout [Float]
  ) {
    let tagCount = tags.count
    scores.removeAll(keepingCapacity: true)
    scores.append(contentsOf: repeatElement(0, count: count * tagCount))
    let perToken = EntityFeatures.perToken
    let quantum = quantum
    let table = table
    table.withWords { words in
      // The reads are bounds-checked, so the compiler keeps them although
      // their sum is unused.
      var touched: UInt64 = 0
      for position in 0..<(count * perToken) { touched &+= table.touch(features[position], words) }
      _ = touched
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: tagCount) { sums in
        guard let sums = sums.baseAddress else { return }
        scores.withUnsafeMutableBufferPointer { scores in
          for token in 0..<count {
            for tag in 0..<tagCount { sums[tag] = 0 }
            for position in (token * perToken)..<((token + 1) * perToken) {
              table.add(features[position], to: sums, words)
            }
            for tag in 0..<tagCount { scores[token * tagCount + tag] = Float(sums[tag]) * quantum }
          }
        }
      }
    }
  }

  /// The best tag sequence for the emission scores (`count × tags.count`).
  /// Without `opensSentence`, the tokens come after one outside any name.
  func viterbi(_ scores: [Float], tokens count: Int, opensSentence: Bool = true) -> [Int] {
    EntityDecoding.viterbi(
      scores, tokens: count, tagCount: tags.count, allowedTransitions,
      startRow: opensSentence ? tags.count : 0)
  }

  /// Each token's probability of each tag, with scores read as
  /// log-potentials times `scoreScale` (forward-backward).
  func marginals(_ scores: [Float], tokens count: Int, opensSentence: Bool = true) -> [Double] {
    EntityDecoding.marginals(
      scores, tokens: count, tagCount: tags.count, scale: Double(scoreScale), transitionPotentials,
      startRow: opensSentence ? tags.count : 0)
  }
}

extension EntityTagSet {
  /// `transitions` with −∞ where `allows` forbids the pair.
  func masked(_ transitions: [Float]) -> [Float] {
    var masked = transitions
    for previous in 0...count {
      for tag in 0..<count where !allows(tag, after: previous == count ? nil : previous) {
        masked[previous * count + tag] = -.infinity
      }
    }
    return masked
  }
}

/// Decoding over any weights: the tagger's and the trainer's (whose
/// weights change as it learns). Transitions are `(tags + 1) × tags`, the
/// last row the sentence start; forbidden pairs −∞ (0 as potentials).
enum EntityDecoding {
  /// `startRow`: the transitions row of what comes before the first token
  /// (`tagCount`, the sentence start, or a tag).
  static func viterbi(
    _ scores: [Float], tokens count: Int, tagCount: Int, _ transitions: [Float],
    startRow: Int? = nil
  ) -> [Int] {
    guard count > 0 else { return [] }
    let start = (startRow ?? tagCount) * tagCount
    var best = [Float](repeating: -.infinity, count: count * tagCount)
    var back = [Int](repeating: 0, count: count * tagCount)
    for tag in 0..<tagCount { best[tag] = scores[tag] + transitions[start + tag] }
    for token in 1..<count {
      let previousBase = (token - 1) * tagCount
      for tag in 0..<tagCount {
        var bestScore = -Float.infinity
        var bestPrevious = 0
        for previous in 0..<tagCount {
          let score = best[previousBase + previous] + transitions[previous * tagCount + tag]
          if score > bestScore {
            bestScore = score
            bestPrevious = previous
          }
        }
        best[token * tagCount + tag] = bestScore + scores[token * tagCount + tag]
        back[token * tagCount + tag] = bestPrevious
      }
    }
    var path = [Int](repeating: 0, count: count)
    var last = 0
    let lastBase = (count - 1) * tagCount
    for tag in 1..<tagCount where best[lastBase + tag] > best[lastBase + last] { last = tag }
    path[count - 1] = last
    var token = count - 1
    while token > 0 {
      last = back[token * tagCount + last]
      token -= 1
      path[token] = last
    }
    return path
  }

  /// Forward–backward in probability space, each step renormalised (no
  /// logarithm per pair of tags: in log space, `exp` and `log` were half
  /// of a run, perf). `transitionPotentials` are `exp(scale ×
  /// transition)`, 0 for forbidden pairs.
  static func marginals(
    _ scores: [Float], tokens count: Int, tagCount: Int, scale: Double,
    _ transitionPotentials: [Double], startRow: Int? = nil
  ) -> [Double] {
    guard count > 0 else { return [] }
    let start = (startRow ?? tagCount) * tagCount
    // Emission potentials, each token's shifted by its best score so that
    // `exp` cannot overflow; the shift cancels in the normalisation.
    var potentials = [Double](repeating: 0, count: count * tagCount)
    for token in 0..<count {
      var high = -Double.infinity
      for tag in 0..<tagCount { high = max(high, Double(scores[token * tagCount + tag])) }
      for tag in 0..<tagCount {
        potentials[token * tagCount + tag] = exp(
          scale * (Double(scores[token * tagCount + tag]) - high))
      }
    }
    var alpha = [Double](repeating: 0, count: count * tagCount)
    var beta = [Double](repeating: 0, count: count * tagCount)
    func normalise(_ values: inout [Double], _ base: Int) {
      var sum = 0.0
      for tag in 0..<tagCount { sum += values[base + tag] }
      guard sum > 0 else { return }
      for tag in 0..<tagCount { values[base + tag] /= sum }
    }
    for tag in 0..<tagCount { alpha[tag] = potentials[tag] * transitionPotentials[start + tag] }
    normalise(&alpha, 0)
    for token in 1..<count {
      let base = token * tagCount
      for tag in 0..<tagCount {
        var sum = 0.0
        for previous in 0..<tagCount {
          sum += alpha[base - tagCount + previous] * transitionPotentials[previous * tagCount + tag]
        }
        alpha[base + tag] = sum * potentials[base + tag]
      }
      normalise(&alpha, base)
    }
    for tag in 0..<tagCount { beta[(count - 1) * tagCount + tag] = 1 }
    var token = count - 2
    while token >= 0 {
      let base = token * tagCount
      for tag in 0..<tagCount {
        var sum = 0.0
        for next in 0..<tagCount {
          sum +=
            transitionPotentials[tag * tagCount + next] * potentials[base + tagCount + next]
            * beta[base + tagCount + next]
        }
        beta[base + tag] = sum
      }
      normalise(&beta, base)
      token -= 1
    }
    var result = [Double](repeating: 0, count: count * tagCount)
    for token in 0..<count {
      let base = token * tagCount
      var sum = 0.0
      for tag in 0..<tagCount {
        result[base + tag] = alpha[base + tag] * beta[base + tag]
        sum += result[base + tag]
      }
      if sum > 0 { for tag in 0..<tagCount { result[base + tag] /= sum } }
    }
    return result
  }
}
