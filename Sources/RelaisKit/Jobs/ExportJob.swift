import Foundation

/// `relais export`: records back to documents, in the `{"id", "text",
/// "metadata"}` shape corpus tools read (Dolma, datatrove), with what Relais
/// found as span attributes: `[start, end, value]` in code points of the
/// text, which is what Python's `text[start:end]` slices. The output reads
/// back with `relais run --input jsonl` (which reads `id`, `text` and
/// `metadata`, and ignores the rest).
public enum ExportJob {
  public enum Format: String, Sendable, CaseIterable {
    /// One document a line: `id`, `text`, `source`, `metadata` (when the
    /// input gave one) and
    /// `attributes` (`relais__sentences`, `relais__entities`,
    /// `relais__terms`, `relais__acronyms`).
    case dolma
  }

  /// Exit 2 when the records cannot be read or carry no text (a run
  /// without `--with-text`), or the output cannot be written; exit 1 when
  /// some documents failed in the corpus (their error records have no
  /// text to export: they are counted on stderr and left out).
  public static func run(records path: String, format: Format, output: String?) -> ExitStatus {
    var failed = 0
    var current: Exported?
    let file: OutputFile
    do {
      file = try OutputFile(path: output)
    } catch {
      reportError(error)
      return .usage
    }
    do {
      // Each document goes out as soon as it is whole: memory holds one.
      try RecordReader.forEach(in: path) { record, location throws(RelaisError) in
        switch record {
        case .document(let document):
          guard let text = document.text else {
            throw RelaisError(
              .notRelaisRecords,
              "document \"\(document.doc)\" carries no text: export needs records written with relais run --with-text",
              at: location)
          }
          current = Exported(document: document, text: text)
        case .sentence(let sentence):
          current?.sentences.append([sentence.start, sentence.end, 1])
        case .entity(let entity):
          current?.entities.append([entity.start, entity.end, entity.label])
        case .term(let term):
          current?.terms.append([term.start, term.end, term.entry])
        case .acronym(let acronym):
          current?.acronyms.append([acronym.short.start, acronym.short.end, acronym.long.text])
        case .documentEnd:
          if let finished = current {
            try finished.line().withUnsafeBufferPointer { line throws(RelaisError) in
              try file.sink.write(line)
            }
          }
          current = nil
        case .error:
          failed += 1
        case .block, .alignment, .termCheck:
          break
        }
      }
      try file.commit()
    } catch {
      file.abandon()
      reportError(error)
      return .usage
    }
    guard failed == 0 else {
      reportError(
        RelaisError(
          .noDocuments, "\(failed) documents failed in the corpus (error records): not exported",
          path: path))
      return .failure
    }
    return .success
  }

  /// One document on its way out.
  private struct Exported {
    var document: DocumentRecord
    var text: String
    var sentences: [[Any]] = []
    var entities: [[Any]] = []
    var terms: [[Any]] = []
    var acronyms: [[Any]] = []

    func line() throws(RelaisError) -> [UInt8] {
      var object: [String: Any] = [
        "id": document.doc, "text": text, "source": document.source,
        "attributes": [
          "relais__sentences": sentences, "relais__entities": entities, "relais__terms": terms,
          "relais__acronyms": acronyms,
        ],
      ]
      // Only the metadata the input gave: an empty object would come back
      // as metadata the document never had.
      if let given = document.metadata {
        do {
          object["metadata"] = try JSONSerialization.jsonObject(
            with: RecordCoding.encoder().encode(given))
        } catch {
          throw RelaisError(.outputFailure, "metadata of \"\(document.doc)\": \(error)")
        }
      }
      do {
        let data = try JSONSerialization.data(
          withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return [UInt8](data) + [0x0A]
      } catch {
        throw RelaisError(.outputFailure, "document \"\(document.doc)\": \(error)")
      }
    }
  }
}
