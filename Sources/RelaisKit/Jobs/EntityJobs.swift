import Foundation

/// Where `relais run` finds the entity model when no `--ner-model` names
/// one: `RELAIS_NER_MODEL`, else the model shipped beside the executable
/// (SwiftPM copies it into the `Relais_RelaisKit.resources` folder next
/// to the binary).
package enum EntityModelLocation {
  package static let fileName = "ner-fr.model"
  static let resourceFolder = "Relais_RelaisKit.resources"

  package static func path(given: String?) -> String {
    if let given { return given }
    if let variable = ProcessInfo.processInfo.environment["RELAIS_NER_MODEL"], !variable.isEmpty {
      return variable
    }
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments.first ?? "relais"
    let folder = (executable as NSString).deletingLastPathComponent
    return (folder as NSString).appendingPathComponent(resourceFolder + "/" + fileName)
  }

  /// The model `relais run` uses for `recognition` (none for `.rules`).
  package static func load(given: String?, for recognition: EntityRecognition) throws(RelaisError)
    -> EntityModel?
  {
    guard recognition != .rules else { return nil }
    let path = path(given: given)
    do {
      return try EntityModelFile.load(path: path)
    } catch {
      guard error.code == .missingEntityModel else { throw error }
      var missing = error
      missing.message += " (give --ner-model FILE, set RELAIS_NER_MODEL, or use --ner rules)"
      throw missing
    }
  }
}

/// `relais train ner`: an entity model from IOB2 data, with a dev score
/// each epoch.
public enum TrainNERJob {
  public struct Options: Sendable {
    public var train: String
    public var dev: String?
    public var output: String
    public var id: String
    public var epochs = 12
    public var seed: UInt64 = 1
    /// Features seen fewer times are dropped.
    public var minimumCount = 2
    public var glossaries: String?
    public var quiet = false

    public init(train: String, dev: String?, output: String, id: String) {
      self.train = train
      self.dev = dev
      self.output = output
      self.id = id
    }
  }

  /// Exit 2 for data that cannot be used or a model that cannot be
  /// written.
  public static func run(_ options: Options) -> ExitStatus {
    do {
      _ = try train(options)
      return .success
    } catch {
      reportError(error)
      return .usage
    }
  }

  package static func train(_ options: Options) throws -> EntityModel {
    let log = Log(quiet: options.quiet)
    let matcher = try glossaryMatcher(options.glossaries)
    let trainGold = try read(options.train)
    let tags = EntityTagSet(
      labels: [EntityLabel.person, .location, .organisation, .misc].filter {
        trainGold.labels.contains($0)
      })
    guard !tags.labels.isEmpty else {
      throw RelaisError(.malformedEntityData, "no entity in the training data", path: options.train)
    }
    let train = try EntityCorpus(
      trainGold, tags: tags, matcher: matcher, names: .jackknifed(folds: 10))
    log.say(
      "train: \(train.instances.count) sentences, \(train.entities) entities (\(train.unaligned) not on Relais token edges)"
    )
    var dev = EntityCorpus()
    if let devPath = options.dev {
      dev = try EntityCorpus(
        try read(devPath), tags: tags, matcher: matcher, names: .given(train.gazetteer))
      log.say("dev: \(dev.instances.count) sentences, \(dev.entities) entities")
    }
    let trainer = PerceptronTrainer(
      tags: tags,
      options: PerceptronTrainer.Options(
        epochs: options.epochs, seed: options.seed, minimumCount: options.minimumCount))
    let hasDev = options.dev != nil
    func report(_ report: PerceptronTrainer.EpochReport) {
      let seconds = String(format: "%.1f", report.seconds)
      guard hasDev else {
        log.say("epoch \(report.epoch): \(seconds) s")
        return
      }
      log.say(
        "epoch \(report.epoch): dev P \(percent(report.score.precision)) R \(percent(report.score.recall)) F1 \(percent(report.score.f1)) (exact spans of Relais tokens; \(seconds) s)"
      )
    }
    let tagger = trainer.train(
      train.instances, dev: dev.instances,
      progress: { done, total in log.progress("sentence \(done)/\(total)") }, report: report)
    let bytes = EntityModelFile.encode(tagger, gazetteer: train.gazetteer, id: options.id)
    try OutputFile.write(bytes, to: options.output)
    log.say(
      "wrote \(options.output): \(tagger.hashes.count) features, \(train.gazetteer.nameCount) names, \(bytes.count) bytes, confidence scale \(tagger.scoreScale)"
    )
    return try EntityModelFile.decode(bytes, path: options.output)
  }

  static func read(_ path: String) throws -> EntityGold {
    let source = try SourceText(fileBytes: try InputFiles.bytes(at: path), path: path)
    return try EntityGold(String(decoding: source.bytes, as: UTF8.self), path: path)
  }

  /// The glossaries of `directory` compiled, or nil without one; the
  /// first problem stops the job.
  static func glossaryMatcher(_ directory: String?) throws -> TermMatcher? {
    guard let directory else { return nil }
    let (glossaries, problems) = GlossaryLoader.load(directory: directory)
    if let problem = problems.first { throw problem }
    return try TermMatcher(glossaries: glossaries)
  }

  static func percent(_ value: Double) -> String { String(format: "%.2f", value * 100) }

  /// Standard error, with a progress line only on a terminal.
  struct Log {
    let quiet: Bool
    let terminal = isatty(2) != 0

    func say(_ line: String) {
      guard !quiet else { return }
      FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }

    func progress(_ line: String) {
      guard !quiet, terminal else { return }
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }
  }
}

/// `relais eval ner`: exact span and type P/R/F1 of the whole pipeline on
/// gold entity data.
public enum EvalNERJob {
  /// `precedence`: retype, replace and add scores to try instead of
  /// `EntityPrecedence.Thresholds`' defaults.
  public static func run(
    goldPath: String, recognition: EntityRecognition, model: String?, glossaries: String?,
    precedence: [Double]? = nil
  ) -> ExitStatus {
    do {
      var thresholds: EntityPrecedence.Thresholds?
      if let precedence, precedence.count == 4 {
        var given = EntityPrecedence.Thresholds()
        given.retype = precedence[0]
        given.replace = precedence[1]
        given.add = precedence[2]
        given.addOpeningWord = precedence[3]
        thresholds = given
      }
      let evaluation = try evaluate(
        goldPath: goldPath, recognition: recognition, model: model, glossaries: glossaries,
        thresholds: thresholds)
      try OutputFile.write(Array((report(evaluation) + "\n").utf8), to: nil)
      return .success
    } catch {
      reportError(error)
      return .usage
    }
  }

  package static func evaluate(
    goldPath: String, recognition: EntityRecognition, model modelPath: String?,
    glossaries: String?, thresholds: EntityPrecedence.Thresholds? = nil,
    using given: EntityModel? = nil
  ) throws -> EntityEvaluation {
    let gold = try TrainNERJob.read(goldPath)
    let matcher = try TrainNERJob.glossaryMatcher(glossaries)
    let model =
      recognition == .rules
      ? nil : try given ?? EntityModelLocation.load(given: modelPath, for: recognition)
    var pipeline = try Pipeline(
      until: .extract, matcher: matcher, entityModel: model, recognition: recognition)
    if let thresholds { pipeline.setEntityThresholds(thresholds) }
    return try EntityEvaluation(gold: gold, pipeline: &pipeline)
  }

  package static func report(_ evaluation: EntityEvaluation) -> String {
    func row(_ name: String, _ score: SpanScore) -> String {
      func percent(_ value: Double) -> String { String(format: "%6.2f", value * 100) }
      return
        "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(percent(score.precision)) \(percent(score.recall)) \(percent(score.f1))  (gold \(score.gold), system \(score.system), matched \(score.matched))"
    }
    var lines = [
      "Entities (\(evaluation.scheme == .io ? "IO, read at the gold tokens" : "exact span and type"))",
      "Label      Precis Recall     F1",
    ]
    for label in evaluation.labels {
      lines.append(row(label.rawValue, evaluation.byLabel[label] ?? SpanScore()))
    }
    lines.append(row("All", evaluation.overall))
    return lines.joined(separator: "\n")
  }
}
