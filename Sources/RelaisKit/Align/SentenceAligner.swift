import Foundation

/// Sentence alignment of a French text and its English translation:
/// Gale and Church's length model (1993: the lengths in characters of
/// translated sentences are proportional, with a normally distributed
/// difference) plus anchors, words a sentence and its translation share
/// whatever the language (numbers, names and acronyms written alike,
/// the same question or exclamation mark). Dynamic programming over the
/// two sentence sequences finds the cheapest chain of beads (1-1, 1-0,
/// 0-1, 2-1, 1-2), searched within a band around the diagonal, so time is
/// linear in the number of sentences.
package struct SentenceAligner: Sendable {
  /// One sentence as the aligner sees it.
  package struct Sentence: Sendable, Equatable {
    /// Characters but white space.
    package var length: Int
    /// Words that a translation keeps as they are (`Anchors`).
    package var anchors: Set<String>
    /// Ends with `?` or `!`.
    package var mark: UInt8?
    /// The first letters of its longer words that are no anchors
    /// (`Cognates`).
    package var cognates = CognateSignature()
  }

  /// How many sentences of each side a bead holds.
  package enum Bead: String, Sendable, CaseIterable {
    case oneToOne = "1-1"
    case oneToNone = "1-0"
    case noneToOne = "0-1"
    case twoToOne = "2-1"
    case oneToTwo = "1-2"

    var french: Int {
      switch self {
      case .oneToOne, .oneToNone, .oneToTwo: 1
      case .noneToOne: 0
      case .twoToOne: 2
      }
    }
    /// Position in `allCases`.
    var index: Int {
      switch self {
      case .oneToOne: 0
      case .oneToNone: 1
      case .noneToOne: 2
      case .twoToOne: 3
      case .oneToTwo: 4
      }
    }
    var english: Int {
      switch self {
      case .oneToOne, .noneToOne, .twoToOne: 1
      case .oneToNone: 0
      case .oneToTwo: 2
      }
    }

    /// −log of the bead's prior probability: Gale and Church's figures
    /// (1-1 0.89, 1-0 and 0-1 0.0099 together, 2-1 and 1-2 0.089
    /// together), but for gaps, which translated corpora with untranslated
    /// sentences have far more often (`gapPrior`).
    func priorCost(gapPrior: Double) -> Double {
      switch self {
      case .oneToOne: -log(0.89)
      case .oneToNone, .noneToOne: -log(gapPrior / 2)
      case .twoToOne, .oneToTwo: -log(0.089 / 2)
      }
    }
  }

  /// One aligned pair: ranges of sentence indices on each side.
  package struct Pair: Sendable, Equatable {
    package var french: Range<Int>
    package var english: Range<Int>
    package var bead: Bead
    /// From 0 to 1: how much better this bead is than the best other
    /// reading of the same sentences (1 − e^−margin, see `align`).
    package var score: Double
  }

  /// Gale and Church's variance of the length difference per character.
  package var variancePerCharacter = 6.8
  /// The prior of a gap (1-0 or 0-1 together) in the first pass; the
  /// second measures it (`measuredGapPrior`).
  package var gapPrior = 0.02
  /// How many beads' worth of evidence `gapPrior` is against the gaps
  /// the first pass finds: 50 to 200 gave the same ParTUT figures.
  package var gapPriorWeight = 100.0
  /// What a shared anchor takes off a bead's cost, and what an anchor of
  /// one side missing from the other adds.
  package var anchorReward = 2.0
  package var anchorPenalty = 0.6
  /// What a cognate the two sides share takes off a bead's cost. No
  /// penalty for one unmatched: most words have no cognate.
  package var cognateReward = 1.0
  /// Sentences either side of the diagonal the search looks at first
  /// (doubled while the path runs near the band's edge): the path strays
  /// from the diagonal by about the square root of the gaps.
  package var band = 20
  /// English characters per French character in a translation, before
  /// the text says otherwise: 0.85 over the ParTUT dev pairs.
  package var lengthRatio = 0.85
  /// The band is never widened past this many cells (16 bytes each): a
  /// hostile pair of long texts must not take the machine's memory.
  package var maximumCells = 16_000_000
  /// French sentences the first pass reads to measure the ratio.
  package var ratioSample = 500

  package init() {}

  /// The cheapest chain of beads over the two sides, in order. Two
  /// passes: the first with `lengthRatio` over the texts' first
  /// sentences, the second with the ratio of the sentences the first
  /// paired one to one (the ratio of the whole texts would count the
  /// untranslated sentences too) and the share of gaps it found.
  package func align(_ french: [Sentence], _ english: [Sentence]) -> [Pair] {
    // The first pass needs only enough pairs to measure the ratio: the
    // first `ratioSample` French sentences and as large a share of the
    // English ones, so that it costs little on a long text.
    let frenchSample = min(french.count, ratioSample)
    let englishSample =
      french.isEmpty
      ? english.count : min(english.count, english.count * frenchSample / french.count)
    let first = align(
      Array(french.prefix(frenchSample)), Array(english.prefix(englishSample)), ratio: lengthRatio)
    var frenchPaired = 0
    var englishPaired = 0
    for pair in first where pair.bead == .oneToOne {
      frenchPaired += french[pair.french.lowerBound].length
      englishPaired += english[pair.english.lowerBound].length
    }
    // With nothing paired one to one, no ratio is measured: the second
    // pass keeps the default. (It used to return the first pass, which
    // had read only the sample: the rest of a long text was lost.)
    let ratio =
      frenchPaired > 0 && englishPaired > 0
      ? Double(englishPaired) / Double(frenchPaired) : lengthRatio
    var second = self
    second.gapPrior = measuredGapPrior(first)
    return second.align(french, english, ratio: ratio)
  }

  /// The share of gaps among the first pass's beads, with `gapPrior`
  /// counted as `gapPriorWeight` beads more: a text with untranslated
  /// sentences gets a gap prior that says so, where Gale and Church's
  /// priors made a French sentence whose translation is missing merge
  /// with its neighbour into a 2-1 bead; a short text keeps about
  /// `gapPrior`.
  func measuredGapPrior(_ first: [Pair]) -> Double {
    let gaps = first.filter { $0.bead == .oneToNone || $0.bead == .noneToOne }.count
    let measured =
      (Double(gaps) + gapPriorWeight * gapPrior) / (Double(first.count) + gapPriorWeight)
    return min(Self.largestGapPrior, measured)
  }

  /// A text of gaps mostly is no translation; the prior stays below this.
  static let largestGapPrior = 0.3

  /// The search within a band around the diagonal, doubled while the
  /// path found runs close to the band's edge (Moore 2002): a text whose
  /// untranslated sentences bunch up still gets a band that holds its
  /// path, while evenly spread gaps keep the band narrow. (The band was
  /// widened by the difference in sentence counts up front, which made
  /// the table grow with the square of a long text's length when a
  /// share of its sentences has no translation.) A path that stays clear
  /// of the edge is taken, though a cheaper one outside the band may
  /// exist: that is the heuristic's bet.
  private func align(_ french: [Sentence], _ english: [Sentence], ratio: Double) -> [Pair] {
    guard !french.isEmpty || !english.isEmpty else { return [] }
    let sides = AnchorSides(french, english, gapPrior: gapPrior)
    // A short text gets the whole table: few cells, and a band around
    // a steep diagonal (one French sentence, forty English) can miss the
    // best path without coming near its own edge.
    let longerSide = max(french.count, english.count)
    var width = longerSide <= Self.wholeTableSentences ? longerSide : band
    while true {
      let (beads, nearEdge, complete) = search(
        french.count, english.count, sides, ratio: ratio, width: width)
      let wider = width * 2
      let affordable = (french.count + 1) * (2 * wider + 1) <= maximumCells
      if complete && (!nearEdge || width >= longerSide || !affordable) {
        return beads.map { bead in
          Pair(
            french: bead.french, english: bead.english, bead: bead.bead,
            score: confidence(
              bead.bead, french[bead.french], english[bead.english], ratio: ratio))
        }
      }
      if !complete && !affordable {
        // No chain within the widest band memory allows (two long texts
        // whose sentences cannot be paired near the diagonal): every
        // sentence is left alone, none lost.
        return (0..<french.count).map {
          Pair(french: $0..<($0 + 1), english: 0..<0, bead: .oneToNone, score: 0)
        }
          + (0..<english.count).map {
            Pair(
              french: french.count..<french.count, english: $0..<($0 + 1), bead: .noneToOne,
              score: 0)
          }
      }
      width = wider
    }
  }

  /// The cheapest chain of beads within `width` sentences of the
  /// diagonal, whether it comes within `edgeMargin` of the band's edge
  /// anywhere the band, not the table, is the limit, and whether it joins
  /// the table's corners (a band too narrow may hold no chain).
  private func search(
    _ rows: Int, _ columns: Int, _ sides: AnchorSides, ratio: Double, width: Int
  ) -> (beads: [Step], nearEdge: Bool, complete: Bool) {
    var costs = BandedTable(rows: rows, columns: columns, width: width)
    costs[0, 0] = (0, nil)
    for i in 0...rows {
      for j in costs.columns(of: i) where !(i == 0 && j == 0) {
        var best = (cost: Double.infinity, bead: Bead?.none)
        for bead in Bead.allCases where i >= bead.french && j >= bead.english {
          guard let previous = costs[i - bead.french, j - bead.english], previous.cost.isFinite
          else { continue }
          let cost =
            previous.cost
            + sides.cost(
              bead, french: i - bead.french, english: j - bead.english, ratio: ratio, self)
          if cost < best.cost { best = (cost, bead) }
        }
        costs[i, j] = best
      }
    }
    var beads: [Step] = []
    var nearEdge = false
    var i = rows
    var j = columns
    while i > 0 || j > 0 {
      nearEdge = nearEdge || costs.isNearEdge(i, j, margin: Self.edgeMargin)
      guard let cell = costs[i, j], let bead = cell.bead else { break }
      beads.append(((i - bead.french)..<i, (j - bead.english)..<j, bead))
      i -= bead.french
      j -= bead.english
    }
    // A band too narrow to join the corners (a short text whose
    // untranslated sentences outnumber its width) has no path at all.
    let complete = i == 0 && j == 0
    return (beads.reversed(), nearEdge, complete)
  }

  /// A bead of a search's path, before it is scored.
  private typealias Step = (french: Range<Int>, english: Range<Int>, bead: Bead)

  /// How close to the band's edge a path may run before the band is
  /// widened.
  static let edgeMargin = 5
  /// Texts with no more sentences a side than this are searched whole.
  static let wholeTableSentences = 80

  /// A bead's cost: its prior, Gale and Church's length term, and the
  /// anchors it keeps together or leaves apart. `anchors` are the shared
  /// and unmatched anchor counts when the caller has them (the search
  /// does, from `AnchorSides`, without building a set per cell).
  func beadCost(
    _ bead: Bead, _ french: ArraySlice<Sentence>, _ english: ArraySlice<Sentence>, ratio: Double,
    anchors: (shared: Int, unmatched: Int)? = nil
  ) -> Double {
    var cost = bead.priorCost(gapPrior: gapPrior)
    let frenchLength = Double(french.reduce(0) { $0 + $1.length })
    let englishLength = Double(english.reduce(0) { $0 + $1.length })
    if bead.french > 0 && bead.english > 0 {
      cost += Self.lengthCost(
        french: frenchLength, english: englishLength, ratio: ratio, variancePerCharacter)
      let (shared, unmatched) = anchors ?? Self.anchorCounts(french, english)
      cost -= anchorReward * Double(shared)
      cost += anchorPenalty * Double(unmatched)
      cost -= cognateReward * Double(Self.sharedCognates(french, english))
      if let mark = french.last?.mark, mark == english.last?.mark { cost -= anchorReward }
    } else {
      // A sentence left alone keeps its anchors from any partner.
      let alone = french.first ?? english.first
      cost += anchorPenalty * Double(alone?.anchors.count ?? 0) / 2
    }
    return cost
  }

  /// Shared and unmatched anchors of two sides, by sets: the plain
  /// version `AnchorSides` is tested against.
  static func anchorCounts(_ french: ArraySlice<Sentence>, _ english: ArraySlice<Sentence>) -> (
    shared: Int, unmatched: Int
  ) {
    var frenchAnchors = Set<String>()
    for sentence in french { frenchAnchors.formUnion(sentence.anchors) }
    var englishAnchors = Set<String>()
    for sentence in english { englishAnchors.formUnion(sentence.anchors) }
    let shared = frenchAnchors.intersection(englishAnchors).count
    return (shared, frenchAnchors.count + englishAnchors.count - 2 * shared)
  }

  /// Gale and Church's length term, δ²/2 where δ is the English length's
  /// difference from the French length times `ratio`, over its standard
  /// deviation (the variance grows with the mean length). Written without
  /// the square root: δ² needs none, and the search computes this in
  /// every cell.
  @inline(__always)
  static func lengthCost(
    french: Double, english: Double, ratio: Double, _ variancePerCharacter: Double
  ) -> Double {
    let mean = (french * ratio + english) / 2
    let difference = english - french * ratio
    return difference * difference / (2 * mean * variancePerCharacter)
  }

  /// Cognate bits two sides share.
  static func sharedCognates(_ french: ArraySlice<Sentence>, _ english: ArraySlice<Sentence>)
    -> Int
  {
    let frenchCognates = french.reduce(CognateSignature()) { $0.union($1.cognates) }
    let englishCognates = english.reduce(CognateSignature()) { $0.union($1.cognates) }
    return frenchCognates.shared(with: englishCognates)
  }

  /// 1 − e^−(margin): the margin is how much cheaper the bead is than the
  /// same sentences taken as gaps on both sides.
  private func confidence(
    _ bead: Bead, _ french: ArraySlice<Sentence>, _ english: ArraySlice<Sentence>, ratio: Double
  ) -> Double {
    guard bead.french > 0 && bead.english > 0 else { return 0 }
    let asGaps =
      french.map { beadCost(.oneToNone, [$0], [], ratio: ratio) }.reduce(0, +)
      + english.map { beadCost(.noneToOne, [], [$0], ratio: ratio) }.reduce(0, +)
    let margin = asGaps - beadCost(bead, french, english, ratio: ratio)
    return max(0, 1 - exp(-margin))
  }
}

/// Each side's anchors as sorted numbers, for one sentence and for each two
/// neighbours, computed once: the search counts shared anchors by merging
/// two short sorted arrays instead of building sets for every cell
/// (`SentenceAligner.anchorCounts` is the plain version; a test holds
/// them equal).
struct AnchorSides {
  private var frenchSingles: [[Int]] = []
  private var frenchDoubles: [[Int]] = []
  private var englishSingles: [[Int]] = []
  private var englishDoubles: [[Int]] = []
  private let frenchCognates: [CognateSignature]
  private let englishCognates: [CognateSignature]
  /// Where each sentence starts in a count of characters, and one past.
  private var frenchStarts: [Int] = [0]
  private var englishStarts: [Int] = [0]
  private var frenchMarks: [UInt8?]
  private var englishMarks: [UInt8?]
  /// `Bead.priorCost` of each bead, by `Bead.index` (a logarithm per
  /// cell otherwise).
  private let priorCosts: [Double]

  init(
    _ french: [SentenceAligner.Sentence], _ english: [SentenceAligner.Sentence],
    gapPrior: Double = SentenceAligner().gapPrior
  ) {
    priorCosts = SentenceAligner.Bead.allCases.map { $0.priorCost(gapPrior: gapPrior) }
    var numbers: [String: Int] = [:]
    func encode(_ sentences: [SentenceAligner.Sentence]) -> ([[Int]], [[Int]]) {
      let singles = sentences.map { sentence in
        sentence.anchors.map { anchor in
          if let known = numbers[anchor] { return known }
          numbers[anchor] = numbers.count
          return numbers.count - 1
        }.sorted()
      }
      let doubles = singles.indices.dropLast().map {
        Array(Set(singles[$0] + singles[$0 + 1])).sorted()
      }
      return (singles, doubles)
    }
    (frenchSingles, frenchDoubles) = encode(french)
    (englishSingles, englishDoubles) = encode(english)
    frenchCognates = french.map(\.cognates)
    englishCognates = english.map(\.cognates)
    for sentence in french {
      frenchStarts.append(frenchStarts[frenchStarts.count - 1] + sentence.length)
    }
    for sentence in english {
      englishStarts.append(englishStarts[englishStarts.count - 1] + sentence.length)
    }
    frenchMarks = french.map(\.mark)
    englishMarks = english.map(\.mark)
  }

  /// `SentenceAligner.beadCost` for the bead starting at sentence
  /// `french` and `english`, from the numbers computed once here, with no
  /// slice or set made per cell (a test holds the two equal).
  func cost(
    _ bead: SentenceAligner.Bead, french: Int, english: Int, ratio: Double,
    _ aligner: SentenceAligner
  ) -> Double {
    var cost = priorCosts[bead.index]
    guard bead.french > 0 && bead.english > 0 else {
      let alone = bead.french > 0 ? frenchSingles[french].count : englishSingles[english].count
      return cost + aligner.anchorPenalty * Double(alone) / 2
    }
    let frenchLength = Double(frenchStarts[french + bead.french] - frenchStarts[french])
    let englishLength = Double(englishStarts[english + bead.english] - englishStarts[english])
    cost += SentenceAligner.lengthCost(
      french: frenchLength, english: englishLength, ratio: ratio, aligner.variancePerCharacter)
    let (shared, unmatched) = counts(bead, french: french, english: english)
    cost -= aligner.anchorReward * Double(shared)
    cost += aligner.anchorPenalty * Double(unmatched)
    var frenchSide = frenchCognates[french]
    if bead.french == 2 { frenchSide = frenchSide.union(frenchCognates[french + 1]) }
    var englishSide = englishCognates[english]
    if bead.english == 2 { englishSide = englishSide.union(englishCognates[english + 1]) }
    cost -= aligner.cognateReward * Double(frenchSide.shared(with: englishSide))
    if let mark = frenchMarks[french + bead.french - 1],
      mark == englishMarks[english + bead.english - 1]
    {
      cost -= aligner.anchorReward
    }
    return cost
  }

  /// Shared and unmatched anchors of the bead starting at sentence
  /// `french` and `english` of each side.
  func counts(_ bead: SentenceAligner.Bead, french: Int, english: Int) -> (
    shared: Int, unmatched: Int
  ) {
    let left = bead.french == 2 ? frenchDoubles[french] : frenchSingles[french]
    let right = bead.english == 2 ? englishDoubles[english] : englishSingles[english]
    var shared = 0
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
      if left[i] == right[j] {
        shared += 1
        i += 1
        j += 1
      } else if left[i] < right[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return (shared, left.count + right.count - 2 * shared)
  }
}

/// The dynamic programme's cells within a band around the diagonal:
/// memory and time grow with rows × width, not rows × columns.
struct BandedTable {
  private let rows: Int
  private let columnCount: Int
  private let width: Int
  private var cells: [(cost: Double, bead: SentenceAligner.Bead?)?]
  /// Where each row's band is centred: the diagonal of the whole table.
  private let centres: [Int]

  init(rows: Int, columns: Int, width: Int) {
    self.rows = rows
    columnCount = columns
    self.width = width
    cells = Array(repeating: nil, count: (rows + 1) * (2 * width + 1))
    centres = (0...rows).map { rows == 0 ? 0 : $0 * columns / rows }
  }

  @inline(__always)
  private func centre(_ i: Int) -> Int { centres[i] }

  /// Whether cell (i, j) lies within `margin` columns of the band's edge
  /// on a side where the band, not the table, ends.
  func isNearEdge(_ i: Int, _ j: Int, margin: Int) -> Bool {
    let low = centre(i) - width
    let high = centre(i) + width
    return (low > 0 && j - low < margin) || (high < columnCount && high - j < margin)
  }

  func columns(of i: Int) -> ClosedRange<Int> {
    let low = max(0, centre(i) - width)
    let high = min(columnCount, centre(i) + width)
    return low...max(low, high)
  }

  subscript(i: Int, j: Int) -> (cost: Double, bead: SentenceAligner.Bead?)? {
    get {
      guard i >= 0, i <= rows else { return nil }
      let offset = j - centre(i) + width
      guard offset >= 0, offset <= 2 * width else { return nil }
      return cells[i * (2 * width + 1) + offset]
    }
    set {
      guard i >= 0, i <= rows else { return }
      let offset = j - centre(i) + width
      guard offset >= 0, offset <= 2 * width else { return }
      cells[i * (2 * width + 1) + offset] = newValue
    }
  }
}
