/// Renders what the pipeline found as the JSONL records of DESIGN.md:
/// each record is written from the annotated values alone.
package struct RecordRenderer: DocumentSink {
  /// Which records frame the sentences.
  package enum Framing: Sendable {
    /// `relais run`: a `document` record, `block` records, the sentences
    /// with their annotations, a `document_end` record.
    case documents
    /// `relais tokenize --format jsonl`: `sentence` records alone.
    case sentencesOnly
  }

  package let framing: Framing
  /// The document record carries the text (`--with-text`).
  package let withText: Bool

  package init(framing: Framing = .documents, withText: Bool = false) {
    self.framing = framing
    self.withText = withText
  }

  package var writesDocumentDigest: Bool { framing == .documents }
  package var writesDocumentText: Bool { framing == .documents && withText }

  package func begin(
    _ document: DocumentInfo, _ provenance: Provenance, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    guard framing == .documents else { return }
    try RecordWriter.document(document, provenance, into: &writer)
  }

  package func block(_ block: AnnotatedBlock, into writer: inout JSONLWriter) throws(RelaisError) {
    guard framing == .documents else { return }
    try RecordWriter.block(block, into: &writer)
  }

  package func sentence(_ sentence: AnnotatedSentence, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    try RecordWriter.sentence(sentence, into: &writer)
    guard framing == .documents else { return }
    for (offset, entity) in sentence.entities.enumerated() {
      try RecordWriter.entity(
        entity, in: sentence, number: sentence.firstEntityNumber + offset, into: &writer)
    }
    for (offset, acronym) in sentence.acronyms.enumerated() {
      try RecordWriter.acronym(
        acronym, in: sentence, number: sentence.firstAcronymNumber + offset, into: &writer)
    }
    guard let glossaries = sentence.glossaries else { return }
    for (offset, match) in sentence.matches.enumerated() {
      try RecordWriter.term(
        match, in: sentence, glossaries, number: sentence.firstTermNumber + offset, into: &writer)
    }
  }

  package func translation(_ alignment: AlignJob.Alignment, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    guard framing == .documents else { return }
    try RecordWriter.alignment(alignment, into: &writer)
  }

  package func end(_ summary: DocumentSummary, into writer: inout JSONLWriter) throws(RelaisError) {
    guard framing == .documents else { return }
    try RecordWriter.documentEnd(summary, into: &writer)
  }
}
