import ArgumentParser
import Foundation
import RelaisKit

@main
struct Relais: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "relais",
    abstract: "A French→English corpus pipeline on ICU.",
    version: RelaisVersion.current,
    subcommands: [
      Run.self, Tokenize.self, Align.self, Coverage.self, Render.self, Export.self,
      GlossaryCommand.self, Eval.self,
      Train.self,
    ])

  /// DESIGN.md's exit codes: bad usage is 2 (ArgumentParser's default is 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
      }
      exit(withError: error)
    }
  }
}

extension SentenceFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension ExportJob.Format: ExpressibleByArgument {}
extension GlossaryJobs.ImportFormat: ExpressibleByArgument {}
extension GlossaryJobs.ExportFormat: ExpressibleByArgument {}
extension EntityRecognition: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension AlignJob.OutputFormat: ExpressibleByArgument {}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the pipeline over documents and write JSONL records.",
    discussion: """
      Paths are files, folders (every .txt below, sorted) or - for standard input; \
      with none, standard input is read. Records come out in input order. A bad \
      document gives an error record and a message on standard error, the others \
      are still processed, and the exit code is 1.
      """)

  @Argument(help: "Files, folders or - (standard input).")
  var paths: [String] = []

  @Option(help: "A folder of glossaries (.yaml) to map terms with.")
  var glossaries: String?

  @Option(
    help:
      "A folder of English translations: x.txt of the corpus is translated by x.en.txt there (subfolders alike), and gets the English side."
  )
  var translations: String?

  @Option(help: "Name sources relative to this folder (default: the folder given).")
  var root: String?

  @Option(help: "Write the records to this file (atomically) instead of standard output.")
  var out: String?

  @Option(
    help:
      "Stop after this stage: \(RunStage.allCases.map(\.rawValue).joined(separator: ", ")) (default: all)."
  )
  var until: String = RunStage.align.rawValue

  @Option(
    help:
      "Input: text documents, or jsonl lines of {\"id\": …, \"text\": …} (with \"translation\", the English side runs too)."
  )
  var input: InputFormat = .text

  @Option(help: "Documents processed at once (default: the number of cores).")
  var jobs: Int?

  @Option(
    help:
      "Keep each document's records in this folder by content; later runs reprocess only what changed."
  )
  var cache: String?

  @Flag(
    help:
      "Put each document's text in its document record, so the records stand on their own."
  )
  var withText = false

  @Option(help: "Names (PER, LOC, ORG, MISC) from: rules, model or both.")
  var ner: EntityRecognition = .both

  @Option(help: "The entity model file (default: the one shipped beside relais).")
  var nerModel: String?

  @Option(
    help:
      "The language of documents that name none (a JSONL \"lang\", a file name like x.en.txt): fr or en."
  )
  var lang: Language = .french

  @Option(
    help:
      "Also write the coverage report of the records, as relais coverage --json writes it, to this file (collected while writing: the records are not read back)."
  )
  var coverageJson: String?

  @Option(help: "Also write the coverage table relais coverage prints to this file.")
  var coverageTable: String?

  @Flag(help: "No progress line and no summary on standard error.")
  var quiet = false

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    _ = try stage()
    let outputs = [
      ("--out", out), ("--coverage-json", coverageJson), ("--coverage-table", coverageTable),
    ]
    .compactMap { name, path in path.map { (name, $0) } }
    for (index, output) in outputs.enumerated() {
      if let earlier = outputs[..<index].first(where: { $0.1 == output.1 }) {
        throw ValidationError(
          "\(earlier.0) and \(output.0) name the same file, \(output.1): one would overwrite the other"
        )
      }
    }
  }

  /// `--until` as a stage; the stage names of version 1 that changed say
  /// what they became.
  func stage() throws -> RunStage {
    if let stage = RunStage(rawValue: until) { return stage }
    if until == "map" {
      throw ValidationError(
        "--until map is now --until match (terms, no entities); every stage runs by default")
    }
    throw ValidationError(
      "--until \(until): not a stage (\(RunStage.allCases.map(\.rawValue).joined(separator: ", ")))"
    )
  }

  func run() throws {
    var options = RunOptions(
      paths: paths, glossaries: glossaries, root: root, output: out, until: try stage(),
      input: input,
      quiet: quiet)
    if let jobs { options.workers = jobs }
    options.cache = cache
    options.withText = withText
    options.recognition = ner
    options.entityModel = nerModel
    options.language = lang
    options.translations = translations
    options.coverageJSON = coverageJson
    options.coverageTable = coverageTable
    let status = RunJob.run(options)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Tokenize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split a French or English document into sentences and tokens.")

  @Argument(help: "A UTF-8 text file, or - for standard input.")
  var path: String = "-"

  @Option(
    help: "Output format: \(SentenceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: SentenceFormat = .conllu

  @Option(help: "Name the document relative to this folder, as relais run --root does.")
  var root: String?

  @Option(help: "The language: fr or en (default: the file name's, like x.en.txt, or fr).")
  var lang: Language?

  func run() throws {
    let status = TokenizeJob.run(path: path, root: root, format: format, language: lang)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Align: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Align French texts with their English translations, sentence by sentence.",
    discussion: """
      Two files (French, then English); two folders, where Corpus/x.txt is \
      translated by Translations/x.en.txt; with --input jsonl one file (or -) of \
      lines {"id": …, "text": …, "translation": …}; or with --input tmx a TMX file \
      whose translation units are already aligned. Writes alignment records: per \
      bead its kind (1-1, 1-0, 0-1, 2-1, 1-2), a score from 0 to 1, and the span of \
      each side in code points of its text. With --glossaries, each French term then \
      gets a term_check record after its bead: rendered (with the English term), \
      missing, forbidden (a forbidden English term used) or not_kept (a name to keep, \
      changed). With --to tmx, writes TMX 1.4b instead: a translation unit per bead \
      that pairs sentences, with a note for each term not rendered.
      """)

  @Argument(
    help:
      "The French file and the English file, the two folders, or one JSONL or TMX file with --input jsonl or tmx."
  )
  var paths: [String] = []

  @Option(
    help: "Input: two text files or folders (text), jsonl lines with text and translation, or tmx."
  )
  var input: AlignInput = .text

  @Option(help: "Output: jsonl records, or tmx (TMX 1.4b for CAT tools).")
  var to: AlignJob.OutputFormat = .jsonl

  @Option(help: "A folder of glossaries (.yaml) whose terms to check in the translations.")
  var glossaries: String?

  @Option(help: "Write the records to this file (atomically) instead of standard output.")
  var out: String?

  func validate() throws {
    switch input {
    case .text where paths.count != 2:
      throw ValidationError("give the French file and the English file, or the two folders")
    case .jsonl where paths.count > 1, .tmx where paths.count > 1:
      throw ValidationError("--input \(input.rawValue) reads one file (or -)")
    default: break
    }
  }

  func run() throws {
    let source: AlignJob.Input
    switch input {
    case .jsonl: source = .jsonl(paths.first ?? "-")
    case .tmx: source = .tmx(paths.first ?? "-")
    case .text: source = .files(french: paths[0], english: paths[1])
    }
    let status = AlignJob.run(source, glossaries: glossaries, format: to, output: out)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

/// What `relais align` reads.
enum AlignInput: String, ExpressibleByArgument, CaseIterable {
  case text, jsonl, tmx
}

struct Coverage: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Report how well the glossaries cover a processed corpus, and gate on it.",
    discussion: """
      The ratio is acronym coverage: the share of acronym mentions (tokens of 2 to 10 \
      capitals) inside a glossary term. Below --min, the command says what fell \
      short and exits 1. With --translations (the records of relais align \
      --glossaries), it also reports translation consistency, the share of French \
      terms rendered by their entry's English terms, and gates on --min-consistency.
      """)

  @Argument(help: "The JSONL records of relais run, or - for standard input.")
  var corpus: String

  @Option(help: "The glossaries the corpus was mapped with (for entries never found).")
  var glossaries: String?

  @Option(help: "Fail (exit 1) when acronym coverage is below this ratio (0 to 1).")
  var min: Double?

  @Option(
    help:
      "The records of relais align --glossaries, whose term checks give translation consistency (those of the corpus count too)."
  )
  var translations: String?

  @Option(
    help:
      "Fail (exit 1) when translation consistency (French terms rendered by their entry's English terms, from the term_check records) is below this ratio (0 to 1)."
  )
  var minConsistency: Double?

  @Option(help: "Also write the report as JSON to this file.")
  var json: String?

  @Flag(
    help:
      "Fail (exit 1) when the glossaries given differ from those the corpus was made with (default: a warning)."
  )
  var strict = false

  @Option(
    help:
      "Write glossary entry stubs for the acronyms and names without an entry to this YAML file.")
  var suggest: String?

  func validate() throws {
    if let min, !(0...1).contains(min) { throw ValidationError("--min is a ratio from 0 to 1") }
    if let minConsistency, !(0...1).contains(minConsistency) {
      throw ValidationError("--min-consistency is a ratio from 0 to 1")
    }
  }

  func run() throws {
    let status = CoverageJob.run(
      corpus: corpus, glossaries: glossaries, minimum: min, jsonOutput: json, strict: strict,
      suggest: suggest, translations: translations, minimumConsistency: minConsistency)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the records of relais run as a static HTML site to read them by.",
    discussion: """
      index.html lists the documents (with a search box); each document's page shows \
      its text with entities, glossary terms and acronym definitions marked; \
      coverage.html shows the acronyms and names without an entry in their sentences. \
      The pages need no server and no network. The text comes from the records \
      (relais run --with-text) or from the source files, read again under --sources \
      and used only if unchanged. DIR is replaced only if it is empty or a site \
      relais render wrote.
      """)

  @Argument(help: "The JSONL records of relais run, or - for standard input.")
  var records: String

  @Option(help: "The folder to write the site to.")
  var out: String

  @Option(help: "The glossaries the corpus was mapped with (for entries never found).")
  var glossaries: String?

  @Option(
    help:
      "A folder the run named its sources from (a folder given to relais run); may be repeated."
  )
  var sources: [String] = []

  func run() throws {
    let status = RenderJob.run(
      records: records, output: out, glossaries: glossaries, sources: sources)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write records (from relais run --with-text) as documents with span attributes.",
    discussion: """
      One {"id", "text", "source", "metadata", "attributes"} line a document, the shape \
      Dolma and datatrove read; attributes are [start, end, value] spans in code points. \
      The output reads back with relais run --input jsonl.
      """)

  @Option(help: "The format: \(ExportJob.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
  var to: ExportJob.Format = .dolma

  @Argument(help: "The JSONL records of relais run --with-text, or - for standard input.")
  var records: String

  @Option(help: "Write the documents to this file (atomically) instead of standard output.")
  var out: String?

  func run() throws {
    let status = ExportJob.run(records: records, format: to, output: out)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary", abstract: "Glossary upkeep.",
    subcommands: [Lint.self, Import.self, Export.self])

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a TBX-Basic (v2 or v3) or CSV/TSV glossary to the native YAML.")

    @Option(help: "The format of FILE: tbx or csv (tsv is read as csv).")
    var from: GlossaryJobs.ImportFormat

    @Argument(help: "The file to import.")
    var file: String

    @Option(help: "The glossary's id (default: from the file name).")
    var id: String?

    @Option(help: "Write the YAML here instead of standard output.")
    var out: String?

    func run() throws {
      let status = GlossaryJobs.importGlossary(from: from, file: file, id: id, output: out)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a glossary as TBX-Basic, which imports back without loss.")

    @Option(
      help:
        "The format: tbx2 (TBX v2, martif, with its DOCTYPE; tbx says the same) or tbx3 (TBX v3).")
    var to: GlossaryJobs.ExportFormat = .tbx

    @Argument(help: "A glossary file (.yaml).")
    var file: String

    @Option(help: "Write here instead of standard output.")
    var out: String?

    func run() throws {
      let status = GlossaryJobs.exportTBX(file: file, format: to, output: out)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }

  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a folder of glossaries: fields, types, languages, ids and terms.")

    @Argument(help: "A folder of .yaml glossaries.")
    var directory: String = "Glossaries"

    func run() throws {
      let status = GlossaryJobs.lint(directory: directory)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure Relais against gold data.", subcommands: [UD.self, NER.self])

  struct NER: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Run the whole pipeline on the raw text of a named-entity gold file and print P/R/F1 by label.",
      discussion: """
        GOLD has one token a line (TOKEN TAG, or INDEX<TAB>TOKEN<TAB>TAG), a blank line \
        between sentences, IOB2 or IO tags. Each sentence's text is rebuilt from its \
        tokens and read like any document. IOB2 gold is scored by exact span and type; \
        IO gold at its tokens.
        """)

    @Argument(help: "The gold file.")
    var gold: String

    @Option(help: "Names from: rules, model or both (default: both).")
    var ner: EntityRecognition = .both

    @Option(help: "The entity model (default: the one shipped with Relais).")
    var nerModel: String?

    @Option(help: "A folder of glossaries (.yaml) to map terms with.")
    var glossaries: String?

    @Option(
      help:
        "Try other scores for --ner both: RETYPE,REPLACE,ADD,ADD_OPENING (the model's score to retype a rule's name, replace overlapping ones, add a new one, add a lone word opening a clause)."
    )
    var precedence: String?

    func thresholds() throws -> [Double]? {
      guard let precedence else { return nil }
      let values = precedence.split(separator: ",").compactMap { Double($0) }
      guard values.count == 4, values.allSatisfy({ (0...1.01).contains($0) }) else {
        throw ValidationError(
          "--precedence takes four scores from 0 to 1: RETYPE,REPLACE,ADD,ADD_OPENING")
      }
      return values
    }

    func validate() throws { _ = try thresholds() }

    func run() throws {
      let status = EvalNERJob.run(
        goldPath: gold, recognition: ner, model: nerModel, glossaries: glossaries,
        precedence: try thresholds())
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }

  struct UD: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Tokenize a UD CoNLL-U file's raw text and print Tokens and Sentences P/R/F1 (CoNLL 2018 method)."
    )

    @Argument(help: "A gold CoNLL-U file.")
    var gold: String

    @Option(help: "The rules to score: fr or en (default: the file name's, like en_ewt-…, or fr).")
    var lang: Language?

    func run() throws {
      let status = EvalUDJob.run(goldPath: gold, language: lang)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}

struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Train models Relais runs.", subcommands: [NER.self])

  struct NER: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train an entity model (averaged perceptron over BIO tags) from IOB2 data.",
      discussion: """
        TRAIN and DEV have one token a line (TOKEN TAG, or INDEX<TAB>TOKEN<TAB>TAG) and a \
        blank line between sentences. The text is rebuilt and read by Relais's own \
        tokenizer and rules, so the model learns from what it sees at run time. The same \
        data and seed give the same model bytes.
        """)

    @Argument(help: "The training data.")
    var train: String

    @Option(help: "Dev data: scored each epoch; the best epoch is kept.")
    var dev: String?

    @Option(help: "Write the model here.")
    var out: String

    @Option(help: "The model's id, which provenance names.")
    var id: String = "ner-custom"

    @Option(help: "Passes over the training data.")
    var epochs: Int = 12

    @Option(help: "The seed of the training order.")
    var seed: UInt64 = 1

    @Option(help: "Keep only features seen at least this many times in training.")
    var minCount: Int = 2

    @Option(help: "A folder of glossaries, whose matches become features.")
    var glossaries: String?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
      if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
      if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
    }

    func run() throws {
      var options = TrainNERJob.Options(train: train, dev: dev, output: out, id: id)
      options.epochs = epochs
      options.seed = seed
      options.minimumCount = minCount
      options.glossaries = glossaries
      options.quiet = quiet
      let status = TrainNERJob.run(options)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
