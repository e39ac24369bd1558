/// Named-entity data as `train ner` and `eval ner` read it: one token a
/// line, `INDEX<TAB>TOKEN<TAB>TAG` (WikiNEuRal, CoNLL) or `TOKEN TAG`
/// (Europeana), a blank line between sentences. Tags are IOB2 (`B-PER`,
/// `I-PER`, `O`) or IO (`I-PER` only: two adjacent entities of a type
/// cannot be told apart, and are scored as one).
///
/// Each sentence becomes one document of raw text, rebuilt from its
/// tokens (`EntityGold.detokenize`), so Relais reads it as it reads any
/// text, with its own tokenizer; entities are code point spans of that
/// text. A file without blank lines is one document.
package struct EntityGold: Sendable {
  package enum Scheme: String, Sendable {
    case iob2
    case io
  }

  package struct Entity: Sendable, Equatable, Hashable {
    /// Code point offsets into the document text.
    package var start: Int
    package var end: Int
    package var label: EntityLabel
  }

  package struct Document: Sendable {
    /// The line of the file the document starts at, from 1.
    package var line: Int
    package var text: String
    /// Code point offsets of each gold token into `text`.
    package var tokens: [CodePointRange]
    /// The gold label of each token (nil for `O`), for IO scoring.
    package var tokenLabels: [EntityLabel?]
    package var entities: [Entity]
  }

  package var path: String
  package var scheme: Scheme
  package var documents: [Document]
  /// The labels the gold uses.
  package var labels: Set<EntityLabel>

  /// Labels a gold file may use.
  static let knownLabels: [String: EntityLabel] = [
    "PER": .person, "LOC": .location, "ORG": .organisation, "MISC": .misc, "EVENT": .event,
  ]

  package init(_ content: String, path: String) throws(RelaisError) {
    self.path = path
    documents = []
    labels = []
    var sawBegin = false
    var tokens: [(text: String, tag: String.SubSequence, line: Int)] = []
    var parsed: [[(text: String, tag: String.SubSequence, line: Int)]] = []
    var lineNumber = 0
    var nextLineByte = 0
    for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let lineByte = nextLineByte
      nextLineByte += line.utf8.count + 1
      let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
      if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
        if !tokens.isEmpty { parsed.append(tokens) }
        tokens = []
        continue
      }
      let fields =
        trimmed.contains("\t")
        ? trimmed.split(separator: "\t", omittingEmptySubsequences: false)
        : trimmed.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 2, let tag = fields.last, !fields[fields.count - 2].isEmpty else {
        throw RelaisError(
          .malformedEntityData, "expected TOKEN TAG or INDEX<TAB>TOKEN<TAB>TAG",
          at: InputLocation(path: path, line: lineNumber, column: 1, byteOffset: lineByte))
      }
      if tag != "O" {
        guard tag.count > 2, tag.hasPrefix("B-") || tag.hasPrefix("I-"),
          let label = Self.knownLabels[String(tag.dropFirst(2))]
        else {
          throw RelaisError(
            .malformedEntityData,
            "unknown tag \"\(tag)\": O, or B- or I- before \(Self.knownLabels.keys.sorted().joined(separator: ", "))",
            at: InputLocation(
              path: path, line: lineNumber, column: trimmed.count - tag.count + 1,
              byteOffset: lineByte + trimmed.utf8.count - tag.utf8.count))
        }
        labels.insert(label)
        if tag.hasPrefix("B-") { sawBegin = true }
      }
      tokens.append((String(fields[fields.count - 2]), tag, lineNumber))
    }
    if !tokens.isEmpty { parsed.append(tokens) }
    guard !parsed.isEmpty else {
      throw RelaisError(.malformedEntityData, "no tokens", path: path)
    }
    scheme = sawBegin ? .iob2 : .io
    for sentence in parsed {
      documents.append(Self.document(sentence, scheme: scheme))
    }
  }

  private static func document(
    _ tokens: [(text: String, tag: String.SubSequence, line: Int)], scheme: Scheme
  ) -> Document {
    let (text, offsets) = detokenize(tokens.map(\.text))
    var entities: [Entity] = []
    var labels: [EntityLabel?] = []
    var open: (start: Int, end: Int, label: EntityLabel)?
    for (index, token) in tokens.enumerated() {
      let label = token.tag == "O" ? nil : knownLabels[String(token.tag.dropFirst(2))]
      labels.append(label)
      let begins = token.tag.hasPrefix("B-") || scheme == .io && label != open?.label
      if let current = open, label == nil || begins || label != current.label {
        entities.append(Entity(start: current.start, end: current.end, label: current.label))
        open = nil
      }
      if let label {
        if open == nil {
          open = (offsets[index].start, offsets[index].end, label)
        } else {
          open?.end = offsets[index].end
        }
      }
    }
    if let current = open {
      entities.append(Entity(start: current.start, end: current.end, label: current.label))
    }
    return Document(
      line: tokens.first?.line ?? 1, text: text, tokens: offsets, tokenLabels: labels,
      entities: entities)
  }

  /// Text from tokens, spaced as French is written: no space before
  /// closing punctuation (`,` `.` `)` `…`), none after opening brackets or
  /// an elided word (`d'`, `l’`), straight double quotes paired. `:` `;`
  /// `!` `?` keep their French space. Returns the text and each token's
  /// code point offsets.
  private static let closing: Set<String> = [",", ".", ")", "]", "}", "…", "%"]
  private static let opening: Set<String> = ["(", "[", "{"]

  package static func detokenize(_ tokens: [String]) -> (String, [CodePointRange]) {
    var text = ""
    var offsets: [CodePointRange] = []
    var position = 0
    var quoteOpen = false
    var glueNext = true
    for token in tokens {
      let isQuote = token == "\""
      let gluesToPrevious = closing.contains(token) || isQuote && quoteOpen
      if !glueNext && !gluesToPrevious {
        text.append(" ")
        position += 1
      }
      let length = token.unicodeScalars.count
      offsets.append(CodePointRange(start: position, end: position + length))
      text.append(token)
      position += length
      if isQuote { quoteOpen.toggle() }
      let last = token.unicodeScalars.last.map { $0.value } ?? 0
      glueNext =
        opening.contains(token) || isQuote && quoteOpen
        || (token.count > 1 && CharClass.isApostrophe(last))
    }
    return (text, offsets)
  }
}
