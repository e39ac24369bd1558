/// Which matches the matcher keeps where terms overlap.
public enum OverlapPolicy: String, Sendable, CaseIterable {
  /// From left to right, the longest term that starts at the earliest
  /// token; the scan goes on after it. `Organisation de coopération de
  /// Shanghai` wins over `Shanghai`, and nothing overlaps.
  case leftmostLongest = "leftmost-longest"
  /// Every term at every token, overlaps included (for review tools).
  case all
}

/// A glossary term found in a sentence.
public struct TermMatch: Sendable, Equatable {
  /// Token indices within the sentence: `tokenRange.lowerBound` starts the
  /// match, `tokenRange.upperBound` is past its last token.
  public var tokenRange: Range<Int>
  /// Index into `TermMatcher.terms`.
  public var term: Int
}

/// The glossaries compiled for matching, then immutable. Terms are cut
/// into units and folded as `TermKeys` says; the units of every term go
/// into one trie whose edges are looked up by (node, unit key). Matching
/// walks the trie from each token that starts a unit run; a match starts
/// at a token's start and ends at a token's end, so nothing matches inside
/// a word (`CMGX`, `ACNPC`), while an elided article before a term is its
/// own token (`l’` `OCS`, `d’` `AMANAT`).
public struct TermMatcher: Sendable {
  /// One term of one entry.
  public struct Term: Sendable {
    public var glossary: Int
    public var entry: Int
    public var text: String
    public var language: String
    public var role: TermRole
    /// Matched only in the case written.
    public var caseSensitive: Bool
    /// Case-preserving keys of the term's units, checked when
    /// `caseSensitive`.
    var exactKeys: [UInt64]
  }

  public let glossaries: [Glossary]
  public let terms: [Term]
  public let policy: OverlapPolicy
  private var edges: [Edge: Int32] = [:]
  /// Terms ending at each trie node, best first.
  private var accepting: [Int32: [Int32]] = [:]

  private struct Edge: Hashable {
    let node: Int32
    let unit: UInt64
  }

  /// Compiles `glossaries`. Terms are tokenized together in one buffer, so
  /// building stays fast for large glossaries.
  /// `language` is the documents' language: where one text is a term in
  /// several languages (`Kazakhstan`), the match reports that language's.
  public init(
    glossaries: [Glossary], policy: OverlapPolicy = .leftmostLongest, language: String = "fr"
  ) throws(RelaisError) {
    self.glossaries = glossaries
    self.policy = policy
    var terms: [Term] = []
    var texts: [String] = []
    for (glossaryIndex, glossary) in glossaries.enumerated() {
      for (entryIndex, entry) in glossary.entries.enumerated() {
        for (language, languageTerms) in entry.languages.sorted(by: { $0.key < $1.key }) {
          for (text, role) in languageTerms.all {
            terms.append(
              Term(
                glossary: glossaryIndex, entry: entryIndex, text: text, language: language,
                role: role, caseSensitive: entry.caseSensitive || TermKeys.isAcronym(text),
                exactKeys: []))
            texts.append(text)
          }
        }
      }
    }
    // Best first where terms share a node: the documents' language first,
    // then preferred, variant, acronym, forbidden; then glossary and entry
    // order.
    let roleRank: [TermRole: Int] = [.preferred: 0, .variant: 1, .acronym: 2, .forbidden: 3]
    var nodeCount: Int32 = 1
    let units = try Self.units(of: texts)
    for (index, termUnits) in units.enumerated() where !termUnits.isEmpty {
      var node: Int32 = 0
      for unit in termUnits {
        let edge = Edge(node: node, unit: unit.folded)
        if let next = edges[edge] {
          node = next
        } else {
          edges[edge] = nodeCount
          node = nodeCount
          nodeCount += 1
        }
      }
      terms[index].exactKeys = termUnits.map(\.exact)
      accepting[node, default: []].append(Int32(index))
    }
    for (node, list) in accepting {
      accepting[node] = list.sorted {
        let left = terms[Int($0)]
        let right = terms[Int($1)]
        let leftLanguage = left.language == language ? 0 : 1
        let rightLanguage = right.language == language ? 0 : 1
        return (leftLanguage, roleRank[left.role] ?? 9, left.glossary, left.entry, $0)
          < (rightLanguage, roleRank[right.role] ?? 9, right.glossary, right.entry, $1)
      }
    }
    self.terms = terms
  }

  /// A unit's keys: case-folded for the trie, case-kept for the check.
  struct UnitKeys {
    var folded: UInt64
    var exact: UInt64
  }

  private static func units(of texts: [String]) throws(RelaisError) -> [[UnitKeys]] {
    var buffer: [UInt8] = []
    var ranges: [Range<Int>] = []
    for text in texts {
      let start = buffer.count
      buffer.append(contentsOf: text.utf8)
      ranges.append(start..<buffer.count)
      buffer.append(0x0A)
    }
    let tokenizer = try FrenchTokenizer()
    return try buffer.withUnsafeBufferPointer { bytes throws(RelaisError) in
      try tokenizer.setDocument(bytes)
      var tokens: [TokenSpan] = []
      var result: [[UnitKeys]] = []
      result.reserveCapacity(ranges.count)
      for range in ranges {
        tokens.removeAll(keepingCapacity: true)
        tokenizer.tokenize(bytes, byteRange: range, into: &tokens)
        var units: [UnitKeys] = []
        UnitScanner.forEachUnit(tokens[...], bytes) { unit in
          units.append(UnitKeys(folded: unit.folded, exact: unit.exact))
        }
        result.append(units)
      }
      return result
    }
  }

  /// The terms found in a sentence's tokens, in order.
  public func matches(
    in tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>,
    into matches: inout [TermMatch]
  ) {
    guard !edges.isEmpty else { return }
    var units: [UnitScanner.Unit] = []
    UnitScanner.forEachUnit(tokens, bytes) { units.append($0) }
    var start = 0
    while start < units.count {
      guard units[start].startsToken else {
        start += 1
        continue
      }
      var node: Int32 = 0
      var position = start
      var found: (end: Int, term: Int32)?
      while position < units.count, let next = edges[Edge(node: node, unit: units[position].folded)]
      {
        node = next
        position += 1
        guard units[position - 1].endsToken, let candidates = accepting[node] else { continue }
        for candidate in candidates where accepts(candidate, units[start..<position]) {
          if policy == .all {
            matches.append(
              TermMatch(
                tokenRange: units[start].token..<units[position - 1].token + 1,
                term: Int(candidate)))
          }
          found = (position, candidate)
          break
        }
      }
      if policy == .leftmostLongest, let found {
        matches.append(
          TermMatch(
            tokenRange: units[start].token..<units[found.end - 1].token + 1, term: Int(found.term)))
        start = found.end
      } else {
        start += 1
      }
    }
  }

  private func accepts(_ candidate: Int32, _ units: ArraySlice<UnitScanner.Unit>) -> Bool {
    let term = terms[Int(candidate)]
    guard term.caseSensitive else { return true }
    return term.exactKeys.elementsEqual(units.lazy.map(\.exact))
  }
}

/// Cuts tokens into matching units (hyphenated tokens at their hyphens)
/// and hashes each unit's folded scalars straight from the bytes.
enum UnitScanner {
  struct Unit {
    var folded: UInt64
    var exact: UInt64
    /// Index of the token within the slice, from 0.
    var token: Int
    var startsToken: Bool
    var endsToken: Bool
  }

  static func forEachUnit(
    _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Unit) -> Void
  ) {
    let reader = ScalarReader(bytes: bytes)
    for (index, token) in tokens.enumerated() {
      var folded = TermKeys.UnitHasher()
      var exact = TermKeys.UnitHasher()
      var startsToken = true
      var offset = token.startByte
      while offset < token.endByte {
        let (value, length) = reader.scalar(at: offset)
        offset += length
        if CharClass.isHyphen(value) && token.kind == .word {
          if !folded.isEmpty {
            body(
              Unit(
                folded: folded.value, exact: exact.value, token: index, startsToken: startsToken,
                endsToken: false))
            startsToken = false
          }
          folded = TermKeys.UnitHasher()
          exact = TermKeys.UnitHasher()
          continue
        }
        TermKeys.fold(value, foldCase: true) { folded.add($0) }
        TermKeys.fold(value, foldCase: false) { exact.add($0) }
      }
      if !folded.isEmpty {
        body(
          Unit(
            folded: folded.value, exact: exact.value, token: index, startsToken: startsToken,
            endsToken: true))
      }
    }
  }
}
