/// The formats `relais tokenize` writes.
public enum SentenceFormat: String, Sendable, CaseIterable {
  /// CoNLL-U: `# newdoc id`, `# newpar`, `# sent_id`, `# text`, one token a
  /// line with `SpaceAfter=No` in MISC.
  case conllu
  /// One `sentence` record (DESIGN.md) a line.
  case jsonl
  /// One sentence a line, tokens separated by spaces.
  case text
}

/// Writes the sentences of one document in a `SentenceFormat`, keeping
/// code point offsets in step as blocks arrive in order.
public struct SentenceFormatter {
  public let format: SentenceFormat
  public let documentID: String
  /// `documentID` escaped once for the records.
  private let escapedDocumentID: EscapedString
  private var counter = CodePointCounter()
  private var sentenceNumber = 0

  private var blockCount = 0
  private var termNumber = 0
  private var entityNumber = 0
  private var acronymNumber = 0
  private var matcher: TermMatcher?
  private var mapTerms = false
  private var extractor: EntityExtractor?
  private var matches: [TermMatch] = []
  private var matchScratch = MatchScratch()
  /// Code point offsets of the tokens of the sentence last written.
  private var tokenStarts: [Int] = []
  private var tokenEnds: [Int] = []

  public init(format: SentenceFormat, documentID: String) {
    self.format = format
    self.documentID = documentID
    escapedDocumentID = EscapedString(documentID)
  }

  /// Writes what opens a document (CoNLL-U's `# newdoc id`).
  public mutating func beginDocument(into writer: inout JSONLWriter) throws(RelaisError) {
    guard format == .conllu else { return }
    writer.raw("# newdoc id = ")
    appendOneLine(documentID, &writer)
    try writer.endLine()
  }

  /// Sets what follows each sentence record in JSONL: `entity` and
  /// `acronym` records when `extract`, `term` records when `mapTerms`.
  public mutating func annotate(extract: Bool, mapTerms: Bool, matcher: TermMatcher?) {
    self.matcher = extract || mapTerms ? matcher : nil
    self.mapTerms = mapTerms
    extractor = extract ? EntityExtractor(matcher: matcher) : nil
  }

  /// Writes the block's sentences, each with its annotations in JSONL.
  public mutating func write(
    _ block: TokenizedBlock, _ bytes: UnsafeBufferPointer<UInt8>, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    for (position, sentence) in block.sentences.enumerated() {
      sentenceNumber += 1
      let tokens = block.tokens[sentence]
      switch format {
      case .jsonl:
        try writeJSONL(block, tokens, bytes, &writer)
        try writeAnnotations(tokens, bytes, &writer)
      case .conllu: try writeCoNLLU(newParagraph: position == 0, tokens, bytes, &writer)
      case .text: try writeText(tokens, bytes, &writer)
      }
    }
  }

  /// A `block` record, its offsets counted with the same counter as the
  /// sentences that follow it.
  mutating func writeBlockRecord(
    _ block: TokenizedBlock, _ bytes: UnsafeBufferPointer<UInt8>, into writer: inout JSONLWriter
  ) throws(RelaisError) {
    blockCount += 1
    let start = counter.codePoints(bytes, upTo: block.byteRange.lowerBound)
    let end = start + CodePointCounter.count(bytes, block.byteRange)
    try RecordWriter.block(
      block, documentID: escapedDocumentID, start: start, end: end, into: &writer)
  }

  /// Blocks, sentences and every record written so far for the document
  /// (its `document` record included), for its `document_end` record.
  var recordCounts: (blocks: Int, sentences: Int, records: Int) {
    (
      blockCount, sentenceNumber,
      1 + blockCount + sentenceNumber + termNumber + entityNumber + acronymNumber
    )
  }

  private var sentenceID: String { "\(documentID)#s\(sentenceNumber)" }

  private mutating func writeJSONL(
    _ block: TokenizedBlock, _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    _ writer: inout JSONLWriter
  ) throws(RelaisError) {
    guard let first = tokens.first, let last = tokens.last else { return }
    RecordWriter.open(
      "sentence", document: escapedDocumentID, kind: "#s", number: sentenceNumber, into: &writer)
    writer.raw(",\"block\":")
    writer.string(escapedDocumentID, suffix: "#b", number: block.index + 1)
    let sentenceStart = counter.codePoints(bytes, upTo: first.startByte)
    writer.raw(",\"start\":")
    writer.integer(sentenceStart)
    writer.raw(",\"end\":")
    writer.integer(sentenceStart + CodePointCounter.count(bytes, first.startByte..<last.endByte))
    writer.raw(",\"text\":")
    writer.string(bytes, first.startByte..<last.endByte)
    writer.raw(",\"tokens\":[")
    tokenStarts.removeAll(keepingCapacity: true)
    tokenEnds.removeAll(keepingCapacity: true)
    for (index, token) in tokens.enumerated() {
      if index > 0 { writer.byte(0x2C) }
      try writer.flushIfFull()
      let start = counter.codePoints(bytes, upTo: token.startByte)
      let end = counter.codePoints(bytes, upTo: token.endByte)
      tokenStarts.append(start)
      tokenEnds.append(end)
      writer.raw("{\"text\":")
      let textMark = writer.mark
      writer.string(bytes, token.byteRange)
      let textEnd = writer.mark
      writer.raw(",\"norm\":")
      if TokenNormalization.normIsText(bytes, token.byteRange) {
        writer.repeatBytes(from: textMark, to: textEnd)
      } else {
        writer.string(TokenNormalization.norm(of: bytes, token.byteRange))
      }
      writer.raw(",\"start\":")
      writer.integer(start)
      writer.raw(",\"end\":")
      writer.integer(end)
      writer.raw(",\"kind\":")
      writer.raw(token.kind.jsonLiteral)
      writer.raw(",\"space_after\":")
      writer.bool(token.spaceAfter)
      writer.byte(0x7D)
    }
    writer.raw("]}")
    try writer.endLine()
  }

  /// The `entity`, `acronym` and `term` records of the sentence just
  /// written, with the code point offsets its tokens had.
  private mutating func writeAnnotations(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    _ writer: inout JSONLWriter
  ) throws(RelaisError) {
    matches.removeAll(keepingCapacity: true)
    if let matcher { matcher.matches(in: tokens, bytes, into: &matches, scratch: &matchScratch) }
    let ids = AnnotationIDs(document: escapedDocumentID, sentence: sentenceNumber)
    if extractor != nil {
      let extraction = extractor?.extract(tokens, bytes, matches: matches) ?? Extraction()
      for entity in extraction.entities {
        entityNumber += 1
        try RecordWriter.entity(
          entity, span(entity.tokenRange, of: tokens), ids, number: entityNumber, bytes,
          into: &writer)
      }
      for acronym in extraction.acronyms {
        acronymNumber += 1
        try RecordWriter.acronym(
          acronym, short: span(acronym.short, of: tokens), long: span(acronym.long, of: tokens),
          ids, number: acronymNumber,
          acronymsByLanguage: acronym.entry.flatMap { matcher?.entry(id: $0) }.map { entry in
            entry.languages.mapValues(\.acronyms)
          } ?? [:], bytes, into: &writer)
      }
    }
    guard mapTerms, let matcher else { return }
    for match in matches {
      termNumber += 1
      try RecordWriter.term(
        matcher.terms[match.term], span(match.tokenRange, of: tokens), ids, number: termNumber,
        matcher, bytes, into: &writer)
    }
  }

  /// Where the tokens at `range` (indices in the sentence just written)
  /// are, in code points and bytes.
  private func span(_ range: Range<Int>, of tokens: ArraySlice<TokenSpan>) -> AnnotationSpan {
    let first = tokens[tokens.startIndex + range.lowerBound]
    let last = tokens[tokens.startIndex + range.upperBound - 1]
    return AnnotationSpan(
      start: tokenStarts[range.lowerBound], end: tokenEnds[range.upperBound - 1],
      byteRange: first.startByte..<last.endByte)
  }

  private func writeCoNLLU(
    newParagraph: Bool, _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    _ writer: inout JSONLWriter
  ) throws(RelaisError) {
    guard let first = tokens.first, let last = tokens.last else { return }
    if newParagraph {
      writer.raw("# newpar")
      try writer.endLine()
    }
    writer.raw("# sent_id = ")
    appendOneLine(sentenceID, &writer)
    try writer.endLine()
    writer.raw("# text = ")
    appendOneLine(bytes, first.startByte..<last.endByte, &writer)
    try writer.endLine()
    for (index, token) in tokens.enumerated() {
      try writer.flushIfFull()
      writer.integer(index + 1)
      writer.byte(0x09)
      appendOneLine(bytes, token.byteRange, &writer)
      writer.raw("\t_\t_\t_\t_\t_\t_\t_\t")
      writer.raw(token.spaceAfter ? "_" : "SpaceAfter=No")
      try writer.endLine()
    }
    try writer.endLine()
  }

  private func writeText(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    _ writer: inout JSONLWriter
  ) throws(RelaisError) {
    for (index, token) in tokens.enumerated() {
      if index > 0 { writer.byte(0x20) }
      try writer.flushIfFull()
      appendOneLine(bytes, token.byteRange, &writer)
    }
    try writer.endLine()
  }

  /// Copies text with line breaks and tabs turned into spaces, for the
  /// line-based formats.
  private func appendOneLine(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ writer: inout JSONLWriter
  ) {
    var previousWasBreak = false
    for offset in range {
      let byte = bytes[offset]
      if byte == 0x0A || byte == 0x0D || byte == 0x09 {
        if !previousWasBreak { writer.byte(0x20) }
        previousWasBreak = true
      } else {
        writer.byte(byte)
        previousWasBreak = false
      }
    }
  }

  private func appendOneLine(_ text: String, _ writer: inout JSONLWriter) {
    var copy = text
    copy.withUTF8 { appendOneLine($0, 0..<$0.count, &writer) }
  }

}
