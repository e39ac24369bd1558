import Foundation
import RelaisKit
import Testing

/// Paths in the repository, found from this file's place in it.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  static var corpusArticle: String {
    path("Corpus/chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.txt")
  }
}

/// A new, empty folder under the system's temporary folder, named from
/// `prefix` and a UUID; the caller removes it.
func temporaryFolder(_ prefix: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "\(prefix)-\(UUID())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// Tokenizes a string and returns each sentence's token texts.
func sentenceTexts(_ text: String) throws -> [[String]] {
  try Pipeline().sentences(of: SourceText(string: text, path: "test")).map { $0.map(\.text) }
}

/// Every token text of a string, sentences flattened.
func tokenTexts(_ text: String) throws -> [String] {
  try sentenceTexts(text).flatMap { $0 }
}

/// Checks that slicing `text` at each token's code point offsets gives the
/// token's text: the offsets contract of DESIGN.md.
func expectOffsetsSliceText(
  _ text: String, _ tokens: [Token], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let scalars = Array(text.unicodeScalars)
  for token in tokens {
    guard token.start >= 0, token.end <= scalars.count, token.start < token.end else {
      Issue.record(
        "token \(token.text) has bad offsets \(token.start)..<\(token.end)",
        sourceLocation: sourceLocation)
      continue
    }
    var slice = String.UnicodeScalarView()
    slice.append(contentsOf: scalars[token.start..<token.end])
    #expect(String(slice) == token.text, sourceLocation: sourceLocation)
  }
}

/// Writing to a pipe whose reader has exited raises SIGPIPE, which kills
/// the whole test process (seen once in CI, signal 13, while a run that
/// had refused its input was being fed): ignored, the write fails instead.
func ignoreBrokenPipes() {
  signal(SIGPIPE, SIG_IGN)
}

/// The result of running the built `relais` binary.
struct CommandResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs a program to its end, reading both pipes before waiting so that a
/// large output cannot block it.
/// `inputFile` and `outputFile` put a file (`/dev/zero`, `/dev/full`) in
/// place of the input and output pipes.
func runProgram(
  _ executable: String, _ arguments: [String], input: Data? = nil, directory: URL? = nil,
  inputFile: String? = nil, outputFile: String? = nil
) throws -> CommandResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let output = Pipe()
  let error = Pipe()
  if let outputFile {
    process.standardOutput = FileHandle(forWritingAtPath: outputFile)
  } else {
    process.standardOutput = output
  }
  process.standardError = error
  let inputPipe = Pipe()
  if let inputFile {
    process.standardInput = FileHandle(forReadingAtPath: inputFile)
  } else {
    process.standardInput = inputPipe
  }
  ignoreBrokenPipes()
  try process.run()
  // A run that stops reading early (it refused the input) closes its end:
  // the rest of the input is not its business, nor a reason to fail here.
  if let input { try? inputPipe.fileHandleForWriting.write(contentsOf: input) }
  try inputPipe.fileHandleForWriting.close()
  try output.fileHandleForWriting.close()
  let outputData = output.fileHandleForReading.readDataToEndOfFile()
  let errorData = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus,
    standardOutput: String(decoding: outputData, as: UTF8.self),
    standardError: String(decoding: errorData, as: UTF8.self))
}

enum RelaisBinary {
  /// The debug build, or `RELAIS_BINARY` (`make test-asan` names its own).
  static var path: String {
    ProcessInfo.processInfo.environment["RELAIS_BINARY"].map { Repository.path($0) }
      ?? Repository.path(".build/debug/relais")
  }

  static func run(
    _ arguments: [String], input: Data? = nil, directory: URL? = nil, inputFile: String? = nil,
    outputFile: String? = nil
  ) throws -> CommandResult {
    try runProgram(
      path, arguments, input: input, directory: directory, inputFile: inputFile,
      outputFile: outputFile)
  }
}

/// One case of a table-driven rule test: an input, what the rule must give
/// for it, and the rule's name.
struct RuleCase: Sendable, CustomTestStringConvertible {
  let text: String
  let expected: [String]
  let rule: String
  var testDescription: String { "\(rule): \(text)" }
}

/// The text a run of a sentence's tokens covers.
func tokenText(
  of range: Range<Int>, in tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>
) -> String {
  let first = tokens[tokens.startIndex + range.lowerBound]
  let last = tokens[tokens.startIndex + range.upperBound - 1]
  return String(decoding: bytes[first.startByte..<last.endByte], as: UTF8.self)
}

/// Starts `relais run --input jsonl - --out out`, writes one document and
/// returns once its temporary file exists beside `out`: a run mid-way,
/// its input still open.
func startRunMidway(writingTo out: String) throws -> (Process, Pipe) {
  let folder = (out as NSString).deletingLastPathComponent
  let prefix = ".\((out as NSString).lastPathComponent).relais-"
  let process = Process()
  process.executableURL = URL(fileURLWithPath: RelaisBinary.path)
  process.arguments = ["run", "--input", "jsonl", "-", "--out", out, "--quiet"]
  let input = Pipe()
  process.standardInput = input
  ignoreBrokenPipes()
  try process.run()
  try input.fileHandleForWriting.write(
    contentsOf: Data("{\"id\": \"a\", \"text\": \"Un texte.\"}\n".utf8))
  for _ in 0..<500 {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    if names.contains(where: { $0.hasPrefix(prefix) }) { break }
    usleep(20_000)
  }
  return (process, input)
}

/// A glossary parsed from YAML, which must parse without a problem.
func parsedGlossary(_ yaml: String, path: String) throws -> Glossary {
  let (glossary, problems) = GlossaryLoader.parse(yaml: yaml, path: path, sha256: "")
  #expect(problems.isEmpty, "\(problems)")
  return try #require(glossary)
}

/// Entries compared without where they were read from.
func withoutLocations(_ entries: [GlossaryEntry]) -> [GlossaryEntry] {
  entries.map {
    var entry = $0
    entry.location = nil
    return entry
  }
}
