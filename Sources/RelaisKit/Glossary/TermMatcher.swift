/// Which matches the matcher keeps where terms overlap.
package enum OverlapPolicy: String, Sendable, CaseIterable {
  /// From left to right, the longest term that starts at the earliest
  /// token; the scan goes on after it. `Organisation de coopération de
  /// Shanghai` wins over `Shanghai`, and nothing overlaps.
  case leftmostLongest = "leftmost-longest"
  /// Every term at every token, overlaps included (for review tools).
  case all
}

/// How a language's tokens are cut into matching units beyond what
/// `TermKeys` says for all: matching must see the same units whichever
/// rules tokenized the text, and a term never starts or ends inside a word.
package struct UnitRules: Sendable, Equatable {
  /// What a hyphen that the tokenizer made a token of its own is.
  package enum HyphenTokens: Sendable {
    /// Punctuation a term must match as written. French keeps a compound
    /// whole (`Kassym-Jomart`), so a hyphen alone is no compound
    /// (`Paris - Londres`).
    case punctuation
    /// A hyphen touching a word on both sides, no space between, cuts that
    /// word into units as a hyphen inside a token does: English splits
    /// `Kassym` `-` `Jomart`, and the units around it neither end nor
    /// start a token.
    case cutInsideWord
  }

  /// What a possessive clitic at the end of a word is.
  package enum Possessives: Sendable {
    /// A token of its own already (French rules split `People` `’s`).
    case ownTokens
    /// Left out of the word's units (English keeps `China's` and
    /// `countries'` whole): `China's` matches the term `China`, the match
    /// spanning the token.
    case dropped
  }

  package var hyphenTokens: HyphenTokens
  package var possessives: Possessives
  /// A quotation mark standing alone between the words of a term is
  /// passed over (English): `"CE" marking` is the term `CE marking`, the
  /// match taking in both marks. French keeps its guillemets as tokens a
  /// term must match: `le parti « AMANAT »` quotes the name, not the term
  /// `parti AMANAT`.
  package var quotationMarksPassedOver: Bool

  init(_ language: Language) {
    switch language.tokenRules.hyphens {
    case .rejoinCompounds: hyphenTokens = .punctuation
    case .splitButPrefixes: hyphenTokens = .cutInsideWord
    }
    switch language.tokenRules.apostrophes {
    case .splitElision: possessives = .ownTokens
    case .keepClitics: possessives = .dropped
    }
    quotationMarksPassedOver = language == .english
  }

  static let french = UnitRules(.french)
}

/// A glossary term found in a sentence.
package struct TermMatch: Sendable, Equatable {
  /// Token indices within the sentence: `tokenRange.lowerBound` starts the
  /// match, `tokenRange.upperBound` is past its last token.
  package var tokenRange: Range<Int>
  /// Index into `TermMatcher.terms`.
  package var term: Int
}

/// Where an entry is among the glossaries of a `TermMatcher`: found once
/// by the stage that matched it, so no later stage looks it up by id.
package struct GlossaryEntryRef: Sendable, Hashable {
  package var glossary: Int
  package var entry: Int
}

/// The glossaries compiled for matching, then immutable. Terms are cut
/// into units and folded as `TermKeys` says; the units of every term go
/// into one trie whose edges are looked up by (node, unit key). Matching
/// walks the trie from each token that starts a unit run; a match starts
/// at a token's start and ends at a token's end, so nothing matches inside
/// a word (`CMGX`, `ACNPC`), while an elided article before a term is its
/// own token (`l’` `OCS`, `d’` `AMANAT`).
///
/// A matcher reads documents of one language: terms are tokenized by that
/// language's rules, as the documents are. French documents match every
/// language's terms (French text names things in their own language:
/// `People’s Daily`, `Kazakhstan`); English documents match the `en`
/// terms, so that a match in a translation is an English rendering, and
/// the plurals of entries marked `plurals` (`EnglishPlurals`).
package struct TermMatcher: Sendable {
  /// One term of one entry.
  package struct Term: Sendable {
    package var glossary: Int
    package var entry: Int
    package var text: String
    package var language: String
    package var role: TermRole
    /// Matched only in the case written.
    package var caseSensitive: Bool
    /// Case-preserving keys of the term's units, checked when
    /// `caseSensitive`.
    var exactKeys: [UInt64]

    /// Where the term's entry is.
    package var entryRef: GlossaryEntryRef { GlossaryEntryRef(glossary: glossary, entry: entry) }
  }

  package let glossaries: [Glossary]
  package let terms: [Term]
  package let policy: OverlapPolicy
  /// The documents' language.
  package let language: Language
  let unitRules: UnitRules
  private var edges = EdgeTable()
  /// Terms ending at each trie node, best first: `accepting[node]` is a
  /// range of `acceptedTerms`.
  private var accepting: [Range<Int32>] = []
  private var acceptedTerms: [Int32] = []

  /// Compiles `glossaries`. Terms are tokenized together in one buffer, so
  /// building stays fast for large glossaries.
  /// `language` is the documents' language: where one text is a term in
  /// several languages (`Kazakhstan`), the match reports that language's.
  package init(
    glossaries: [Glossary], policy: OverlapPolicy = .leftmostLongest,
    language: Language = .french
  ) throws(RelaisError) {
    self.glossaries = glossaries
    self.policy = policy
    self.language = language
    unitRules = UnitRules(language)
    var terms: [Term] = []
    var texts: [String] = []
    for (glossaryIndex, glossary) in glossaries.enumerated() {
      for (entryIndex, entry) in glossary.entries.enumerated() {
        for (code, languageTerms) in entry.languages.sorted(by: { $0.key < $1.key })
        where language == .french || code == language.rawValue {
          for (text, role) in languageTerms.all {
            let caseSensitive = entry.caseSensitive || TermKeys.isAcronym(text)
            var forms = [text]
            if language == .english, entry.plurals, !caseSensitive {
              forms += EnglishPlurals.forms(of: text)
            }
            for form in forms {
              terms.append(
                Term(
                  glossary: glossaryIndex, entry: entryIndex, text: form, language: code,
                  role: role, caseSensitive: caseSensitive, exactKeys: []))
              texts.append(form)
            }
          }
        }
      }
    }
    // Best first where terms share a node: the documents' language first,
    // then preferred, variant, acronym, forbidden; then glossary and entry
    // order.
    let roleRank: [TermRole: Int] = [.preferred: 0, .variant: 1, .acronym: 2, .forbidden: 3]
    var nodeCount: Int32 = 1
    let units = try Self.units(of: texts, rules: language.tokenRules, unitRules: unitRules)
    var acceptingLists: [Int32: [Int32]] = [:]
    for (index, termUnits) in units.enumerated() where !termUnits.isEmpty {
      var node: Int32 = 0
      for unit in termUnits {
        if let next = edges.child(of: node, unit.folded) {
          node = next
        } else {
          edges.insert(node, unit.folded, child: nodeCount)
          node = nodeCount
          nodeCount += 1
        }
      }
      terms[index].exactKeys = termUnits.map(\.exact)
      acceptingLists[node, default: []].append(Int32(index))
    }
    accepting = Array(repeating: 0..<0, count: Int(nodeCount))
    for (node, list) in acceptingLists.sorted(by: { $0.key < $1.key }) {
      let sorted = list.sorted {
        let left = terms[Int($0)]
        let right = terms[Int($1)]
        let leftLanguage = left.language == language.rawValue ? 0 : 1
        let rightLanguage = right.language == language.rawValue ? 0 : 1
        return (leftLanguage, roleRank[left.role] ?? 9, left.glossary, left.entry, $0)
          < (rightLanguage, roleRank[right.role] ?? 9, right.glossary, right.entry, $1)
      }
      let start = Int32(acceptedTerms.count)
      acceptedTerms += sorted
      accepting[Int(node)] = start..<Int32(acceptedTerms.count)
    }
    self.terms = terms
  }

  /// The same glossaries and policy, compiled for documents in `language`.
  package func compiled(for language: Language) throws(RelaisError) -> TermMatcher {
    language == self.language
      ? self : try TermMatcher(glossaries: glossaries, policy: policy, language: language)
  }

  /// The entry a term belongs to.
  package func entry(of term: Term) -> GlossaryEntry {
    glossaries[term.glossary].entries[term.entry]
  }

  /// The entry `ref` points at.
  package func entry(at ref: GlossaryEntryRef) -> GlossaryEntry {
    glossaries[ref.glossary].entries[ref.entry]
  }

  /// A unit's keys: case-folded for the trie, case-kept for the check.
  struct UnitKeys {
    var folded: UInt64
    var exact: UInt64
  }

  private static func units(
    of texts: [String], rules: TokenRules, unitRules: UnitRules
  ) throws(RelaisError) -> [[UnitKeys]] {
    var buffer: [UInt8] = []
    var ranges: [Range<Int>] = []
    for text in texts {
      let start = buffer.count
      buffer.append(contentsOf: text.utf8)
      ranges.append(start..<buffer.count)
      buffer.append(0x0A)
    }
    let tokenizer = try Tokenizer()
    return try buffer.withUnsafeBufferPointer { bytes throws(RelaisError) in
      try tokenizer.setDocument(bytes)
      var tokens: [TokenSpan] = []
      var result: [[UnitKeys]] = []
      result.reserveCapacity(ranges.count)
      for range in ranges {
        tokens.removeAll(keepingCapacity: true)
        tokenizer.tokenize(bytes, byteRange: range, rules: rules, into: &tokens)
        var units: [UnitKeys] = []
        var scanned: [UnitScanner.Unit] = []
        UnitScanner.units(of: tokens[...], bytes, unitRules: unitRules, into: &scanned)
        for unit in scanned {
          units.append(UnitKeys(folded: unit.folded, exact: UnitScanner.exactKey(unit, bytes)))
        }
        result.append(units)
      }
      return result
    }
  }

  /// The terms found in a sentence's tokens, in order.
  package func matches(
    in tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    into matches: inout [TermMatch]
  ) {
    var scratch = MatchScratch()
    self.matches(in: tokens, bytes, into: &matches, scratch: &scratch)
  }

  /// The same, reusing `scratch` between calls.
  package func matches(
    in tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    into matches: inout [TermMatch], scratch: inout MatchScratch
  ) {
    guard !edges.isEmpty else { return }
    scratch.units.removeAll(keepingCapacity: true)
    UnitScanner.units(of: tokens, bytes, unitRules: unitRules, into: &scratch.units)
    let units = scratch.units
    var start = 0
    while start < units.count {
      guard units[start].startsToken else {
        start += 1
        continue
      }
      var node: Int32 = 0
      var position = start
      var found: (end: Int, term: Int32)?
      while position < units.count, let next = edges.child(of: node, units[position].folded) {
        node = next
        position += 1
        let candidates = accepting[Int(node)]
        guard units[position - 1].endsToken, !candidates.isEmpty else { continue }
        for slot in candidates {
          let candidate = acceptedTerms[Int(slot)]
          guard accepts(candidate, units[start..<position], bytes) else { continue }
          if policy == .all {
            matches.append(
              TermMatch(
                tokenRange: withQuotesPaired(
                  units[start].token..<units[position - 1].token + 1, tokens, bytes),
                term: Int(candidate)))
          }
          found = (position, candidate)
          break
        }
      }
      if policy == .leftmostLongest, let found {
        matches.append(
          TermMatch(
            tokenRange: withQuotesPaired(
              units[start].token..<units[found.end - 1].token + 1, tokens, bytes),
            term: Int(found.term)))
        start = found.end
      } else {
        start += 1
      }
    }
  }

  /// A match that took in one quotation mark of a pair (`CE" marking`)
  /// takes in the other, just before or just after it (`"CE" marking`).
  private func withQuotesPaired(
    _ range: Range<Int>, _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Range<Int> {
    guard unitRules.quotationMarksPassedOver else { return range }
    func isQuote(_ index: Int) -> Bool {
      UnitScanner.isQuotationMark(tokens[tokens.startIndex + index], bytes)
    }
    guard range.filter(isQuote).count % 2 == 1 else { return range }
    if range.lowerBound > 0, isQuote(range.lowerBound - 1) {
      return (range.lowerBound - 1)..<range.upperBound
    }
    if range.upperBound < tokens.count, isQuote(range.upperBound) {
      return range.lowerBound..<(range.upperBound + 1)
    }
    return range
  }

  private func accepts(
    _ candidate: Int32, _ units: ArraySlice<UnitScanner.Unit>, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let term = terms[Int(candidate)]
    guard term.caseSensitive else { return true }
    return term.exactKeys.elementsEqual(units.lazy.map { UnitScanner.exactKey($0, bytes) })
  }
}

/// Buffers the matcher reuses from one sentence to the next.
package struct MatchScratch: Sendable {
  var units: [UnitScanner.Unit] = []

  package init() {}
}

/// The trie's edges, (node, unit key) to child node, in one open-addressing
/// table: unit keys are already well-mixed hashes, so a probe costs a
/// multiply and a compare, where a Dictionary would run SipHash per token.
struct EdgeTable: Sendable {
  private var units: [UInt64] = []
  private var nodes: [Int32] = []
  private var children: [Int32] = []
  private var count = 0
  private var mask = 0

  var isEmpty: Bool { count == 0 }

  init() {
    allocate(capacity: 1024)
  }

  private mutating func allocate(capacity: Int) {
    units = Array(repeating: 0, count: capacity)
    nodes = Array(repeating: -1, count: capacity)
    children = Array(repeating: 0, count: capacity)
    mask = capacity - 1
  }

  @inline(__always)
  private func slot(_ node: Int32, _ unit: UInt64) -> Int {
    Int(
      truncatingIfNeeded: (unit ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)) >> 17
    )
      & mask
  }

  @inline(__always)
  func child(of node: Int32, _ unit: UInt64) -> Int32? {
    var index = slot(node, unit)
    while nodes[index] >= 0 {
      if nodes[index] == node && units[index] == unit { return children[index] }
      index = (index + 1) & mask
    }
    return nil
  }

  mutating func insert(_ node: Int32, _ unit: UInt64, child: Int32) {
    if (count + 1) * 2 > units.count {
      let old = (units, nodes, children)
      allocate(capacity: units.count * 2)
      count = 0
      for index in old.0.indices where old.1[index] >= 0 {
        insert(old.1[index], old.0[index], child: old.2[index])
      }
    }
    var index = slot(node, unit)
    while nodes[index] >= 0 { index = (index + 1) & mask }
    units[index] = unit
    nodes[index] = node
    children[index] = child
    count += 1
  }
}

/// Cuts tokens into matching units (hyphenated tokens at their hyphens)
/// and hashes each unit's folded scalars straight from the bytes.
enum UnitScanner {
  struct Unit {
    var folded: UInt64
    /// Where the unit's bytes are, for the case-kept key that only
    /// case-sensitive terms need (computed then, not for every unit).
    var byteRange: Range<Int>
    /// Index of the token within the slice, from 0.
    var token: Int
    var startsToken: Bool
    var endsToken: Bool
  }

  /// Appends the units of `tokens` to `units`.
  static func units(
    of tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    unitRules: UnitRules = .french, into units: inout [Unit]
  ) {
    let reader = ScalarReader(bytes: bytes)
    var cutBefore = false
    for (index, token) in tokens.enumerated() {
      if unitRules.hyphenTokens == .cutInsideWord, isHyphenInsideWord(index, tokens, bytes) {
        // `Kassym` `-` `Jomart`: the units around the hyphen are one
        // word's, as `Kassym-Jomart` is to French rules.
        if units.last?.token == index - 1 { units[units.count - 1].endsToken = false }
        cutBefore = true
        continue
      }
      if unitRules.quotationMarksPassedOver, isQuotationMark(token, bytes) { continue }
      let unitsBefore = units.count
      defer {
        if cutBefore, units.count > unitsBefore { units[unitsBefore].startsToken = false }
        if units.count > unitsBefore { cutBefore = false }
      }
      let splitsAtHyphens = token.kind == .word
      let end =
        unitRules.possessives == .dropped && token.kind == .word
        ? token.endByte - possessiveLength(token, bytes) : token.endByte
      if let key = asciiKey(bytes, token.startByte, end, hyphensCut: splitsAtHyphens) {
        units.append(
          Unit(
            folded: key, byteRange: token.startByte..<end, token: index, startsToken: true,
            endsToken: true))
        continue
      }
      var folded = ChunkHasher()
      var unitStart = token.startByte
      var startsToken = true
      var offset = token.startByte
      /// Closes the unit before a hyphen at `offset` of `length` bytes.
      func cutAtHyphen(length: Int) {
        if !folded.isEmpty {
          units.append(
            Unit(
              folded: folded.value, byteRange: unitStart..<offset, token: index,
              startsToken: startsToken, endsToken: false))
          startsToken = false
        }
        folded = ChunkHasher()
        offset += length
        unitStart = offset
      }
      while offset < end {
        let byte = bytes[offset]
        if byte < 0x80 {
          if byte == 0x2D && splitsAtHyphens {
            cutAtHyphen(length: 1)
            continue
          }
          folded.add(byte: byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
          offset += 1
          continue
        }
        if byte == 0xC3, offset + 1 < end {
          // À to ÿ, French accents among them: folded from a table.
          let fold = latin1Folds[Int(bytes[offset + 1] & 0x3F)]
          if fold != 0 {
            folded.add(byte: UInt8(truncatingIfNeeded: fold))
            if fold > 0xFF { folded.add(byte: UInt8(truncatingIfNeeded: fold >> 8)) }
            offset += 2
            continue
          }
        }
        let (value, length) = reader.scalar(at: offset)
        if CharClass.isHyphen(value) && splitsAtHyphens {
          cutAtHyphen(length: length)
          continue
        }
        TermKeys.fold(value, foldCase: true) { folded.add(scalar: $0) }
        offset += length
      }
      if !folded.isEmpty {
        units.append(
          Unit(
            folded: folded.value, byteRange: unitStart..<end, token: index,
            startsToken: startsToken, endsToken: true))
      }
    }
  }

  /// The bytes of a possessive clitic ending `token` (`'s`, `’s`, `ʼs`,
  /// or an apostrophe alone after `s`: `countries'`), 0 if none or if the
  /// word would be nothing else.
  private static func possessiveLength(
    _ token: TokenSpan, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Int {
    let start = token.startByte
    var end = token.endByte
    var length = 0
    if end - start >= 3, bytes[end - 1] | 0x20 == 0x73 {
      length = 1
      end -= 1
    }
    guard end - start >= 2 else { return 0 }
    let apostrophe: Int
    if bytes[end - 1] == 0x27 {
      apostrophe = 1
    } else if end - start >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80,
      bytes[end - 1] == 0x99
    {
      apostrophe = 3
    } else if end - start >= 3, bytes[end - 2] == 0xCA, bytes[end - 1] == 0xBC {
      apostrophe = 2
    } else {
      return 0
    }
    guard end - start > apostrophe else { return 0 }
    // `countries'`: the apostrophe alone follows an `s`.
    if length == 0, bytes[end - apostrophe - 1] | 0x20 != 0x73 { return 0 }
    return length + apostrophe
  }

  /// Whether `token` is one quotation mark (`"` `«` `»` `“` `”` `„` `‹`
  /// `›`; not the apostrophes `'` `‘` `’`, which elide).
  static func isQuotationMark(_ token: TokenSpan, _ bytes: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    switch punctuationScalar(token, bytes) {
    case 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A: return true
    default: return false
    }
  }

  /// The scalar of a punctuation token of one scalar (at most three bytes:
  /// the marks matching looks for), nil for any other token.
  private static func punctuationScalar(_ token: TokenSpan, _ bytes: UnsafeBufferPointer<UInt8>)
    -> UInt32?
  {
    guard token.kind == .punct, token.endByte - token.startByte <= 3 else { return nil }
    let (value, length) = ScalarReader(bytes: bytes).scalar(at: token.startByte)
    return token.startByte + length == token.endByte ? value : nil
  }

  private static let wordKinds: Set<TokenKind> = [.word, .number, .ordinal, .abbreviation]

  /// Whether token `index` is a hyphen alone touching a word on each side.
  private static func isHyphenInsideWord(
    _ index: Int, _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let position = tokens.startIndex + index
    guard position > tokens.startIndex, position + 1 < tokens.endIndex else { return false }
    let token = tokens[position]
    guard let value = punctuationScalar(token, bytes), CharClass.isHyphen(value) else {
      return false
    }
    let before = tokens[position - 1]
    let after = tokens[position + 1]
    return before.endByte == token.startByte && after.startByte == token.endByte
      && wordKinds.contains(before.kind) && wordKinds.contains(after.kind)
  }

  /// What `TermKeys.fold` makes of U+00C0 to U+00FF (`C3 80` to `C3 BF`),
  /// by the second byte's low six bits: one or two ASCII bytes, the first
  /// in the low byte; 0 where the fold is anything else.
  private static let latin1Folds: [UInt16] = (0xC0...0xFF).map { (value: UInt32) -> UInt16 in
    var folded: [UInt32] = []
    TermKeys.fold(value, foldCase: true) { folded.append($0) }
    guard (1...2).contains(folded.count), folded.allSatisfy({ $0 > 0 && $0 < 0x80 }) else {
      return 0
    }
    return folded.enumerated().reduce(0) { $0 | UInt16($1.element) << (8 * $1.offset) }
  }

  /// The folded key of a token of ASCII, one unit, or nil (beyond ASCII,
  /// or a hyphen where units are cut): the key the byte loop would give.
  @inline(__always)
  private static func asciiKey(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hyphensCut: Bool
  ) -> UInt64? {
    ChunkHasher.lowercasedKey(bytes, start, end) { word in
      let hyphens = hyphensCut ? ByteWord.bytes(of: word, equalTo: 0x2D) : 0
      return word & ByteWord.highBits | hyphens
    }
  }

  /// The case-kept key of a unit.
  static func exactKey(_ unit: Unit, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let reader = ScalarReader(bytes: bytes)
    var exact = ChunkHasher()
    var offset = unit.byteRange.lowerBound
    while offset < unit.byteRange.upperBound {
      let (value, length) = reader.scalar(at: offset)
      TermKeys.fold(value, foldCase: false) { exact.add(scalar: $0) }
      offset += length
    }
    return exact.value
  }
}
