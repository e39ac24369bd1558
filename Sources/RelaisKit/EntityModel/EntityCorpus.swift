/// Gold entity data through Relais's own pipeline: each gold document's
/// rebuilt text is tokenized, split and run through the rules like any
/// text, and the gold spans are carried onto Relais's tokens, so the model
/// learns from the tokens and rule findings it will see at run time.
struct EntityCorpus {
  /// The sentences with features and gold tags.
  var instances: [EntityInstance] = []
  /// Gold entities no run of Relais tokens spells exactly (a token that
  /// crosses an entity's edge): they cannot be learned or found.
  var unaligned = 0
  var entities = 0
  /// The names of every gold entity of the corpus: the list a model
  /// trained on it ships (`EntityGazetteer`).
  var gazetteer = EntityGazetteer()

  /// Which names the sentences' features read.
  enum Names {
    /// Training data: the sentences in `folds` blocks, each block reading
    /// the names of the other blocks only.
    case jackknifed(folds: Int)
    /// Data a model is measured on: that model's list.
    case given(EntityGazetteer)
  }

  init() {}

  /// Runs the rules (and `matcher`'s glossaries) over every document of
  /// `gold` and keeps each sentence as an instance tagged with `tags`,
  /// its features reading `names`.
  init(_ gold: EntityGold, tags: EntityTagSet, matcher: TermMatcher?, names: Names)
    throws(PipelineFailure)
  {
    var pipeline: Pipeline
    let tokenizer = try Self.tokenizer()
    do throws(RelaisError) {
      pipeline = try Pipeline(
        tokenizer: tokenizer, until: .extract, matcher: matcher, provenance: Provenance())
    } catch {
      throw .stage(.match, error)
    }
    var sink = InstanceSink(tags: tags)
    var writer = JSONLWriter(sink: nil)
    for (index, document) in gold.documents.enumerated() {
      sink.gold = document.entities
      entities += document.entities.count
      try pipeline.run(
        DocumentSource(
          id: "\(index + 1)", source: gold.path, path: "\(gold.path):\(document.line)",
          fileBytes: Array(document.text.utf8)), into: &sink, &writer)
      writer.reset()
    }
    unaligned = sink.unaligned
    let sentences = sink.sentences
    gazetteer = EntityGazetteer(entries: sentences.lazy.flatMap(\.names))
    var features: [UInt64] = []
    switch names {
    case .given(let list):
      for sentence in sentences {
        EntityFeatureBuffer.features(of: sentence.views, gazetteer: list, into: &features)
        instances.append(EntityInstance(features: features, gold: sentence.gold))
      }
    case .jackknifed(let folds):
      let count = sentences.count
      func fold(_ index: Int) -> Int { index * folds / max(1, count) }
      for block in 0..<folds {
        let others = EntityGazetteer(
          entries: sentences.indices.lazy.filter { fold($0) != block }.flatMap {
            sentences[$0].names
          })
        for index in sentences.indices where fold(index) == block {
          EntityFeatureBuffer.features(
            of: sentences[index].views, gazetteer: others, into: &features)
          instances.append(EntityInstance(features: features, gold: sentences[index].gold))
        }
      }
    }
  }

  static func tokenizer() throws(PipelineFailure) -> Tokenizer {
    do { return try Tokenizer() } catch { throw .stage(.tokenize, error) }
  }

  /// A sentence read: its token views (no names tagged), its gold tags
  /// and the gazetteer entries of its gold entities.
  struct Sentence {
    var views: [EntityFeatures.TokenView]
    var gold: [Int]
    var names: [(words: [UInt64], label: Int)]
  }

  /// Keeps each sentence's views and projects the gold spans onto its
  /// tokens (`B` on the token that starts an entity, `I` on those inside).
  private struct InstanceSink: DocumentSink {
    let tags: EntityTagSet
    var gold: [EntityGold.Entity] = []
    var sentences: [Sentence] = []
    var unaligned = 0
    var buffer = EntityFeatureBuffer()
    var aligned = Set<EntityGold.Entity>()

    var writesDocumentDigest: Bool { false }

    init(tags: EntityTagSet) { self.tags = tags }

    mutating func begin(_: DocumentInfo, _: Provenance, into _: inout JSONLWriter) {
      aligned.removeAll(keepingCapacity: true)
    }
    mutating func block(_: AnnotatedBlock, into _: inout JSONLWriter) {}

    mutating func sentence(_ sentence: AnnotatedSentence, into _: inout JSONLWriter) {
      buffer.describe(sentence, ruleEntities: sentence.entities, gazetteer: EntityGazetteer())
      var names: [(words: [UInt64], label: Int)] = []
      var goldTags = [Int](repeating: 0, count: sentence.tokens.count)
      let offsets = sentence.tokenOffsets
      for entity in gold where entity.end > sentence.start && entity.start < sentence.end {
        guard let first = offsets.firstIndex(where: { $0.start == entity.start }),
          let last = offsets.firstIndex(where: { $0.end == entity.end }), first <= last,
          let label = tags.labels.firstIndex(of: entity.label)
        else { continue }
        goldTags[first] = tags.begin(label)
        for index in (first + 1)..<(last + 1) { goldTags[index] = tags.inside(label) }
        aligned.insert(entity)
        if let name = EntityGazetteer.entry(
          buffer.views, first..<(last + 1), label: entity.label.featureCode)
        {
          names.append(name)
        }
      }
      sentences.append(Sentence(views: buffer.views, gold: goldTags, names: names))
    }

    mutating func end(_: DocumentSummary, into _: inout JSONLWriter) {
      unaligned += gold.filter { !aligned.contains($0) && tags.labels.contains($0.label) }.count
    }
  }
}

/// `relais eval ner`'s measure: exact span and type, overall and per
/// label, of the pipeline's entities against gold. With IO gold, both
/// sides are read at the gold tokens: each gold token takes the label of
/// the entity that covers it, and runs of one label are the entities
/// (two adjacent entities of one type are one, as the gold has it).
package struct EntityEvaluation: Sendable {
  package var overall = SpanScore()
  package var byLabel: [EntityLabel: SpanScore] = [:]
  package var scheme: EntityGold.Scheme
  /// The labels scored: the gold's.
  package var labels: [EntityLabel]

  struct Span: Hashable {
    var start: Int
    var end: Int
    var label: EntityLabel
  }

  /// Scores `gold` with `pipeline`'s entities. System labels the gold
  /// does not use are not scored, but EVENT counts as MISC where the gold
  /// has MISC and no EVENT (WikiNEuRal files events under MISC).
  package init(gold: EntityGold, pipeline: inout Pipeline) throws(PipelineFailure) {
    scheme = gold.scheme
    labels = EntityLabel.allCases.filter { gold.labels.contains($0) }
    for label in labels { byLabel[label] = SpanScore() }
    var sink = EntityCollector()
    var writer = JSONLWriter(sink: nil)
    let eventsAsMisc = gold.labels.contains(.misc) && !gold.labels.contains(.event)
    for (index, document) in gold.documents.enumerated() {
      sink.entities.removeAll(keepingCapacity: true)
      try pipeline.run(
        DocumentSource(
          id: "\(index + 1)", source: gold.path, path: "\(gold.path):\(document.line)",
          fileBytes: Array(document.text.utf8)), into: &sink, &writer)
      writer.reset()
      var system = sink.entities.compactMap { entity -> Span? in
        let label = entity.label == .event && eventsAsMisc ? .misc : entity.label
        guard gold.labels.contains(label) else { return nil }
        return Span(start: entity.start, end: entity.end, label: label)
      }
      var expected = document.entities.map { Span(start: $0.start, end: $0.end, label: $0.label) }
      if scheme == .io {
        system = Self.ioRuns(system, document)
        expected = Self.ioRuns(expected, document)
      }
      overall.add(gold: expected, system: system)
      for label in labels {
        byLabel[label]?.add(
          gold: expected.filter { $0.label == label }, system: system.filter { $0.label == label })
      }
    }
  }

  /// Spans read at the gold tokens: a token takes the label of a span
  /// that covers any of it; runs of a label are the entities.
  static func ioRuns(_ spans: [Span], _ document: EntityGold.Document) -> [Span] {
    let tokens = document.tokens
    var tokenLabels = [EntityLabel?](repeating: nil, count: tokens.count)
    for span in spans {
      // The first token that ends after the span starts (tokens are in
      // order): a newspaper page is one document of thousands of tokens.
      var low = 0
      var high = tokens.count
      while low < high {
        let middle = (low + high) / 2
        if tokens[middle].end <= span.start { low = middle + 1 } else { high = middle }
      }
      var index = low
      while index < tokens.count && tokens[index].start < span.end {
        tokenLabels[index] = span.label
        index += 1
      }
    }
    var runs: [Span] = []
    for (index, label) in tokenLabels.enumerated() {
      guard let label else { continue }
      let token = document.tokens[index]
      if index > 0, tokenLabels[index - 1] == label, var last = runs.popLast() {
        last.end = token.end
        runs.append(last)
      } else {
        runs.append(Span(start: token.start, end: token.end, label: label))
      }
    }
    return runs
  }

  /// Keeps each entity's code point span and label.
  private struct EntityCollector: DocumentSink {
    var entities: [(start: Int, end: Int, label: EntityLabel)] = []
    var writesDocumentDigest: Bool { false }
    mutating func begin(_: DocumentInfo, _: Provenance, into _: inout JSONLWriter) {}
    mutating func block(_: AnnotatedBlock, into _: inout JSONLWriter) {}
    mutating func sentence(_ sentence: AnnotatedSentence, into _: inout JSONLWriter) {
      for entity in sentence.entities {
        let span = sentence.span(entity.tokenRange)
        entities.append((span.start, span.end, entity.label))
      }
    }
    mutating func end(_: DocumentSummary, into _: inout JSONLWriter) {}
  }
}
