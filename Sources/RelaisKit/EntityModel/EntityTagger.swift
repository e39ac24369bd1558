import CPrefetch
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
/// bits agree by chance. `packedWeightTableAgreesWithADictionary` holds it to a plain
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
    guard let slot = slot(of: hash, words) else { return false }
    let base = slot * stride
    for tag in 0..<tagCount {
      let byte = 4 + tag
      let word = words[base + byte / 8]
      sums[tag] &+= Int32(Int8(truncatingIfNeeded: word >> (8 * UInt64(byte % 8))))
    }
    return true
  }

  /// Whether a slot is 16 bytes, the fingerprint's 4 and a level a tag
  /// (5 to 12 tags): `sumWide` reads such slots whole.
  var hasWideSlots: Bool { stride == 2 }

  /// Adds the levels of every known hash of `hashes` to `sums` (one a
  /// tag), a look-up at a time: the plain version of `sumWide`.
  @inline(__always)
  func sumPlain(
    _ hashes: UnsafeBufferPointer<UInt64>, into sums: UnsafeMutablePointer<Int32>,
    _ words: UnsafeBufferPointer<UInt64>
  ) {
    for tag in 0..<tagCount { sums[tag] = 0 }
    for hash in hashes { add(hash, to: sums, words) }
  }

  /// `sumPlain` with a slot's 16 bytes added at once as 16-bit lanes (the
  /// fingerprint's four lanes add up to nothing read): one widening add a
  /// look-up instead of a shift and add a tag, which was a third of the
  /// look-ups' time (perf). Exact: 255 levels of at most 128 fit 16 bits;
  /// more hashes, or slots of another size, take the plain path.
  /// `wideSumsEqualPlainSums` holds it to `sumPlain`.
  @inline(__always)
  func sumWide(
    _ hashes: UnsafeBufferPointer<UInt64>, into sums: UnsafeMutablePointer<Int32>,
    _ words: UnsafeBufferPointer<UInt64>
  ) {
    guard hasWideSlots, hashes.count <= 255, let base = words.baseAddress else {
      return sumPlain(hashes, into: sums, words)
    }
    let raw = UnsafeRawPointer(base)
    var lanes = SIMD16<Int16>()
    for hash in hashes {
      guard let slot = slot(of: hash, words) else { continue }
      let bytes = raw.loadUnaligned(fromByteOffset: slot * 16, as: SIMD16<Int8>.self)
      lanes &+= SIMD16<Int16>(truncatingIfNeeded: bytes)
    }
    for tag in 0..<tagCount { sums[tag] = Int32(lanes[4 + tag]) }
  }

  /// The slot holding `hash`, nil when the model does not know it.
  @inline(__always)
  private func slot(of hash: UInt64, _ words: UnsafeBufferPointer<UInt64>) -> Int? {
    let fingerprint = UInt64(Self.fingerprint(hash))
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let key = words[slot * stride] & 0xFFFF_FFFF
      if key == fingerprint { return slot }
      if key == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }

  /// Asks the memory system for `hash`'s first slot, without waiting.
  @inline(__always)
  func prefetch(_ hash: UInt64, _ words: UnsafeBufferPointer<UInt64>) {
    guard let base = words.baseAddress else { return }
    relais_prefetch(base + (Int(truncatingIfNeeded: hash) & mask) * stride)
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
  /// the first prefetches every feature's slot of the window, so the
  /// memory system fetches them all at once; the second finds and adds
  /// the weights from cache. In one pass each look-up waited on its load
  /// (perf: the compare after each load was most of the model stage); a
  /// first pass of plain loads, whose values nothing used, was removed
  /// by the optimiser.
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
      for position in 0..<(count * perToken) { table.prefetch(features[position], words) }
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: tagCount) { sums in
        guard let sums = sums.baseAddress else { return }
        scores.withUnsafeMutableBufferPointer { scores in
          for token in 0..<count {
            let hashes = UnsafeBufferPointer(
              rebasing: features[(token * perToken)..<((token + 1) * perToken)])
            table.sumWide(hashes, into: sums, words)
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
  ///
  /// Both decoders read through unsafe buffers, their sizes checked once:
  /// with checked array reads the bounds checks were most of their time
  /// (perf). The arithmetic is the plain version's, in its order, so the
  /// results are the same to the bit (`make model-check` retrains through
  /// `viterbi`).
  static func viterbi(
    _ scores: [Float], tokens count: Int, tagCount: Int, _ transitions: [Float],
    startRow: Int? = nil
  ) -> [Int] {
    guard count > 0, tagCount > 0 else { return [] }
    let start = (startRow ?? tagCount) * tagCount
    precondition(scores.count >= count * tagCount)
    precondition(transitions.count >= max(start + tagCount, tagCount * tagCount))
    var path = [Int](repeating: 0, count: count)
    scores.withUnsafeBufferPointer { scores in
      transitions.withUnsafeBufferPointer { transitions in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count * tagCount) { best in
          withUnsafeTemporaryAllocation(of: Int.self, capacity: count * tagCount) { back in
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
            var last = 0
            let lastBase = (count - 1) * tagCount
            for tag in 1..<tagCount where best[lastBase + tag] > best[lastBase + last] {
              last = tag
            }
            path[count - 1] = last
            var token = count - 1
            while token > 0 {
              last = back[token * tagCount + last]
              token -= 1
              path[token] = last
            }
          }
        }
      }
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
    guard count > 0, tagCount > 0 else { return [] }
    let start = (startRow ?? tagCount) * tagCount
    precondition(scores.count >= count * tagCount)
    precondition(transitionPotentials.count >= max(start + tagCount, tagCount * tagCount))
    let size = count * tagCount
    var result = [Double](repeating: 0, count: size)
    scores.withUnsafeBufferPointer { scores in
      transitionPotentials.withUnsafeBufferPointer { transitions in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * size) { buffer in
          guard let base = buffer.baseAddress else { return }
          let potentials = base
          let alpha = base + size
          let beta = base + 2 * size
          // Emission potentials, each token's shifted by its best score so
          // that `exp` cannot overflow; the shift cancels in the
          // normalisation.
          for token in 0..<count {
            let row = token * tagCount
            var high = -Double.infinity
            for tag in 0..<tagCount { high = max(high, Double(scores[row + tag])) }
            for tag in 0..<tagCount {
              potentials[row + tag] = exp(scale * (Double(scores[row + tag]) - high))
            }
          }
          func normalise(_ values: UnsafeMutablePointer<Double>) {
            var sum = 0.0
            for tag in 0..<tagCount { sum += values[tag] }
            guard sum > 0 else { return }
            for tag in 0..<tagCount { values[tag] /= sum }
          }
          for tag in 0..<tagCount { alpha[tag] = potentials[tag] * transitions[start + tag] }
          normalise(alpha)
          for token in 1..<count {
            let row = token * tagCount
            for tag in 0..<tagCount {
              var sum = 0.0
              for previous in 0..<tagCount {
                sum += alpha[row - tagCount + previous] * transitions[previous * tagCount + tag]
              }
              alpha[row + tag] = sum * potentials[row + tag]
            }
            normalise(alpha + row)
          }
          for tag in 0..<tagCount { beta[(count - 1) * tagCount + tag] = 1 }
          var token = count - 2
          while token >= 0 {
            let row = token * tagCount
            for tag in 0..<tagCount {
              var sum = 0.0
              for next in 0..<tagCount {
                sum +=
                  transitions[tag * tagCount + next] * potentials[row + tagCount + next]
                  * beta[row + tagCount + next]
              }
              beta[row + tag] = sum
            }
            normalise(beta + row)
            token -= 1
          }
          result.withUnsafeMutableBufferPointer { result in
            for token in 0..<count {
              let row = token * tagCount
              var sum = 0.0
              for tag in 0..<tagCount {
                result[row + tag] = alpha[row + tag] * beta[row + tag]
                sum += result[row + tag]
              }
              if sum > 0 { for tag in 0..<tagCount { result[row + tag] /= sum } }
            }
          }
        }
      }
    }
    return result
  }
}
