/// Where something is in an input file. Lines and columns count from 1;
/// the column counts Unicode code points; the byte offset counts UTF-8 bytes
/// of the file as stored (a BOM included), from 0.
package struct InputLocation: Sendable, Equatable {
  package var path: String
  package var line: Int
  package var column: Int
  package var byteOffset: Int

  package init(path: String, line: Int, column: Int, byteOffset: Int) {
    self.path = path
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }
}

/// The stable error codes of Relais. A code never changes meaning once
/// shipped; new failures get new codes.
package enum ErrorCode: String, Sendable, CaseIterable {
  /// A path that does not exist or cannot be read.
  case unreadableInput = "E001"
  /// Bytes that are not valid UTF-8.
  case invalidUTF8 = "E002"
  /// A file that looks binary (it holds NUL bytes).
  case binaryInput = "E003"
  /// A line longer than `SourceText.maximumLineBytes`.
  case lineTooLong = "E004"
  /// A document with no text (`relais run` counts it as failed).
  case emptyDocument = "E005"
  /// A document larger than `SourceText.maximumDocumentBytes`.
  case documentTooLarge = "E006"
  /// A document whose id an earlier document of the same run has (two
  /// folders with one file name, one JSONL id twice).
  case duplicateDocumentID = "E007"
  /// `relais align` over two folders: a text without its other half, or a
  /// translation not named `….en.txt`.
  case unpairedText = "E008"
  /// A command-line argument that names no usable input or output.
  case badArgument = "E010"
  /// A glossary file that is not valid YAML, or not a mapping.
  case glossarySyntax = "E030"
  /// A glossary field that is missing.
  case glossaryMissingField = "E031"
  /// A glossary field of the wrong kind (a list where a string belongs…).
  case glossaryFieldType = "E032"
  /// A language code that is not ISO 639-1 (or not known to Relais).
  case glossaryUnknownLanguage = "E033"
  /// An entry type outside `GlossaryEntry.types`.
  case glossaryUnknownType = "E034"
  /// Two entries with one id.
  case glossaryDuplicateID = "E035"
  /// One term claimed by two entries.
  case glossaryDuplicateTerm = "E036"
  /// An entry without French or English.
  case glossaryMissingLanguage = "E037"
  /// A field the format does not have (a typo, most often).
  case glossaryUnknownField = "E038"
  /// A TBX or CSV file that cannot be imported.
  case glossaryImport = "E039"
  /// A term that can never match, or would match everywhere (no letter or
  /// digit), or text that holds a control character (XML cannot carry it).
  case glossaryUnusableTerm = "E040"
  /// Two glossary files with one glossary id.
  case glossaryDuplicateGlossaryID = "E041"
  /// A term still `TODO`: a stub from `relais coverage --suggest` not
  /// filled in.
  case glossaryPlaceholder = "E042"
  /// A malformed CoNLL-U file given to `eval ud`.
  case malformedCoNLLU = "E020"
  /// A JSONL input line that is not a `{"id": …, "text": …}` object.
  case malformedJSONLInput = "E021"
  /// An input line (JSONL input, records given to `coverage`) over its
  /// limit; it is skipped without being read into memory.
  case inputLineTooLong = "E022"
  /// A TMX file given to `align` that is not TMX (not well-formed XML, no
  /// `<tmx>` root), or a translation unit without a French or an English
  /// segment.
  case malformedTMX = "E023"
  /// A file given to `coverage` that is not Relais records of this
  /// schema version.
  case notRelaisRecords = "E050"
  /// Records with no document to judge (an empty file, errors only).
  case noDocuments = "E051"
  /// Glossaries given to `coverage` that differ from those the corpus
  /// was made with.
  case glossaryMismatch = "E052"
  /// Records of a document that stop before its `document_end` record, or
  /// that disagree with its counts: a file cut short.
  case incompleteDocument = "E053"
  /// A malformed named-entity file given to `train ner` or `eval ner`
  /// (not `TOKEN TAG` or `INDEX TAB TOKEN TAB TAG` lines, an unknown tag).
  case malformedEntityData = "E060"
  /// No entity model file where one was asked for.
  case missingEntityModel = "E061"
  /// An entity model file that is not one, or is cut short or damaged.
  case corruptEntityModel = "E062"
  /// An entity model written by a format or feature version this Relais
  /// does not read.
  case entityModelVersion = "E063"
  /// ICU refused an operation; not caused by the input.
  case icuFailure = "E090"
  /// The output could not be written (disk full, a closed pipe, a
  /// folder that cannot be written, a symbolic link as the target).
  case outputFailure = "E091"
}

/// A failure that names its code and, where it has one, its place in the
/// input. It prints like a compiler diagnostic:
/// `path:line:col: error[E002]: message (byte N)`.
package struct RelaisError: Error, Sendable, Equatable, CustomStringConvertible {
  package var code: ErrorCode
  package var message: String
  package var location: InputLocation?
  /// A path with no position (a file that cannot be opened at all).
  package var path: String?

  package init(
    _ code: ErrorCode, _ message: String, at location: InputLocation? = nil, path: String? = nil
  ) {
    self.code = code
    self.message = message
    self.location = location
    self.path = path ?? location?.path
  }

  package var description: String {
    if let location {
      return
        "\(location.path):\(location.line):\(location.column): error[\(code.rawValue)]: \(message) (byte \(location.byteOffset))"
    }
    if let path { return "\(path): error[\(code.rawValue)]: \(message)" }
    return "error[\(code.rawValue)]: \(message)"
  }

  init(_ failure: ICU.Failure) {
    self.init(.icuFailure, failure.description)
  }
}
