import Dispatch
import Foundation
import Synchronization

/// What `relais run` reads.
public enum InputFormat: String, Sendable, CaseIterable {
  /// Each path is a document (folders: every `.txt` below, sorted).
  case text
  /// Each line of each path is `{"id": …, "text": …}`.
  case jsonl
}

public struct RunOptions: Sendable {
  public var paths: [String]
  /// The folder of glossaries to map terms with, if any.
  public var glossaries: String?
  /// Sources are named relative to this folder when a path lies inside it
  /// (for runs over one document at a time, as `make` does).
  public var root: String?
  public var output: String?
  public var until: RunStage
  public var input: InputFormat
  public var quiet: Bool
  /// Documents processed at once; defaults to the number of cores.
  public var workers: Int
  /// A folder where each document's records are kept by content, so a
  /// later run reprocesses only what changed (`RecordCache`).
  public var cache: String?
  /// The document record carries the document's text, so the records
  /// stand on their own (offsets slice it without the original files).
  public var withText = false
  /// Where names come from (`--ner`).
  public var recognition = EntityRecognition.both
  /// The entity model file (`--ner-model`); nil for the shipped one.
  public var entityModel: String?
  /// The language of documents whose JSONL line or file name names none
  /// (`--lang`).
  public var language = Language.french
  /// A folder of English translations (`--translations`): `x.txt` of the
  /// corpus is translated by `x.en.txt` there, subfolders alike, and gets
  /// the English side.
  public var translations: String?
  /// Where to write the coverage report of the records written, as
  /// `relais coverage --json` and `relais coverage` write it, collected
  /// while writing (`CoverageTap`).
  public var coverageJSON: String?
  public var coverageTable: String?

  public init(
    paths: [String], glossaries: String? = nil, root: String? = nil, output: String? = nil,
    until: RunStage = .align,
    input: InputFormat = .text, quiet: Bool = false,
    workers: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.paths = paths
    self.glossaries = glossaries
    self.root = root
    self.output = output
    self.until = until
    self.input = input
    self.quiet = quiet
    self.workers = max(1, workers)
  }
}

/// One document to process, as the input enumeration found it.
enum DocumentInput: Sendable {
  case file(path: String, source: String, size: Int)
  case standardInput
  /// A JSONL line; `metadata` is its `metadata` object, serialized,
  /// `language` its `lang`, `translation` its English `translation`.
  case inline(
    id: String, text: String, source: String, metadata: [UInt8]? = nil, language: Language? = nil,
    translation: String? = nil)
  /// A file's bytes already in memory (the fuzzer's documents).
  case bytes(id: String, bytes: [UInt8], source: String)
  case invalid(RelaisError, id: String)

  var id: String {
    switch self {
    case .file(_, let source, _): return DocumentIDs.id(forSource: source)
    case .standardInput: return "stdin"
    case .inline(let id, _, _, _, _, _): return id
    case .bytes(let id, _, _): return id
    case .invalid(_, let id): return id
    }
  }

  /// Where the document comes from, as error messages name it.
  var source: String {
    switch self {
    case .file(let path, _, _): return path
    case .standardInput: return InputFiles.standardInputName
    case .inline(_, _, let origin, _, _, _): return origin
    case .bytes(_, _, let source): return source
    case .invalid(let error, let id): return error.path ?? id
    }
  }

  /// Bytes, where known before reading, for progress and for choosing to
  /// stream a large document rather than buffer it.
  var size: Int {
    switch self {
    case .file(_, _, let size): return size
    case .inline(_, let text, _, _, _, _): return text.utf8.count
    case .bytes(_, let bytes, _): return bytes.count
    case .standardInput, .invalid: return 0
    }
  }
}

/// What every document of a run shares: provenance and the compiled
/// glossaries.
struct RunContext: Sendable {
  var provenance: Provenance
  var matcher: TermMatcher?
  /// The glossaries compiled for English documents.
  var englishMatcher: TermMatcher?
  var cache: RecordCache?
  var entityModel: EntityModel?
  var recognition = EntityRecognition.both
  /// The language of documents that do not name theirs (`--lang`).
  var language = Language.french
  /// Where French documents' translations are (`--translations`).
  var translations: String?
  /// The glossaries loaded, for the coverage report.
  var glossaries: [Glossary] = []
  /// Each document's records are tapped for coverage.
  var collectsCoverage = false

  /// Every problem of the glossaries, reported together.
  struct GlossaryProblems: Error {
    var problems: [RelaisError]
  }

  init(provenance: Provenance, matcher: TermMatcher?) {
    self.provenance = provenance
    self.matcher = matcher
  }

  /// The document record carries the text (`--with-text`).
  var withText = false

  /// A pipeline for one worker, as far as `until`.
  func pipeline(until: RunStage) -> Pipeline? {
    try? Pipeline(
      until: until, matcher: matcher, englishMatcher: englishMatcher, provenance: provenance,
      entityModel: entityModel,
      recognition: recognition)
  }

  init(_ options: RunOptions) throws(GlossaryProblems) {
    recognition = options.recognition
    language = options.language
    translations = options.translations
    // The model is read before anything is written: a missing or damaged
    // file stops the run (exit 2) with its name. Without the extract
    // stage, no model is needed.
    if options.until >= .extract {
      do {
        entityModel = try EntityModelLocation.load(
          given: options.entityModel, for: options.recognition)
      } catch {
        throw GlossaryProblems(problems: [error])
      }
    }
    let modelProvenance = entityModel.map { ModelProvenance(id: $0.id, sha256: $0.sha256) }
    guard let directory = options.glossaries else {
      provenance = Provenance()
      provenance.entityModel = modelProvenance
      matcher = nil
      return
    }
    let (glossaries, problems) = GlossaryLoader.load(directory: directory)
    guard problems.isEmpty else { throw GlossaryProblems(problems: problems) }
    self.glossaries = glossaries
    provenance = Provenance(
      glossaries: glossaries.map { GlossaryProvenance(id: $0.id, sha256: $0.sha256) })
    provenance.entityModel = modelProvenance
    do {
      let matcher = try TermMatcher(glossaries: glossaries)
      self.matcher = matcher
      englishMatcher = try matcher.compiled(for: .english)
    } catch {
      throw GlossaryProblems(problems: [error])
    }
  }

  /// The context with the cache `options` names opened.
  func withCache(_ options: RunOptions) throws(RelaisError) -> RunContext {
    var context = self
    context.withText = options.withText
    context.collectsCoverage = options.coverageJSON != nil || options.coverageTable != nil
    guard let folder = options.cache else { return context }
    context.cache = try RecordCache(
      folder: folder, until: options.until, withText: options.withText, provenance: provenance)
    return context
  }
}

/// The result of processing one document.
struct DocumentOutcome: Sendable {
  var failure: RelaisError?
  /// The output failed while the document was written: the run stops.
  var outputFailure: RelaisError?
  /// The cache could not keep the document's records (reported once).
  var cacheWarning: String? = nil
  /// The records came from the cache.
  var fromCache = false
  var bytesRead: Int
  /// The coverage of the document's records, when the run reports it.
  var coverage: CoverageTap? = nil
}

/// `relais run`: the whole pipeline over files, folders, standard input or
/// JSONL lines; records out in input order, whatever the number of
/// workers.
public enum RunJob {
  /// Documents at least this large are streamed to the output alone
  /// rather than buffered beside others.
  static let streamingThreshold = 16 << 20
  /// A window of documents processed in parallel holds at most this many
  /// input bytes.
  static let windowBytes = 8 << 20

  public static func run(_ options: RunOptions) -> ExitStatus {
    // A bad glossary stops the run before any output.
    var context: RunContext
    do {
      context = try RunContext(options)
    } catch {
      for problem in error.problems { reportError(problem) }
      return .usage
    }
    do {
      context = try context.withCache(options)
    } catch {
      reportError(error)
      return .usage
    }
    let output: OutputFile
    do {
      output = try OutputFile(path: options.output, cleanUpOnInterrupt: true)
    } catch {
      reportError(error)
      return .usage
    }
    var session = RunSession(options: options, context: context, sink: output.sink)
    do {
      switch options.input {
      case .text:
        let inputs = InputEnumeration.textInputs(options.paths, root: options.root)
        session.tally.progress.totalBytes = inputs.reduce(0) { $0 + $1.size }
        for input in inputs { try session.add(input) }
      case .jsonl:
        try InputEnumeration.forEachJSONLInput(options.paths) { input throws(RelaisError) in
          try session.add(input)
        }
      }
      try session.finish()
      finishCache(context.cache, warned: session.tally.warnedAboutCache)
      // The report before the records are committed: a run that cannot
      // write it leaves neither.
      if let coverage = session.tally.coverage {
        try writeCoverage(coverage, options, context.glossaries)
      }
      try output.commit()
    } catch {
      // Only the output fails here (disk full, a closed pipe): the run
      // cannot be done, which is exit 2, not "some documents failed".
      output.abandon()
      finishCache(context.cache, warned: session.tally.warnedAboutCache)
      session.tally.progress.finish()
      reportError(error)
      return .usage
    }
    session.tally.progress.finish()
    if !options.quiet {
      let cached =
        options.cache == nil
        ? ""
        : " (\(session.documents - session.tally.fromCache) processed, \(session.tally.fromCache) from the cache)"
      FileHandle.standardError.write(
        Data("relais: \(session.documents) documents\(cached), \(session.failed) failed\n".utf8))
    }
    return session.failed > 0 ? .failure : .success
  }

  /// The state of one run: the output, the window of documents waiting to
  /// be processed together, and the counts for the summary.
  private struct RunSession: ~Copyable {
    let options: RunOptions
    let context: RunContext
    let sink: ByteSink
    var writer: JSONLWriter
    var tally: Tally
    var window: [DocumentInput] = []
    var windowSize = 0
    /// Every id given out so far, and the source that took it.
    var sourcesByID: [String: String] = [:]
    /// The pipeline for documents streamed alone (workers have their own).
    var pipeline: Pipeline?

    init(options: RunOptions, context: RunContext, sink: ByteSink) {
      self.options = options
      self.context = context
      self.sink = sink
      writer = JSONLWriter(sink: sink)
      pipeline = context.pipeline(until: options.until)
      tally = Tally(progress: Progress(enabled: !options.quiet && isatty(2) != 0))
      if context.collectsCoverage { tally.coverage = CoverageTap() }
    }

    var documents: Int { tally.documents }
    var failed: Int { tally.failed }

    mutating func add(_ input: DocumentInput) throws(RelaisError) {
      let input = unique(input)
      guard input.size < streamingThreshold else {
        // A large document goes out alone, streamed, after those before it.
        try processWindow()
        try writer.flush()
        if context.collectsCoverage { writer.tap = CoverageTap() }
        var outcome = render(input, with: &pipeline, context, into: &writer)
        if let outputFailure = outcome.outputFailure { throw outputFailure }
        try writer.flush()
        outcome.coverage = writer.tap
        writer.tap = nil
        tally.count(outcome, size: input.size)
        return
      }
      window.append(input)
      windowSize += input.size
      if window.count >= options.workers * 16 || windowSize >= windowBytes { try processWindow() }
    }

    /// `input`, or an error in its place when an earlier document of the
    /// run took its id: ids are unique within a run, whatever the input.
    private mutating func unique(_ input: DocumentInput) -> DocumentInput {
      let id = input.id
      guard let earlier = sourcesByID[id] else {
        sourcesByID[id] = input.source
        return input
      }
      guard case .invalid = input else {
        return .invalid(
          RelaisError(
            .duplicateDocumentID,
            "document id \"\(id)\" is already taken by \(earlier) in this run; this document is not processed (rename it, or run the two apart)",
            path: input.source),
          id: id)
      }
      return input
    }

    mutating func finish() throws(RelaisError) {
      try processWindow()
      try writer.flush()
    }

    private mutating func processWindow() throws(RelaisError) {
      guard !window.isEmpty else { return }
      try writer.flush()
      tally = try renderInOrder(window, options, context, sink, tally)
      window.removeAll(keepingCapacity: true)
      windowSize = 0
    }
  }

  /// Counts for the summary and the progress line.
  struct Tally: Sendable {
    var progress: Progress
    var documents = 0
    var failed = 0
    var warnedAboutCache = false
    var fromCache = 0
    /// The coverage of the documents counted so far, in input order.
    var coverage: CoverageTap?

    mutating func count(_ outcome: DocumentOutcome, size: Int) {
      documents += 1
      if let failure = outcome.failure {
        failed += 1
        reportError(failure)
      }
      if outcome.fromCache { fromCache += 1 }
      if let documentCoverage = outcome.coverage { coverage?.absorb(documentCoverage) }
      if let warning = outcome.cacheWarning, !warnedAboutCache {
        warnedAboutCache = true
        FileHandle.standardError.write(Data((warning + "\n").utf8))
      }
      progress.advance(bytes: max(size, outcome.bytesRead))
    }
  }

  private struct Rendered: Sendable {
    var bytes: [UInt8]
    var outcome: DocumentOutcome
    var size: Int
  }

  /// What the workers share: results waiting for their turn, the index of
  /// the next one to write, whether some worker is writing, the tally.
  private struct OrderedOutput: Sendable {
    var ready: [Int: Rendered] = [:]
    var nextToWrite = 0
    var writing = false
    var failure: RelaisError?
    var tally: Tally
    /// Emptied buffers of written results, to hold later ones.
    var spareBuffers: [[UInt8]] = []
  }

  /// Renders the documents on all workers and writes them in input order as
  /// soon as each one's turn comes. No worker waits for another: the one
  /// that finds the next result ready writes it (and any that follow it)
  /// while the others go on rendering.
  private static func renderInOrder(
    _ inputs: [DocumentInput], _ options: RunOptions, _ context: RunContext, _ sink: ByteSink,
    _ tally: Tally
  ) throws(RelaisError) -> Tally {
    let shared = Mutex(OrderedOutput(tally: tally))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(options.workers, inputs.count)) { _ in
      // One buffer and one pipeline per worker, reused document after
      // document.
      var writer = JSONLWriter(sink: nil)
      var pipeline = context.pipeline(until: options.until)
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < inputs.count else { break }
        writer.reset()
        var outcome = render(inputs[index], with: &pipeline, context, into: &writer)
        if context.collectsCoverage {
          var tap = CoverageTap()
          writer.withBytes { tap.add($0) }
          outcome.coverage = tap
        }
        let size = inputs[index].size
        // Its turn already: write straight from the worker's buffer.
        let ownTurn = shared.withLock { state in
          guard !state.writing, state.failure == nil, state.nextToWrite == index else {
            return false
          }
          state.writing = true
          return true
        }
        if ownTurn {
          var failure: RelaisError?
          do throws(RelaisError) {
            try writer.withBytes { bytes throws(RelaisError) in try sink.write(bytes) }
          } catch {
            failure = error
          }
          shared.withLock { state in
            state.tally.count(outcome, size: size)
            state.failure = state.failure ?? failure
            state.nextToWrite += 1
            state.writing = false
          }
        } else {
          // Not yet: keep a copy, in a buffer recycled from those written.
          var bytes = shared.withLock { $0.spareBuffers.popLast() } ?? []
          writer.withBytes { bytes.append(contentsOf: $0) }
          let rendered = Rendered(bytes: bytes, outcome: outcome, size: size)
          shared.withLock { $0.ready[index] = rendered }
        }
        drain(shared, sink)
      }
      drain(shared, sink)
    }
    drain(shared, sink)
    return try shared.withLock { state throws(RelaisError) in
      if let failure = state.failure { throw failure }
      return state.tally
    }
  }

  /// Writes every result whose turn has come, unless another worker is
  /// writing (it will pick them up before it stops).
  private static func drain(_ shared: borrowing Mutex<OrderedOutput>, _ sink: ByteSink) {
    while true {
      let batch: [Rendered]? = shared.withLock { state in
        guard !state.writing, state.failure == nil else { return nil }
        var batch: [Rendered] = []
        while let rendered = state.ready.removeValue(forKey: state.nextToWrite) {
          batch.append(rendered)
          state.nextToWrite += 1
        }
        if batch.isEmpty { return nil }
        state.writing = true
        return batch
      }
      guard let batch else { return }
      var failure: RelaisError?
      for rendered in batch where failure == nil {
        do {
          try rendered.bytes.withUnsafeBufferPointer { buffer throws(RelaisError) in
            try sink.write(buffer)
          }
        } catch {
          failure = error
        }
      }
      shared.withLock { state in
        for var rendered in batch {
          state.tally.count(rendered.outcome, size: rendered.size)
          if state.spareBuffers.count < 8 {
            rendered.bytes.removeAll(keepingCapacity: true)
            state.spareBuffers.append(rendered.bytes)
          }
        }
        state.failure = state.failure ?? failure
        state.writing = false
      }
    }
  }

  /// Processes one document into `writer` with `pipeline`: its records as
  /// far as the pipeline's last stage, or, where a stage fails, the records
  /// before it and an error record naming that stage.
  static func render(
    _ input: DocumentInput, with pipeline: inout Pipeline?,
    _ context: RunContext = RunContext(provenance: Provenance(), matcher: nil),
    into writer: inout JSONLWriter
  ) -> DocumentOutcome {
    let id = input.id
    var bytesRead = 0
    do throws(PipelineFailure) {
      var document: DocumentSource
      do {
        document = try source(of: input, defaultLanguage: context.language)
      } catch {
        throw .stage(.read, error)
      }
      if let folder = context.translations, case .file(let path, let source, _) = input,
        document.language == .french, (pipeline?.until ?? .align) >= .align
      {
        do {
          document.translation = try translation(of: source, at: path, in: folder)
        } catch {
          throw .stage(.align, error)
        }
      }
      bytesRead = document.fileBytes.count
      // Records of the same bytes, names and run, kept by an earlier run.
      var cacheKey: String?
      if let cache = context.cache {
        let digest = DocumentInfo.sha256(of: document.fileBytes)
        document.sha256 = digest
        let key = cache.key(for: document, sha256: digest)
        if let records = cache.records(for: key) {
          records.withUnsafeBufferPointer { writer.raw($0) }
          var outcome = DocumentOutcome(bytesRead: bytesRead)
          outcome.fromCache = true
          return outcome
        }
        if writer.keepsEverything { cacheKey = key }
      }
      let start = writer.mark
      guard pipeline != nil else {
        throw .stage(
          .tokenize,
          RelaisError(.icuFailure, "ICU could not open a word break iterator", path: document.path))
      }
      var sink = RecordRenderer(withText: context.withText)
      try pipeline?.run(document, into: &sink, &writer)
      var outcome = DocumentOutcome(bytesRead: bytesRead)
      if let cache = context.cache, let cacheKey {
        outcome.cacheWarning = writer.withBytes(since: start) { cache.store($0, for: cacheKey) }
      }
      return outcome
    } catch {
      var failure = error.error
      if case .output = error {
        return DocumentOutcome(failure: nil, outputFailure: failure, bytesRead: bytesRead)
      }
      if case .inline(let documentID, _, let origin, _, _, _) = input {
        // A JSONL line is named by its id as well as its line (a line
        // number alone is ambiguous across the partitions of a batch
        // engine), and a place inside its text is not a place in the file:
        // the file's line is the origin, the text's own line and column
        // follow.
        let place = failure.location.map { location in
          " (line \(location.line), column \(location.column) of its \"text\")"
        }
        failure = RelaisError(
          failure.code, "document \"\(documentID)\": \(failure.message)\(place ?? "")",
          path: origin)
      }
      var stage = RunStage.read
      if case .stage(let failedStage, _) = error { stage = failedStage }
      try? RecordWriter.error(failure, documentID: id, stage: stage.rawValue, into: &writer)
      return DocumentOutcome(failure: failure, outputFailure: nil, bytesRead: bytesRead)
    }
  }

  /// Indexes what the run stored in the cache (what it stored is good
  /// whether or not the run ends well); warns once when that fails.
  private static func finishCache(_ cache: RecordCache?, warned: Bool) {
    guard let warning = cache?.finish(), !warned else { return }
    FileHandle.standardError.write(Data((warning + "\n").utf8))
  }

  /// Writes the coverage report the run collected where `options` say,
  /// each file whole or not at all.
  private static func writeCoverage(
    _ coverage: CoverageTap, _ options: RunOptions, _ glossaries: [Glossary]
  ) throws(RelaisError) {
    if let problem = coverage.problem {
      throw RelaisError(
        .outputFailure, "no coverage report: \(problem)",
        path: options.coverageJSON ?? options.coverageTable)
    }
    var collector = coverage.collector
    let report = collector.finish(glossaries: glossaries)
    if let path = options.coverageJSON {
      try OutputFile.write(CoverageJob.json(report, minimum: nil).bytes, to: path)
    }
    if let path = options.coverageTable {
      try OutputFile.write(Array((CoverageJob.table(report) + "\n").utf8), to: path)
    }
  }

  /// The translation of the corpus file `source` (a path relative to the
  /// corpus folder) in `folder`: `x.txt` by `x.en.txt`. None is a warning
  /// on standard error (E008): the document is processed without its
  /// English side. A translation that is no text is the document's error.
  private static func translation(of source: String, at documentPath: String, in folder: String)
    throws(RelaisError) -> String?
  {
    let path = AlignJob.translationPath(forID: DocumentIDs.id(forSource: source), in: folder)
    guard FileManager.default.fileExists(atPath: path) else {
      FileHandle.standardError.write(
        Data(
          "\(documentPath): warning[\(ErrorCode.unpairedText.rawValue)]: no translation: expected \(path); processed without its English side\n"
            .utf8))
      return nil
    }
    return try InputFiles.sourceText(at: path).requiredText()
  }

  /// The bytes and names of a document, read from where the input says.
  /// The document `input` names, in the language its JSONL line or its
  /// file name gives (`Language`), or else `defaultLanguage`.
  private static func source(of input: DocumentInput, defaultLanguage: Language)
    throws(RelaisError) -> DocumentSource
  {
    var document: DocumentSource
    switch input {
    case .file(let path, let source, _):
      document = DocumentSource(
        id: input.id, source: source, path: path, fileBytes: try InputFiles.bytes(at: path))
      document.language = Language.named(by: Substring(path)) ?? defaultLanguage
    case .standardInput:
      document = DocumentSource(
        id: input.id, source: InputFiles.standardInputPath, path: InputFiles.standardInputName,
        fileBytes: try InputFiles.bytes(at: InputFiles.standardInputPath))
      document.language = defaultLanguage
    case .inline(let id, let text, let origin, let metadata, let language, let translation):
      // A JSONL text is the text: a U+FEFF at its start is one of its
      // code points, counted in offsets like any other.
      document = DocumentSource(
        id: id, source: origin, path: origin, fileBytes: Array(text.utf8), byteOrderMark: .kept)
      document.metadata = metadata
      document.language = language ?? defaultLanguage
      document.translation = translation
    case .bytes(let id, let bytes, let origin):
      document = DocumentSource(id: id, source: origin, path: origin, fileBytes: bytes)
      document.language = defaultLanguage
    case .invalid(let error, _):
      throw error
    }
    return document
  }
}

extension DocumentOutcome {
  init(bytesRead: Int) {
    self.init(failure: nil, outputFailure: nil, bytesRead: bytesRead)
  }
}
