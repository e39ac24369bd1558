import Foundation

// What `relais coverage` checks of its input before it counts anything:
// Relais records, of this schema, each document whole.

/// Checks that each document's records are whole: opened by its
/// `document` record, closed by its `document_end` record with the counts
/// of what came between. A file cut at a line boundary (a copy stopped
/// part-way, a `head` too many) fails here instead of passing the gate
/// with less to judge.
struct DocumentCompleteness {
  let path: String
  private var open: (doc: String, line: Int, blocks: Int, sentences: Int, records: Int)?

  init(path: String) {
    self.path = path
  }

  mutating func add(_ record: Record, line: Int, byteOffset: Int) throws(RelaisError) {
    let doc = record.doc
    func cut(_ message: String) -> RelaisError {
      RelaisError(
        .incompleteDocument, message,
        at: InputLocation(path: path, line: line, column: 1, byteOffset: byteOffset))
    }
    switch record {
    case .document:
      if let open { throw cut(Self.unfinished(open.doc, from: open.line)) }
      open = (doc, line, 0, 0, 1)
    case .error:
      // A document that failed part-way ends with its error record.
      if let current = open, current.doc != doc {
        throw cut(Self.unfinished(current.doc, from: current.line))
      }
      open = nil
    case .documentEnd(let end):
      guard let current = open, current.doc == doc else {
        throw cut("a document_end record of \"\(doc)\" without its document record before it")
      }
      guard
        end.blocks == current.blocks, end.sentences == current.sentences,
        end.records == current.records
      else {
        throw cut(
          "document \"\(doc)\" (from line \(current.line)) has \(current.blocks) blocks, \(current.sentences) sentences and \(current.records) records before its end, which counts \(end.blocks), \(end.sentences) and \(end.records): records are missing"
        )
      }
      open = nil
    case .alignment, .termCheck:
      // Inside a document: its English side (`relais run`). Outside any:
      // `relais align` writes pairs of texts, not documents.
      if let current = open, current.doc == doc { open?.records += 1 }
    case .block, .sentence, .term, .entity, .acronym:
      guard let current = open, current.doc == doc else {
        throw cut("a \(record.type) record of \"\(doc)\" outside its document's records")
      }
      open?.records += 1
      if case .block = record { open?.blocks += 1 }
      if case .sentence = record { open?.sentences += 1 }
    }
  }

  /// At the end of the file, `line` its last line and `byteOffset` its end.
  func finish(line: Int, byteOffset: Int) throws(RelaisError) {
    guard let open else { return }
    throw RelaisError(
      .incompleteDocument, Self.unfinished(open.doc, from: open.line),
      at: InputLocation(path: path, line: line, column: 1, byteOffset: byteOffset))
  }

  private static func unfinished(_ doc: String, from line: Int) -> String {
    "the records of document \"\(doc)\" (from line \(line)) stop before its document_end record: the file is cut short"
  }
}
