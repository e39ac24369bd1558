import Foundation

/// What the fuzzer (`make fuzz`, `Fuzz/relais-fuzz`) feeds bytes to, and
/// what the replay test runs its seeds and past crashes through. The first
/// byte chooses the reader; the rest is its input. Each reader must end
/// with records or a typed error, never a crash, and the records it writes
/// must be whole JSON lines.
package struct FuzzEntry: Sendable {
  package enum Target: UInt8, CaseIterable, Sendable {
    /// A document through every stage (`relais run` on one file).
    case document = 0
    /// A line of JSONL input, then its document.
    case jsonlLine = 1
    /// A glossary file (YAML) through the loader and lint's checks.
    case glossaryYAML = 2
    /// A TBX file through the importer.
    case tbx = 3
    /// A CSV or TSV file through the importer.
    case csv = 4
    /// Records read back as `relais coverage` reads them.
    case records = 5
    /// A CoNLL-U gold file, as `relais eval ud` reads it.
    case conllu = 6
    /// Named-entity gold data, as `relais eval ner` and `train ner` read
    /// it, then scored with the rules.
    case entityData = 7
    /// An entity model file, as `relais run --ner-model` reads it, then
    /// run over a sentence.
    case entityModel = 8
  }

  private let context: RunContext
  /// The fuzz glossary compiled for both sides of a translation pair.
  private let matchers: AlignJob.Matchers?

  /// `glossaryYAML` is the glossary documents are matched with.
  package init(glossaryYAML: String) {
    let (glossary, _) = GlossaryLoader.parse(yaml: glossaryYAML, path: "fuzz.yaml", sha256: "")
    var context = RunContext(
      provenance: Provenance(), matcher: glossary.flatMap { try? TermMatcher(glossaries: [$0]) })
    // Documents go through the shipped model too, when it is beside the
    // binary (every build copies it there).
    context.entityModel = try? EntityModelLocation.load(given: nil, for: .both)
    self.context = context
    matchers = glossary.flatMap { try? AlignJob.Matchers(glossaries: [$0]) }
  }

  /// Runs one input; returns a description of a broken invariant, if any
  /// (the fuzzer aborts on it; a crash needs no description).
  package func run(_ input: [UInt8]) -> String? {
    guard let first = input.first, let target = Target(rawValue: first % 9) else { return nil }
    let body = Array(input.dropFirst())
    switch target {
    case .document:
      // The first byte's next digit in base 9 picks the rules: 0 French,
      // 9 English (a JSONL line names its own `lang`), 18 a French text and
      // its English translation, cut at the first NUL, through
      // `relais align` with the term check.
      switch (first / 9) % 3 {
      case 2: return align(body)
      case 1:
        return render(.bytes(id: "fuzz", bytes: body, source: "fuzz.txt"), language: .english)
      default:
        return render(.bytes(id: "fuzz", bytes: body, source: "fuzz.txt"), language: .french)
      }
    case .jsonlLine:
      let line = InputEnumeration.jsonlInput(body, file: "fuzz.jsonl", line: 1, byteOffset: 0)
      return render(line)
    case .glossaryYAML:
      guard let text = String(validating: body, as: UTF8.self) else { return nil }
      let (glossary, _) = GlossaryLoader.parse(yaml: text, path: "fuzz.yaml", sha256: "")
      if let glossary {
        _ = GlossaryLoader.crossChecks([glossary])
        _ = try? TermMatcher(glossaries: [glossary])
      }
    case .tbx:
      // The same XML reader reads TMX: its units too, and a unit written
      // again must read back.
      if let units = try? TMX.units(Data(body), path: "f.tmx", idPrefix: "f", problem: { _ in }) {
        return tmxRoundTrip(units)
      }
      if let glossary = try? GlossaryInterchange.importTBX(Data(body), path: "f.tbx", id: "f") {
        return roundTrip(glossary)
      }
    case .csv:
      guard let text = String(validating: body, as: UTF8.self) else { return nil }
      if let glossary = try? GlossaryInterchange.importCSV(text, path: "f.csv", id: "f") {
        return roundTrip(glossary)
      }
    case .records:
      // As coverage reads them, and as render shows them: the pages of
      // records whose offsets lie anywhere.
      var collector = CoverageCollector()
      let decoder = RecordCoding.decoder()
      var site = SiteDocument(number: 1, doc: "")
      var rows: [IndexPage.Row] = []
      var pages: [String: Int] = [:]
      func page(_ document: SiteDocument) {
        var document = document
        TextAvailability.resolve(&document, sourcesFolders: [])
        _ = DocumentPage.html(document, indexPage: "index.html")
        rows.append(IndexPage.Row(document))
        pages[document.doc] = document.number
      }
      for line in body.split(separator: 0x0A) {
        let decoded = try? decoder.decode(Record.self, from: Data(line))
        // The fast record reader agrees with JSONDecoder wherever it reads.
        let lineBytes = Array(line)
        let fast = RecordReader.fastRecord(lineBytes)
        if let fast, decoded != fast {
          return
            "RecordScanner read a line otherwise than JSONDecoder: \(String(decoding: line.prefix(200), as: UTF8.self))"
        }
        // Keeping acronym candidates only filters the same record's tokens
        // and gives up on the same lines.
        let candidates = RecordReader.fastRecord(lineBytes, sentenceTokens: .acronymCandidates)
        if candidates != fast.map(RecordScanner.SentenceTokens.acronymCandidates.filter) {
          return
            "RecordScanner kept other tokens than the acronym candidates: \(String(decoding: line.prefix(200), as: UTF8.self))"
        }
        if let record = decoded {
          collector.add(record)
          if record.doc != site.doc || record.type == "document" {
            page(site)
            site = SiteDocument(number: rows.count + 1, doc: record.doc)
          }
          site.add(record)
        }
      }
      page(site)
      let report = collector.finish(glossaries: [])
      _ = CoveragePage.html(report, pages: pages, glossariesGiven: false, stubCommand: "")
      _ = IndexPage.html(rows, page: 1, totals: IndexPage.Totals())
    case .conllu:
      guard let text = String(validating: body, as: UTF8.self),
        let gold = try? UDGold(conllu: text, path: "f.conllu"), let pipeline = try? Pipeline()
      else { return nil }
      _ = try? UDEvaluation(gold: gold, pipeline: pipeline)
    case .entityData:
      guard let text = String(validating: body, as: UTF8.self),
        let gold = try? EntityGold(text, path: "f.iob2"), var pipeline = try? Pipeline()
      else { return nil }
      _ = try? EntityEvaluation(gold: gold, pipeline: &pipeline)
    case .entityModel:
      guard let model = try? EntityModelFile.decode(body, path: "f.model") else { return nil }
      var context = context
      context.entityModel = model
      var writer = JSONLWriter(sink: nil)
      var pipeline = context.pipeline(until: .align)
      let sentence = "La présidente Ursula von der Leyen parle à Bruxelles avec l’ONU."
      _ = RunJob.render(
        .bytes(id: "fuzz", bytes: Array(sentence.utf8), source: "fuzz.txt"), with: &pipeline,
        context, into: &writer)
    }
    return nil
  }

  /// Renders a document as `relais run` does and checks that every line
  /// written is one JSON object.
  private func render(_ input: DocumentInput, language: Language = .french) -> String? {
    var writer = JSONLWriter(sink: nil)
    var context = context
    context.language = language
    var pipeline = context.pipeline(until: .align)
    _ = RunJob.render(input, with: &pipeline, context, into: &writer)
    let output = writer.bytes
    guard output.isEmpty || output.last == 0x0A else { return "output does not end a line" }
    for line in output.split(separator: 0x0A) {
      guard (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] else {
        return "not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))"
      }
    }
    return nil
  }

  /// Aligns a French text and its translation as `relais align
  /// --glossaries` does, and checks that every record is one JSON object
  /// whose spans lie within their texts.
  private func align(_ body: [UInt8]) -> String? {
    let parts = body.split(separator: 0x00, maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2,
      let french = try? SourceText(fileBytes: Array(parts[0]), path: "f.txt").requiredText(),
      let english = try? SourceText(fileBytes: Array(parts[1]), path: "f.en.txt").requiredText(),
      let pipeline = try? Pipeline(until: .normalize)
    else { return nil }
    let pair = AlignJob.TextPair(id: "fuzz", french: french, english: english)
    guard let alignment = try? AlignJob.align(pair, pipeline, matchers: matchers) else {
      return nil
    }
    var writer = JSONLWriter(sink: nil)
    guard (try? RecordWriter.alignment(alignment, into: &writer)) != nil else { return nil }
    let lengths = (
      fr: pair.french.unicodeScalars.count, en: pair.english.unicodeScalars.count
    )
    for line in writer.bytes.split(separator: 0x0A) {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      else { return "not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))" }
      for (side, length) in [("fr", lengths.fr), ("en", lengths.en)] {
        guard let span = object[side] as? [String: Any] else { continue }
        let start = span["start"] as? Int ?? -1
        let end = span["end"] as? Int ?? -1
        guard 0 <= start, start <= end, end <= length else {
          return "a \(side) span \(start)..<\(end) outside its text of \(length) code points"
        }
      }
    }
    return nil
  }

  /// Units read from TMX, written as TMX (each a given alignment) and
  /// read again, keep their segments' words (TMX writes control characters
  /// XML cannot hold as U+FFFD; spaces around segments are a sentence's).
  private func tmxRoundTrip(_ units: [TMX.Unit]) -> String? {
    guard let pipeline = try? Pipeline(until: .normalize) else { return nil }
    var alignments: [AlignJob.Alignment] = []
    for unit in units {
      let pair = AlignJob.TextPair(
        id: unit.id, french: unit.french, english: unit.english, aligned: true)
      guard let alignment = try? AlignJob.align(pair, pipeline) else { continue }
      alignments.append(alignment)
    }
    let document = TMX.document(alignments)
    guard
      (try? TMX.units(Data(document.utf8), path: "b.tmx", idPrefix: "b", problem: { _ in })) != nil
    else { return "written TMX does not read back: \(document.prefix(300))" }
    return nil
  }

  /// An imported glossary that passes lint must survive TBX export and
  /// import unchanged.
  private func roundTrip(_ glossary: Glossary) -> String? {
    guard GlossaryLoader.crossChecks([glossary]).isEmpty,
      let yaml = try? GlossaryInterchange.yaml(glossary),
      GlossaryLoader.parse(yaml: yaml, path: "f.yaml", sha256: "").1.isEmpty
    else { return nil }
    let tbx = GlossaryInterchange.exportTBX(glossary)
    guard let back = try? GlossaryInterchange.importTBX(Data(tbx.utf8), path: "b.tbx", id: "f")
    else { return "an exported glossary does not import: \(tbx.prefix(300))" }
    func terms(_ glossary: Glossary) -> [String] {
      glossary.entries.map {
        "\($0.id) \($0.languages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.all.map(\.term))" })"
      }
    }
    return terms(back) == terms(glossary)
      ? nil : "TBX round trip changed \(terms(glossary)) into \(terms(back))"
  }
}
