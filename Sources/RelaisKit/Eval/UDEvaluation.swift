/// Tokenization and sentence-splitting scores against a UD CoNLL-U file, by
/// the method of the CoNLL 2018 shared task: every token and sentence is a
/// span of character offsets into the text with all white space removed,
/// and a system span counts when a gold span has the same start and end.
/// Multiword tokens (`du` = `de` + `le`) count once as tokens, by their
/// surface form; their syntactic words count as words (`UDEvaluation`).
package struct UDGold: Sendable {
  /// The raw text: each sentence's `# text`, joined by a space, and by a
  /// blank line at `# newpar` and `# newdoc`.
  package var text: String
  /// Surface token spans, in non-white-space code point offsets.
  package var tokens: [Range<Int>]
  /// The syntactic words of each token: its form, or the words of a
  /// multiword token.
  package var words: [[String]]
  package var sentences: [Range<Int>]

  /// Reads a CoNLL-U file's text. Throws E020 naming the line when a
  /// sentence lacks `# text` or its tokens do not spell it.
  package init(conllu: String, path: String) throws(RelaisError) {
    var text = ""
    var tokens: [Range<Int>] = []
    var words: [[String]] = []
    var sentences: [Range<Int>] = []
    var sentenceText: String?
    var sentenceLine = 0
    var forms = ""
    var newParagraph = false
    var characterOffset = 0
    var sentenceStart = 0
    var multiwordEnd = 0
    var lineNumber = 0

    func fail(_ message: String, line: Int) -> RelaisError {
      RelaisError(
        .malformedCoNLLU, message,
        at: InputLocation(path: path, line: line, column: 1, byteOffset: 0))
    }

    func finishSentence() throws(RelaisError) {
      guard let raw = sentenceText else { return }
      if Self.withoutWhiteSpace(raw) != forms {
        throw fail("the tokens do not spell the sentence's # text", line: sentenceLine)
      }
      if !text.isEmpty { text += newParagraph ? "\n\n" : " " }
      text += raw
      sentences.append(sentenceStart..<characterOffset)
      sentenceText = nil
      forms = ""
      newParagraph = false
    }

    for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = line.hasSuffix("\r") ? line.dropLast() : line
      if line.isEmpty {
        try finishSentence()
        continue
      }
      if line.hasPrefix("#") {
        if line.hasPrefix("# newpar") || line.hasPrefix("# newdoc") {
          newParagraph = true
        } else if line.hasPrefix("# text = ") {
          sentenceText = String(line.dropFirst("# text = ".count))
          sentenceLine = lineNumber
          sentenceStart = characterOffset
          multiwordEnd = 0
        }
        continue
      }
      let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      guard columns.count >= 2 else {
        throw fail("a token line needs tab-separated columns", line: lineNumber)
      }
      guard sentenceText != nil else {
        throw fail("a sentence without a # text line", line: lineNumber)
      }
      let id = columns[0]
      if id.contains(".") { continue }  // empty nodes have no surface form
      let form = Self.withoutWhiteSpace(String(columns[1]))
      if let dash = id.firstIndex(of: "-") {
        guard let end = Int(id[id.index(after: dash)...]) else {
          throw fail("bad multiword token id \(id)", line: lineNumber)
        }
        multiwordEnd = end
        words.append([])
      } else {
        guard let number = Int(id) else { throw fail("bad token id \(id)", line: lineNumber) }
        if number <= multiwordEnd {
          if !words.isEmpty { words[words.count - 1].append(String(columns[1])) }
          continue
        }
        words.append([String(columns[1])])
      }
      let length = form.unicodeScalars.count
      tokens.append(characterOffset..<characterOffset + length)
      characterOffset += length
      forms += form
    }
    try finishSentence()
    // Scores over nothing would print 0.00 and look like a result.
    guard !sentences.isEmpty else {
      throw fail("no sentence: a gold file needs sentences with # text lines", line: 1)
    }
    self.text = text
    self.tokens = tokens
    self.words = words
    self.sentences = sentences
  }

  static func withoutWhiteSpace(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
      scalars.append(scalar)
    }
    return String(scalars)
  }
}

/// Precision, recall and F1 of one kind of span.
package struct SpanScore: Sendable, Equatable {
  package var gold: Int
  package var system: Int
  package var matched: Int

  package init(gold: [Range<Int>], system: [Range<Int>]) {
    let goldSet = Set(gold.map { SpanKey($0) })
    self.gold = gold.count
    self.system = system.count
    self.matched = system.reduce(0) { $0 + (goldSet.contains(SpanKey($1)) ? 1 : 0) }
  }

  package init() {
    gold = 0
    system = 0
    matched = 0
  }

  /// Adds one unit's counts (a sentence, a document): items are compared
  /// whole, so an item is a span with whatever must match besides (a
  /// label).
  package mutating func add<Item: Hashable>(gold: [Item], system: [Item]) {
    let goldSet = Set(gold)
    self.gold += goldSet.count
    let systemSet = Set(system)
    self.system += systemSet.count
    matched += systemSet.reduce(0) { $0 + (goldSet.contains($1) ? 1 : 0) }
  }

  package var precision: Double { system == 0 ? 0 : Double(matched) / Double(system) }
  package var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
  package var f1: Double {
    let sum = precision + recall
    return sum == 0 ? 0 : 2 * precision * recall / sum
  }

  private struct SpanKey: Hashable {
    let start: Int
    let end: Int
    init(_ range: Range<Int>) {
      start = range.lowerBound
      end = range.upperBound
    }
  }
}

/// The result of `relais eval ud`.
///
/// Words are scored as the CoNLL 2018 evaluation does where tokens align:
/// a token matched by span contributes the longest common subsequence of
/// its gold and system words (case folded), so `des` kept whole where the
/// gold has `de` `les` matches neither word; a token not matched by span
/// matches no word. (The official script also aligns the words of
/// multiword tokens whose spans differ; those are rare here.)
package struct UDEvaluation: Sendable {
  package var tokens: SpanScore
  package var words: SpanScore
  package var sentences: SpanScore

  /// Tokenizes the gold text with `pipeline` by the rules of `language`
  /// and scores it.
  package init(gold: UDGold, pipeline: Pipeline, language: Language = .french) throws {
    let source = SourceText(string: gold.text, path: "gold")
    var systemTokens: [Range<Int>] = []
    var systemWords: [[String]] = []
    var systemSentences: [Range<Int>] = []
    var position = 0
    var nonSpace = 0
    try pipeline.process(source, language: language) { bytes, block in
      let reader = ScalarReader(bytes: bytes)
      // Counts non-white-space scalars up to `byte`, moving forward only.
      func advance(to byte: Int) -> Int {
        while position < byte {
          let (value, length) = reader.scalar(at: position)
          if !CharClass.isSpace(value) { nonSpace += 1 }
          position += length
        }
        return nonSpace
      }
      for sentence in block.sentences {
        var sentenceStart = 0
        for position in sentence {
          let token = block.tokens[position]
          let start = advance(to: token.startByte)
          let end = advance(to: token.endByte)
          if position == sentence.lowerBound { sentenceStart = start }
          systemTokens.append(start..<end)
          systemWords.append(
            language.words(at: position, of: block.tokens[sentence], in: bytes)
              ?? [String(decoding: bytes[token.byteRange], as: UTF8.self)])
        }
        systemSentences.append(sentenceStart..<nonSpace)
      }
    }
    tokens = SpanScore(gold: gold.tokens, system: systemTokens)
    sentences = SpanScore(gold: gold.sentences, system: systemSentences)
    words = Self.wordScore(
      gold: zip(gold.tokens, gold.words), system: zip(systemTokens, systemWords))
  }

  package static func wordScore(
    gold: some Sequence<(Range<Int>, [String])>, system: some Sequence<(Range<Int>, [String])>
  ) -> SpanScore {
    var score = SpanScore()
    var goldWords: [Range<Int>: [String]] = [:]
    for (span, words) in gold {
      goldWords[span] = words.map { $0.lowercased() }
      score.gold += words.count
    }
    for (span, words) in system {
      score.system += words.count
      guard let expected = goldWords[span] else { continue }
      score.matched += longestCommonSubsequence(words.map { $0.lowercased() }, expected)
    }
    return score
  }

  /// The length of the longest common subsequence of two short lists.
  package static func longestCommonSubsequence(_ left: [String], _ right: [String]) -> Int {
    var previous = Array(repeating: 0, count: right.count + 1)
    for item in left {
      var current = [0]
      for (index, other) in right.enumerated() {
        current.append(
          item == other ? previous[index] + 1 : max(previous[index + 1], current[index]))
      }
      previous = current
    }
    return previous[right.count]
  }
}
