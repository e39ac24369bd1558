import Foundation

/// The tags the model puts on tokens: BIO over its labels. Tag 0 is `O`;
/// label k has `B` at 1 + 2k and `I` at 2 + 2k. An `I` tag may only
/// follow the `B` or `I` of its label: decoding never produces anything
/// else, so every tag sequence reads back as whole entities.
package struct EntityTagSet: Sendable, Equatable {
  package let labels: [EntityLabel]
  var count: Int { 1 + 2 * labels.count }

  package init(labels: [EntityLabel]) { self.labels = labels }

  func begin(_ label: Int) -> Int { 1 + 2 * label }
  func inside(_ label: Int) -> Int { 2 + 2 * label }
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

/// The feature hashes a model knows, each to its row of weights: open
/// addressing over a power-of-two table, the hash itself as the probe
/// start (hashes are mixed: `EntityFeatures.mix`). A `Dictionary` costs a
/// second hash of each key with `Hasher`, per feature of every token;
/// `FeatureTableTests` holds this to the plain dictionary.
struct FeatureTable: Sendable {
  private var keys: [UInt64]
  private var rows: [Int32]
  private let mask: Int

  /// `hashes` must be distinct and non-zero; hash k gets row k.
  init(hashes: [UInt64]) {
    var capacity = 16
    while capacity < hashes.count * 2 { capacity *= 2 }
    keys = Array(repeating: 0, count: capacity)
    rows = Array(repeating: -1, count: capacity)
    mask = capacity - 1
    for (row, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while keys[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = hash
      rows[slot] = Int32(row)
    }
  }

  /// The row of `hash`, or -1.
  @inline(__always)
  func row(_ hash: UInt64) -> Int {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let key = keys[slot]
      if key == hash { return Int(rows[slot]) }
      if key == 0 { return -1 }
      slot = (slot + 1) & mask
    }
  }
}

/// A trained sequence labeller: a weight a tag for each known feature,
/// tag-to-tag transition weights, and Viterbi decoding. Immutable and
/// shared by every worker.
package struct EntityTagger: Sendable {
  package let tags: EntityTagSet
  /// The feature hash of each row.
  let hashes: [UInt64]
  let table: FeatureTable
  /// `rows × tags.count`, row-major.
  let weights: [Float]
  /// `(tags.count + 1) × tags.count`: row `tags.count` is the sentence
  /// start.
  let transitions: [Float]
  /// Multiplies scores before they are read as log-potentials for the
  /// per-entity confidence (fitted on dev data in training).
  let scoreScale: Float

  init(
    tags: EntityTagSet, hashes: [UInt64], weights: [Float], transitions: [Float], scoreScale: Float
  ) {
    self.tags = tags
    self.hashes = hashes
    table = FeatureTable(hashes: hashes)
    self.weights = weights
    self.transitions = transitions
    self.scoreScale = scoreScale
  }

  /// The same tagger with another confidence scale.
  func withScoreScale(_ scale: Float) -> EntityTagger {
    EntityTagger(
      tags: tags, hashes: hashes, weights: weights, transitions: transitions, scoreScale: scale)
  }

  /// Each token's score for each tag: `count × tags.count`.
  func emissions(
    _ features: UnsafeBufferPointer<UInt64>, tokens count: Int, into scores: inout [Float]
  ) {
    let tagCount = tags.count
    scores.removeAll(keepingCapacity: true)
    scores.append(contentsOf: repeatElement(0, count: count * tagCount))
    let perToken = EntityFeatures.perToken
    weights.withUnsafeBufferPointer { weights in
      scores.withUnsafeMutableBufferPointer { scores in
        for token in 0..<count {
          let base = token * tagCount
          for feature in features[(token * perToken)..<((token + 1) * perToken)] {
            let row = table.row(feature)
            guard row >= 0 else { continue }
            let weightBase = row * tagCount
            for tag in 0..<tagCount { scores[base + tag] += weights[weightBase + tag] }
          }
        }
      }
    }
  }

  /// The best tag sequence for the emission scores (`count × tags.count`).
  func viterbi(_ scores: [Float], tokens count: Int) -> [Int] {
    EntityDecoding.viterbi(
      scores, tokens: count, tags: tags, transition: { transitions[$0 * tags.count + $1] })
  }

  /// Each token's probability of each tag, with scores read as
  /// log-potentials times `scoreScale` (forward-backward).
  func marginals(_ scores: [Float], tokens count: Int) -> [Double] {
    EntityDecoding.marginals(
      scores, tokens: count, tags: tags, scale: Double(scoreScale),
      transition: { transitions[$0 * tags.count + $1] })
  }
}

/// Decoding over any weights: the tagger's and the trainer's (whose
/// weights change as it learns).
enum EntityDecoding {
  static func viterbi(
    _ scores: [Float], tokens count: Int, tags: EntityTagSet, transition: (Int, Int) -> Float
  ) -> [Int] {
    guard count > 0 else { return [] }
    let tagCount = tags.count
    let start = tagCount
    var best = [Float](repeating: -.infinity, count: count * tagCount)
    var back = [Int](repeating: 0, count: count * tagCount)
    for tag in 0..<tagCount where tags.allows(tag, after: nil) {
      best[tag] = scores[tag] + transition(start, tag)
    }
    for token in 1..<count {
      for tag in 0..<tagCount {
        var bestScore = -Float.infinity
        var bestPrevious = 0
        for previous in 0..<tagCount where tags.allows(tag, after: previous) {
          let score = best[(token - 1) * tagCount + previous] + transition(previous, tag)
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
    for tag in 1..<tagCount
    where best[(count - 1) * tagCount + tag] > best[(count - 1) * tagCount + last] {
      last = tag
    }
    path[count - 1] = last
    var token = count - 1
    while token > 0 {
      last = back[token * tagCount + last]
      token -= 1
      path[token] = last
    }
    return path
  }

  static func marginals(
    _ scores: [Float], tokens count: Int, tags: EntityTagSet, scale: Double,
    transition: (Int, Int) -> Float
  ) -> [Double] {
    let tagCount = tags.count
    let start = tagCount
    guard count > 0 else { return [] }
    func logSum(_ a: Double, _ b: Double) -> Double {
      if a == -.infinity { return b }
      if b == -.infinity { return a }
      let high = max(a, b)
      return high + log(exp(a - high) + exp(b - high))
    }
    var alpha = [Double](repeating: -.infinity, count: count * tagCount)
    var beta = [Double](repeating: -.infinity, count: count * tagCount)
    for tag in 0..<tagCount where tags.allows(tag, after: nil) {
      alpha[tag] = scale * Double(scores[tag] + transition(start, tag))
    }
    for token in 1..<count {
      for tag in 0..<tagCount {
        var sum = -Double.infinity
        for previous in 0..<tagCount where tags.allows(tag, after: previous) {
          sum = logSum(
            sum,
            alpha[(token - 1) * tagCount + previous] + scale * Double(transition(previous, tag)))
        }
        alpha[token * tagCount + tag] = sum + scale * Double(scores[token * tagCount + tag])
      }
    }
    for tag in 0..<tagCount { beta[(count - 1) * tagCount + tag] = 0 }
    var token = count - 2
    while token >= 0 {
      for tag in 0..<tagCount {
        var sum = -Double.infinity
        for next in 0..<tagCount where tags.allows(next, after: tag) {
          sum = logSum(
            sum,
            scale * Double(transition(tag, next) + scores[(token + 1) * tagCount + next])
              + beta[(token + 1) * tagCount + next])
        }
        beta[token * tagCount + tag] = sum
      }
      token -= 1
    }
    var total = -Double.infinity
    for tag in 0..<tagCount { total = logSum(total, alpha[(count - 1) * tagCount + tag]) }
    var result = [Double](repeating: 0, count: count * tagCount)
    for index in result.indices { result[index] = exp(alpha[index] + beta[index] - total) }
    return result
  }
}
