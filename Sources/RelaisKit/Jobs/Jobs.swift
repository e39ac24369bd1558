import Foundation

/// What a job tells the command line to exit with (DESIGN.md): 0 success,
/// 1 the job ran but something failed, 2 bad usage or an input that stops
/// the run.
public enum ExitStatus: Int32, Sendable {
  case success = 0
  case failure = 1
  case usage = 2
}

/// Writes a diagnostic line to standard error.
public func reportError(_ error: Error) {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
}

/// The glossaries of `directory` (none when it is `nil`), or `nil` after
/// reporting each problem: a command given a bad glossary stops.
func loadGlossariesOrReport(_ directory: String?) -> [Glossary]? {
  guard let directory else { return [] }
  let (loaded, problems) = GlossaryLoader.load(directory: directory)
  guard problems.isEmpty else {
    for problem in problems { reportError(problem) }
    return nil
  }
  return loaded
}

/// The formats `relais tokenize` writes, each a `DocumentSink`.
public enum SentenceFormat: String, Sendable, CaseIterable {
  /// CoNLL-U: `# newdoc id`, `# newpar`, `# sent_id`, `# text`, one token a
  /// line with `SpaceAfter=No` in MISC.
  case conllu
  /// One `sentence` record (DESIGN.md) a line.
  case jsonl
  /// One sentence a line, tokens separated by spaces.
  case text
}

/// `relais tokenize`: sentences and tokens of one document, through the
/// pipeline `relais run` uses, stopped after the tokenize stage (after
/// normalize for JSONL, whose tokens carry their norm).
public enum TokenizeJob {
  /// Exit 1 for a bad document (as `relais run` has it: an empty one
  /// included), 2 when the output cannot be written. The document id
  /// follows `DocumentIDs`, as `relais run` names the same path. The
  /// language is `language`, or the file name's (`Language`), or French.
  public static func run(
    path: String, root: String? = nil, format: SentenceFormat, language: Language? = nil
  ) -> ExitStatus {
    run(path: path, root: root, format: format, language: language, to: .standardOutput)
  }

  package static func run(
    path: String, root: String? = nil, format: SentenceFormat, language: Language? = nil,
    to sink: ByteSink
  ) -> ExitStatus {
    var writer = JSONLWriter(sink: sink)
    do throws(PipelineFailure) {
      let fileBytes: [UInt8]
      var pipeline: Pipeline
      do {
        fileBytes = try InputFiles.bytes(at: path)
      } catch {
        throw .stage(.read, error)
      }
      do {
        pipeline = try Pipeline(until: format == .jsonl ? .normalize : .tokenize)
      } catch {
        throw .stage(.tokenize, error)
      }
      var document = DocumentSource(
        id: DocumentIDs.id(forPath: path, root: root), source: path,
        path: path == InputFiles.standardInputPath ? InputFiles.standardInputName : path,
        fileBytes: fileBytes)
      document.language = language ?? Language.named(by: Substring(path)) ?? .french
      switch format {
      case .conllu: try render(document, &pipeline, CoNLLURenderer(), &writer)
      case .jsonl: try render(document, &pipeline, RecordRenderer(framing: .sentencesOnly), &writer)
      case .text: try render(document, &pipeline, TextRenderer(), &writer)
      }
      do { try writer.flush() } catch { throw .output(error) }
      return .success
    } catch {
      reportError(error.error)
      if case .output = error { return .usage }
      return .failure
    }
  }

  private static func render<Sink: DocumentSink>(
    _ document: DocumentSource, _ pipeline: inout Pipeline, _ sink: Sink,
    _ writer: inout JSONLWriter
  ) throws(PipelineFailure) {
    var sink = sink
    try pipeline.run(document, into: &sink, &writer)
  }
}

/// `relais eval ud`: tokens and sentences P/R/F1 against a gold file.
public enum EvalUDJob {
  /// Scores the rules of `language`, by default the one the file name
  /// starts with (UD names files `en_ewt-ud-dev.conllu`), or French.
  package static func evaluate(goldPath: String, language: Language? = nil) throws
    -> UDEvaluation
  {
    let bytes = try InputFiles.bytes(at: goldPath)
    let source = try SourceText(fileBytes: bytes, path: goldPath)
    let gold = try UDGold(conllu: String(decoding: source.bytes, as: UTF8.self), path: goldPath)
    return try UDEvaluation(
      gold: gold, pipeline: try Pipeline(), language: language ?? treebankLanguage(goldPath))
  }

  /// The language of a UD file by its name's `xx_` prefix.
  static func treebankLanguage(_ path: String) -> Language {
    let name = path.split(separator: "/").last ?? ""
    guard let underscore = name.firstIndex(of: "_") else { return .french }
    return Language(rawValue: String(name[..<underscore])) ?? .french
  }

  /// Evaluates and prints the report; exit 2 for a gold file that cannot
  /// be used or a report that cannot be written.
  public static func run(goldPath: String, language: Language? = nil) -> ExitStatus {
    do {
      let report = Self.report(try evaluate(goldPath: goldPath, language: language)) + "\n"
      try OutputFile.write(Array(report.utf8), to: nil)
      return .success
    } catch {
      reportError(error)
      return .usage
    }
  }

  /// The report as the command prints it.
  package static func report(_ evaluation: UDEvaluation) -> String {
    func row(_ name: String, _ score: SpanScore) -> String {
      func percent(_ value: Double) -> String { String(format: "%6.2f", value * 100) }
      return
        "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(percent(score.precision)) \(percent(score.recall)) \(percent(score.f1))  (gold \(score.gold), system \(score.system), matched \(score.matched))"
    }
    return [
      "Metric     Precis Recall     F1",
      row("Tokens", evaluation.tokens),
      row("Words", evaluation.words),
      row("Sentences", evaluation.sentences),
    ].joined(separator: "\n")
  }
}
