import Testing

@testable import RelaisKit

/// The curated lists, entry by entry: each abbreviation stays one token
/// inside a sentence, and only those marked sentence-final end a sentence
/// before a capital.
@Test(arguments: FrenchLexicon.abbreviations.map(\.form))
func abbreviationIsOneTokenAndEndsASentenceOnlyWhenMarked(_ form: String) throws {
  let canEnd = FrenchLexicon.abbreviations.first { $0.form == form }?.canEndSentence ?? false
  let sentences = try sentenceTexts("Voir \(form) Paul arrive.")
  #expect(sentences.flatMap { $0 }.contains(form))
  #expect(sentences.count == (canEnd ? 2 : 1))
}

@Test(arguments: FrenchLexicon.elisionPrefixes.sorted())
func elisionPrefixSplitsWithEveryApostrophe(_ prefix: String) throws {
  for apostrophe in ["'", "’", "ʼ", "‘"] {
    #expect(try tokenTexts("\(prefix)\(apostrophe)avion") == ["\(prefix)\(apostrophe)", "avion"])
  }
}

@Test(arguments: FrenchLexicon.wholeWords.sorted())
func wholeWordStaysWhole(_ word: String) throws {
  #expect(try tokenTexts(word) == [word])
}

@Test(arguments: FrenchLexicon.subjectClitics.sorted())
func subjectCliticSplitsOff(_ pronoun: String) throws {
  #expect(try tokenTexts("voit-\(pronoun)") == ["voit", "-\(pronoun)"])
}

@Test func wordListsFoldCaseApostrophesAndHyphens() throws {
  let list = FoldedWordList(["aujourd'hui", "c'est-à-dire"])
  for text in ["Aujourd’hui", "AUJOURDʼHUI", "C'est‑à‑dire"] {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      #expect(list.contains(ScalarReader(bytes: buffer), 0, buffer.count), "\(text)")
    }
  }
  let bytes = Array("aujourd".utf8)
  bytes.withUnsafeBufferPointer { buffer in
    #expect(!list.contains(ScalarReader(bytes: buffer), 0, buffer.count))
  }
}
