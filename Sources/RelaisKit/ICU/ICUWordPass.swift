/// `make bench`'s yardstick for the tokenizer: ICU's word break iterator
/// alone over a UTF-8 text, read in place as the tokenizer reads it, each
/// boundary visited and the words (boundaries ICU gives a word status)
/// counted; no French rule, no record. `relais tokenize --format jsonl`'s
/// CPU time is reported against this pass's.
package enum ICUWordPass {
  /// The words ICU's French word break iterator finds in `bytes`.
  package static func words(in bytes: [UInt8]) throws -> Int {
    let iterator = try ICU.BreakIterator(.word, locale: "fr")
    return try bytes.withUnsafeBufferPointer { buffer in
      try iterator.setText(buffer)
      var words = 0
      var offset = 0
      while let next = iterator.boundary(after: offset) {
        if iterator.segmentIsWord { words += 1 }
        offset = next
      }
      return words
    }
  }
}
