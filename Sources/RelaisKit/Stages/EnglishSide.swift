/// The English side stage: a document given with its English translation
/// is aligned with it sentence by sentence, and with glossaries each
/// French term's rendering is checked (`TermCheck`), as `relais align`
/// does for pairs of texts. It runs after the document's sentences, and
/// its records (`alignment`, `term_check`) close the document's.
///
/// The French side is the one the pipeline read: `french`, the document's
/// sentences and terms as its stages found them, so the text is not
/// tokenized again; only the translation is.
enum EnglishSide {
  static func align(
    id: String, text: SourceText, french: TranslationSide, translation: String,
    _ pipeline: Pipeline, matcher: TermMatcher?, englishMatcher: TermMatcher?
  ) throws(PipelineFailure) -> AlignJob.Alignment {
    var matchers: AlignJob.Matchers?
    if let matcher, let englishMatcher {
      matchers = AlignJob.Matchers(french: matcher, english: englishMatcher)
    }
    let pair = AlignJob.TextPair(
      id: id, french: String(decoding: text.bytes, as: UTF8.self), english: translation)
    let english = try TranslationSide(
      SourceText(string: translation, path: id), language: .english, pipeline: pipeline,
      matcher: englishMatcher)
    return AlignJob.align(pair, french: french, english: english, matchers: matchers)
  }
}
