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

  /// The formats `relais glossary import` reads.
  public enum ImportFormat: String, Sendable, CaseIterable {
    case tbx
    case csv
  }

  /// Converts a TBX or CSV/TSV file to the native YAML, checked with the
  /// same rules as lint; written to `output` or standard output.
  public static func importGlossary(
    from format: ImportFormat, file: String, id: String?, output: String?
  ) -> ExitStatus {
    do {
      let bytes = try InputFiles.bytes(at: file)
      let glossaryID =
        id
        ?? GlossaryInterchange.slug(
          ((file as NSString).lastPathComponent as NSString).deletingPathExtension)
      let glossary: Glossary
      switch format {
      case .tbx:
        glossary = try GlossaryInterchange.importTBX(Data(bytes), path: file, id: glossaryID)
      case .csv:
        guard let text = String(validating: bytes, as: UTF8.self) else {
          throw RelaisError(.glossaryImport, "not valid UTF-8", path: file)
        }
        glossary = try GlossaryInterchange.importCSV(text, path: file, id: glossaryID)
      }
      let yaml = try GlossaryInterchange.yaml(glossary)
      // What was imported must pass lint as the native format.
      let (_, problems) = GlossaryLoader.parse(yaml: yaml, path: output ?? "<imported>", sha256: "")
      let cross = GlossaryLoader.crossChecks([glossary])
      for problem in problems + cross { reportError(problem) }
      try write(yaml, to: output)
      return problems.isEmpty && cross.isEmpty ? .success : .failure
    } catch {
      reportError(error)
      return .usage
    }
  }

  /// Writes a glossary file (YAML) as TBX-Basic.
  public static func exportTBX(file: String, output: String?) -> ExitStatus {
    let (glossary, problems) = GlossaryLoader.load(file: file)
    for problem in problems { reportError(problem) }
    guard let glossary, problems.isEmpty else { return .usage }
    do {
      try write(GlossaryInterchange.exportTBX(glossary), to: output)
      return .success
    } catch {
      reportError(error)
      return .usage
    }
  }

  private static func write(_ text: String, to path: String?) throws(RelaisError) {
    try OutputFile.write(Array(text.utf8), to: path)
  }
}
