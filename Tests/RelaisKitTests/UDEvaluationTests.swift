import RelaisKit
import Testing

@Test func goldSpansFollowTheCoNLL2018Method() throws {
  let conllu = """
    # sent_id = 1
    # text = Il va au marché.
    1\tIl\t_\t_\t_\t_\t_\t_\t_\t_
    2\tva\t_\t_\t_\t_\t_\t_\t_\t_
    3-4\tau\t_\t_\t_\t_\t_\t_\t_\t_
    3\tà\t_\t_\t_\t_\t_\t_\t_\t_
    4\tle\t_\t_\t_\t_\t_\t_\t_\t_
    5\tmarché\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
    6\t.\t_\t_\t_\t_\t_\t_\t_\t_

    # newpar
    # sent_id = 2
    # text = 80 000 !
    1\t80 000\t_\t_\t_\t_\t_\t_\t_\t_
    2\t!\t_\t_\t_\t_\t_\t_\t_\t_

    """
  let gold = try UDGold(conllu: conllu, path: "g.conllu")
  #expect(gold.text == "Il va au marché.\n\n80 000 !")
  // Il=0..2 va=2..4 au=4..6 marché=6..12 .=12..13 | 80000=13..18 !=18..19
  #expect(gold.tokens == [0..<2, 2..<4, 4..<6, 6..<12, 12..<13, 13..<18, 18..<19])
  #expect(gold.sentences == [0..<13, 13..<19])
  let evaluation = try UDEvaluation(gold: gold, pipeline: Pipeline())
  #expect(evaluation.tokens.matched == 7)
  #expect(evaluation.sentences.f1 == 1)
}

@Test func goldWhoseTokensDoNotSpellTheTextIsRejected() {
  let conllu =
    "# text = Il va.\n1\tIl\t_\t_\t_\t_\t_\t_\t_\t_\n2\tvient\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
  #expect {
    _ = try UDGold(conllu: conllu, path: "bad.conllu")
  } throws: { error in
    (error as? RelaisError)?.code == .malformedCoNLLU
      && (error as? RelaisError)?.location?.line == 1
  }
}

@Test func scoresCountExactSpansOnly() {
  let score = SpanScore(gold: [0..<2, 2..<5, 5..<6], system: [0..<2, 2..<6])
  #expect(score.matched == 1)
  #expect(abs(score.precision - 0.5) < 1e-9)
  #expect(abs(score.recall - 1.0 / 3.0) < 1e-9)
}
