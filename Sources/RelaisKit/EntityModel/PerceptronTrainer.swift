import Foundation

/// One sentence to learn from or score: its features (`EntityFeatures`,
/// `perToken` a token) and its gold tags.
struct EntityInstance: Sendable {
  var features: [UInt64]
  var gold: [Int]
  var count: Int { gold.count }
}

/// Trains an `EntityTagger`: the averaged structured perceptron (Collins
/// 2002) over the sentence's Viterbi path, with the averaging done lazily
/// (each update also adds `update × step` to a second table; the average
/// is `weights − sums / steps`). Deterministic: sentences are visited in
/// an order drawn from `seed`, features get rows in order of first sight,
/// and nothing iterates a hashed collection.
struct PerceptronTrainer {
  struct Options {
    var epochs = 12
    var seed: UInt64 = 1
    /// Features seen fewer times in training are dropped: rare features
    /// mostly memorise and take most of the model's size.
    var minimumCount = 2
  }

  /// What each epoch reached on the dev sentences.
  struct EpochReport {
    var epoch: Int
    var score: SpanScore
    var seconds: Double
  }

  let tags: EntityTagSet
  let options: Options

  /// Trains on `train`; with `dev`, keeps the epoch that scores best on it
  /// and fits the confidence scale there. `report` hears each epoch.
  func train(
    _ train: [EntityInstance], dev: [EntityInstance], progress: (Int, Int) -> Void = { _, _ in },
    report: (EpochReport) -> Void
  ) -> EntityTagger {
    let tagCount = tags.count
    // Rows in order of first sight, for features seen often enough.
    var counts: [UInt64: Int32] = [:]
    for instance in train {
      for feature in instance.features { counts[feature, default: 0] += 1 }
    }
    var rowOf: [UInt64: Int32] = [:]
    var hashes: [UInt64] = []
    for instance in train {
      for feature in instance.features
      where rowOf[feature] == nil && counts[feature, default: 0] >= options.minimumCount {
        rowOf[feature] = Int32(hashes.count)
        hashes.append(feature)
      }
    }
    counts = [:]
    func rows(_ instance: EntityInstance) -> [Int32] {
      instance.features.map { rowOf[$0] ?? -1 }
    }
    let trainRows = train.map(rows)
    let devRows = dev.map(rows)
    rowOf = [:]

    var weights = [Double](repeating: 0, count: hashes.count * tagCount)
    var sums = weights
    let transitionCount = (tagCount + 1) * tagCount
    var transitions = [Double](repeating: 0, count: transitionCount)
    var transitionSums = transitions
    var step = 1.0
    var random = SplitMix64(seed: options.seed)
    var order = Array(train.indices)
    var best: (score: SpanScore, weights: [Float], transitions: [Float])?
    let perToken = EntityFeatures.perToken

    func emissions(_ rows: [Int32], tokens: Int, averaged: Bool) -> [Float] {
      var scores = [Float](repeating: 0, count: tokens * tagCount)
      for token in 0..<tokens {
        for position in (token * perToken)..<((token + 1) * perToken) {
          let row = Int(rows[position])
          guard row >= 0 else { continue }
          for tag in 0..<tagCount {
            let index = row * tagCount + tag
            let weight = averaged ? weights[index] - sums[index] / step : weights[index]
            scores[token * tagCount + tag] += Float(weight)
          }
        }
      }
      return scores
    }

    for epoch in 1...options.epochs {
      let started = Date()
      // Fisher–Yates with the seeded generator.
      for index in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(index, Int(random.next() % UInt64(index + 1)))
      }
      for (done, index) in order.enumerated() {
        if done % 500 == 0 { progress(done, order.count) }
        let instance = train[index]
        let rows = trainRows[index]
        let scores = emissions(rows, tokens: instance.count, averaged: false)
        let predicted = EntityDecoding.viterbi(
          scores, tokens: instance.count, tagCount: tagCount,
          tags.masked(transitions.map { Float($0) }))
        if predicted != instance.gold {
          for token in 0..<instance.count {
            let gold = instance.gold[token]
            let guess = predicted[token]
            let previousGold = token == 0 ? tagCount : instance.gold[token - 1]
            let previousGuess = token == 0 ? tagCount : predicted[token - 1]
            if gold != guess {
              for position in (token * perToken)..<((token + 1) * perToken) {
                let row = Int(rows[position])
                guard row >= 0 else { continue }
                weights[row * tagCount + gold] += 1
                sums[row * tagCount + gold] += step
                weights[row * tagCount + guess] -= 1
                sums[row * tagCount + guess] -= step
              }
            }
            if gold != guess || previousGold != previousGuess {
              transitions[previousGold * tagCount + gold] += 1
              transitionSums[previousGold * tagCount + gold] += step
              transitions[previousGuess * tagCount + guess] -= 1
              transitionSums[previousGuess * tagCount + guess] -= step
            }
          }
        }
        step += 1
      }
      let averagedTransitions = (0..<transitionCount).map {
        Float(transitions[$0] - transitionSums[$0] / step)
      }
      let maskedAverage = tags.masked(averagedTransitions)
      var score = SpanScore()
      for (index, instance) in dev.enumerated() {
        let predicted = EntityDecoding.viterbi(
          emissions(devRows[index], tokens: instance.count, averaged: true),
          tokens: instance.count, tagCount: tagCount, maskedAverage)
        score.add(
          gold: tags.spans(of: instance.gold).map { TaggedSpan($0.range, $0.label) },
          system: tags.spans(of: predicted).map { TaggedSpan($0.range, $0.label) })
      }
      report(EpochReport(epoch: epoch, score: score, seconds: Date().timeIntervalSince(started)))
      if dev.isEmpty || best == nil || score.f1 > best?.score.f1 ?? 0 {
        best = (
          score, (0..<weights.count).map { Float(weights[$0] - sums[$0] / step) },
          averagedTransitions
        )
      }
    }
    guard let best else {
      return EntityTagger(
        tags: tags, hashes: [], levels: [], quantum: 1,
        transitions: [Float](repeating: 0, count: transitionCount),
        scoreScale: 1)
    }
    let (keptHashes, levels, quantum) = Self.quantized(hashes, best.weights, tagCount: tagCount)
    var tagger = EntityTagger(
      tags: tags, hashes: keptHashes, levels: levels, quantum: quantum,
      transitions: best.transitions, scoreScale: 1)
    if !dev.isEmpty {
      tagger = tagger.withScoreScale(Self.fittedScale(tagger, dev))
    }
    return tagger
  }

  /// The weights as a model file keeps them: each a multiple of one
  /// quantum (8-bit: 16-bit levels scored the same on the dev data, 86.94
  /// against 87.03 F1, and made the look-ups twice as long), rows that
  /// are all zero dropped.
  static func quantized(_ hashes: [UInt64], _ weights: [Float], tagCount: Int) -> (
    hashes: [UInt64], levels: [Int8], quantum: Float
  ) {
    let quantum = EntityModelFile.quantum(for: weights)
    var keptHashes: [UInt64] = []
    var keptLevels: [Int8] = []
    for (row, hash) in hashes.enumerated() {
      let levels = (0..<tagCount).map {
        EntityModelFile.level(weights[row * tagCount + $0], quantum: quantum)
      }
      guard levels.contains(where: { $0 != 0 }) else { continue }
      keptHashes.append(hash)
      keptLevels.append(contentsOf: levels)
    }
    return (keptHashes, keptLevels, quantum)
  }

  /// The scale that makes the tagger's marginals most likely for the dev
  /// gold tags, from a fixed grid.
  static func fittedScale(_ tagger: EntityTagger, _ dev: [EntityInstance]) -> Float {
    let grid: [Float] = [
      0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2,
    ]
    var scores: [[Float]] = []
    var buffer: [Float] = []
    for instance in dev {
      instance.features.withUnsafeBufferPointer {
        tagger.emissions($0, tokens: instance.count, into: &buffer)
      }
      scores.append(buffer)
    }
    var bestScale: Float = 1
    var bestLikelihood = -Double.infinity
    for scale in grid {
      let scaled = tagger.withScoreScale(scale)
      var likelihood = 0.0
      for (index, instance) in dev.enumerated() {
        let marginals = scaled.marginals(scores[index], tokens: instance.count)
        for (token, gold) in instance.gold.enumerated() {
          likelihood += log(max(marginals[token * tagger.tags.count + gold], 1e-12))
        }
      }
      if likelihood > bestLikelihood {
        bestLikelihood = likelihood
        bestScale = scale
      }
    }
    return bestScale
  }
}

/// A span of tokens with its label index, compared whole.
struct TaggedSpan: Hashable {
  var start: Int
  var end: Int
  var label: Int
  init(_ range: Range<Int>, _ label: Int) {
    start = range.lowerBound
    end = range.upperBound
    self.label = label
  }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives
/// the same training order on every machine.
package struct SplitMix64 {
  private var state: UInt64
  package init(seed: UInt64) { state = seed }
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
