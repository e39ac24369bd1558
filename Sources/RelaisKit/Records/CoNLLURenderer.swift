/// Renders sentences as CoNLL-U: `# newdoc id`, `# newpar` at each block,
/// `# sent_id`, `# text`, one token a line with `SpaceAfter=No` in MISC.
package struct CoNLLURenderer: DocumentSink {
  package init() {}

  package var writesDocumentDigest: Bool { false }

  package func begin(
    _ document: DocumentInfo, _ provenance: Provenance, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    writer.raw("# newdoc id = ")
    writer.oneLine(document.id)
    try writer.endLine()
  }

  package func block(_ block: AnnotatedBlock, into writer: inout JSONLWriter) {}

  package func sentence(_ sentence: AnnotatedSentence, into writer: inout JSONLWriter)
    throws(RelaisError)
  {
    if sentence.opensBlock {
      writer.raw("# newpar")
      try writer.endLine()
    }
    writer.raw("# sent_id = ")
    writer.oneLine(sentence.documentID.text + "#s\(sentence.number)")
    try writer.endLine()
    writer.raw("# text = ")
    writer.oneLine(sentence.bytes, sentence.byteRange)
    try writer.endLine()
    for (index, token) in sentence.tokens.enumerated() {
      try writer.flushIfFull()
      writer.integer(index + 1)
      writer.byte(0x09)
      writer.oneLine(sentence.bytes, token.byteRange)
      writer.raw("\t_\t_\t_\t_\t_\t_\t_\t")
      writer.raw(token.spaceAfter ? "_" : "SpaceAfter=No")
      try writer.endLine()
    }
    try writer.endLine()
  }

  package func end(_ summary: DocumentSummary, into writer: inout JSONLWriter) {}
}

extension JSONLWriter {
  /// Copies text with line breaks and tabs turned into spaces, for the
  /// line-based formats.
  mutating func oneLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    var previousWasBreak = false
    for offset in range {
      let byte = bytes[offset]
      if byte == 0x0A || byte == 0x0D || byte == 0x09 {
        if !previousWasBreak { self.byte(0x20) }
        previousWasBreak = true
      } else {
        self.byte(byte)
        previousWasBreak = false
      }
    }
  }

  mutating func oneLine(_ text: String) {
    var copy = text
    copy.withUTF8 { oneLine($0, 0..<$0.count) }
  }
}
