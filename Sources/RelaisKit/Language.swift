/// The language of a document: which tokenizer and sentence rules read it
/// and which stages run on it. Raw values are the ISO 639-1 codes records
/// carry in `lang`.
///
/// A document's language comes, first that applies, from the `lang` field
/// of its JSONL line, from its file name (`Language.named(by:)`), then
/// from `--lang`, then French.
public enum Language: String, Sendable, CaseIterable, Codable {
  case french = "fr"
  case english = "en"

  /// The language a file name marks with a code before its extension:
  /// `report.en.txt` is English, `rapport.fr.txt` French; `rapport.txt`
  /// says nothing.
  package static func named(by fileName: Substring) -> Language? {
    let name = fileName.split(separator: "/").last ?? fileName
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    return Language(rawValue: String(parts[parts.count - 2]).lowercased())
  }

  /// The tokenizer's conventions for the language.
  var tokenRules: TokenRules {
    switch self {
    case .french: .french
    case .english: .english
    }
  }

  /// The syntactic words of `token` when it is a multiword token in this
  /// language's UD treebanks (`du` = `de le`, `don't` = `do n't`), in its
  /// case; nil otherwise: the token at `position` of its sentence's
  /// `tokens` (the words before it tell `des` apart).
  @inline(__always)
  func words(
    at position: Int, of tokens: ArraySlice<TokenSpan>, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    switch self {
    case .french: FrenchContractions.words(at: position, of: tokens, in: bytes)
    case .english: EnglishContractions.words(of: tokens[position], in: bytes)
    }
  }
}
