import Foundation

/// Reads Relais records back, typed, for the commands that read a corpus
/// (`relais coverage`, `relais export`): only records of this schema
/// version, each document whole (`DocumentCompleteness`); anything else
/// stops the reading with the file, line and what is wrong.
enum RecordReader {
  /// The longest record line read: a sentence record of the longest
  /// document line, with its tokens, fits.
  static let maximumRecordLineBytes = 1 << 30

  /// Hands each record of `path` (`-` for standard input) to `body` with
  /// where its line starts; sentences keep the tokens `sentenceTokens`
  /// says where `RecordScanner` reads them (all of them otherwise).
  static func forEach(
    in path: String, sentenceTokens: RecordScanner.SentenceTokens = .all,
    _ body: (Record, InputLocation) throws(RelaisError) -> Void
  ) throws(RelaisError) {
    let source = try LineSource(path: path)
    defer { source.close() }
    var lines = source.lines(maximumLineBytes: maximumRecordLineBytes)
    var lineNumber = 0
    var completeness = DocumentCompleteness(path: source.name)
    let decoder = RecordCoding.decoder()
    var endOffset = 0
    while let line = try lines.next() {
      lineNumber += 1
      let bytes: [UInt8]
      let byteOffset: Int
      switch line {
      case .text(let text, let offset):
        bytes = text
        byteOffset = offset
      case .tooLong(let offset, let length):
        throw RelaisError(
          .inputLineTooLong,
          "a line of \(length) bytes; the limit is \(maximumRecordLineBytes): not Relais records",
          at: InputLocation(path: source.name, line: lineNumber, column: 1, byteOffset: offset))
      case .binary(let offset):
        throw RelaisError(
          .notRelaisRecords, "NUL byte: binary data, not Relais records",
          at: InputLocation(path: source.name, line: lineNumber, column: 1, byteOffset: offset))
      }
      endOffset = byteOffset + bytes.count + 1
      guard !bytes.isEmpty else { continue }
      func refuse(_ message: String) -> RelaisError {
        RelaisError(
          .notRelaisRecords, message,
          at: InputLocation(path: source.name, line: lineNumber, column: 1, byteOffset: byteOffset))
      }
      let record: Record
      if let fast = Self.fastRecord(bytes, sentenceTokens: sentenceTokens) {
        record = fast
      } else {
        do {
          record = try decoder.decode(Record.self, from: Data(bytes))
        } catch {
          throw refuse(Self.whyNotARecord(bytes, error))
        }
      }
      if case .document(let document) = record, document.schema != RecordSchema.version {
        throw refuse(Self.otherSchema(document.schema))
      }
      try completeness.add(record, line: lineNumber, byteOffset: byteOffset)
      try body(
        record,
        InputLocation(path: source.name, line: lineNumber, column: 1, byteOffset: byteOffset))
    }
    try completeness.finish(line: lineNumber, byteOffset: endOffset)
  }

  /// A sentence, entity, block or document-end record as `relais run`
  /// writes it, read by `RecordScanner`; `nil` for any other line
  /// (JSONDecoder's to read).
  static func fastRecord(
    _ bytes: [UInt8], sentenceTokens: RecordScanner.SentenceTokens = .all
  ) -> Record? {
    guard let kind = RecordScanner.Kind.of(bytes), UTF8Validation.firstProblem(in: bytes) == nil
    else { return nil }
    return bytes.withUnsafeBufferPointer {
      RecordScanner.record($0, as: kind, tokens: sentenceTokens)
    }
  }

  /// Why a line did not decode as a record of this schema, in the terms a
  /// user can act on: not JSON, not Relais records, another schema
  /// version, or the field that is wrong.
  private static func whyNotARecord(_ bytes: [UInt8], _ error: any Error) -> String {
    guard (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any] else {
      return "not a JSON record"
    }
    let decoder = RecordCoding.decoder()
    guard let header = try? decoder.decode(Record.Header.self, from: Data(bytes)),
      Record.types.contains(header.type)
    else {
      return
        "not a Relais record (no \"type\" and \"doc\"); give it the output of relais run, not its input"
    }
    struct SchemaField: Decodable { var schema: String? }
    if header.type == "document" {
      let schema = (try? decoder.decode(SchemaField.self, from: Data(bytes)))?.schema ?? "none"
      if schema != RecordSchema.version { return otherSchema(schema) }
    }
    var field = ""
    if case .keyNotFound(let key, let context) = error as? DecodingError {
      field = ": no \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
    } else if case .typeMismatch(_, let context) = error as? DecodingError {
      field =
        ": \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
    } else if case .valueNotFound(_, let context) = error as? DecodingError {
      field = ": \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is null"
    }
    return "a \(header.type) record that is not of schema version \(RecordSchema.version)\(field)"
  }

  private static func otherSchema(_ schema: String) -> String {
    "records of schema version \(schema); this Relais reads version \(RecordSchema.version) (rerun relais run)"
  }
}
