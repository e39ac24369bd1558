import Foundation

// The records of DESIGN.md as types, for reading them back: `relais
// coverage` and any later pass decode these instead of walking untyped
// dictionaries. `RecordWriter` stays hand-written for speed; the round-trip
// test writes the corpus, decodes every line into these types, encodes it
// again and compares, so a field the writer adds and the types lack (or the
// reverse) fails there. Keys are the records' snake_case names, spelled
// in `CodingKeys` where the Swift name differs.

/// One record, by its `type`.
package enum Record: Codable, Equatable, Sendable {
  case document(DocumentRecord)
  case documentEnd(DocumentEndRecord)
  case block(BlockRecord)
  case sentence(SentenceRecord)
  case term(TermRecord)
  case entity(EntityRecord)
  case acronym(AcronymRecord)
  case error(ErrorRecord)
  case alignment(AlignmentRecord)
  case termCheck(TermCheckRecord)

  /// Every record's `type` and `doc`, read first to choose the type.
  package struct Header: Decodable, Sendable {
    package var type: String
    package var doc: String
  }

  /// The `type` strings of `relais run`'s records, in the order a
  /// document's records come.
  package static let runTypes: [String] = [
    "document", "block", "sentence", "term", "entity", "acronym", "error", "document_end",
  ]
  /// The `type` strings of `relais align`'s records.
  package static let alignTypes: [String] = ["alignment", "term_check"]
  /// Every `type` string of the schema.
  package static let types = runTypes + alignTypes

  package init(from decoder: any Decoder) throws {
    let header = try Header(from: decoder)
    switch header.type {
    case "document": self = .document(try DocumentRecord(from: decoder))
    case "document_end": self = .documentEnd(try DocumentEndRecord(from: decoder))
    case "block": self = .block(try BlockRecord(from: decoder))
    case "sentence": self = .sentence(try SentenceRecord(from: decoder))
    case "term": self = .term(try TermRecord(from: decoder))
    case "entity": self = .entity(try EntityRecord(from: decoder))
    case "acronym": self = .acronym(try AcronymRecord(from: decoder))
    case "error": self = .error(try ErrorRecord(from: decoder))
    case "alignment": self = .alignment(try AlignmentRecord(from: decoder))
    case "term_check": self = .termCheck(try TermCheckRecord(from: decoder))
    default:
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: [], debugDescription: "no record type \"\(header.type)\""))
    }
  }

  package func encode(to encoder: any Encoder) throws {
    switch self {
    case .document(let record): try record.encode(to: encoder)
    case .documentEnd(let record): try record.encode(to: encoder)
    case .block(let record): try record.encode(to: encoder)
    case .sentence(let record): try record.encode(to: encoder)
    case .term(let record): try record.encode(to: encoder)
    case .entity(let record): try record.encode(to: encoder)
    case .acronym(let record): try record.encode(to: encoder)
    case .error(let record): try record.encode(to: encoder)
    case .alignment(let record): try record.encode(to: encoder)
    case .termCheck(let record): try record.encode(to: encoder)
    }
  }

  /// The record's `type` string.
  package var type: String {
    switch self {
    case .document(let record): record.type
    case .documentEnd(let record): record.type
    case .block(let record): record.type
    case .sentence(let record): record.type
    case .term(let record): record.type
    case .entity(let record): record.type
    case .acronym(let record): record.type
    case .error(let record): record.type
    case .alignment(let record): record.type
    case .termCheck(let record): record.type
    }
  }

  /// The document id every record carries.
  package var doc: String {
    switch self {
    case .document(let record): record.doc
    case .documentEnd(let record): record.doc
    case .block(let record): record.doc
    case .sentence(let record): record.doc
    case .term(let record): record.doc
    case .entity(let record): record.doc
    case .acronym(let record): record.doc
    case .error(let record): record.doc
    case .alignment(let record): record.doc
    case .termCheck(let record): record.doc
    }
  }
}

package struct DocumentRecord: Codable, Equatable, Sendable {
  package struct Provenance: Codable, Equatable, Sendable {
    package var relais: String
    package var icu: String
    package var unicode: String
    package var glossaries: [Glossary]
    /// The entity model, when one ran.
    package var nerModel: Model?

    enum CodingKeys: String, CodingKey {
      case relais, icu, unicode, glossaries
      case nerModel = "ner_model"
    }
  }

  package struct Glossary: Codable, Equatable, Sendable {
    package var id: String
    package var sha256: String
  }

  package struct Model: Codable, Equatable, Sendable {
    package var id: String
    package var sha256: String
  }

  package var type = "document"
  package var doc: String
  package var id: String
  package var source: String
  package var sha256: String
  /// Code points of the document text.
  package var chars: Int
  package var lang: String
  package var schema: String
  package var provenance: Provenance
  /// The JSONL line's `metadata`, as given.
  package var metadata: [String: JSONValue]?
  /// The text, with `--with-text`.
  package var text: String?
}

/// Any JSON value, for metadata Relais carries without reading it.
package indirect enum JSONValue: Codable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  package init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }
}

package struct DocumentEndRecord: Codable, Equatable, Sendable {
  package var type = "document_end"
  package var doc: String
  package var blocks: Int
  package var sentences: Int
  /// Records of the document before this one, its `document` record
  /// included.
  package var records: Int
}

package struct BlockRecord: Codable, Equatable, Sendable {
  package var type = "block"
  package var doc: String
  package var id: String
  package var kind: String
  /// Code point offsets into the document text.
  package var start: Int
  package var end: Int
}

package struct SentenceRecord: Codable, Equatable, Sendable {
  package struct Token: Codable, Equatable, Sendable {
    package var text: String
    /// Absent when the run stopped at the tokenize stage.
    package var norm: String?
    /// Code point offsets into the document text.
    package var start: Int
    package var end: Int
    package var kind: String
    package var spaceAfter: Bool
    /// The syntactic words of a contraction (`du`: `de`, `le`).
    package var words: [String]?

    enum CodingKeys: String, CodingKey {
      case text, norm, start, end, kind, words
      case spaceAfter = "space_after"
    }
  }

  package var type = "sentence"
  package var doc: String
  package var id: String
  package var block: String
  /// Code point offsets into the document text.
  package var start: Int
  package var end: Int
  package var text: String
  package var tokens: [Token]
}

package struct TermRecord: Codable, Equatable, Sendable {
  package var type = "term"
  package var doc: String
  package var id: String
  package var sentence: String
  package var entry: String
  package var glossary: String
  package var entryType: String
  /// Code point offsets into the document text.
  package var start: Int
  package var end: Int
  package var text: String
  /// `preferred`, `alternative`, `acronym` or `forbidden`.
  package var match: String
  package var language: String
  /// The entry's preferred label per language.
  package var labels: [String: String]

  enum CodingKeys: String, CodingKey {
    case type, doc, id, sentence, entry, glossary, start, end, text, match, language, labels
    case entryType = "entry_type"
  }
}

package struct EntityRecord: Codable, Equatable, Sendable {
  package var type = "entity"
  package var doc: String
  package var id: String
  package var sentence: String
  package var label: String
  /// Code point offsets into the document text.
  package var start: Int
  package var end: Int
  package var text: String
  package var value: String?
  package var yearFromContext: Bool?
  package var entry: String?
  package var source: String
  /// The model's confidence, for `source: "model"`.
  package var score: Double?

  enum CodingKeys: String, CodingKey {
    case type, doc, id, sentence, label, start, end, text, value, entry, source, score
    case yearFromContext = "year_from_context"
  }
}

package struct AcronymRecord: Codable, Equatable, Sendable {
  /// One side of a definition.
  package struct Form: Codable, Equatable, Sendable {
    package var text: String
    /// Code point offsets into the document text.
    package var start: Int
    package var end: Int
    package var lang: String
  }

  package var type = "acronym"
  package var doc: String
  package var id: String
  package var sentence: String
  package var short: Form
  package var long: Form
  package var kind: String
  package var method: String
  package var entry: String?
  package var contradicts: Bool
  package var longEntry: String?
  /// The entry's acronyms in each language.
  package var acronyms: [String: [String]]?

  enum CodingKeys: String, CodingKey {
    case type, doc, id, sentence, short, long, kind, method, entry, contradicts, acronyms
    case longEntry = "long_entry"
  }
}

package struct ErrorRecord: Codable, Equatable, Sendable {
  package var type = "error"
  package var doc: String
  /// The stage that failed (`RunStage`).
  package var stage: String
  package var code: String
  package var message: String
  package var file: String?
  package var line: Int?
  package var column: Int?
  /// UTF-8 byte offset into the file.
  package var byte: Int?
}

/// A bead of `relais align`: sentences of the French text and of its
/// translation that translate each other.
package struct AlignmentRecord: Codable, Equatable, Sendable {
  /// A side's span, code points into its text, and how many sentences.
  package struct Side: Codable, Equatable, Sendable {
    package var start: Int
    package var end: Int
    package var sentences: Int
  }

  package var type = "alignment"
  package var doc: String
  package var id: String
  package var bead: String
  package var score: Double
  package var fr: Side
  package var en: Side
}

/// What became of one French glossary term in the aligned translation
/// (`TermRendering`).
package struct TermCheckRecord: Codable, Equatable, Sendable {
  /// A term as found on one side, code points into that side's text.
  package struct Found: Codable, Equatable, Sendable {
    package var start: Int
    package var end: Int
    package var text: String
    package var match: String
    package var language: String
  }

  /// The bead's two texts.
  package struct Context: Codable, Equatable, Sendable {
    package var fr: String
    package var en: String
  }

  package var type = "term_check"
  package var doc: String
  package var id: String
  package var alignment: String
  package var entry: String
  package var glossary: String
  package var status: String
  package var fr: Found
  package var en: Found?
  package var expected: String?
  package var context: Context?
}

/// The decoder and encoder for records. The snake_case keys are spelled in
/// each type's `CodingKeys`: JSONDecoder's key conversion strategy
/// converted every key of every record and made `relais coverage` half
/// as fast again.
package enum RecordCoding {
  package static func decoder() -> JSONDecoder {
    JSONDecoder()
  }

  package static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
