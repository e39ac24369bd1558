import Foundation
import Testing

@testable import RelaisKit

/// Each sentence's token texts under the English rules.
func englishSentenceTexts(_ text: String) throws -> [[String]] {
  try Pipeline().sentences(of: SourceText(string: text, path: "test"), language: .english).map {
    $0.map(\.text)
  }
}

/// One English rule (UD English EWT and GUM conventions), and what the
/// French rules do with the same input, so each case shows the two differ
/// where they should and agree where they should.
struct EnglishTokenCase: CustomTestStringConvertible, Sendable {
  let input: String
  let english: [String]
  let french: [String]
  let rule: String
  var testDescription: String { "\(rule): \(input)" }
}

let englishTokenCases: [EnglishTokenCase] = [
  .init(
    input: "I don't know", english: ["I", "don't", "know"], french: ["I", "don't", "know"],
    rule: "a clitic stays on its token"),
  .init(
    input: "the company's plan", english: ["the", "company's", "plan"],
    french: ["the", "company", "'s", "plan"], rule: "a possessive stays on its token"),
  .init(
    input: "the soldiers' camp", english: ["the", "soldiers'", "camp"],
    french: ["the", "soldiers", "'", "camp"], rule: "a plural possessive keeps its apostrophe"),
  .init(
    input: "a long-term plan", english: ["a", "long", "-", "term", "plan"],
    french: ["a", "long-term", "plan"], rule: "English splits at a hyphen"),
  .init(
    input: "an e-mail from non-European co-workers",
    english: ["an", "e-mail", "from", "non-European", "co-workers"],
    french: ["an", "e-mail", "from", "non-European", "co-workers"],
    rule: "but not after a prefix"),
  .init(
    input: "call 212-848-8400 on pages 13-17",
    english: ["call", "212-848-8400", "on", "pages", "13", "-", "17"],
    french: ["call", "212-848-8400", "on", "pages", "13-17"],
    rule: "a code stays whole, a range splits"),
  .init(
    input: "at 5:00 on 02/13/2001, 24/7",
    english: ["at", "5:00", "on", "02/13/2001", ",", "24", "/", "7"],
    french: ["at", "5", ":", "00", "on", "02", "/", "13", "/", "2001", ",", "24", "/", "7"],
    rule: "times and dates"),
  .init(
    input: "left w/o him, w/ her b/c of it",
    english: ["left", "w/o", "him", ",", "w/", "her", "b/c", "of", "it"],
    french: ["left", "w", "/", "o", "him", ",", "w", "/", "her", "b", "/", "c", "of", "it"],
    rule: "slash shorthand stays whole"),
  .init(
    input: "in the 1990s and 70's", english: ["in", "the", "1990s", "and", "70's"],
    french: ["in", "the", "1990", "s", "and", "70", "'", "s"], rule: "decades"),
  .init(
    input: "a 375mm pipe, 8gb", english: ["a", "375", "mm", "pipe", ",", "8", "gb"],
    french: ["a", "375", "mm", "pipe", ",", "8gb"], rule: "English units"),
  .init(
    input: "Mr. Smith met Dr. Jones, e.g. Sept. 5",
    english: ["Mr.", "Smith", "met", "Dr.", "Jones", ",", "e.g.", "Sept.", "5"],
    french: ["Mr.", "Smith", "met", "Dr.", "Jones", ",", "e.g.", "Sept", ".", "5"],
    rule: "English abbreviations"),
  .init(
    input: "Wow!!! Really?! ==== *** :-) ok",
    english: ["Wow", "!!!", "Really", "?!", "====", "***", ":-)", "ok"],
    french: [
      "Wow", "!", "!", "!", "Really", "?", "!", "=", "=", "=", "=", "*", "*", "*", ":", "-", ")",
      "ok",
    ],
    rule: "runs of marks and emoticons"),
  .init(
    input: "I love it :-). Fine :), ok",
    english: ["I", "love", "it", ":-)", ".", "Fine", ":)", ",", "ok"],
    french: ["I", "love", "it", ":", "-", ")", ".", "Fine", ":", ")", ",", "ok"],
    rule: "an emoticon before a sentence's mark"),
  .init(
    input: "the 19th and 21st", english: ["the", "19th", "and", "21st"],
    french: ["the", "19th", "and", "21st"], rule: "English ordinals"),
  .init(
    input: "she w- went", english: ["she", "w-", "went"], french: ["she", "w", "-", "went"],
    rule: "a word broken off in speech"),
  .init(
    input: "a -37 drop", english: ["a", "-", "37", "drop"], french: ["a", "-37", "drop"],
    rule: "a sign stands apart in English"),
  .init(
    input: "write @me.example.org or @la.cà",
    english: ["write", "@me.example.org", "or", "@la", ".", "cà"],
    french: ["write", "@me.example.org", "or", "@la", ".", "cà"],
    rule: "a mention's domain is ASCII labels, never cut inside a letter (the fuzzer's)"),
  .init(
    input: "see [http://a.org/x]", english: ["see", "[", "http://a.org/x", "]"],
    french: ["see", "[", "http://a.org/x", "]"], rule: "a web address inside brackets"),
]

@Test(arguments: englishTokenCases)
func englishTokenizerRule(_ testCase: EnglishTokenCase) throws {
  #expect(try englishSentenceTexts(testCase.input).flatMap { $0 } == testCase.english)
  #expect(try tokenTexts(testCase.input) == testCase.french)
  let tokens = try Pipeline().sentences(
    of: SourceText(string: testCase.input, path: "t"), language: .english
  ).flatMap { $0 }
  expectOffsetsSliceText(testCase.input, tokens)
}

struct EnglishWordsCase: CustomTestStringConvertible, Sendable {
  let token: String
  let words: [String]?
  var testDescription: String { token }
}

/// Multiword tokens as UD English writes them, from the token's bytes.
@Test(arguments: [
  EnglishWordsCase(token: "don't", words: ["do", "n't"]),
  EnglishWordsCase(token: "can't", words: ["ca", "n't"]),
  EnglishWordsCase(token: "Won’t", words: ["Wo", "n’t"]),
  EnglishWordsCase(token: "I'm", words: ["I", "'m"]),
  EnglishWordsCase(token: "they're", words: ["they", "'re"]),
  EnglishWordsCase(token: "company’s", words: ["company", "’s"]),
  EnglishWordsCase(token: "we'll", words: ["we", "'ll"]),
  EnglishWordsCase(token: "Cannot", words: ["Can", "not"]),
  EnglishWordsCase(token: "gonna", words: ["gon", "na"]),
  EnglishWordsCase(token: "gov't", words: nil),
  EnglishWordsCase(token: "O'Neill", words: nil),
  EnglishWordsCase(token: "its", words: nil),
  EnglishWordsCase(token: "n't", words: nil),
])
func englishContractionsGiveUDWords(_ testCase: EnglishWordsCase) {
  let bytes = Array(testCase.token.utf8)
  let words = bytes.withUnsafeBufferPointer { buffer in
    EnglishContractions.words(
      of: TokenSpan(startByte: 0, endByte: buffer.count, kind: .word), in: buffer)
  }
  #expect(words == testCase.words)
}

/// English sentence rules that differ from French ones.
@Test(arguments: [
  SentenceCase(
    input: "He was born in Dulwich. [17] Placed at Harrow, he stayed.",
    starts: ["He", "Placed"], rule: "a citation mark ends its sentence"),
  SentenceCase(
    input: "You — No, because she doesn't — All you said.", starts: ["You", "No", "All"],
    rule: "an utterance broken off by a dash"),
  SentenceCase(
    input: "It is in the U.S. and Mr. Smith agrees. He left.", starts: ["It", "He"],
    rule: "abbreviations do not end sentences"),
  SentenceCase(
    input: "We bought bread, milk, etc. Then we left.", starts: ["We", "Then"],
    rule: "etc. may end one"),
  SentenceCase(
    input: "The cause was X. So I may as well say it.", starts: ["The", "So"],
    rule: "a capital and a period before an opener"),
  SentenceCase(
    input: "Peace is the foundation; (1) Everyone has the right; (b) No one shall be.",
    starts: ["Peace", "(", "("], rule: "a numbered item after a semicolon"),
  SentenceCase(
    input: "We saw 3; (2) was not there; 5 Others came.", starts: ["We"],
    rule: "no numbered item without a capital after it"),
])
func englishSentenceRule(_ testCase: SentenceCase) throws {
  #expect(try englishSentenceTexts(testCase.input).compactMap(\.first) == testCase.starts)
}

/// Both fast paths (plain Latin words, punctuation) give what ICU gives
/// under the English rules too.
@Test func englishFastPathGivesICUsSegmentation() throws {
  let path = "Tests/Data/ud-english/ewt/en_ewt-ud-dev.conllu"
  let gold = try UDGold(
    conllu: try String(contentsOfFile: Repository.path(path), encoding: .utf8), path: path)
  let document = SourceText(string: gold.text, path: path)
  let fast = try Pipeline().sentences(of: document, language: .english)
  let icuOnly = try Pipeline(tokenizer: Tokenizer(useICUForEveryWord: true)).sentences(
    of: document, language: .english)
  let fastTokens = fast.flatMap { $0 }
  let icuTokens = icuOnly.flatMap { $0 }
  #expect(fastTokens.count > 20_000)
  // The first difference, rather than two whole documents.
  let first = zip(fastTokens, icuTokens).first { $0 != $1 }
  #expect(first == nil, "\(String(describing: first))")
  #expect(fastTokens.count == icuTokens.count)
  #expect(fast.map(\.count) == icuOnly.map(\.count))
}

@Test(arguments: [
  ("Corpus/report.en.txt", Language.english), ("rapport.fr.txt", .french),
  ("notes.EN.txt", .english), ("rapport.txt", nil), ("a.de.txt", nil), ("en.txt", nil),
  ("dir.en/rapport.txt", nil),
])
func fileNamesMarkTheirLanguage(_ name: String, _ language: Language?) {
  #expect(Language.named(by: Substring(name)) == language)
}

/// A JSONL `lang`, a file name and `--lang` choose the rules and the
/// document record's `lang`; an unknown language is an error record for
/// its line (E-code of bad JSONL input), the others still run.
@Test func runChoosesEachDocumentsLanguage() throws {
  let lines = [
    #"{"id": "e", "text": "I don't know.", "lang": "en-GB"}"#,
    #"{"id": "f", "text": "Je ne sais pas."}"#,
    #"{"id": "d", "text": "Ich weiß nicht.", "lang": "de"}"#,
  ].joined(separator: "\n")
  let result = try RelaisBinary.run(
    ["run", "--input", "jsonl", "-", "--quiet"], input: Data((lines + "\n").utf8))
  #expect(result.status == 1)
  let records = result.standardOutput.split(separator: "\n").compactMap {
    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
  }
  let documents = records.filter { $0["type"] as? String == "document" }
  #expect(documents.map { $0["lang"] as? String } == ["en", "fr"])
  let english = try #require(
    records.first { $0["type"] as? String == "sentence" && $0["doc"] as? String == "e" })
  let tokens = try #require(english["tokens"] as? [[String: Any]])
  #expect(tokens.map { $0["text"] as? String } == ["I", "don't", "know", "."])
  #expect(tokens[1]["words"] as? [String] == ["do", "n't"])
  let error = try #require(records.first { $0["type"] as? String == "error" })
  #expect((error["message"] as? String)?.contains("\"de\"") == true)

  let folder = try temporaryFolder("lang").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try "I can't.".write(toFile: folder + "/note.en.txt", atomically: true, encoding: .utf8)
  try "I can't.".write(toFile: folder + "/note.txt", atomically: true, encoding: .utf8)
  for (arguments, languages) in [([String](), ["en", "fr"]), (["--lang", "en"], ["en", "en"])] {
    let run = try RelaisBinary.run(["run", folder, "--quiet"] + arguments)
    #expect(run.status == 0)
    let found = run.standardOutput.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }.filter { $0["type"] as? String == "document" }.map { $0["lang"] as? String }
    #expect(found == languages)
  }
}

/// `relais tokenize --lang en` writes UD English multiword tokens.
@Test func tokenizeWritesEnglishMultiwordTokens() throws {
  let result = try RelaisBinary.run(
    ["tokenize", "-", "--lang", "en"], input: Data("I'm sure they don't.".utf8))
  let lines = result.standardOutput.split(separator: "\n").map(String.init)
  #expect(lines.contains("1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_"))
  #expect(lines.contains("2\t'm\t_\t_\t_\t_\t_\t_\t_\t_"))
  #expect(lines.contains("5-6\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No"))
}
