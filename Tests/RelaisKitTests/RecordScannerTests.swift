import Foundation
import Testing

@testable import RelaisKit

private func decoded(_ line: String) -> Record? {
  try? RecordCoding.decoder().decode(Record.self, from: Data(line.utf8))
}

private func scanned(_ line: String) -> Record? {
  RecordReader.fastRecord(Array(line.utf8))
}

/// The record with, of a sentence, only the tokens that may be acronyms.
private func candidatesOnly(_ record: Record?) -> Record? {
  record.map(RecordScanner.SentenceTokens.acronymCandidates.filter)
}

private func scannedForAcronyms(_ line: String) -> Record? {
  RecordReader.fastRecord(Array(line.utf8), sentenceTokens: .acronymCandidates)
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

private let entityBase =
  #"{"type":"entity","doc":"d","id":"d#e1","sentence":"d#s1","label":"PER","start":0,"end":3,"text":"Léa","source":"SOURCE"REST}"#

private func entity(source: String = "model", rest: String = #","score":0.518"#) -> String {
  entityBase.replacingOccurrences(of: "SOURCE", with: source).replacingOccurrences(
    of: "REST", with: rest)
}

private let documentBase =
  #"{"type":"document","doc":"d","id":"d","source":"d.txt","sha256":"ab","chars":3,"lang":"fr","schema":"2","provenance":{"relais":"0.1.0","icu":"72.1","unicode":"15.0","glossaries":[GLOSSARIES]MODEL}REST}"#

private func document(
  glossaries: String = #"{"id":"g","sha256":"cd"}"#,
  model: String = #","ner_model":{"id":"m","sha256":"ef"}"#, rest: String = ""
) -> String {
  documentBase.replacingOccurrences(of: "GLOSSARIES", with: glossaries)
    .replacingOccurrences(of: "MODEL", with: model).replacingOccurrences(of: "REST", with: rest)
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
  (
    line(
      token:
        #"{"text":"CNPC","norm":"CNPC","start":0,"end":4,"kind":"word","space_after":true},"#
        + #"{"text":"ÉTÉ","start":5,"end":8,"kind":"word","space_after":true},"#
        + #"{"text":"OCS","start":9,"end":12,"kind":"punct","space_after":true},"#
        + #"{"text":"du","start":13,"end":15,"kind":"word","space_after":false,"words":["de","le"]},"#
        + #"{"text":"A\"B","start":16,"end":19,"kind":"word","space_after":false},"#
        + #"{"text":"a\"b","start":20,"end":23,"kind":"word","space_after":false},"#
        + #"{"kind":"word","text":"UE","start":24,"end":26,"space_after":false}"#),
    "acronyms, capitals, escapes and another key order among other tokens"
  ),
  (document(), "a document record"),
  (document(glossaries: "", model: ""), "a document without glossaries or model"),
  (
    document(glossaries: #"{"sha256":"cd","id":"g"},{"id":"h","sha256":"01"}"#),
    "two glossaries, keys in another order"
  ),
  (document(rest: #","text":"Oui.\n""#), "a document with its text"),
  (entity(), "an entity of the model"),
  (entity(source: "title", rest: ""), "an entity of the rules, no score"),
  (entity(source: "glossary", rest: #","entry":"lea""#), "a glossary entity"),
  (
    entity(source: "date", rest: #","value":"2024-07","year_from_context":true"#),
    "a date with its value"
  ),
  (entity(rest: #","score":1"#), "a score written as an integer"),
  (entity(rest: #","score":-0.5e-3"#), "a score with a sign and an exponent"),
  (entity(rest: #","score":0.1000000000000000055511151231257827"#), "a score of many digits"),
  (entity(rest: #","score":2.5E+2"#), "a capital exponent with a plus"),
  (#"{"type":"block","doc":"d","id":"d#b1","kind":"paragraph","start":0,"end":527}"#, "a block"),
  (
    #"{"type":"document_end","doc":"d","blocks":3,"sentences":15,"records":34}"#,
    "a document's end"
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
  (document(rest: #","metadata":{"a":1}"#), "a document with metadata"),
  (document(model: #","ner_model":null"#), "a model of null"),
  (document(glossaries: #"{"id":"g"}"#), "a glossary without its digest"),
  (document(rest: #","chars":3"#), "chars twice"),
  (entity(rest: #","score":.5"#), "a score without its integer part"),
  (entity(rest: #","score":05"#), "a score with a leading zero"),
  (entity(rest: #","score":1."#), "a score with a point and no fraction"),
  (entity(rest: #","score":1e400"#), "a score beyond Double"),
  (entity(rest: #","score":"0.5""#), "a score in a string"),
  (entity(rest: #","entry":null"#), "an entry of null"),
  (entity(rest: #","score":0.5,"score":0.6"#), "a score twice"),
  (entity(source: "title", rest: #","confidence":1"#), "an entity key it does not know"),
  (entity().replacingOccurrences(of: #""label":"PER","#, with: ""), "an entity without label"),
  (#"{"type":"block","doc":"d","id":"d#b1","kind":"paragraph","start":0}"#, "a block without end"),
  (
    #"{"type":"document_end","doc":"d","blocks":3,"sentences":15,"records":34,"x":0}"#,
    "a document's end with a key it does not know"
  ),
  (
    #"{"type":"block","doc":"d","id":"d#b1","kind":"paragraph","start":0,"end":1,"sentences":1}"#,
    "a key of another record"
  ),
]

@Suite struct RecordScannerTests {
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
    #expect(scannedForAcronyms(text) == nil, "\(rule), acronym candidates only")
  }

  /// Keeping only the tokens that may be acronyms gives the record with
  /// the others filtered out, and gives up on the same lines.
  @Test(arguments: readCases.indices)
  func acronymCandidatesAreTheTokensFilteredOut(_ index: Int) throws {
    let (text, rule) = readCases[index]
    let expected = try #require(decoded(text), "JSONDecoder reads it: \(rule)")
    #expect(scannedForAcronyms(text) == candidatesOnly(expected), "\(rule)")
  }

  /// Every document, sentence, entity, block and document-end record `relais run`
  /// writes for the corpus, the entity documents and the document
  /// fixtures reads through the scanner, and as JSONDecoder reads it.
  @Test func everyScannedRecordOfTheRunReadsTheSame() throws {
    let result = try RelaisBinary.run([
      "run", Repository.path("Corpus"), Repository.path("Tests/Data/entities"),
      Repository.path("Tests/Fixtures/run/mixed"), Repository.path("Tests/Fixtures/tokenize/pass"),
      "--glossaries", Repository.path("Glossaries"), "--quiet",
    ])
    var counts: [String: Int] = [:]
    var acronyms = 0
    for line in result.standardOutput.split(separator: "\n") {
      for type in ["document", "sentence", "entity", "block", "document_end"]
      where line.hasPrefix(#"{"type":"\#(type)""#) {
        counts[type, default: 0] += 1
        let text = String(line)
        let fast = try #require(scanned(text), "the scanner reads \(text.prefix(80))")
        #expect(fast == decoded(text))
        #expect(scannedForAcronyms(text) == candidatesOnly(fast))
        if case .sentence(let sentence) = fast {
          // Every token coverage counts as an acronym is a candidate.
          for token in sentence.tokens where token.kind == "word" && TermKeys.isAcronym(token.text)
          {
            acronyms += 1
            #expect(
              RecordScanner.SentenceTokens.mayBeAcronym(
                kind: token.kind.utf8, text: token.text.utf8))
          }
        }
      }
    }
    #expect(counts["sentence", default: 0] > 50)
    #expect(acronyms > 5)
    #expect(counts["entity", default: 0] > 100)
    #expect(counts["block", default: 0] > 20)
    #expect(counts["document_end", default: 0] > 5)
    #expect(counts["document", default: 0] == counts["document_end", default: 0])
  }
}
