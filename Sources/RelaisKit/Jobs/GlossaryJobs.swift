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
        var notices: [String] = []
        glossary = try GlossaryInterchange.importTBX(
          Data(bytes), path: file, id: glossaryID, notices: &notices)
        for notice in notices {
          FileHandle.standardError.write(Data("\(notice)\n".utf8))
        }
      case .csv:
        guard let text = String(validating: bytes, as: UTF8.self) else {
          throw RelaisError(.glossaryImport, "not valid UTF-8", path: file)
        }
        var notices: [String] = []
        glossary = try GlossaryInterchange.importCSV(
          text, path: file, id: glossaryID, notices: &notices)
        for notice in notices {
          FileHandle.standardError.write(Data("relais: \(file): \(notice)\n".utf8))
        }
      }
      let yaml = try GlossaryInterchange.yaml(glossary)
      // What was imported must pass lint as the native format; nothing is
      // written otherwise (a file that fails lint would break `make`).
      // Problems are told at the imported file's rows, not the YAML's.
      let (_, problems) = GlossaryLoader.parse(yaml: yaml, path: "<imported>", sha256: "")
      let all =
        problems.map { relocated($0, to: glossary) } + GlossaryLoader.crossChecks([glossary])
      guard all.isEmpty else {
        for problem in all { reportError(problem) }
        FileHandle.standardError.write(
          Data("relais: \(all.count) problems; nothing was written\n".utf8))
        return .usage
      }
      try write(yaml, to: output)
      // Kept as the format allows, but said: such an entry can match only
      // the one of French and English it has.
      for entry in glossary.entries where entry.monolingual {
        let has = entry.languages.keys.sorted().joined(separator: ", ")
        let place = entry.location.map { "\($0.path):\($0.line):\($0.column)" } ?? file
        FileHandle.standardError.write(
          Data(
            "\(place): warning: entry \(entry.id) has no \(entry.languages["fr"] == nil ? "fr" : "en") terms (it has \(has)): kept, marked monolingual: true\n"
              .utf8))
      }
      return .success
    } catch {
      reportError(error)
      return .usage
    }
  }

  /// A problem found in the YAML made from an import, placed at the
  /// entry's place in the imported file (its `entries[N]` names it).
  private static func relocated(_ problem: RelaisError, to glossary: Glossary) -> RelaisError {
    guard let match = problem.message.firstMatch(of: /^entries\[(\d+)\]/),
      let index = Int(match.1), glossary.entries.indices.contains(index),
      let place = glossary.entries[index].location
    else { return RelaisError(problem.code, problem.message, path: glossary.path) }
    return RelaisError(problem.code, problem.message, at: place)
  }

  /// The TBX versions `relais glossary export` writes.
  public enum ExportFormat: String, Sendable, CaseIterable {
    /// TBX-Basic v2 (`martif`), as `tbx2`.
    case tbx
    case tbx2
    /// TBX-Basic v3 (`tbx`, ISO 30042:2019).
    case tbx3

    var version: TBX.Version { self == .tbx3 ? .v3 : .v2 }
  }

  /// Writes a glossary file (YAML) as TBX-Basic.
  public static func exportTBX(file: String, format: ExportFormat = .tbx, output: String?)
    -> ExitStatus
  {
    let (glossary, problems) = GlossaryLoader.load(file: file)
    for problem in problems { reportError(problem) }
    guard let glossary, problems.isEmpty else { return .usage }
    do {
      try write(GlossaryInterchange.exportTBX(glossary, version: format.version), to: output)
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
