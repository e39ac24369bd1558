import Foundation
import Testing

@testable import RelaisKit

/// The ParTUT dev pairs: each French sentence and the English sentence
/// with the same number, in order; English sentences with no French one
/// are real gaps.
struct PartutPairs {
  var french: [(number: Int, text: String)] = []
  var english: [(number: Int, text: String)] = []

  init() throws {
    func sentences(_ path: String) throws -> [(Int, String)] {
      var result: [(Int, String)] = []
      var number = 0
      for line in try String(contentsOfFile: Repository.path(path), encoding: .utf8)
        .split(separator: "\n")
      {
        if line.hasPrefix("# sent_id = ") {
          number = Int(line.split(separator: "-").last ?? "") ?? 0
        } else if line.hasPrefix("# text = ") {
          result.append((number, String(line.dropFirst("# text = ".count))))
        }
      }
      return result
    }
    french = try sentences("Tests/Data/ud-french-more/partut/fr_partut-ud-dev.conllu")
    english = try sentences("Tests/Data/parallel-fr-en/partut/en_partut-ud-dev.conllu")
  }

  /// The gold beads: sentence index ranges on each side.
  var gold: Set<[Int]> {
    var beads = Set<[Int]>()
    var frenchIndex = 0
    for (englishIndex, sentence) in english.enumerated() {
      if frenchIndex < french.count, french[frenchIndex].number == sentence.number {
        beads.insert([frenchIndex, frenchIndex + 1, englishIndex, englishIndex + 1])
        frenchIndex += 1
      } else {
        beads.insert([frenchIndex, frenchIndex, englishIndex, englishIndex + 1])
      }
    }
    return beads
  }
}

func alignerSentences(_ texts: [String], _ language: Language) throws -> [SentenceAligner.Sentence]
{
  let pipeline = try Pipeline(until: .normalize)
  return try texts.map { text in
    Anchors.sentence(
      try pipeline.sentences(of: SourceText(string: text, path: "s"), language: language).flatMap {
        $0
      })
  }
}

/// Pair F1 of beads given as [french start, end, english start, end].
func pairF1(_ system: Set<[Int]>, _ gold: Set<[Int]>) -> Double {
  2 * Double(system.intersection(gold).count) / Double(system.count + gold.count)
}

/// On the gold sentences, the aligner alone: every bead of the ParTUT dev
/// pairs, the 49 English sentences with no French one included.
@Test func partutGoldSentencesAlign() throws {
  let pairs = try PartutPairs()
  let french = try alignerSentences(pairs.french.map(\.text), .french)
  let english = try alignerSentences(pairs.english.map(\.text), .english)
  let found = SentenceAligner().align(french, english)
  let system = Set(
    found.map {
      [$0.french.lowerBound, $0.french.upperBound, $0.english.lowerBound, $0.english.upperBound]
    })
  // Measured 1.000 (156 beads); Gale and Church's length model alone
  // (no anchors) 0.521.
  #expect(pairF1(system, pairs.gold) >= 0.99)
  var lengthsOnly = SentenceAligner()
  lengthsOnly.anchorReward = 0
  lengthsOnly.anchorPenalty = 0
  let withoutAnchors = Set(
    lengthsOnly.align(french, english).map {
      [$0.french.lowerBound, $0.french.upperBound, $0.english.lowerBound, $0.english.upperBound]
    })
  #expect(pairF1(withoutAnchors, pairs.gold) < pairF1(system, pairs.gold))

  // Every 20th English sentence that has a French one left out: those
  // French sentences become 1-0 beads.
  var dropped = pairs
  var paired = 0
  dropped.english = pairs.english.filter { sentence in
    guard pairs.french.contains(where: { $0.number == sentence.number }) else { return true }
    paired += 1
    return paired % 20 != 0
  }
  var droppedGold = Set<[Int]>()
  var frenchIndex = 0
  for (englishIndex, sentence) in dropped.english.enumerated() {
    while frenchIndex < dropped.french.count && dropped.french[frenchIndex].number < sentence.number
    {
      droppedGold.insert([frenchIndex, frenchIndex + 1, englishIndex, englishIndex])
      frenchIndex += 1
    }
    if frenchIndex < dropped.french.count, dropped.french[frenchIndex].number == sentence.number {
      droppedGold.insert([frenchIndex, frenchIndex + 1, englishIndex, englishIndex + 1])
      frenchIndex += 1
    } else {
      droppedGold.insert([frenchIndex, frenchIndex, englishIndex, englishIndex + 1])
    }
  }
  let droppedSystem = Set(
    SentenceAligner().align(
      french, try alignerSentences(dropped.english.map(\.text), .english)
    ).map {
      [$0.french.lowerBound, $0.french.upperBound, $0.english.lowerBound, $0.english.upperBound]
    })
  // Measured 1.000 (0.971 with Gale and Church's gap prior kept for the
  // second pass, `SentenceAligner.measuredGapPrior`).
  #expect(pairF1(droppedSystem, droppedGold) >= 0.99)
}

/// Texts made of the ParTUT pairs, through the whole command (Relais's
/// own sentences on each side), scored by the spans of each bead.
struct ParallelTexts {
  var french = ""
  var english = ""
  /// Gold beads as code point spans [fr start, fr end, en start, en end].
  var gold = Set<[Int]>()

  /// `chunk` French sentences a text; every `dropEvery`-th English
  /// sentence that has a French one left out (a gap on the English side).
  static func make(_ pairs: PartutPairs, chunk: Int, dropEvery: Int?) -> [ParallelTexts] {
    var texts: [ParallelTexts] = []
    var current = ParallelTexts()
    var frenchIndex = 0
    var frenchInText = 0
    var paired = 0
    func append(_ sentence: String, to text: inout String) -> Range<Int> {
      if !text.isEmpty { text += " " }
      let start = text.unicodeScalars.count
      text += sentence
      return start..<text.unicodeScalars.count
    }
    for sentence in pairs.english {
      let hasFrench =
        frenchIndex < pairs.french.count && pairs.french[frenchIndex].number == sentence.number
      if hasFrench {
        let frenchSpan = append(pairs.french[frenchIndex].text, to: &current.french)
        frenchIndex += 1
        frenchInText += 1
        paired += 1
        if let dropEvery, paired % dropEvery == 0 {
          current.gold.insert([frenchSpan.lowerBound, frenchSpan.upperBound, -1, -1])
        } else {
          let englishSpan = append(sentence.text, to: &current.english)
          current.gold.insert([
            frenchSpan.lowerBound, frenchSpan.upperBound, englishSpan.lowerBound,
            englishSpan.upperBound,
          ])
        }
      } else {
        let englishSpan = append(sentence.text, to: &current.english)
        current.gold.insert([-1, -1, englishSpan.lowerBound, englishSpan.upperBound])
      }
      if frenchInText == chunk {
        texts.append(current)
        current = ParallelTexts()
        frenchInText = 0
      }
    }
    if !current.french.isEmpty || !current.english.isEmpty { texts.append(current) }
    return texts
  }
}

/// Beads of the command's output as spans, a side with no sentence as -1.
func beadSpans(_ alignment: AlignJob.Alignment) -> Set<[Int]> {
  Set(
    alignment.pairs.map { pair in
      let french =
        pair.french.isEmpty
        ? [-1, -1]
        : [
          alignment.french[pair.french.lowerBound].lowerBound,
          alignment.french[pair.french.upperBound - 1].upperBound,
        ]
      let english =
        pair.english.isEmpty
        ? [-1, -1]
        : [
          alignment.english[pair.english.lowerBound].lowerBound,
          alignment.english[pair.english.upperBound - 1].upperBound,
        ]
      return french + english
    })
}

/// The issue's two shapes: short documents, and one long document with
/// 5% of the English sentences removed (on top of the English sentences
/// ParTUT has no French for). Scores include Relais's own sentence
/// splitting on both sides: a sentence split wrongly is a bead missed.
@Test(arguments: [
  (3, nil as Int?, 0.93),  // measured 0.941
  (2, nil, 0.92),  // 0.931
  // 0.931: 0.871 with neither cognates nor a measured gap prior, 0.901
  // with cognates only.
  (10_000, 20, 0.92),
  // Every 7th translation removed: 0.918 (0.714, 0.849).
  (10_000, 7, 0.90),
])
func partutTextsAlign(_ chunk: Int, _ dropEvery: Int?, _ floor: Double) throws {
  try partutTextsAlign(chunk, dropEvery, floor, matchers: nil)
}

func partutTextsAlign(
  _ chunk: Int, _ dropEvery: Int?, _ floor: Double, matchers: AlignJob.Matchers?
) throws {
  let pipeline = try Pipeline(until: .normalize)
  var system = Set<[Int]>()
  var gold = Set<[Int]>()
  for (index, text) in ParallelTexts.make(try PartutPairs(), chunk: chunk, dropEvery: dropEvery)
    .enumerated()
  {
    let alignment = try AlignJob.align(
      AlignJob.TextPair(id: "t\(index)", french: text.french, english: text.english), pipeline,
      matchers: matchers)
    system.formUnion(beadSpans(alignment).map { [index] + $0 })
    gold.formUnion(text.gold.map { [index] + $0 })
  }
  #expect(pairF1(system, gold) >= floor)
}

/// With a glossary, a French term and an English term of one entry are
/// anchors too (`Anchors.sentences(of:)`).
@Test(arguments: [
  (3, nil as Int?, 0.93),  // measured 0.941, as without
  (10_000, 20, 0.92),  // 0.931, as without
])
func partutTextsAlignWithGlossary(_ chunk: Int, _ dropEvery: Int?, _ floor: Double) throws {
  let (glossaries, problems) = GlossaryLoader.load(
    directory: Repository.path("Tests/Fixtures/term-check/terms"))
  #expect(problems.isEmpty)
  try partutTextsAlign(
    chunk, dropEvery, floor, matchers: AlignJob.Matchers(glossaries: glossaries))
}

/// The command: two files, or JSONL pairs; records whose spans slice each
/// text at its sentences; a bad line is an error naming it, the others
/// still aligned (exit 1).
@Test func alignWritesRecordsThatSliceBothTexts() throws {
  let folder = try temporaryFolder("align").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let french = "Le président a parlé. Il a cité 42 pays. Puis il est parti."
  let english = "The president spoke. He named 42 countries. Then he left. Nobody knew why."
  try french.write(toFile: folder + "/note.txt", atomically: true, encoding: .utf8)
  try english.write(toFile: folder + "/note.en.txt", atomically: true, encoding: .utf8)
  let result = try RelaisBinary.run(["align", folder + "/note.txt", folder + "/note.en.txt"])
  #expect(result.status == 0)
  let records = result.standardOutput.split(separator: "\n").compactMap {
    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
  }
  #expect(records.map { $0["bead"] as? String } == ["1-1", "1-1", "1-2"])
  func slice(_ text: String, _ side: Any?) -> String {
    let span = side as? [String: Any] ?? [:]
    let scalars = Array(text.unicodeScalars)
    let start = span["start"] as? Int ?? 0
    let end = span["end"] as? Int ?? 0
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }
  #expect(slice(french, records.last?["fr"]) == "Puis il est parti.")
  #expect(slice(english, records.last?["en"]) == "Then he left. Nobody knew why.")
  #expect(records.allSatisfy { ($0["score"] as? Double ?? -1) >= 0 })

  let lines = [
    #"{"id": "a", "text": "Bonjour. Merci.", "translation": "Hello. Thank you."}"#,
    #"{"id": "b", "text": "Sans traduction."}"#,
  ].joined(separator: "\n")
  let jsonl = try RelaisBinary.run(["align", "--input", "jsonl", "-"], input: Data(lines.utf8))
  #expect(jsonl.status == 1)
  #expect(jsonl.standardError.contains("<stdin>:2:1: error[E"))
  #expect(jsonl.standardOutput.split(separator: "\n").count == 2)
  let usage = try RelaisBinary.run(["align", folder + "/note.txt"])
  #expect(usage.status == 2)
}

/// The folder convention: `Corpus/x.txt` with `Translations/x.en.txt`,
/// subfolders alike; each text without its other half, and a translation
/// misnamed, is an error naming the file, and the pairs that are whole are
/// still aligned.
@Test func alignPairsFoldersByName() throws {
  let root = try temporaryFolder("align-folders").path
  defer { try? FileManager.default.removeItem(atPath: root) }
  let files: [(String, String)] = [
    ("Corpus/a.txt", "Le président a parlé. Il est parti."),
    ("Corpus/sub/b.txt", "Bonjour. Merci beaucoup."),
    ("Corpus/orphan.txt", "Sans traduction."),
    ("Translations/a.en.txt", "The president spoke. He left."),
    ("Translations/sub/b.en.txt", "Hello. Thank you very much."),
    ("Translations/lonely.en.txt", "No French text."),
    ("Translations/misnamed.txt", "Not named as a translation."),
  ]
  for (path, text) in files {
    let full = root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: full, atomically: true, encoding: .utf8)
  }
  let result = try RelaisBinary.run(["align", root + "/Corpus", root + "/Translations"])
  #expect(result.status == 1)
  let records = result.standardOutput.split(separator: "\n").compactMap {
    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
  }
  #expect(records.map { $0["id"] as? String } == ["a#a1", "a#a2", "sub/b#a1", "sub/b#a2"])
  let expectedErrors: [(file: String, says: String)] = [
    ("Corpus/orphan.txt", "no translation"),
    ("Translations/lonely.en.txt", "no French text"),
    ("Translations/misnamed.txt", "x.en.txt"),
  ]
  for expected in expectedErrors {
    let line = result.standardError.split(separator: "\n").first {
      $0.hasPrefix(root + "/" + expected.file + ": error[E008]")
    }
    #expect(line?.contains(expected.says) == true, "\(expected.file): \(result.standardError)")
  }
}

/// Cognate keys: the first four letters folded for case and accents, of
/// words of five characters or more made of Latin letters.
@Test(arguments: [
  ("mycélium", "myce"), ("mycelium", "myce"), ("Préjugé", "prej"), ("prejudice", "prej"),
  ("Œuvres", "oeuv"), ("extinction", "exti"), ("dans", nil), ("l'été", nil), ("12345", nil),
  ("e-mail", nil), ("ÉCOLE", "ecol"), ("тайга", nil),
])
func cognateKeys(_ word: String, _ key: String?) {
  let packed = key.map {
    $0.utf8.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.1) << (8 * $1.0) }
  }
  #expect(Cognates.key(word.unicodeScalars.map(\.value)) == packed)
}

/// Signatures count shared bits as sets of bit numbers would, unions
/// included.
@Test func cognateSignaturesCountAsSetsOfBits() {
  var generator = SplitMix64(seed: 7)
  for _ in 0..<200 {
    let keys = (0..<3).map { _ in
      (0..<Int(generator.next() % 12)).map { _ in UInt32(truncatingIfNeeded: generator.next()) }
    }
    var signatures = keys.map { _ in CognateSignature() }
    for (index, side) in keys.enumerated() {
      for key in side { signatures[index].insert(key) }
    }
    let bits = keys.map { Set($0.map(CognateSignature.bit(of:))) }
    #expect(
      signatures[0].union(signatures[1]).shared(with: signatures[2])
        == bits[0].union(bits[1]).intersection(bits[2]).count)
  }
}

/// The search's two shortcuts against their plain versions: anchor counts
/// from sorted numbers equal the counts from sets for every bead of every
/// position, and the band gives what a search over the whole table gives.
@Test func alignerShortcutsMatchThePlainVersions() throws {
  let pairs = try PartutPairs()
  let french = try alignerSentences(pairs.french.map(\.text), .french)
  let english = try alignerSentences(pairs.english.map(\.text), .english)
  let sides = AnchorSides(french, english)
  for bead in SentenceAligner.Bead.allCases where bead.french > 0 && bead.english > 0 {
    // (Gaps are checked below.)
    for i in 0...(french.count - bead.french) {
      for j in 0...(english.count - bead.english) {
        let fast = sides.counts(bead, french: i, english: j)
        let plain = SentenceAligner.anchorCounts(
          french[i..<(i + bead.french)], english[j..<(j + bead.english)])
        #expect(fast == plain)
        let cost = sides.cost(bead, french: i, english: j, ratio: 0.85, SentenceAligner())
        let plainCost = SentenceAligner().beadCost(
          bead, french[i..<(i + bead.french)], english[j..<(j + bead.english)], ratio: 0.85)
        #expect(abs(cost - plainCost) < 1e-9)
      }
    }
  }
  for (i, sentence) in french.enumerated() {
    let cost = sides.cost(.oneToNone, french: i, english: 0, ratio: 0.85, SentenceAligner())
    #expect(cost == SentenceAligner().beadCost(.oneToNone, [sentence], [], ratio: 0.85))
  }
  for (j, sentence) in english.enumerated() {
    let cost = sides.cost(.noneToOne, french: 0, english: j, ratio: 0.85, SentenceAligner())
    #expect(cost == SentenceAligner().beadCost(.noneToOne, [], [sentence], ratio: 0.85))
  }
  var wholeTable = SentenceAligner()
  wholeTable.band = french.count + english.count
  #expect(SentenceAligner().align(french, english) == wholeTable.align(french, english))
}

/// The second pass's gap prior: the first pass's share of gaps, with the
/// default prior weighing as 100 beads, and never above 0.3.
@Test(arguments: [
  (3, 0, 2.0 / 103),  // a short text keeps about the default 0.02
  (500, 25, 27.0 / 600),  // 5% of gaps
  (500, 100, 102.0 / 600),
  (1_000, 1_000, 0.3),  // nothing but gaps: capped
])
func gapPriorIsMeasured(_ beads: Int, _ gaps: Int, _ expected: Double) {
  let first = (0..<beads).map { index in
    SentenceAligner.Pair(
      french: index..<(index + 1), english: index..<(index + (index < gaps ? 0 : 1)),
      bead: index < gaps ? .oneToNone : .oneToOne, score: 0)
  }
  #expect(abs(SentenceAligner().measuredGapPrior(first) - expected) < 1e-12)
}

/// A long text whose first sentences pair with nothing (600 French, one
/// English) still has every sentence in its beads: the first pass reads
/// only the first 500, and with no ratio measured from it the second pass
/// keeps the default ratio.
@Test func aLongTextWithNothingPairedKeepsEverySentence() {
  let sentence = SentenceAligner.Sentence(length: 40, anchors: [], mark: nil)
  let pairs = SentenceAligner().align(Array(repeating: sentence, count: 600), [sentence])
  #expect(pairs.flatMap { Array($0.french) } == Array(0..<600))
  #expect(pairs.flatMap { Array($0.english) } == [0])
}

/// A band that memory does not allow to widen enough to join the table's
/// corners (one French sentence, 200 English, and room for few cells)
/// leaves every sentence alone, in order, none lost.
@Test func aBandThatCannotWidenLeavesEverySentenceAlone() {
  let sentence = SentenceAligner.Sentence(length: 40, anchors: [], mark: nil)
  var aligner = SentenceAligner()
  aligner.maximumCells = 300
  let pairs = aligner.align([sentence], Array(repeating: sentence, count: 200))
  #expect(pairs.flatMap { Array($0.french) } == [0])
  #expect(pairs.flatMap { Array($0.english) } == Array(0..<200))
  #expect(pairs.allSatisfy { $0.bead == .oneToNone || $0.bead == .noneToOne })
  // With the memory it needs, the band widens and pairs the sentence.
  #expect(
    SentenceAligner().align([sentence], Array(repeating: sentence, count: 200)).contains {
      $0.bead == .oneToOne
    })
}

/// Untranslated sentences bunched in one place (ParTUT's English-only
/// sentences twice over, as one block in the middle) put the path 98
/// sentences off the diagonal: the band widens until it holds the path,
/// and the result is the whole table's.
@Test func aBlockOfUntranslatedSentencesWidensTheBand() throws {
  let pairs = try PartutPairs()
  let numbers = Set(pairs.french.map(\.number))
  let translated = pairs.english.filter { numbers.contains($0.number) }.map(\.text)
  let untranslated = pairs.english.filter { !numbers.contains($0.number) }.map(\.text)
  #expect(translated.count == pairs.french.count)
  let middle = translated.count / 2
  let block = untranslated + untranslated
  let french = try alignerSentences(pairs.french.map(\.text), .french)
  let english = try alignerSentences(
    Array(translated[..<middle]) + block + Array(translated[middle...]), .english)
  var wholeTable = SentenceAligner()
  wholeTable.band = french.count + english.count
  let banded = SentenceAligner().align(french, english)
  #expect(banded == wholeTable.align(french, english))
  let pairedAfterTheBlock = banded.filter {
    $0.bead == .oneToOne && $0.french.lowerBound >= middle
      && $0.english.lowerBound == $0.french.lowerBound + block.count
  }
  #expect(pairedAfterTheBlock.count * 10 >= (french.count - middle) * 9)
}

/// The aligner's sentences read from token spans (`TranslationSide`)
/// equal those read from tokens with their strings, on both sides of the
/// ParTUT texts and on the article and its translation.
@Test func alignerSentencesFromSpansMatchThePlainVersion() throws {
  let pipeline = try Pipeline(until: .normalize)
  var texts: [(String, Language)] = []
  for text in ParallelTexts.make(try PartutPairs(), chunk: 10_000, dropEvery: nil) {
    texts += [(text.french, .french), (text.english, .english)]
  }
  texts.append((try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8), .french))
  texts.append(
    (
      try String(
        contentsOfFile: Repository.path(
          "Translations/chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.en.txt"),
        encoding: .utf8), .english
    ))
  var compared = 0
  for (text, language) in texts {
    let source = SourceText(string: text, path: "t")
    let side = try TranslationSide(source, language: language, pipeline: pipeline, matcher: nil)
    let plain = try pipeline.sentences(of: source, language: language)
    #expect(side.sentences == plain.map(Anchors.sentence))
    #expect(side.spans == plain.map { ($0.first?.start ?? 0)..<($0.last?.end ?? 0) })
    compared += plain.count
  }
  #expect(compared > 300)
}
