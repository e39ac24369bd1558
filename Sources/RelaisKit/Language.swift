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
  /// case; nil otherwise. `previous` is the token before it in its sentence.
  @inline(__always)
  func words(
    of token: TokenSpan, after previous: TokenSpan?, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [String]? {
    switch self {
    case .french: FrenchContractions.words(of: token, after: previous, in: bytes)
    case .english: EnglishContractions.words(of: token, in: bytes)
    }
  }
}
