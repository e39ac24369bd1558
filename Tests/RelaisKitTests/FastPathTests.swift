import Foundation
import Testing

@testable import RelaisKit

/// Edge cases for the fast paths: words before `.`, `:`, `'` with and
/// without a letter after, punctuation before combining marks, underscores,
/// elided words that begin whole words.
let fastPathEdgeCases = """
  L' oasis, l'« oasis », fin.Le début: a:b c:. d' e'f g_h _i. Dr. M. U.S.A. 3.5 x.5 \
  ,\u{0301} «\u{00A0}oui\u{00A0}» a\u{00AD}b 1er 20h45 km/h www.a.fr a@b.fr #x @y ; ! ? \
  L'on l’onde quelqu’un quelqu’une Quelqu'autre c'est-à-dire c’est qu'en-dira-t-on qu’en \
  d'aujourd'hui lʼÉtat l‘État jusqu'à D’Artagnan m’as-tu-vu m'as
  """

/// The tokenizer skips ICU for plain Latin words that end at white space or
/// plain punctuation (on the strength of UAX #29) and for elided words. This
/// holds it to that: with and without the fast paths, the GSD dev text, the
/// corpus article and the edge cases give the same tokens.
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
