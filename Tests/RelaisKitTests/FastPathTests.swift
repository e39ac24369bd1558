import Foundation
import Testing

@testable import RelaisKit

/// The tokenizer skips ICU for plain Latin words that end at white space or
/// plain punctuation, on the strength of UAX #29. This holds it to that:
/// with and without the fast path, the GSD dev text and the corpus article
/// give the same tokens.
@Test(arguments: ["Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu", "Corpus"])
func fastPathGivesICUsSegmentation(_ source: String) throws {
  let text: String
  if source.hasSuffix(".conllu") {
    let gold = try UDGold(
      conllu: try String(contentsOfFile: Repository.path(source), encoding: .utf8), path: source)
    text = gold.text
  } else {
    text = try String(contentsOfFile: Repository.corpusArticle, encoding: .utf8)
  }
  let document = SourceText(string: text, path: source)
  let fast = try Pipeline().sentences(of: document)
  let icuOnly = try Pipeline(tokenizer: FrenchTokenizer(useICUForEveryWord: true)).sentences(
    of: document)
  #expect(fast.flatMap { $0 }.count > 700)
  #expect(fast == icuOnly)
}
