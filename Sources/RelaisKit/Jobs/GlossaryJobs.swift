import Foundation

/// `relais glossary …`: upkeep of glossary files.
public enum GlossaryJobs {
  /// Prints every problem of the glossaries in `directory`, one a line
  /// like a compiler's, then a summary; exit 2 when there is any.
  public static func lint(directory: String) -> ExitStatus {
    let (glossaries, problems) = GlossaryLoader.load(directory: directory)
    for problem in problems { reportError(problem) }
    let entries = glossaries.reduce(0) { $0 + $1.entries.count }
    let summary =
      "relais: \(glossaries.count) glossaries, \(entries) entries, \(problems.count) problems\n"
    FileHandle.standardError.write(Data(summary.utf8))
    return problems.isEmpty ? .success : .usage
  }
}
