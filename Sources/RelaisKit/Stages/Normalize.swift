/// The normalize stage for tokens: the `norm` a record carries beside the
/// untouched text. Offsets always point into the original text.
package enum TokenNormalization {
  /// What `norm` folds, in order:
  /// 1. apostrophe variants (’ ʼ ‘ ′) to U+0027, so `l’État` and `l'État`
  ///    share a norm;
  /// 2. no-break, narrow no-break and thin spaces to U+0020 (`80 000`);
  /// 3. NFC. Case and accents are kept: matching keys (NFKC + case
  ///    folding) are the glossary's business.
  /// Whether a token's norm is its text: true for ASCII and for Latin
  /// letters up to U+024F (composed already, nothing to fold), which is
  /// nearly every French token; the writer then copies the bytes.
  /// Eight bytes at a time (`ByteWord`): a French token is usually one
  /// word and one test; a byte loop here was a twentieth of `relais
  /// tokenize --format jsonl` (perf). `normIsTextPlain` is the rule
  /// written plainly, and the tests hold the two together.
  @inline(__always)
  package static func normIsText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var offset = range.lowerBound
    while offset < range.upperBound {
      // Zeros past the token's end are ASCII: they never count.
      let word = ByteWord.chunk(bytes, at: offset, length: min(8, range.upperBound - offset))
      if mayFold(word) { return false }
      offset += 8
    }
    return true
  }

  /// Whether any byte of `word` is 0xC2 or 0xCA and above: a lead byte
  /// of a character past U+027F or of U+0080–U+00BF (no-break space, ’…).
  /// A byte is at least 0xCA when its top bit is set and its low seven
  /// bits plus 0x36 reach 0x80 (no carry leaves the byte: 0x7F + 0x36 <
  /// 0x100).
  @inline(__always)
  static func mayFold(_ word: UInt64) -> Bool {
    let atLeastCA = ((word & ByteWord.lowBits) &+ 0x3636_3636_3636_3636) & word & ByteWord.highBits
    return atLeastCA | ByteWord.bytes(of: word, equalTo: 0xC2) != 0
  }

  /// `normIsText` a byte at a time: below 0xC2 are ASCII and continuation
  /// bytes; 0xC3–0xC9 lead U+00C0–U+027F.
  static func normIsTextPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    for offset in range {
      let byte = bytes[offset]
      if byte >= 0xC2 && !(byte >= 0xC3 && byte <= 0xC9) { return false }
    }
    return true
  }

  package static func norm(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    var plain = true
    for offset in range where bytes[offset] >= 0x80 {
      plain = false
      break
    }
    let text = String(decoding: bytes[range], as: UTF8.self)
    if plain { return text }
    var folded = String.UnicodeScalarView()
    var mayNeedNFC = false
    for scalar in text.unicodeScalars {
      if CharClass.isApostrophe(scalar.value) {
        folded.append("'")
      } else if scalar.value == 0xA0 || scalar.value == 0x202F || scalar.value == 0x2009 {
        folded.append(" ")
      } else {
        // Latin-1 and Latin Extended-A letters are composed already.
        if scalar.value >= 0x0300 { mayNeedNFC = true }
        folded.append(scalar)
      }
    }
    let result = String(folded)
    guard mayNeedNFC else { return result }
    return (try? nfc?.normalize(result)) ?? result
  }

  private static let nfc: ICU.Normalizer? = try? ICU.Normalizer(.nfc)
}

/// The normalize stage in the pipeline: each token's `norm`, computed once
/// for every renderer.
struct TokenNorms: SentenceStage {
  var stage: RunStage { .normalize }

  mutating func beginDocument() {}

  mutating func annotate(_ sentence: inout AnnotatedSentence) {
    let bytes = sentence.bytes
    var index = 0
    for token in sentence.tokens {
      if !TokenNormalization.normIsText(bytes, token.byteRange) {
        sentence.normExceptions.append(
          NormException(token: index, norm: TokenNormalization.norm(of: bytes, token.byteRange)))
      }
      index += 1
    }
    sentence.normalized = true
  }
}
