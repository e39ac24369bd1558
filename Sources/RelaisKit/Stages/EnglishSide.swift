/// The English side stage: a document given with its English translation
/// is aligned with it sentence by sentence, and with glossaries each
/// French term's rendering is checked (`TermCheck`), as `relais align`
/// does for pairs of texts. It runs after the document's sentences, and
/// its records (`alignment`, `term_check`) close the document's.
enum EnglishSide {
  static func align(
    id: String, text: SourceText, translation: String, _ pipeline: Pipeline,
    matcher: TermMatcher?, englishMatcher: TermMatcher?
  ) throws(PipelineFailure) -> AlignJob.Alignment {
    var matchers: AlignJob.Matchers?
    if let matcher, let englishMatcher {
      matchers = AlignJob.Matchers(french: matcher, english: englishMatcher)
    }
    let pair = AlignJob.TextPair(
      id: id, french: String(decoding: text.bytes, as: UTF8.self), english: translation)
    return try AlignJob.align(pair, pipeline, matchers: matchers)
  }
}
