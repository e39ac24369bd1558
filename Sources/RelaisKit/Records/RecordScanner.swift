#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads `document`, `sentence`, `entity`, `block` and `document_end` record lines
/// without JSONDecoder, for `relais coverage` and the other readers of a
/// corpus.
///
/// Why hand-written: sentence records are nearly all the bytes of a corpus
/// (their tokens), and JSONDecoder spent 91 % of `relais coverage`'s time
/// on them (`perf record`): 7.4 s for 84 MB of records of 40 documents,
/// 75 s for the 1 GB of `make bench`'s 498 documents, against 13 s for
/// the `relais run` that wrote them. With those read here, entity records
/// (the most numerous lines, one per name) were the next 17 % (perf, 1,000
/// documents of news). This scanner reads the JSON grammar it needs
/// (objects, arrays, strings with every escape, numbers, booleans) and
/// gives up (`nil`) on anything else: another layout, a key twice, `null`,
/// a number where an integer is wanted with a fraction or exponent, a
/// field of the wrong type. The caller then decodes the line with
/// JSONDecoder, which says what is wrong, so the two always agree
/// (`RecordScannerTests` holds it to JSONDecoder on every record of these
/// types of the corpus and fixtures; the fuzzer on whatever it makes).
enum RecordScanner {
  /// The record types read here.
  enum Kind {
    case document, sentence, entity, block, documentEnd

    /// The kind of record `line` is, told by the start `relais run` writes
    /// such lines with; `nil` for any other line.
    static func of(_ line: [UInt8]) -> Kind? {
      line.withUnsafeBufferPointer { of($0) }
    }

    static func of(_ line: UnsafeBufferPointer<UInt8>) -> Kind? {
      lineStarts.first { line.starts(with: $0.start) }?.kind
    }

    private static let lineStarts: [(kind: Kind, start: [UInt8])] = [
      (.document, Array(#"{"type":"document","#.utf8)),
      (.sentence, Array(#"{"type":"sentence","#.utf8)),
      (.entity, Array(#"{"type":"entity","#.utf8)),
      (.block, Array(#"{"type":"block","#.utf8)),
      (.documentEnd, Array(#"{"type":"document_end","#.utf8)),
    ]
  }

  /// Which of a sentence record's tokens a reader keeps. Every token is
  /// read and checked either way, so a line gives `nil` (JSONDecoder's to
  /// read) exactly when it would with every token kept.
  enum SentenceTokens {
    /// Every token, as written.
    case all
    /// Those that may be acronyms, all `CoverageCollector` reads of a
    /// sentence's tokens: word tokens with no ASCII lowercase letter
    /// (`mayBeAcronym`). The others are checked but no string is made of
    /// them: building every token's strings was most of `relais
    /// coverage`'s time and of the run's coverage tap (perf).
    case acronymCandidates

    /// `record` with, of a sentence, only the tokens kept: the plain
    /// version the scanner is held to (tests, fuzzer).
    func filter(_ record: Record) -> Record {
      guard case .sentence(var sentence) = record else { return record }
      sentence.tokens = sentence.tokens.filter { keeps(kind: $0.kind.utf8, text: $0.text.utf8) }
      return .sentence(sentence)
    }

    /// Whether a token of this kind and text is kept.
    func keeps(kind: some Sequence<UInt8>, text: some Sequence<UInt8>) -> Bool {
      self == .all || Self.mayBeAcronym(kind: kind, text: text)
    }

    /// Keeps what `TermKeys.isAcronym` of a word's text can hold for,
    /// which has no lowercase letter.
    static func mayBeAcronym(
      kind: some Sequence<UInt8>, text: some Sequence<UInt8>
    ) -> Bool {
      var kindBytes = kind.makeIterator()
      for byte in "word".utf8 where kindBytes.next() != byte { return false }
      return kindBytes.next() == nil && !text.contains { $0 >= 0x61 && $0 <= 0x7A }
    }
  }

  /// The record of `bytes`, a whole line of valid UTF-8 (strings are made
  /// from it unchecked) read as a record of `kind`, or `nil` to let
  /// JSONDecoder read it; a sentence keeps the tokens `tokens` says.
  static func record(
    _ bytes: UnsafeBufferPointer<UInt8>, as kind: Kind, tokens: SentenceTokens = .all
  ) -> Record? {
    var scanner = Scanner(bytes: bytes, keeping: tokens)
    let record: Record? =
      switch kind {
      case .document: scanner.document().map(Record.document)
      case .sentence: scanner.sentence().map(Record.sentence)
      case .entity: scanner.entity().map(Record.entity)
      case .block: scanner.block().map(Record.block)
      case .documentEnd: scanner.documentEnd().map(Record.documentEnd)
      }
    guard let record, scanner.atEnd() else { return nil }
    return record
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let keeping: SentenceTokens
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>, keeping: SentenceTokens = .all) {
      self.bytes = bytes
      self.keeping = keeping
    }

    mutating func skipSpace() {
      while offset < bytes.count {
        switch bytes[offset] {
        case 0x20, 0x09, 0x0A, 0x0D: offset += 1
        default: return
        }
      }
    }

    mutating func atEnd() -> Bool {
      skipSpace()
      return offset == bytes.count
    }

    mutating func take(_ byte: UInt8) -> Bool {
      skipSpace()
      guard offset < bytes.count, bytes[offset] == byte else { return false }
      offset += 1
      return true
    }

    /// `{ "key": value, … }`, each key handed to `field` as its raw
    /// bytes (a key with an escape gives up), which reads its value and
    /// returns whether it could; a key read twice makes `field` fail.
    mutating func object(_ field: (inout Scanner, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
      guard take(0x7B) else { return false }
      if take(0x7D) { return true }
      repeat {
        guard take(0x22) else { return false }
        let start = offset
        while offset < bytes.count, bytes[offset] != 0x22, bytes[offset] != 0x5C { offset += 1 }
        guard offset < bytes.count, bytes[offset] == 0x22 else { return false }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        guard take(0x3A), field(&self, key) else { return false }
      } while take(0x2C)
      return take(0x7D)
    }

    mutating func array(_ element: (inout Scanner) -> Bool) -> Bool {
      guard take(0x5B) else { return false }
      if take(0x5D) { return true }
      repeat {
        guard element(&self) else { return false }
      } while take(0x2C)
      return take(0x5D)
    }

    /// `[ element, … ]`, each element read by `element`; nil where one
    /// cannot be.
    mutating func list<Element>(_ element: (inout Scanner) -> Element?) -> [Element]? {
      var list: [Element] = []
      let read = array { scanner in
        guard let value = element(&scanner) else { return false }
        list.append(value)
        return true
      }
      return read ? list : nil
    }

    mutating func integer() -> Int? {
      skipSpace()
      var negative = false
      if offset < bytes.count, bytes[offset] == 0x2D {
        negative = true
        offset += 1
      }
      let start = offset
      var value = 0
      while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) {
        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[offset] - 0x30))
        guard !overflow1, !overflow2 else { return nil }
        value = sum
        offset += 1
      }
      // JSON has no leading zeros; a fraction or exponent goes to JSONDecoder.
      guard offset > start, !(bytes[start] == 0x30 && offset - start > 1) else { return nil }
      if offset < bytes.count, [0x2E, 0x65, 0x45].contains(bytes[offset]) { return nil }
      return negative ? -value : value
    }

    mutating func bool() -> Bool? {
      skipSpace()
      if matches("true") { return true }
      if matches("false") { return false }
      return nil
    }

    /// A JSON number as a `Double`, or `nil` outside JSON's grammar or
    /// `Double`'s range. Both readers round the decimal to the nearest
    /// double, so they agree.
    mutating func double() -> Double? {
      skipSpace()
      let start = offset
      func digits() -> Int {
        let first = offset
        while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
        return offset - first
      }
      if offset < bytes.count, bytes[offset] == 0x2D { offset += 1 }
      let integerStart = offset
      let integerDigits = digits()
      guard integerDigits > 0, !(bytes[integerStart] == 0x30 && integerDigits > 1) else {
        return nil
      }
      if offset < bytes.count, bytes[offset] == 0x2E {
        offset += 1
        guard digits() > 0 else { return nil }
      }
      if offset < bytes.count, bytes[offset] == 0x65 || bytes[offset] == 0x45 {
        offset += 1
        if offset < bytes.count, bytes[offset] == 0x2B || bytes[offset] == 0x2D { offset += 1 }
        guard digits() > 0 else { return nil }
      }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
      guard let value = Double(text), value.isFinite else { return nil }
      return value
    }

    /// Reads `word` if the bytes here are its bytes. One `memcmp`: the
    /// writer-layout readers match a key before every value, and a
    /// checked loop a byte at a time was the largest share of reading
    /// records (perf).
    mutating func matches(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard offset + count <= bytes.count, let base = bytes.baseAddress,
        memcmp(base + offset, word.utf8Start, count) == 0
      else { return false }
      offset += count
      return true
    }

    /// A JSON string, its escapes resolved; `nil` for invalid ones (a lone
    /// surrogate, a control character).
    mutating func string() -> String? {
      guard take(0x22) else { return nil }
      let start = offset
      // The common case: no escape, copied in one piece.
      while offset < bytes.count, bytes[offset] != 0x22, bytes[offset] != 0x5C {
        guard bytes[offset] >= 0x20 else { return nil }
        offset += 1
      }
      guard offset < bytes.count else { return nil }
      if bytes[offset] == 0x22 {
        offset += 1
        return String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset - 1]), as: UTF8.self)
      }
      var scalars = String.UnicodeScalarView()
      let head = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
      scalars.append(contentsOf: head.unicodeScalars)
      while offset < bytes.count {
        let byte = bytes[offset]
        if byte == 0x22 {
          offset += 1
          return String(scalars)
        }
        if byte == 0x5C {
          guard offset + 1 < bytes.count else { return nil }
          let escape = bytes[offset + 1]
          offset += 2
          switch escape {
          case 0x22: scalars.append("\"")
          case 0x5C: scalars.append("\\")
          case 0x2F: scalars.append("/")
          case 0x62: scalars.append("\u{8}")
          case 0x66: scalars.append("\u{C}")
          case 0x6E: scalars.append("\n")
          case 0x72: scalars.append("\r")
          case 0x74: scalars.append("\t")
          case 0x75:
            guard let unit = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(unit) {
              guard matches("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                return nil
              }
              let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
              guard let scalar = Unicode.Scalar(value) else { return nil }
              scalars.append(scalar)
            } else {
              guard let scalar = Unicode.Scalar(unit) else { return nil }
              scalars.append(scalar)
            }
          default: return nil
          }
          continue
        }
        guard byte >= 0x20 else { return nil }
        // A run of plain bytes up to the next quote or escape.
        let run = offset
        while offset < bytes.count, bytes[offset] != 0x22, bytes[offset] != 0x5C,
          bytes[offset] >= 0x20
        {
          offset += 1
        }
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[run..<offset]), as: UTF8.self)
        scalars.append(contentsOf: text.unicodeScalars)
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard offset + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[offset]
        let digit: UInt32
        switch byte {
        case 0x30...0x39: digit = UInt32(byte - 0x30)
        case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
        default: return nil
        }
        value = value * 16 + digit
        offset += 1
      }
      return value
    }

    /// Reads a field's value into `slot`, which must still be empty (a
    /// key twice gives up); whether it could.
    mutating func fill(_ slot: inout String?) -> Bool {
      guard slot == nil else { return false }
      slot = string()
      return slot != nil
    }

    mutating func fill(_ slot: inout Int?) -> Bool {
      guard slot == nil else { return false }
      slot = integer()
      return slot != nil
    }

    mutating func fill(_ slot: inout Bool?) -> Bool {
      guard slot == nil else { return false }
      slot = bool()
      return slot != nil
    }

    mutating func fill<Element>(
      _ slot: inout [Element]?, _ element: (inout Scanner) -> Element?
    ) -> Bool {
      guard slot == nil else { return false }
      slot = list(element)
      return slot != nil
    }

    mutating func fill(_ slot: inout Double?) -> Bool {
      guard slot == nil else { return false }
      slot = double()
      return slot != nil
    }

    /// Where a token's fields lie in the one layout `RecordWriter.sentence`
    /// writes: its strings as the bytes between their quotes, its words
    /// list as the bytes of the whole list.
    struct TokenLayout {
      var text: Range<Int>
      var norm: Range<Int>?
      var start: Int
      var end: Int
      var kind: Range<Int>
      var spaceAfter: Bool
      var words: Range<Int>?
    }

    /// A token in the one layout `RecordWriter.sentence` writes (its
    /// keys in its order, no space, no escape in its strings), read
    /// without a key look-up per field and without making its strings
    /// (`token(_:)` makes them): tokens are most of a corpus's bytes, and
    /// this was the largest share of reading them (perf). Anything else,
    /// from the first byte that differs, gives `nil` with nothing read, and
    /// `token()` reads the object as JSON; both give what JSONDecoder gives
    /// (`RecordScannerTests`).
    mutating func tokenInWriterLayout() -> TokenLayout? {
      let begin = offset
      func fail() -> TokenLayout? {
        offset = begin
        return nil
      }
      skipSpace()
      guard matches(#"{"text":"#), let text = unescapedString() else { return fail() }
      var norm: Range<Int>?
      if matches(#","norm":"#) {
        guard let value = unescapedString() else { return fail() }
        norm = value
      }
      guard matches(#","start":"#), let start = integer(), matches(#","end":"#),
        let end = integer(), matches(#","kind":"#), let kind = unescapedString(),
        matches(#","space_after":"#), let spaceAfter = bool()
      else { return fail() }
      var words: Range<Int>?
      if matches(#","words":"#) {
        let listStart = offset
        guard array({ $0.unescapedString() != nil }) else { return fail() }
        words = listStart..<offset
      }
      guard matches("}") else { return fail() }
      return TokenLayout(
        text: text, norm: norm, start: start, end: end, kind: kind, spaceAfter: spaceAfter,
        words: words)
    }

    /// The token whose fields `layout` found.
    func token(_ layout: TokenLayout) -> SentenceRecord.Token {
      func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      }
      var words: [String]?
      if let list = layout.words {
        var scanner = Scanner(bytes: bytes)
        scanner.offset = list.lowerBound
        words = scanner.list { $0.unescapedString().map(text) }
      }
      return SentenceRecord.Token(
        text: text(layout.text), norm: layout.norm.map(text), start: layout.start, end: layout.end,
        kind: text(layout.kind), spaceAfter: layout.spaceAfter, words: words)
    }

    /// The bytes between a string's quotes, where it has no escape and no
    /// control character; `nil` otherwise (`string()` reads those).
    mutating func unescapedString() -> Range<Int>? {
      guard take(0x22) else { return nil }
      let start = offset
      while offset < bytes.count, bytes[offset] != 0x22 {
        guard bytes[offset] >= 0x20, bytes[offset] != 0x5C else { return nil }
        offset += 1
      }
      guard offset < bytes.count else { return nil }
      offset += 1
      return start..<(offset - 1)
    }

    /// The tokens `keeping` keeps of a sentence's array, every one read;
    /// strings are made only of those kept.
    mutating func sentenceTokens() -> [SentenceRecord.Token]? {
      var kept: [SentenceRecord.Token] = []
      let read = array { scanner in
        if let layout = scanner.tokenInWriterLayout() {
          if scanner.keeping.keeps(
            kind: scanner.bytes[layout.kind], text: scanner.bytes[layout.text])
          {
            kept.append(scanner.token(layout))
          }
          return true
        }
        guard let token = scanner.token() else { return false }
        if scanner.keeping.keeps(kind: token.kind.utf8, text: token.text.utf8) {
          kept.append(token)
        }
        return true
      }
      return read ? kept : nil
    }

    mutating func token() -> SentenceRecord.Token? {
      var text: String?
      var norm: String?
      var start: Int?
      var end: Int?
      var kind: String?
      var spaceAfter: Bool?
      var words: [String]?
      let read = object { scanner, key in
        switch Key(key) {
        case .text: return scanner.fill(&text)
        case .norm: return scanner.fill(&norm)
        case .start: return scanner.fill(&start)
        case .end: return scanner.fill(&end)
        case .kind: return scanner.fill(&kind)
        case .spaceAfter: return scanner.fill(&spaceAfter)
        case .words: return scanner.fill(&words) { $0.string() }
        default: return false
        }
      }
      guard read, let text, let start, let end, let kind, let spaceAfter else { return nil }
      return SentenceRecord.Token(
        text: text, norm: norm, start: start, end: end, kind: kind, spaceAfter: spaceAfter,
        words: words)
    }

    mutating func sentence() -> SentenceRecord? {
      var type: String?
      var doc: String?
      var id: String?
      var block: String?
      var start: Int?
      var end: Int?
      var text: String?
      var tokens: [SentenceRecord.Token]?
      let read = object { scanner, key in
        switch Key(key) {
        case .type: return scanner.fill(&type)
        case .doc: return scanner.fill(&doc)
        case .id: return scanner.fill(&id)
        case .block: return scanner.fill(&block)
        case .start: return scanner.fill(&start)
        case .end: return scanner.fill(&end)
        case .text: return scanner.fill(&text)
        case .tokens:
          guard tokens == nil else { return false }
          tokens = scanner.sentenceTokens()
          return tokens != nil
        default: return false
        }
      }
      guard read, type == "sentence", let doc, let id, let block, let start, let end, let text,
        let tokens
      else { return nil }
      return SentenceRecord(
        doc: doc, id: id, block: block, start: start, end: end, text: text, tokens: tokens)
    }
    mutating func entity() -> EntityRecord? {
      var type: String?
      var doc: String?
      var id: String?
      var sentence: String?
      var label: String?
      var start: Int?
      var end: Int?
      var text: String?
      var value: String?
      var yearFromContext: Bool?
      var entry: String?
      var source: String?
      var score: Double?
      let read = object { scanner, key in
        switch Key(key) {
        case .type: return scanner.fill(&type)
        case .doc: return scanner.fill(&doc)
        case .id: return scanner.fill(&id)
        case .sentence: return scanner.fill(&sentence)
        case .label: return scanner.fill(&label)
        case .start: return scanner.fill(&start)
        case .end: return scanner.fill(&end)
        case .text: return scanner.fill(&text)
        case .value: return scanner.fill(&value)
        case .yearFromContext: return scanner.fill(&yearFromContext)
        case .entry: return scanner.fill(&entry)
        case .source: return scanner.fill(&source)
        case .score: return scanner.fill(&score)
        default: return false
        }
      }
      guard read, type == "entity", let doc, let id, let sentence, let label, let start, let end,
        let text, let source
      else { return nil }
      return EntityRecord(
        doc: doc, id: id, sentence: sentence, label: label, start: start, end: end, text: text,
        value: value, yearFromContext: yearFromContext, entry: entry, source: source, score: score)
    }

    mutating func block() -> BlockRecord? {
      var type: String?
      var doc: String?
      var id: String?
      var kind: String?
      var start: Int?
      var end: Int?
      let read = object { scanner, key in
        switch Key(key) {
        case .type: return scanner.fill(&type)
        case .doc: return scanner.fill(&doc)
        case .id: return scanner.fill(&id)
        case .kind: return scanner.fill(&kind)
        case .start: return scanner.fill(&start)
        case .end: return scanner.fill(&end)
        default: return false
        }
      }
      guard read, type == "block", let doc, let id, let kind, let start, let end else {
        return nil
      }
      return BlockRecord(doc: doc, id: id, kind: kind, start: start, end: end)
    }

    /// A document record without `metadata` (any JSON a user gave:
    /// JSONDecoder's to read).
    mutating func document() -> DocumentRecord? {
      var type: String?
      var doc: String?
      var id: String?
      var source: String?
      var sha256: String?
      var chars: Int?
      var lang: String?
      var schema: String?
      var provenance: DocumentRecord.Provenance?
      var text: String?
      let read = object { scanner, key in
        switch Key(key) {
        case .type: return scanner.fill(&type)
        case .doc: return scanner.fill(&doc)
        case .id: return scanner.fill(&id)
        case .source: return scanner.fill(&source)
        case .sha256: return scanner.fill(&sha256)
        case .chars: return scanner.fill(&chars)
        case .lang: return scanner.fill(&lang)
        case .schema: return scanner.fill(&schema)
        case .text: return scanner.fill(&text)
        case .provenance where provenance == nil:
          provenance = scanner.provenance()
          return provenance != nil
        default: return false
        }
      }
      guard read, type == "document", let doc, let id, let source, let sha256, let chars, let lang,
        let schema, let provenance
      else { return nil }
      return DocumentRecord(
        doc: doc, id: id, source: source, sha256: sha256, chars: chars, lang: lang,
        schema: schema, provenance: provenance, metadata: nil, text: text)
    }

    mutating func provenance() -> DocumentRecord.Provenance? {
      var relais: String?
      var icu: String?
      var unicode: String?
      var glossaries: [DocumentRecord.Glossary]?
      var model: DocumentRecord.Model?
      let read = object { scanner, key in
        switch Key(key) {
        case .relais: return scanner.fill(&relais)
        case .icu: return scanner.fill(&icu)
        case .unicode: return scanner.fill(&unicode)
        case .glossaries:
          return scanner.fill(&glossaries) { scanner in
            scanner.idAndDigest().map { DocumentRecord.Glossary(id: $0.0, sha256: $0.1) }
          }
        case .nerModel where model == nil:
          guard let (id, sha256) = scanner.idAndDigest() else { return false }
          model = DocumentRecord.Model(id: id, sha256: sha256)
          return true
        default: return false
        }
      }
      guard read, let relais, let icu, let unicode, let glossaries else { return nil }
      return DocumentRecord.Provenance(
        relais: relais, icu: icu, unicode: unicode, glossaries: glossaries, nerModel: model)
    }

    /// `{"id": …, "sha256": …}`: a glossary or a model of the provenance.
    mutating func idAndDigest() -> (String, String)? {
      var id: String?
      var sha256: String?
      let read = object { scanner, key in
        switch Key(key) {
        case .id: return scanner.fill(&id)
        case .sha256: return scanner.fill(&sha256)
        default: return false
        }
      }
      guard read, let id, let sha256 else { return nil }
      return (id, sha256)
    }

    mutating func documentEnd() -> DocumentEndRecord? {
      var type: String?
      var doc: String?
      var blocks: Int?
      var sentences: Int?
      var records: Int?
      let read = object { scanner, key in
        switch Key(key) {
        case .type: return scanner.fill(&type)
        case .doc: return scanner.fill(&doc)
        case .blocks: return scanner.fill(&blocks)
        case .sentences: return scanner.fill(&sentences)
        case .records: return scanner.fill(&records)
        default: return false
        }
      }
      guard read, type == "document_end", let doc, let blocks, let sentences, let records else {
        return nil
      }
      return DocumentEndRecord(doc: doc, blocks: blocks, sentences: sentences, records: records)
    }
  }

  /// The keys of the records read here, told from their raw bytes: the
  /// length and first letters pick the one candidate, compared whole.
  private enum Key {
    case type, doc, id, block, start, end, text, tokens, norm, kind, spaceAfter, words
    case sentence, label, value, yearFromContext, entry, source, score
    case blocks, sentences, records
    case sha256, chars, lang, schema, provenance, relais, icu, unicode, glossaries, nerModel
    case other

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard bytes.count >= 2 else {
        self = .other
        return
      }
      let (name, key): (StaticString, Key)
      switch (bytes.count, bytes[0], bytes[1]) {
      case (2, 0x69, _): (name, key) = ("id", .id)
      case (3, 0x64, _): (name, key) = ("doc", .doc)
      case (3, 0x65, _): (name, key) = ("end", .end)
      case (3, 0x69, _): (name, key) = ("icu", .icu)
      case (4, 0x6C, _): (name, key) = ("lang", .lang)
      case (5, 0x63, _): (name, key) = ("chars", .chars)
      case (4, 0x74, 0x79): (name, key) = ("type", .type)
      case (4, 0x74, 0x65): (name, key) = ("text", .text)
      case (4, 0x6E, _): (name, key) = ("norm", .norm)
      case (4, 0x6B, _): (name, key) = ("kind", .kind)
      case (5, 0x62, _): (name, key) = ("block", .block)
      case (5, 0x73, 0x74): (name, key) = ("start", .start)
      case (5, 0x73, 0x63): (name, key) = ("score", .score)
      case (5, 0x77, _): (name, key) = ("words", .words)
      case (5, 0x6C, _): (name, key) = ("label", .label)
      case (5, 0x76, _): (name, key) = ("value", .value)
      case (5, 0x65, _): (name, key) = ("entry", .entry)
      case (6, 0x74, _): (name, key) = ("tokens", .tokens)
      case (6, 0x73, 0x6F): (name, key) = ("source", .source)
      case (6, 0x73, 0x68): (name, key) = ("sha256", .sha256)
      case (6, 0x73, 0x63): (name, key) = ("schema", .schema)
      case (6, 0x72, _): (name, key) = ("relais", .relais)
      case (7, 0x75, _): (name, key) = ("unicode", .unicode)
      case (9, 0x6E, _): (name, key) = ("ner_model", .nerModel)
      case (10, 0x70, _): (name, key) = ("provenance", .provenance)
      case (10, 0x67, _): (name, key) = ("glossaries", .glossaries)
      case (6, 0x62, _): (name, key) = ("blocks", .blocks)
      case (7, 0x72, _): (name, key) = ("records", .records)
      case (8, 0x73, _): (name, key) = ("sentence", .sentence)
      case (9, 0x73, _): (name, key) = ("sentences", .sentences)
      case (11, 0x73, _): (name, key) = ("space_after", .spaceAfter)
      case (17, 0x79, _): (name, key) = ("year_from_context", .yearFromContext)
      default: (name, key) = ("", .other)
      }
      let start = name.utf8Start
      self =
        name.utf8CodeUnitCount == bytes.count
          && (0..<bytes.count).allSatisfy { bytes[$0] == start[$0] }
        ? key : .other
    }
  }
}
