import Foundation
import Testing

@testable import RelaisKit

private func decoded(_ line: String) -> SentenceRecord? {
  guard
    case .sentence(let record) = try? RecordCoding.decoder().decode(
      Record.self, from: Data(line.utf8))
  else { return nil }
  return record
}

private func scanned(_ line: String) -> SentenceRecord? {
  RecordReader.fastSentence(Array(line.utf8))
}

private let base =
  #"{"type":"sentence","doc":"d","id":"d#s1","block":"d#b1","start":0,"end":3,"text":"TEXT","tokens":[TOKEN]}"#

private func line(
  text: String = "Oui",
  token: String =
    #"{"text":"Oui","norm":"Oui","start":0,"end":3,"kind":"word","space_after":false}"#
) -> String {
  base.replacingOccurrences(of: "TEXT", with: text).replacingOccurrences(of: "TOKEN", with: token)
}

/// Lines the scanner reads, each as JSONDecoder reads it.
private let readCases: [(String, String)] = [
  (line(), "the writer's layout"),
  (line(text: #"caf\u00e9 \"cit\u00e9\" \/ \\ \n\t\r\b\f"#), "every escape"),
  (line(text: #"\ud83d\ude00 😀 é"#), "a surrogate pair and raw UTF-8"),
  (
    line(
      token:
        #"{"text":"du","norm":"du","start":0,"end":2,"kind":"word","space_after":true,"words":["de","le"]}"#
    ), "a contraction's words"
  ),
  (
    line(token: #"{"text":"Oui","start":0,"end":3,"kind":"word","space_after":false}"#),
    "no norm (--until tokenize)"
  ),
  (
    line(token: #" { "kind" : "word" , "end":3,"start":0,"text":"Oui","space_after":false } "#),
    "spaces and another key order"
  ),
  (
    line(
      token:
        #"{"text":"x","norm":"x","start":-0,"end":12345678901,"kind":"word","space_after":true}"#),
    "numbers"
  ),
]

/// Lines the scanner leaves to JSONDecoder (which reads or refuses them).
private let fallbackCases: [(String, String)] = [
  (line(text: #"\ud83d"#), "a lone surrogate"),
  (line(text: "a\u{01}b"), "a raw control character"),
  (
    line(
      token: #"{"text":"Oui","text":"Non","start":0,"end":3,"kind":"word","space_after":false}"#),
    "a key twice"
  ),
  (
    line(token: #"{"text":"Oui","start":0.0,"end":3,"kind":"word","space_after":false}"#),
    "a fraction"
  ),
  (
    line(token: #"{"text":"Oui","start":1e1,"end":3,"kind":"word","space_after":false}"#),
    "an exponent"
  ),
  (
    line(token: #"{"text":"Oui","start":01,"end":3,"kind":"word","space_after":false}"#),
    "a leading zero"
  ),
  (
    line(token: #"{"text":"Oui","norm":null,"start":0,"end":3,"kind":"word","space_after":false}"#),
    "null"
  ),
  (
    line(token: #"{"text":"Oui","start":0,"end":3,"kind":"word","space_after":false,"extra":1}"#),
    "a key it does not know"
  ),
  (line(token: #"{"text":"Oui","start":0,"end":3,"kind":"word"}"#), "a missing field"),
  (
    line(token: #"{"text":"Oui","start":"0","end":3,"kind":"word","space_after":false}"#),
    "a field of the wrong type"
  ),
  (line() + " x", "text after the object"),
  (String(line().dropLast()), "a cut line"),
]

@Suite struct SentenceRecordScannerTests {
  @Test(arguments: readCases.indices)
  func readsAsJSONDecoderDoes(_ index: Int) throws {
    let (text, rule) = readCases[index]
    let expected = try #require(decoded(text), "JSONDecoder reads it: \(rule)")
    #expect(scanned(text) == expected, "\(rule)")
  }

  @Test(arguments: fallbackCases.indices)
  func leavesTheRestToJSONDecoder(_ index: Int) {
    let (text, rule) = fallbackCases[index]
    #expect(scanned(text) == nil, "\(rule)")
  }

  /// Every sentence record `relais run` writes for the corpus, the entity
  /// documents and the document fixtures reads through the scanner, and
  /// as JSONDecoder reads it.
  @Test func everySentenceRecordOfTheRunReadsTheSame() throws {
    let result = try RelaisBinary.run([
      "run", Repository.path("Corpus"), Repository.path("Tests/Data/entities"),
      Repository.path("Tests/Fixtures/run/mixed"), Repository.path("Tests/Fixtures/tokenize/pass"),
      "--glossaries", Repository.path("Glossaries"), "--quiet",
    ])
    var sentences = 0
    for line in result.standardOutput.split(separator: "\n")
    where line.hasPrefix(#"{"type":"sentence""#) {
      sentences += 1
      let text = String(line)
      let fast = try #require(scanned(text), "the scanner reads \(text.prefix(80))")
      #expect(fast == decoded(text))
    }
    #expect(sentences > 50)
  }
}
