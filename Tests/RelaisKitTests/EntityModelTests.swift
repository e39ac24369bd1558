import Foundation
import Testing

@testable import RelaisKit

/// The trained entity model: training, the model file, the stage, and the
/// floors it holds on the dev data (README, "Entities").
@Suite struct EntityModelTests {
  static let small = Repository.path("Tests/Fixtures/ner/pass/small.iob2")
  static let wikiDev = Repository.path("Data/ner-french/wikineural-fr/dev.iob2")
  static let europeanaTune = Repository.path("Data/ner-french/europeana-fr-bnf/tune.bio")

  static func train(
    _ path: String = small, epochs: Int = 10, seed: UInt64 = 1, minimumCount: Int = 1
  ) throws -> (EntityModel, [UInt8]) {
    let folder = try temporaryFolder("relais-ner")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("m.model").path
    var options = TrainNERJob.Options(train: path, dev: path, output: out, id: "test-model")
    options.epochs = epochs
    options.seed = seed
    options.minimumCount = minimumCount
    options.quiet = true
    let model = try TrainNERJob.train(options)
    return (model, try InputFiles.bytes(at: out))
  }

  @Test func trainingOnASmallFixtureLearnsIt() throws {
    let (model, _) = try Self.train()
    let evaluation = try EvalNERJob.evaluate(
      goldPath: Self.small, recognition: .model, model: nil, glossaries: nil,
      using: model)
    #expect(evaluation.overall.f1 == 1.0, "\(EvalNERJob.report(evaluation))")
    #expect(evaluation.overall.gold == 16)
  }

  @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws {
    let (_, first) = try Self.train(epochs: 3)
    let (_, again) = try Self.train(epochs: 3)
    let (_, other) = try Self.train(epochs: 3, seed: 7)
    #expect(first == again)
    #expect(first != other)
  }

  @Test func aModelReadBackDecodesAsTheOneWritten() throws {
    let (model, bytes) = try Self.train(epochs: 4)
    let loaded = try EntityModelFile.decode(bytes, path: "m.model")
    #expect(loaded.sha256 == model.sha256)
    #expect(loaded.id == "test-model")
    let gold = try TrainNERJob.read(Self.wikiDev)
    let corpus = try EntityCorpus(
      gold, tags: model.tagger.tags, matcher: nil, names: .given(model.gazetteer))
    #expect(loaded.gazetteer == model.gazetteer)
    #expect(!model.gazetteer.names.isEmpty)
    var first: [Float] = []
    var second: [Float] = []
    for instance in corpus.instances.prefix(200) {
      instance.features.withUnsafeBufferPointer {
        model.tagger.emissions($0, tokens: instance.count, into: &first)
        loaded.tagger.emissions($0, tokens: instance.count, into: &second)
      }
      #expect(first == second)
      #expect(
        model.tagger.viterbi(first, tokens: instance.count)
          == loaded.tagger.viterbi(second, tokens: instance.count))
    }
  }

  /// Every way a model file can be unusable, each refused with its code.
  @Test func damagedModelFilesAreRefused() throws {
    let (_, bytes) = try Self.train(epochs: 1)
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x01
    var otherFormat = Array(bytes[0..<(bytes.count - 32)])
    otherFormat[8] = 9
    otherFormat += SHA256Digest.bytes(of: otherFormat)
    var otherFeatures = Array(bytes[0..<(bytes.count - 32)])
    otherFeatures[12] = 99
    otherFeatures += SHA256Digest.bytes(of: otherFeatures)
    let cases: [([UInt8], ErrorCode)] = [
      ([], .corruptEntityModel), (Array(bytes.prefix(40)), .corruptEntityModel),
      (Array(bytes.dropLast()), .corruptEntityModel), (flipped, .corruptEntityModel),
      (Array("RELAISNE".utf8) + [UInt8](repeating: 0, count: 40), .corruptEntityModel),
      (otherFormat, .entityModelVersion), (otherFeatures, .entityModelVersion),
    ]
    for (file, code) in cases {
      #expect(throws: RelaisError.self) { try EntityModelFile.decode(file, path: "x.model") }
      do {
        _ = try EntityModelFile.decode(file, path: "x.model")
      } catch {
        #expect(error.code == code)
        #expect(error.description.hasPrefix("x.model: error[\(code.rawValue)]"))
      }
    }
  }

  /// A bad model stops `relais run` before any output, naming the file.
  @Test(arguments: ["missing", "truncated", "text"])
  func runRefusesABadModelBeforeWriting(_ kind: String) throws {
    let folder = try temporaryFolder("relais-bad-model")
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("bad.model").path
    switch kind {
    case "truncated":
      let shipped = try InputFiles.bytes(at: EntityModelLocation.path(given: nil))
      try Data(shipped.prefix(shipped.count / 3)).write(to: URL(fileURLWithPath: model))
    case "text": try Data("not a model\n".utf8).write(to: URL(fileURLWithPath: model))
    default: break
    }
    let out = folder.appendingPathComponent("out.jsonl").path
    let result = try RelaisBinary.run(
      ["run", "-", "--ner-model", model, "--out", out], input: Data("Marie est à Lyon.".utf8))
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
    let code = kind == "missing" ? "E061" : "E062"
    #expect(result.standardError.hasPrefix("\(model): error[\(code)]"), "\(result.standardError)")
    // The rules need no model.
    let rules = try RelaisBinary.run(
      ["run", "-", "--ner-model", model, "--ner", "rules", "--quiet"],
      input: Data("Marie est à Lyon.".utf8))
    #expect(rules.status == 0)
  }

  /// The shipped model on the held-out WikiNEuRal tenth, raw text through
  /// the whole pipeline. Measured with `make eval-ner`: see README.
  @Test(arguments: [(EntityRecognition.model, 0.87), (.both, 0.86), (.rules, 0.36)])
  func wikipediaDevFloor(_ recognition: EntityRecognition, _ floor: Double) throws {
    let evaluation = try EvalNERJob.evaluate(
      goldPath: Self.wikiDev, recognition: recognition, model: nil, glossaries: nil)
    #expect(evaluation.overall.f1 >= floor, "\(EvalNERJob.report(evaluation))")
  }

  /// On 1906 newspapers, rules and model together beat each alone.
  @Test func newspapersCombinationBeatsEachAlone() throws {
    var scores: [EntityRecognition: Double] = [:]
    for recognition in EntityRecognition.allCases {
      scores[recognition] =
        try EvalNERJob.evaluate(
          goldPath: Self.europeanaTune, recognition: recognition, model: nil, glossaries: nil
        ).overall.f1
    }
    let both = try #require(scores[.both])
    #expect(both > (scores[.rules] ?? 1) && both > (scores[.model] ?? 1), "\(scores)")
    #expect(both >= 0.52)
  }

  /// Model entities in records: `source` model, a score, spans that slice
  /// the text; provenance names the model.
  @Test func modelEntitiesInRecordsSliceTheirText() throws {
    let gold = try TrainNERJob.read(Self.wikiDev)
    let text = gold.documents.prefix(60).map(\.text).joined(separator: "\n\n")
    let result = try RelaisBinary.run(["run", "-", "--quiet"], input: Data(text.utf8))
    #expect(result.status == 0)
    let records = try result.standardOutput.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let provenance = try #require(records.first?["provenance"] as? [String: Any])
    let model = try #require(provenance["ner_model"] as? [String: Any])
    #expect(model["id"] as? String == "relais-ner-fr-1")
    #expect((model["sha256"] as? String)?.count == 64)
    let scalars = Array(text.unicodeScalars)
    let fromModel = records.filter {
      $0["type"] as? String == "entity" && $0["source"] as? String == "model"
    }
    #expect(fromModel.count > 50)
    for entity in fromModel {
      let start = try #require(entity["start"] as? Int)
      let end = try #require(entity["end"] as? Int)
      let score = try #require(entity["score"] as? Double)
      #expect((0...1).contains(score))
      #expect(String(String.UnicodeScalarView(scalars[start..<end])) == entity["text"] as? String)
    }
  }

  @Test(arguments: try nerFixtureNames("fail"))
  func badEntityDataNamesFileAndPosition(_ name: String) throws {
    let path = Repository.path("Tests/Fixtures/ner/fail/\(name)")
    let expectation = try String(
      contentsOfFile: (path as NSString).deletingPathExtension + ".expect", encoding: .utf8
    ).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    let place = expectation.count > 1 ? ":\(expectation[1])" : ""
    for command in [
      ["eval", "ner", path, "--ner", "rules"], ["train", "ner", path, "--out", "/nonexistent/m"],
    ] {
      let result = try RelaisBinary.run(command)
      #expect(result.status == 2)
      #expect(
        result.standardError.hasPrefix("\(path)\(place): error[\(expectation[0])]:"),
        "\(result.standardError)")
    }
  }

  @Test func ioGoldIsScoredAtItsTokens() throws {
    let gold = try TrainNERJob.read(Repository.path("Tests/Fixtures/ner/pass/io-tags.bio"))
    #expect(gold.scheme == .io)
    let document = try #require(gold.documents.first)
    #expect(document.text == "Le maire Pierre Dupont est à Rennes.")
    #expect(document.entities.map(\.label) == [.person, .location])
    let spans = document.entities.map {
      EntityEvaluation.Span(start: $0.start, end: $0.end, label: $0.label)
    }
    // A system span over part of a token counts for the whole token.
    let partial = [EntityEvaluation.Span(start: 9, end: 12, label: .person)]
    #expect(EntityEvaluation.ioRuns(spans, document) == spans)
    #expect(
      EntityEvaluation.ioRuns(partial, document) == [
        EntityEvaluation.Span(start: 9, end: 15, label: .person)
      ])
  }

  @Test(arguments: [
    (["Il", "dit", ":", "\"", "oui", "\"", "."], "Il dit : \"oui\"."),
    (["l'", "Europe", "(", "UE", ")", ",", "etc", "."], "l'Europe (UE), etc."),
    (["À", "50", "%", "…"], "À 50%…"),
  ])
  func detokenizedTextKeepsEachTokensOffsets(_ tokens: [String], _ expected: String) {
    let (text, offsets) = EntityGold.detokenize(tokens)
    #expect(text == expected)
    let scalars = Array(text.unicodeScalars)
    for (token, range) in zip(tokens, offsets) {
      #expect(String(String.UnicodeScalarView(scalars[range.start..<range.end])) == token)
    }
  }

  /// The packed table answers as a dictionary of rows does, for every
  /// number of tags a model may have.
  @Test(arguments: [3, 9, 12, 13, 33])
  func packedWeightTableAgreesWithADictionary(_ tagCount: Int) {
    var random = SplitMix64(seed: 3)
    var plain: [UInt64: [Int8]] = [:]
    var hashes: [UInt64] = []
    var levels: [Int8] = []
    for _ in 0..<3000 {
      let hash = EntityFeatures.mix(random.next(), 1)
      guard plain[hash] == nil else { continue }
      let row = (0..<tagCount).map { _ in Int8(truncatingIfNeeded: random.next()) }
      plain[hash] = row
      hashes.append(hash)
      levels += row
    }
    let table = PackedWeightTable(hashes: hashes, levels: levels, tagCount: tagCount)
    for hash in hashes + (0..<3000).map({ _ in EntityFeatures.mix(random.next(), 2) }) {
      #expect(table.levels(hash) == plain[hash])
    }
  }

  /// The wide sums (a slot's bytes added as 16-bit lanes) equal the plain
  /// ones, look-up by look-up, for known and unknown hashes, at every
  /// number of tags and past the 255 hashes the lanes hold exactly.
  @Test(arguments: [(3, 31), (9, 31), (12, 31), (12, 255), (12, 300), (13, 31), (33, 31)])
  func wideSumsEqualPlainSums(_ tagCount: Int, _ hashCount: Int) {
    var random = SplitMix64(seed: 5)
    let known = (0..<2000).map { _ in EntityFeatures.mix(random.next(), 1) }
    let unique = Array(Set(known))
    // Levels at the extremes too: 255 of −128 is the lanes' worst case.
    let levels = (0..<(unique.count * tagCount)).map { index in
      index % 7 == 0 ? Int8.min : Int8(truncatingIfNeeded: random.next())
    }
    let table = PackedWeightTable(hashes: unique, levels: levels, tagCount: tagCount)
    #expect(table.hasWideSlots == (5...12).contains(tagCount))
    for round in 0..<20 {
      let hashes = (0..<hashCount).map { position in
        round % 2 == 0 && position % 3 == 0
          ? EntityFeatures.mix(random.next(), 2) : unique[Int(random.next() % UInt64(unique.count))]
      }
      var plain = [Int32](repeating: 0, count: tagCount)
      var wide = [Int32](repeating: -1, count: tagCount)
      table.withWords { words in
        hashes.withUnsafeBufferPointer { hashes in
          plain.withUnsafeMutableBufferPointer {
            table.sumPlain(hashes, into: $0.baseAddress!, words)
          }
          wide.withUnsafeMutableBufferPointer {
            table.sumWide(hashes, into: $0.baseAddress!, words)
          }
        }
      }
      #expect(wide == plain)
      #expect(plain.contains { $0 != 0 })
    }
  }

  /// Tagging windows around capitals, not whole sentences: the windows
  /// cover every capitalised word and what the rules found, with their
  /// margins, and merge where they meet.
  @Test func windowsCoverEveryCapitalWithItsMargins() throws {
    var pipeline = try Pipeline(until: .extract)
    var sink = FeatureCountSink()
    var writer = JSONLWriter(sink: nil)
    let text =
      "le maire de la ville a dit hier soir que tout allait bien pour Grégory Doucet et les siens."
    try pipeline.run(
      DocumentSource(id: "t", source: "t", path: "t", fileBytes: Array(text.utf8)), into: &sink,
      &writer)
    let views = try #require(sink.views.first)
    let windows = EntityModelStage.windows(views)
    // Grégory is token 14, Doucet 15: two tokens before, three after.
    #expect(windows == [12..<19])
  }

  /// The windows' views read alone (`describeWindows`) give the windows
  /// and every window token's features that the whole sentence's views
  /// (`describe`) give, over the corpus and a few edge cases.
  @Test func windowViewsGiveThePlainFeatures() throws {
    var texts = [
      "le maire a parlé à Lyon", "Paris", "et puis rien du tout.",
      "« Oui », dit-il. Marie Curie et l'ONU, puis l'État, à Genève, en 1903 ; fin.",
    ]
    for name in try FileManager.default.contentsOfDirectory(atPath: Repository.path("Corpus"))
    where name.hasSuffix(".txt") {
      texts.append(try String(contentsOfFile: Repository.path("Corpus/\(name)"), encoding: .utf8))
    }
    var pipeline = try Pipeline(until: .extract)
    var sink = WindowFeatureSink()
    var writer = JSONLWriter(sink: nil)
    for (number, text) in texts.enumerated() {
      try pipeline.run(
        DocumentSource(id: "t\(number)", source: "t", path: "t", fileBytes: Array(text.utf8)),
        into: &sink, &writer)
    }
    #expect(sink.windowCount > 40)
    #expect(sink.mismatches == [])
    #expect(sink.gazetteer.nameCount > 1000, "the shipped model's names are tagged too")
  }

  @Test func everyTemplateGivesOneFeatureAToken() throws {
    var pipeline = try Pipeline(until: .extract)
    var sink = FeatureCountSink()
    var writer = JSONLWriter(sink: nil)
    try pipeline.run(
      DocumentSource(
        id: "t", source: "t", path: "t",
        fileBytes: Array("Le maire, Grégory Doucet, a parlé à Lyon.".utf8)), into: &sink, &writer)
    #expect(sink.counts == [11 * EntityFeatures.Template.allCases.count])
  }

  @Test func tagSpansReadBIOAndLoneInsides() {
    let tags = EntityTagSet(labels: [.person, .location])
    // O B-PER I-PER B-LOC I-PER(lone) O
    let spans = tags.spans(of: [0, 1, 2, 3, 2, 0]).map { TaggedSpan($0.range, $0.label) }
    #expect(spans == [TaggedSpan(1..<3, 0), TaggedSpan(3..<4, 1), TaggedSpan(4..<5, 0)])
    #expect(!tags.allows(2, after: nil))
    #expect(!tags.allows(4, after: 1))
    #expect(tags.allows(4, after: 3))
  }
}

private struct FeatureCountSink: DocumentSink {
  var counts: [Int] = []
  var views: [[EntityFeatures.TokenView]] = []
  var buffer = EntityFeatureBuffer()
  mutating func begin(_: DocumentInfo, _: Provenance, into _: inout JSONLWriter) {}
  mutating func block(_: AnnotatedBlock, into _: inout JSONLWriter) {}
  mutating func sentence(_ sentence: AnnotatedSentence, into _: inout JSONLWriter) {
    buffer.load(sentence, ruleEntities: sentence.entities, gazetteer: EntityGazetteer())
    counts.append(buffer.features.count)
    views.append(buffer.views)
  }
  mutating func end(_: DocumentSummary, into _: inout JSONLWriter) {}
}

/// Compares each sentence's window features through the two ways of
/// describing it.
private struct WindowFeatureSink: DocumentSink {
  /// The shipped model's names, so that window and plain views both tag
  /// them.
  let gazetteer = (try? EntityModelLocation.load(given: nil, for: .both))??.gazetteer ?? .init()
  var plain = EntityFeatureBuffer()
  var lazy = EntityFeatureBuffer()
  var windowCount = 0
  var mismatches: [String] = []
  mutating func begin(_: DocumentInfo, _: Provenance, into _: inout JSONLWriter) {}
  mutating func block(_: AnnotatedBlock, into _: inout JSONLWriter) {}
  mutating func sentence(_ sentence: AnnotatedSentence, into _: inout JSONLWriter) {
    plain.describe(sentence, ruleEntities: sentence.entities, gazetteer: gazetteer)
    let expected = EntityModelStage.windows(plain.views)
    let windows = lazy.describeWindows(
      sentence, ruleEntities: sentence.entities, gazetteer: gazetteer)
    let start = sentence.tokens.first?.startByte ?? 0
    let end = sentence.tokens.last?.endByte ?? 0
    let text = String(decoding: sentence.bytes[start..<end], as: UTF8.self)
    guard windows == expected else {
      mismatches.append("windows \(windows) not \(expected): \(text)")
      return
    }
    for window in windows {
      windowCount += 1
      plain.load(window)
      lazy.load(window)
      if plain.features != lazy.features { mismatches.append("features of \(window): \(text)") }
    }
  }
  mutating func end(_: DocumentSummary, into _: inout JSONLWriter) {}
}

func nerFixtureNames(_ kind: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(
    atPath: Repository.path("Tests/Fixtures/ner/\(kind)")
  ).filter { !$0.hasSuffix(".expect") }.sorted()
}

/// `EntityPrecedence`, case by case: the rules' names and the model's of
/// one six-token sentence, and what stands after the merge.
private func mention(
  _ range: Range<Int>, _ label: EntityLabel, _ source: EntitySource, _ score: Double? = nil
) -> EntityMention {
  EntityMention(tokenRange: range, label: label, source: source, score: score)
}

private let precedenceCases:
  [(rules: [EntityMention], model: [EntityMention], kept: [EntityMention], rule: String)] = [
    (
      [mention(1..<3, .organisation, .glossary)], [mention(1..<3, .person, .model, 0.99)],
      [mention(1..<3, .organisation, .glossary)], "anchored: a glossary name stands"
    ),
    (
      [mention(1..<3, .person, .title)], [mention(1..<3, .location, .model, 0.9)],
      [mention(1..<3, .location, .model, 0.9)], "retyped: same span, confident model"
    ),
    (
      [mention(1..<3, .person, .title)], [mention(1..<3, .location, .model, 0.35)],
      [mention(1..<3, .person, .title)], "rulesStand: same span, model under retype"
    ),
    (
      [mention(1..<3, .organisation, .headNoun)], [mention(1..<3, .location, .model, 0.99)],
      [mention(1..<3, .organisation, .headNoun)], "retyped never overrides a head noun's type"
    ),
    (
      [mention(1..<2, .person, .givenName)], [mention(1..<3, .person, .model, 0.97)],
      [mention(1..<3, .person, .model, 0.97)], "replacing: a longer, near-certain name"
    ),
    (
      [mention(1..<2, .person, .givenName)], [mention(1..<3, .person, .model, 0.9)],
      [mention(1..<2, .person, .givenName)], "rulesStand: a longer name under replace"
    ),
    (
      [], [mention(3..<4, .location, .model, 0.6)], [mention(3..<4, .location, .model, 0.6)],
      "added: over add"
    ),
    ([], [mention(3..<4, .location, .model, 0.25)], [], "dropped: under add"),
    (
      [], [mention(0..<1, .location, .model, 0.6)], [],
      "an opening word needs addOpeningWord"
    ),
    (
      [], [mention(0..<2, .location, .model, 0.6)], [mention(0..<2, .location, .model, 0.6)],
      "two words from the opening need only add"
    ),
    ([], [mention(4..<5, .location, .model, 0.99)], [], "titleAlone: one title"),
    ([], [mention(4..<6, .person, .model, 0.99)], [], "titleAlone: titles only"),
    (
      [], [mention(4..<7, .person, .model, 0.99)], [mention(4..<7, .person, .model, 0.99)],
      "a title with a name is a name"
    ),
    (
      [mention(2..<3, .date, .date)], [mention(2..<4, .misc, .model, 0.6)],
      [mention(2..<3, .date, .date), mention(2..<4, .misc, .model, 0.6)],
      "dates are a layer of their own"
    ),
  ]

@Test(arguments: precedenceCases.indices)
func entityPrecedenceMergesCaseByCase(_ index: Int) {
  let (rules, model, kept, rule) = precedenceCases[index]
  let thresholds = EntityPrecedence.Thresholds()
  let merged = EntityPrecedence.merge(
    rules: rules, model: model, thresholds, opensClause: { $0 == 0 },
    isTitle: { (4..<6).contains($0) })
  #expect(merged == kept, "\(rule)")
}
