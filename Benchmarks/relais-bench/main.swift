// make bench: the glossary matcher with a generated 100,000-entry glossary,
// then the extractor alone. Builds the matcher, then matches over a text
// (tokenized first, untimed), and reports build time, matching MB/s and
// matches; then times the extractor sentence by sentence, in nanoseconds a
// token. Timings are reports, not tests.
import Foundation
import RelaisKit

func seconds(_ start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(
    Data("usage: relais-bench TEXT [ENTRIES] | relais-bench icu-words TEXT\n".utf8))
  exit(2)
}
// `icu-words TEXT`: the bare ICU word-iterator pass, timed by the caller
// (bench.py compares its CPU time with `relais tokenize`'s).
if arguments[1] == "icu-words", arguments.count == 3 {
  guard let data = FileManager.default.contents(atPath: arguments[2]) else {
    FileHandle.standardError.write(Data("relais-bench: cannot read \(arguments[2])\n".utf8))
    exit(2)
  }
  let bytes = [UInt8](data)
  print("icu-words: \(try ICUWordPass.words(in: bytes)) words")
  exit(0)
}
let textPath = arguments[1]
let entryCount = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000

// Entries of one to four words drawn from the text's own vocabulary, so
// that many of them occur; each entry has a French and an English term.
let text = try InputFiles.sourceText(at: textPath)
var vocabulary: [String] = []
var seen: Set<String> = []
for word in String(decoding: text.bytes.prefix(2_000_000), as: UTF8.self).split(whereSeparator: {
  !$0.isLetter
}) where word.count >= 4 && seen.insert(String(word)).inserted {
  vocabulary.append(String(word))
}
/// A fixed-seed linear congruential generator: the same glossary each run.
struct Draw {
  var state: UInt64 = 42
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}
var draw = Draw()
var entries: [GlossaryEntry] = []
var terms: Set<String> = []
while entries.count < entryCount {
  let length = 1 + draw.next(4)
  let term = (0..<length).map { _ in vocabulary[draw.next(vocabulary.count)] }.joined(
    separator: " ")
  guard terms.insert(term.lowercased()).inserted else { continue }
  entries.append(
    GlossaryEntry(
      id: "e\(entries.count)", type: "CONCEPT",
      languages: [
        "fr": LanguageTerms(preferred: term), "en": LanguageTerms(preferred: "en \(entries.count)"),
      ]))
}
let glossary = Glossary(id: "generated", path: "generated", sha256: "", entries: entries)

let buildStart = DispatchTime.now()
let matcher = try TermMatcher(glossaries: [glossary])
let buildSeconds = seconds(buildStart)

let pipeline = try Pipeline()
var matchSeconds = 0.0
var matchCount = 0
var found: [TermMatch] = []
var scratch = MatchScratch()
try pipeline.process(text) { bytes, block in
  for sentence in block.sentences {
    let start = DispatchTime.now()
    found.removeAll(keepingCapacity: true)
    matcher.matches(in: block.tokens[sentence], bytes, into: &found, scratch: &scratch)
    matchSeconds += seconds(start)
    matchCount += found.count
  }
}
let megabytes = Double(text.bytes.count) / 1e6
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(
  String(
    format:
      "matcher, %d entries: built in %.2f s; matched %.1f MB at %.1f MB/s (%d matches); peak RSS %.0f MB",
    entryCount, buildSeconds, megabytes, megabytes / matchSeconds, matchCount,
    Double(usage.ru_maxrss) / 1024))

// The extract stage alone (no glossary), sentence by sentence right after
// each block is tokenized, without writing records: nanoseconds per token.
// A new extractor every 160 blocks (about 100 kB, the size of the
// documents `relais run` is benchmarked on), as each document has its own.
var extractSeconds = 0.0
var tokenCount = 0
var entityCount = 0
var extractor = EntityExtractor(matcher: nil)
try pipeline.process(text) { bytes, block in
  let start = DispatchTime.now()
  if block.index % 160 == 0 { extractor = EntityExtractor(matcher: nil) }
  for sentence in block.sentences {
    entityCount += extractor.extract(block.tokens[sentence], bytes, matches: []).entities.count
  }
  extractSeconds += seconds(start)
  tokenCount += block.tokens.count
}
print(
  String(
    format: "extractor, no glossary: %.1f ns a token, %.2f s for %d tokens (%d entities)",
    extractSeconds * 1e9 / Double(tokenCount), extractSeconds, tokenCount, entityCount))
