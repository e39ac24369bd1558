import Foundation

/// `relais align`: French texts and their English translations, sentence
/// by sentence. Each pair of texts is segmented with the rules of its
/// language (`Pipeline`, as `relais tokenize` does), aligned
/// (`SentenceAligner`), and written as `alignment` records in text order.
/// With glossaries, the terms of each side are matched (`TermMatcher`, one
/// per language) and every French term gets a `term_check` record after
/// the alignment record of its bead (`TermCheck`).
public enum AlignJob {
  /// Where the pairs come from.
  public enum Input: Sendable {
    /// A French file and its English translation.
    case files(french: String, english: String)
    /// JSONL lines `{"id": …, "text": …, "translation": …}` (`-` for
    /// standard input).
    case jsonl(String)
    /// A TMX file: each translation unit a pair already aligned.
    case tmx(String)
  }

  /// What `relais align` writes.
  public enum OutputFormat: String, Sendable, CaseIterable {
    /// `alignment` and `term_check` records.
    case jsonl
    /// TMX 1.4b, one translation unit a bead that pairs sentences.
    case tmx
  }

  /// One French text and its translation.
  package struct TextPair: Sendable {
    package var id: String
    package var french: String
    package var english: String
    /// The two texts are one unit already aligned (a TMX unit): one bead
    /// holds all their sentences, not the aligner's.
    package var aligned = false
  }

  /// Exit 0, 1 when a JSONL line or a file is bad (an error on standard
  /// error naming file and line; the other pairs are still aligned), 2
  /// when the output cannot be written.
  public static func run(
    _ input: Input, glossaries directory: String? = nil, format: OutputFormat = .jsonl,
    output: String?
  ) -> ExitStatus {
    guard let glossaries = loadGlossariesOrReport(directory) else { return .usage }
    var failed = false
    var writer = JSONLWriter(sink: nil)
    var alignments: [Alignment] = []
    do {
      let pipeline = try Pipeline(until: .normalize)
      let matchers = try directory.map { _ throws(RelaisError) in
        try Matchers(glossaries: glossaries)
      }
      for pair in try pairs(input, failed: &failed) {
        let alignment = try align(pair, pipeline, matchers: matchers)
        switch format {
        case .jsonl: try write(alignment, into: &writer)
        case .tmx: alignments.append(alignment)
        }
      }
      let bytes = format == .tmx ? Array(TMX.document(alignments).utf8) : writer.bytes
      try OutputFile.write(bytes, to: output)
    } catch let error as PipelineFailure {
      reportError(error.error)
      return .failure
    } catch let error as RelaisError {
      reportError(error)
      return error.code == .outputFailure || error.code == .badArgument ? .usage : .failure
    } catch {
      reportError(RelaisError(.badArgument, "\(error)", path: nil))
      return .usage
    }
    return failed ? .failure : .success
  }

  /// The pairs `input` names; bad JSONL lines are reported and skipped.
  static func pairs(_ input: Input, failed: inout Bool) throws(RelaisError) -> [TextPair] {
    switch input {
    case .files(let frenchPath, let englishPath)
    where InputFiles.isFolder(frenchPath) && InputFiles.isFolder(englishPath):
      return folderPairs(french: frenchPath, english: englishPath, failed: &failed)
    case .files(let frenchPath, let englishPath):
      return [
        try readPair(
          id: DocumentIDs.id(forPath: frenchPath, root: nil), french: frenchPath,
          english: englishPath)
      ]
    case .tmx(let path):
      let bytes = try InputFiles.bytes(at: path)
      let name = path == InputFiles.standardInputPath ? InputFiles.standardInputName : path
      let stem =
        path == InputFiles.standardInputPath ? "stdin" : DocumentIDs.id(forPath: path, root: nil)
      return try TMX.units(Data(bytes), path: name, idPrefix: stem) { error in
        reportError(error)
        failed = true
      }.map { TextPair(id: $0.id, french: $0.french, english: $0.english, aligned: true) }
    case .jsonl(let path):
      let text = try InputFiles.sourceText(at: path)
      var pairs: [TextPair] = []
      var seen = Set<String>()
      let name = path == InputFiles.standardInputPath ? InputFiles.standardInputName : path
      for (index, line) in text.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        .enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 })
      {
        func bad(_ message: String) {
          reportError(
            RelaisError(
              .malformedJSONLInput, message,
              at: InputLocation(path: name, line: index + 1, column: 1, byteOffset: 0)))
          failed = true
        }
        guard
          let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        else {
          bad("not a JSON object; expected {\"id\": …, \"text\": …, \"translation\": …}")
          continue
        }
        guard let id = InputEnumeration.documentID(object["id"]) else {
          bad("\"id\" missing or not a non-empty string or an integer")
          continue
        }
        guard let french = object["text"] as? String,
          let english = object["translation"] as? String
        else {
          bad("\"text\" and \"translation\" must both be strings")
          continue
        }
        guard seen.insert(id).inserted else {
          bad("the id \"\(id)\" was given before; ids name one pair each")
          continue
        }
        pairs.append(TextPair(id: id, french: french, english: english))
      }
      return pairs
    }
  }

  /// A French file and its translation, read and checked (E001–E005).
  static func readPair(id: String, french: String, english: String) throws(RelaisError)
    -> TextPair
  {
    let frenchText = try InputFiles.sourceText(at: french)
    let englishText = try InputFiles.sourceText(at: english)
    try frenchText.requireText()
    try englishText.requireText()
    return TextPair(
      id: id, french: String(decoding: frenchText.bytes, as: UTF8.self),
      english: String(decoding: englishText.bytes, as: UTF8.self))
  }

  /// The folder convention: `Corpus/x.txt` is translated by
  /// `Translations/x.en.txt`, subfolders alike. The pair's id is the
  /// French document's, as `relais run Corpus` names it. A text without
  /// its other half, or an English file not named `….en.txt`, is an error
  /// naming the file (the other pairs are still aligned).
  static func folderPairs(french: String, english: String, failed: inout Bool) -> [TextPair] {
    func problem(_ error: RelaisError) {
      reportError(error)
      failed = true
    }
    var translations: [String: String] = [:]
    var translationOrder: [String] = []
    for input in InputEnumeration.textInputs([english]) {
      guard case .file(let path, let source, _) = input else {
        if case .invalid(let error, _) = input { problem(error) }
        continue
      }
      guard Language.named(by: Substring(source)) == .english else {
        problem(
          RelaisError(
            .unpairedText, "a translation is named x.en.txt, after its French x.txt",
            path: path))
        continue
      }
      // `x.en.txt` pairs with `x.txt`: drop `.en.txt`, keep the folders.
      let key = String(source.dropLast(".en.txt".count))
      translations[key] = path
      translationOrder.append(key)
    }
    var pairs: [TextPair] = []
    var paired = Set<String>()
    for input in InputEnumeration.textInputs([french]) {
      guard case .file(let path, let source, _) = input else {
        if case .invalid(let error, _) = input { problem(error) }
        continue
      }
      guard Language.named(by: Substring(source)) != .english else {
        problem(
          RelaisError(
            .unpairedText,
            "an English text in the French folder; it belongs beside the translations",
            path: path))
        continue
      }
      let key = DocumentIDs.id(forSource: source)
      guard let translation = translations[key] else {
        problem(
          RelaisError(
            .unpairedText,
            "no translation: expected \((english as NSString).appendingPathComponent(key + ".en.txt"))",
            path: path))
        continue
      }
      paired.insert(key)
      do {
        pairs.append(try readPair(id: key, french: path, english: translation))
      } catch {
        problem(error)
      }
    }
    for key in translationOrder where !paired.contains(key) {
      problem(
        RelaisError(
          .unpairedText,
          "no French text: expected \((french as NSString).appendingPathComponent(key + ".txt"))",
          path: translations[key]))
    }
    return pairs
  }

  /// The glossaries compiled for each side.
  package struct Matchers: Sendable {
    package var french: TermMatcher
    package var english: TermMatcher

    package init(glossaries: [Glossary]) throws(RelaisError) {
      french = try TermMatcher(glossaries: glossaries)
      english = try french.compiled(for: .english)
    }

    package init(french: TermMatcher, english: TermMatcher) {
      self.french = french
      self.english = english
    }
  }

  /// One aligned pair of texts: its id, the sentences of each side (code
  /// point offsets into its text), the beads and the term checks.
  package struct Alignment: Sendable {
    package var id: String
    package var french: [Range<Int>]
    package var english: [Range<Int>]
    package var frenchLength: Int
    package var englishLength: Int
    package var pairs: [SentenceAligner.Pair]
    /// In bead order; empty without glossaries.
    package var checks: [TermCheck.Decision] = []
    package var texts: TextPair
    package var glossaries: [Glossary] = []
  }

  package static func align(
    _ pair: TextPair, _ pipeline: Pipeline, matchers: Matchers? = nil,
    aligner: SentenceAligner = SentenceAligner()
  ) throws(PipelineFailure) -> Alignment {
    let french = try TranslationSide(
      SourceText(string: pair.french, path: pair.id), language: .french, pipeline: pipeline,
      matcher: matchers?.french)
    let english = try TranslationSide(
      SourceText(string: pair.english, path: pair.id), language: .english, pipeline: pipeline,
      matcher: matchers?.english)
    let beads =
      pair.aligned
      ? [
        SentenceAligner.Pair(
          french: 0..<french.sentences.count, english: 0..<english.sentences.count,
          bead: .oneToOne, score: 1)
      ]
      : aligner.align(Anchors.sentences(of: french), Anchors.sentences(of: english))
    var alignment = Alignment(
      id: pair.id, french: french.spans, english: english.spans, frenchLength: french.length,
      englishLength: english.length, pairs: beads, texts: pair)
    if let matchers {
      alignment.glossaries = matchers.french.glossaries
      alignment.checks = TermCheck.decisions(
        french: french, english: english, beads: beads,
        doNotTranslate: { matchers.french.entry(at: $0).doNotTranslate })
    }
    return alignment
  }

  /// `alignment` records: for each bead its id, kind, score and, per
  /// side, the span it covers and how many sentences; a side with no
  /// sentence has an empty span where its text stands at that point. The
  /// bead's `term_check` records follow it.
  static func write(_ alignment: Alignment, into writer: inout JSONLWriter) throws(RelaisError) {
    func span(_ spans: [Range<Int>], _ range: Range<Int>, textLength: Int) -> Range<Int> {
      if range.isEmpty {
        let start =
          range.lowerBound < spans.count ? spans[range.lowerBound].lowerBound : textLength
        return start..<start
      }
      return spans[range.lowerBound].lowerBound..<spans[range.upperBound - 1].upperBound
    }
    func side(_ name: StaticString, _ spans: [Range<Int>], _ range: Range<Int>, textLength: Int) {
      writer.raw(name)
      let covered = span(spans, range, textLength: textLength)
      let (start, end) = (covered.lowerBound, covered.upperBound)
      writer.raw("{\"start\":")
      writer.integer(start)
      writer.raw(",\"end\":")
      writer.integer(end)
      writer.raw(",\"sentences\":")
      writer.integer(range.count)
      writer.byte(0x7D)
    }
    let escaped = EscapedString(alignment.id)
    let frenchScalars = Array(alignment.texts.french.unicodeScalars)
    let englishScalars = Array(alignment.texts.english.unicodeScalars)
    var checks = alignment.checks[...]
    var checkNumber = 0
    for (number, pair) in alignment.pairs.enumerated() {
      writer.raw("{\"type\":\"alignment\",\"doc\":")
      writer.string(escaped)
      writer.raw(",\"id\":")
      writer.string(escaped, suffix: "#a", number: number + 1)
      writer.raw(",\"bead\":")
      writer.string(pair.bead.rawValue)
      writer.raw(",\"score\":")
      writer.score(pair.score)
      side(
        ",\"fr\":", alignment.french, pair.french, textLength: alignment.frenchLength)
      side(
        ",\"en\":", alignment.english, pair.english, textLength: alignment.englishLength)
      writer.byte(0x7D)
      try writer.endLine()
      while let check = checks.first, check.bead == number {
        checks.removeFirst()
        checkNumber += 1
        let context =
          check.rendering == .rendered
          ? nil
          : (
            french: String(
              String.UnicodeScalarView(
                frenchScalars[
                  span(alignment.french, pair.french, textLength: alignment.frenchLength)])),
            english: String(
              String.UnicodeScalarView(
                englishScalars[
                  span(alignment.english, pair.english, textLength: alignment.englishLength)]))
          )
        try writeCheck(
          check, alignment, id: escaped, number: checkNumber, bead: number + 1, context: context,
          into: &writer)
      }
    }
  }

  /// One `term_check` record: the French term, its decision, the English
  /// term taken (unless missing), the entry's preferred English term, and,
  /// unless rendered, the bead's two texts for a reviewer.
  private static func writeCheck(
    _ check: TermCheck.Decision, _ alignment: Alignment, id: EscapedString, number: Int,
    bead: Int, context: (french: String, english: String)?, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    let entry = alignment.glossaries[check.french.entry.glossary].entries[check.french.entry.entry]
    func term(_ name: StaticString, _ term: TranslationSide.FoundTerm) {
      writer.raw(name)
      writer.raw("{\"start\":")
      writer.integer(term.start)
      writer.raw(",\"end\":")
      writer.integer(term.end)
      writer.raw(",\"text\":")
      writer.string(term.text)
      writer.raw(",\"match\":")
      writer.string(term.role.rawValue)
      writer.raw(",\"language\":")
      writer.string(term.language)
      writer.byte(0x7D)
    }
    writer.raw("{\"type\":\"term_check\",\"doc\":")
    writer.string(id)
    writer.raw(",\"id\":")
    writer.string(id, suffix: "#c", number: number)
    writer.raw(",\"alignment\":")
    writer.string(id, suffix: "#a", number: bead)
    writer.raw(",\"entry\":")
    writer.string(entry.id)
    writer.raw(",\"glossary\":")
    writer.string(alignment.glossaries[check.french.entry.glossary].id)
    writer.raw(",\"status\":")
    writer.string(check.rendering.rawValue)
    term(",\"fr\":", check.french)
    if let english = check.english { term(",\"en\":", english) }
    if let expected = entry.languages["en"]?.preferred {
      writer.raw(",\"expected\":")
      writer.string(expected)
    }
    if let context {
      writer.raw(",\"context\":{\"fr\":")
      writer.string(context.french)
      writer.raw(",\"en\":")
      writer.string(context.english)
      writer.byte(0x7D)
    }
    writer.byte(0x7D)
    try writer.endLine()
  }
}
