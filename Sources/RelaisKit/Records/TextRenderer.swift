/// Renders one sentence a line, tokens separated by spaces.
package struct TextRenderer: DocumentSink {
  package init() {}

  package var writesDocumentDigest: Bool { false }

  package func begin(
    _ document: DocumentInfo, _ provenance: Provenance, into writer: inout JSONLWriter
  ) {}

  package func block(_ block: AnnotatedBlock, into writer: inout JSONLWriter) {}

  package func sentence(_ sentence: AnnotatedSentence, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    for (index, token) in sentence.tokens.enumerated() {
      if index > 0 { writer.byte(0x20) }
      try writer.flushIfFull()
      writer.oneLine(sentence.bytes, token.byteRange)
    }
    try writer.endLine()
  }

  package func end(_ summary: DocumentSummary, into writer: inout JSONLWriter) {}
}
