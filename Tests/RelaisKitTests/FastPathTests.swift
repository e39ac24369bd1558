import Foundation
import Testing

@testable import RelaisKit

/// The tokenizer skips ICU for plain Latin words that end at white space or
/// plain punctuation, on the strength of UAX #29. This holds it to that:
/// with and without the fast path, the GSD dev text and the corpus article
/// give the same tokens.
/// Edge cases for the fast paths: words before `.`, `:`, `'` with and
/// without a letter after, punctuation before combining marks, underscores.
let fastPathEdgeCases = """
  L' oasis, l'« oasis », fin.Le début: a:b c:. d' e'f g_h _i. Dr. M. U.S.A. 3.5 x.5 \
  ,\u{0301} «\u{00A0}oui\u{00A0}» a\u{00AD}b 1er 20h45 km/h www.a.fr a@b.fr #x @y ; ! ?
  """

@Test(arguments: ["Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu", "Corpus", "edge cases"])
func fastPathGivesICUsSegmentation(_ source: String) throws {
  let text: String
  if source == "edge cases" {
    text = String(repeating: fastPathEdgeCases + "\n", count: 30)
  } else if source.hasSuffix(".conllu") {
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
