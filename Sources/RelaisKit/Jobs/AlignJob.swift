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
        case .jsonl: try RecordWriter.alignment(alignment, into: &writer)
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
    return TextPair(
      id: id, french: try frenchText.requiredText(), english: try englishText.requiredText())
  }

  /// Where the folder convention puts the translation of the French
  /// document `id` (`sub/x` for `Corpus/sub/x.txt`): `folder/sub/x.en.txt`.
  static func translationPath(forID id: String, in folder: String) -> String {
    (folder as NSString).appendingPathComponent(id + ".en.txt")
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
            "no translation: expected \(translationPath(forID: key, in: english))",
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
}
