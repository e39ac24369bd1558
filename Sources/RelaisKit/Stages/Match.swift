/// The match stage: glossary terms in each sentence (`TermMatcher` holds
/// the compiled glossaries and the matching rules).
struct TermMatching: SentenceStage {
  let matcher: TermMatcher
  private var scratch = MatchScratch()

  init(matcher: TermMatcher) {
    self.matcher = matcher
  }

  var stage: RunStage { .match }

  mutating func beginDocument() {}

  mutating func annotate(_ sentence: inout AnnotatedSentence) {
    matcher.matches(in: sentence.tokens, sentence.bytes, into: &sentence.matches, scratch: &scratch)
  }
}
