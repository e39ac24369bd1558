/// English contractions split into their syntactic words as UD English
/// (EWT, GUM) writes them (multiword tokens): a clitic ending (`don't` =
/// `do n't`, `I'm` = `I 'm`, `company's` = `company 's`, `can't` = `ca
/// n't`) and a few fused forms (`cannot` = `can not`, `gonna` = `gon na`).
/// The token keeps its offsets; the words are what a parser reads.
/// Misspelt forms without an apostrophe (`dont`, `im`) stay one word: they
/// are as often real words (`its`, `ill`).
package enum EnglishContractions {
  /// Clitic endings after an apostrophe (`'` or `’`), lowercased, longest
  /// first; `n't` takes the `n` from the word before its apostrophe.
  private static let clitics: [[UInt8]] = ["ll", "re", "ve", "s", "d", "m", "t"].map {
    Array($0.utf8)
  }

  /// Fused forms and their words, lowercased (all ASCII).
  private static let fused: [(form: [UInt8], split: Int)] = [
    ("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3), ("outta", 3),
  ].map { (Array($0.0.utf8), $0.1) }

  /// The syntactic words of `token` when it is a contraction, in its case;
  /// nil otherwise.
  @inline(never)
  package static func words(of token: TokenSpan, in bytes: UnsafeBufferPointer<UInt8>) -> [String]?
  {
    guard token.kind == .word, token.endByte - token.startByte >= 3 else { return nil }
    return cliticWords(token, bytes) ?? fusedWords(token, bytes)
  }

  private static func cliticWords(_ token: TokenSpan, _ bytes: UnsafeBufferPointer<UInt8>)
    -> [String]?
  {
    let reader = ScalarReader(bytes: bytes)
    for ending in clitics {
      let endingStart = token.endByte - ending.count
      guard endingStart > token.startByte,
        ending.indices.allSatisfy({ bytes[endingStart + $0] | 0x20 == ending[$0] }),
        let apostrophe = reader.scalar(before: endingStart, lowerBound: token.startByte),
        CharClass.isApostrophe(apostrophe)
      else { continue }
      let apostropheLength = apostrophe < 0x80 ? 1 : 3
      var split = endingStart - apostropheLength
      if ending == [0x74] {
        // `n't`: the clitic starts at the `n`.
        guard split - 1 > token.startByte, bytes[split - 1] | 0x20 == 0x6E else { return nil }
        split -= 1
      }
      guard split > token.startByte,
        let before = reader.scalar(before: split, lowerBound: token.startByte),
        CharClass.isLetter(before)
      else { return nil }
      return [
        String(decoding: bytes[token.startByte..<split], as: UTF8.self),
        String(decoding: bytes[split..<token.endByte], as: UTF8.self),
      ]
    }
    return nil
  }

  private static func fusedWords(_ token: TokenSpan, _ bytes: UnsafeBufferPointer<UInt8>)
    -> [String]?
  {
    guard let entry = fused.first(where: { token.spells(lowercaseASCII: $0.form, in: bytes) })
    else { return nil }
    let split = token.startByte + entry.split
    return [
      String(decoding: bytes[token.startByte..<split], as: UTF8.self),
      String(decoding: bytes[split..<token.endByte], as: UTF8.self),
    ]
  }
}
