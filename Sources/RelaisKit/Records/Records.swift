/// The version of the record format, written in every document record and
/// in `Schemas/records.schema.json`. A breaking change bumps it.
package enum RecordSchema {
  package static let version = "2"
}

/// What a `document` record says of where a document came from.
package struct DocumentInfo: Sendable, Equatable {
  /// Stable id: the source path without its extension, or the id given on
  /// a JSONL input line.
  package var id: String
  /// The path relative to the run's root (the folder given, or the path as
  /// given for a file), `-` for standard input, or `FILE:LINE` for a JSONL
  /// input line.
  package var source: String
  /// SHA-256 of the document's bytes, hexadecimal.
  package var sha256: String
  /// Code points of the document text.
  package var chars: Int
  package var lang = "fr"
  /// A JSONL line's `metadata` object, serialized (keys sorted).
  package var metadata: [UInt8]?
  /// The text, UTF-8, when the record carries it (`--with-text`).
  package var text: [UInt8]?

  package init(id: String, source: String, sha256: String, chars: Int) {
    self.id = id
    self.source = source
    self.sha256 = sha256
    self.chars = chars
  }

  /// SHA-256 of `bytes` as lowercase hexadecimal.
  package static func sha256(of bytes: [UInt8]) -> String {
    SHA256Digest.hex(of: bytes)
  }
}

/// A glossary as provenance names it.
package struct GlossaryProvenance: Sendable, Hashable {
  package var id: String
  package var sha256: String
}

/// The versions and inputs behind a run, carried by every document record.
package struct Provenance: Sendable, Equatable {
  package var relais = RelaisVersion.current
  package var icu = LibraryVersions.icu
  package var unicode = LibraryVersions.unicode
  package var glossaries: [GlossaryProvenance] = []
  /// The entity model names came from, if any.
  package var entityModel: ModelProvenance?

  package init(glossaries: [GlossaryProvenance] = []) {
    self.glossaries = glossaries
  }
}

/// An entity model as provenance names it.
package struct ModelProvenance: Sendable, Hashable {
  package var id: String
  package var sha256: String
}

/// Where an annotation is: code point offsets and UTF-8 bytes.
struct AnnotationSpan {
  var start: Int
  var end: Int
  var byteRange: Range<Int>
}

extension EntityLabel {
  /// The raw value as a JSON string literal, quotes included: written
  /// without building a String per record.
  var jsonLiteral: StaticString {
    switch self {
    case .person: "\"PER\""
    case .location: "\"LOC\""
    case .organisation: "\"ORG\""
    case .event: "\"EVENT\""
    case .date: "\"DATE\""
    case .ordinal: "\"ORDINAL\""
    case .misc: "\"MISC\""
    }
  }
}

extension EntitySource {
  /// The raw value as a JSON string literal, quotes included.
  var jsonLiteral: StaticString {
    switch self {
    case .glossary: "\"glossary\""
    case .definition: "\"definition\""
    case .headNoun: "\"head-noun\""
    case .title: "\"title\""
    case .givenName: "\"given-name\""
    case .preposition: "\"preposition\""
    case .quotes: "\"quotes\""
    case .document: "\"document\""
    case .date: "\"date\""
    case .ordinal: "\"ordinal\""
    case .model: "\"model\""
    }
  }
}

/// Writers for the records of DESIGN.md, one function a record type, each
/// writing what its arguments carry.
enum RecordWriter {
  /// `{"type":"<type>","doc":"<document>","id":"<document><kind><number>"`:
  /// how every record but the document's opens.
  static func open(
    _ type: StaticString, document: EscapedString, kind: StaticString, number: Int,
    into writer: inout JSONLWriter
  ) {
    writer.raw("{\"type\":\"")
    writer.raw(type)
    writer.raw("\",\"doc\":")
    writer.string(document)
    writer.raw(",\"id\":")
    writer.string(document, suffix: kind, number: number)
  }

  /// How an annotation record opens: `open`, then
  /// `,"sentence":"<document>#s<number>"`.
  static func openAnnotation(
    _ type: StaticString, kind: StaticString, _ sentence: AnnotatedSentence, number: Int,
    into writer: inout JSONLWriter
  ) {
    open(type, document: sentence.documentID, kind: kind, number: number, into: &writer)
    writer.raw(",\"sentence\":")
    writer.string(sentence.documentID, suffix: "#s", number: sentence.number)
  }

  /// `,"start":<start>,"end":<end>,"text":"<text>"` of an annotation.
  static func spanFields(
    _ span: AnnotationSpan, _ bytes: UnsafeBufferPointer<UInt8>, into writer: inout JSONLWriter
  ) {
    writer.raw(",\"start\":")
    writer.integer(span.start)
    writer.raw(",\"end\":")
    writer.integer(span.end)
    writer.raw(",\"text\":")
    writer.string(bytes, span.byteRange)
  }

  static func document(
    _ info: DocumentInfo, _ provenance: Provenance, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    writer.raw("{\"type\":\"document\",\"doc\":")
    writer.string(info.id)
    writer.raw(",\"id\":")
    writer.string(info.id)
    writer.raw(",\"source\":")
    writer.string(info.source)
    writer.raw(",\"sha256\":")
    writer.string(info.sha256)
    writer.raw(",\"chars\":")
    writer.integer(info.chars)
    writer.raw(",\"lang\":")
    writer.string(info.lang)
    writer.raw(",\"schema\":")
    writer.string(RecordSchema.version)
    writer.raw(",\"provenance\":{\"relais\":")
    writer.string(provenance.relais)
    writer.raw(",\"icu\":")
    writer.string(provenance.icu)
    writer.raw(",\"unicode\":")
    writer.string(provenance.unicode)
    writer.raw(",\"glossaries\":[")
    // `{"id":…,"sha256":…}`: how provenance names a file it depends on.
    func named(_ id: String, _ sha256: String) {
      writer.raw("{\"id\":")
      writer.string(id)
      writer.raw(",\"sha256\":")
      writer.string(sha256)
      writer.byte(0x7D)
    }
    for (index, glossary) in provenance.glossaries.enumerated() {
      if index > 0 { writer.byte(0x2C) }
      named(glossary.id, glossary.sha256)
    }
    writer.byte(0x5D)
    if let model = provenance.entityModel {
      writer.raw(",\"ner_model\":")
      named(model.id, model.sha256)
    }
    writer.byte(0x7D)
    if let metadata = info.metadata {
      writer.raw(",\"metadata\":")
      metadata.withUnsafeBufferPointer { writer.raw($0) }
    }
    if let text = info.text {
      writer.raw(",\"text\":")
      text.withUnsafeBufferPointer { writer.string($0, 0..<$0.count) }
    }
    writer.byte(0x7D)
    try writer.endLine()
  }

  /// The last record of a document: how many blocks, sentences and
  /// records (the document record included, this one not) came before it,
  /// so that a reader can tell a whole document from one cut short.
  static func documentEnd(_ summary: DocumentSummary, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    writer.raw("{\"type\":\"document_end\",\"doc\":")
    writer.string(summary.documentID)
    writer.raw(",\"blocks\":")
    writer.integer(summary.blocks)
    writer.raw(",\"sentences\":")
    writer.integer(summary.sentences)
    writer.raw(",\"records\":")
    writer.integer(
      1 + summary.blocks + summary.sentences + summary.terms + summary.entities
        + summary.acronyms + summary.alignments + summary.termChecks)
    writer.byte(0x7D)
    try writer.endLine()
  }

  static func block(_ block: AnnotatedBlock, into writer: inout JSONLWriter) throws(RelaisError) {
    open("block", document: block.documentID, kind: "#b", number: block.number, into: &writer)
    writer.raw(",\"kind\":")
    writer.string(block.kind.rawValue)
    writer.raw(",\"start\":")
    writer.integer(block.start)
    writer.raw(",\"end\":")
    writer.integer(block.end)
    writer.byte(0x7D)
    try writer.endLine()
  }

  /// A `sentence` record: its tokens with their norms once the normalize
  /// stage has run.
  static func sentence(_ sentence: AnnotatedSentence, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    let bytes = sentence.bytes
    open(
      "sentence", document: sentence.documentID, kind: "#s", number: sentence.number, into: &writer)
    writer.raw(",\"block\":")
    writer.string(sentence.documentID, suffix: "#b", number: sentence.blockNumber)
    spanFields(
      AnnotationSpan(start: sentence.start, end: sentence.end, byteRange: sentence.byteRange),
      bytes, into: &writer)
    writer.raw(",\"tokens\":[")
    var nextException = 0
    let tokens = sentence.tokens
    for (index, token) in tokens.enumerated() {
      if index > 0 { writer.byte(0x2C) }
      try writer.flushIfFull()
      writer.raw("{\"text\":")
      let textMark = writer.mark
      writer.string(bytes, token.byteRange)
      let textEnd = writer.mark
      if sentence.normalized {
        writer.raw(",\"norm\":")
        if nextException < sentence.normExceptions.count,
          sentence.normExceptions[nextException].token == index
        {
          writer.string(sentence.normExceptions[nextException].norm)
          nextException += 1
        } else {
          writer.repeatBytes(from: textMark, to: textEnd)
        }
      }
      writer.raw(",\"start\":")
      writer.integer(sentence.tokenOffsets[index].start)
      writer.raw(",\"end\":")
      writer.integer(sentence.tokenOffsets[index].end)
      writer.raw(",\"kind\":")
      writer.raw(token.kind.jsonLiteral)
      writer.raw(",\"space_after\":")
      writer.bool(token.spaceAfter)
      if let words = sentence.language.words(
        at: tokens.startIndex + index, of: tokens, in: bytes)
      {
        writer.raw(",\"words\":[")
        for (number, word) in words.enumerated() {
          if number > 0 { writer.byte(0x2C) }
          writer.string(word)
        }
        writer.byte(0x5D)
      }
      writer.byte(0x7D)
    }
    writer.raw("]}")
    try writer.endLine()
  }

  static func term(
    _ match: TermMatch, in sentence: AnnotatedSentence, _ matcher: TermMatcher, number: Int,
    into writer: inout JSONLWriter
  ) throws(RelaisError) {
    let term = matcher.terms[match.term]
    let glossary = matcher.glossaries[term.glossary]
    let entry = matcher.entry(of: term)
    openAnnotation("term", kind: "#t", sentence, number: number, into: &writer)
    writer.raw(",\"entry\":")
    writer.string(entry.id)
    writer.raw(",\"glossary\":")
    writer.string(glossary.id)
    writer.raw(",\"entry_type\":")
    writer.string(entry.type)
    spanFields(sentence.span(match.tokenRange), sentence.bytes, into: &writer)
    writer.raw(",\"match\":")
    writer.string(term.role.rawValue)
    writer.raw(",\"language\":")
    writer.string(term.language)
    writer.raw(",\"labels\":{")
    for (index, label) in entry.preferredLabels.enumerated() {
      if index > 0 { writer.byte(0x2C) }
      writer.string(label.language)
      writer.byte(0x3A)
      writer.string(label.label)
    }
    writer.byte(0x7D)
    writer.byte(0x7D)
    try writer.endLine()
  }

  static func entity(
    _ entity: EntityMention, in sentence: AnnotatedSentence, number: Int,
    into writer: inout JSONLWriter
  ) throws(RelaisError) {
    openAnnotation("entity", kind: "#e", sentence, number: number, into: &writer)
    writer.raw(",\"label\":")
    writer.raw(entity.label.jsonLiteral)
    spanFields(sentence.span(entity.tokenRange), sentence.bytes, into: &writer)
    if let value = entity.value {
      writer.raw(",\"value\":")
      writer.string(value)
    }
    if entity.yearFromContext { writer.raw(",\"year_from_context\":true") }
    if let entry = entity.entry {
      writer.raw(",\"entry\":")
      writer.string(entry)
    }
    writer.raw(",\"source\":")
    writer.raw(entity.source.jsonLiteral)
    if let score = entity.score {
      writer.raw(",\"score\":")
      writer.score(score)
    }
    writer.byte(0x7D)
    try writer.endLine()
  }

  static func acronym(
    _ acronym: AcronymDefinition, in sentence: AnnotatedSentence, number: Int,
    into writer: inout JSONLWriter
  ) throws(RelaisError) {
    let bytes = sentence.bytes
    let glossaries = sentence.glossaries
    let entry = acronym.entry.flatMap { ref in glossaries?.entry(at: ref) }
    func form(_ span: AnnotationSpan, _ language: String, _ writer: inout JSONLWriter) {
      writer.raw("{\"text\":")
      writer.string(bytes, span.byteRange)
      writer.raw(",\"start\":")
      writer.integer(span.start)
      writer.raw(",\"end\":")
      writer.integer(span.end)
      writer.raw(",\"lang\":")
      writer.string(language)
      writer.byte(0x7D)
    }
    openAnnotation("acronym", kind: "#a", sentence, number: number, into: &writer)
    writer.raw(",\"short\":")
    form(sentence.span(acronym.short), acronym.shortLanguage, &writer)
    writer.raw(",\"long\":")
    form(sentence.span(acronym.long), acronym.longLanguage, &writer)
    writer.raw(",\"kind\":")
    writer.string(acronym.kind.rawValue)
    writer.raw(",\"method\":")
    writer.string(acronym.method.rawValue)
    if let entry {
      writer.raw(",\"entry\":")
      writer.string(entry.id)
    }
    writer.raw(",\"contradicts\":")
    writer.bool(acronym.contradicts)
    if let longEntry = acronym.longEntry, let glossaries {
      writer.raw(",\"long_entry\":")
      writer.string(glossaries.entry(at: longEntry).id)
    }
    // The entry's acronyms in every language: the French/English pairs
    // (OCS ↔ SCO, PCC ↔ CPC) a translator needs beside the definition.
    let pairs = (entry?.languages.mapValues(\.acronyms) ?? [:]).filter { !$0.value.isEmpty }
    if !pairs.isEmpty {
      writer.raw(",\"acronyms\":{")
      for (index, (language, forms)) in pairs.sorted(by: { $0.key < $1.key }).enumerated() {
        if index > 0 { writer.byte(0x2C) }
        writer.string(language)
        writer.raw(":[")
        for (position, form) in forms.enumerated() {
          if position > 0 { writer.byte(0x2C) }
          writer.string(form)
        }
        writer.byte(0x5D)
      }
      writer.byte(0x7D)
    }
    writer.byte(0x7D)
    try writer.endLine()
  }

  /// An `error` record: the stage, the stable code, the message as stderr
  /// prints it, and the place where one is known.
  static func error(
    _ error: RelaisError, documentID: String, stage: String, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    writer.raw("{\"type\":\"error\",\"doc\":")
    writer.string(documentID)
    writer.raw(",\"stage\":")
    writer.string(stage)
    writer.raw(",\"code\":")
    writer.string(error.code.rawValue)
    writer.raw(",\"message\":")
    writer.string(error.description)
    if let path = error.path {
      writer.raw(",\"file\":")
      writer.string(path)
    }
    if let location = error.location {
      writer.raw(",\"line\":")
      writer.integer(location.line)
      writer.raw(",\"column\":")
      writer.integer(location.column)
      writer.raw(",\"byte\":")
      writer.integer(location.byteOffset)
    }
    writer.byte(0x7D)
    try writer.endLine()
  }
}
