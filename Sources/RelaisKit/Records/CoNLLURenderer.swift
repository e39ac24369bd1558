/// Renders sentences as CoNLL-U: `# newdoc id`, `# newpar` at each block,
/// `# sent_id`, `# text`, one token a line, and UD French's multiword
/// tokens (`FrenchContractions`, `EnglishContractions`): a range line `4-5 du` holds the token's
/// MISC, its word lines `4 de`, `5 le` follow. MISC has `SpaceAfter=No`
/// where no white space follows a token, and `SpacesAfter=` where what
/// follows inside the sentence is not one space (`\s` a space, `\t`, `\n`,
/// `\r`, `\u00A0` any other space, as UD writes them).
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
    var word = 1
    let tokens = sentence.tokens
    for position in tokens.indices {
      try writer.flushIfFull()
      let token = tokens[position]
      let next = position + 1 < tokens.endIndex ? tokens[position + 1] : nil
      if let words = sentence.language.words(at: position, of: tokens, in: sentence.bytes) {
        writer.integer(word)
        writer.byte(0x2D)
        writer.integer(word + words.count - 1)
        writer.byte(0x09)
        writer.oneLine(sentence.bytes, token.byteRange)
        writer.raw("\t_\t_\t_\t_\t_\t_\t_\t")
        Self.writeMisc(token, next: next, sentence.bytes, into: &writer)
        try writer.endLine()
        for form in words {
          writer.integer(word)
          writer.byte(0x09)
          writer.oneLine(form)
          writer.raw("\t_\t_\t_\t_\t_\t_\t_\t_")
          try writer.endLine()
          word += 1
        }
        continue
      }
      writer.integer(word)
      writer.byte(0x09)
      writer.oneLine(sentence.bytes, token.byteRange)
      writer.raw("\t_\t_\t_\t_\t_\t_\t_\t")
      Self.writeMisc(token, next: next, sentence.bytes, into: &writer)
      try writer.endLine()
      word += 1
    }
    try writer.endLine()
  }

  /// The MISC column of a token: `_`, `SpaceAfter=No`, or `SpacesAfter=`
  /// with the white space before the next token of the sentence.
  static func writeMisc(
    _ token: TokenSpan, next: TokenSpan?, _ bytes: UnsafeBufferPointer<UInt8>,
    into writer: inout JSONLWriter
  ) {
    guard token.spaceAfter else { return writer.raw("SpaceAfter=No") }
    guard let next, next.startByte > token.endByte + 1 || bytes[token.endByte] != 0x20 else {
      return writer.raw("_")
    }
    writer.raw("SpacesAfter=")
    for scalar in String(decoding: bytes[token.endByte..<next.startByte], as: UTF8.self)
      .unicodeScalars
    {
      switch scalar {
      case " ": writer.raw("\\s")
      case "\t": writer.raw("\\t")
      case "\n": writer.raw("\\n")
      case "\r": writer.raw("\\r")
      default:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        writer.oneLine("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
      }
    }
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
