/// The extract stage in the pipeline: the rules of `EntityExtractor` over
/// each sentence, with the glossary terms the match stage found. One
/// extractor per document: it remembers the document's names and years.
struct EntityRules: SentenceStage {
  let matcher: TermMatcher?
  private var extractor: EntityExtractor

  init(matcher: TermMatcher?) {
    self.matcher = matcher
    extractor = EntityExtractor(matcher: matcher)
  }

  var stage: RunStage { .extract }

  mutating func beginDocument() {
    extractor = EntityExtractor(matcher: matcher)
  }

  mutating func annotate(_ sentence: inout AnnotatedSentence) {
    let extraction = extractor.extract(sentence.tokens, sentence.bytes, matches: sentence.matches)
    sentence.entities = extraction.entities
    sentence.acronyms = extraction.acronyms
  }
}
