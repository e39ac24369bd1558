import ArgumentParser
import Foundation
import RelaisKit

@main
struct Relais: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "relais",
    abstract: "A French→English corpus pipeline on ICU.",
    version: RelaisVersion.current,
    subcommands: [Tokenize.self, Eval.self])

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

struct Tokenize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split a French document into sentences and tokens.")

  @Argument(help: "A UTF-8 text file, or - for standard input.")
  var path: String = "-"

  @Option(
    help: "Output format: \(SentenceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: SentenceFormat = .conllu

  func run() throws {
    let status = TokenizeJob.run(path: path, format: format, to: .standardOutput)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure Relais against gold data.", subcommands: [UD.self])

  struct UD: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Tokenize a UD CoNLL-U file's raw text and print Tokens and Sentences P/R/F1 (CoNLL 2018 method)."
    )

    @Argument(help: "A gold CoNLL-U file.")
    var gold: String

    func run() throws {
      do {
        print(EvalUDJob.report(try EvalUDJob.evaluate(goldPath: gold)))
      } catch {
        reportError(error)
        throw ExitCode(ExitStatus.usage.rawValue)
      }
    }
  }
}
