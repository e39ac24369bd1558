import Testing

@testable import RelaisKit

/// Token views of `text`'s words (split at spaces), capitalised where the
/// word starts with a capital.
private func views(_ text: String) -> [EntityFeatures.TokenView] {
  text.split(separator: " ").map { word in
    var view = EntityFeatures.TokenView.unread
    view.word = WordKey.of(String(word))
    view.capitalized = word.first?.isUppercase ?? false
    return view
  }
}

private let location = EntityLabel.location.featureCode
private let organisation = EntityLabel.organisation.featureCode
private let person = EntityLabel.person.featureCode

private func names(_ entries: [(String, Int)]) -> EntityGazetteer {
  EntityGazetteer(entries: entries.map { (views($0.0).map(\.word), $0.1) })
}

/// Each case: the names listed, a sentence, and the tag each token gets
/// (`EntityTagSet.code`, 0 outside).
private let gazetteerCases: [(names: [(String, Int)], text: String, tags: [Int], rule: String)] = [
  (
    [("Paris", location)], "Il va à Paris demain",
    [0, 0, 0, EntityTagSet.code(label: location, inside: false), 0], "a one-word name"
  ),
  (
    [("Asie", location), ("Asie centrale", location)], "en Asie centrale",
    [
      0, EntityTagSet.code(label: location, inside: false),
      EntityTagSet.code(label: location, inside: true),
    ], "the longest name wins"
  ),
  (
    [("Banque mondiale de Paris", organisation)], "la Banque mondiale dit",
    [0, 0, 0, 0], "the first words of a name alone are no name"
  ),
  (
    [("Marie", person)], "MARIE et marie",
    [EntityTagSet.code(label: person, inside: false), 0, 0],
    "folded words, but only from a capital"
  ),
  (
    [("Paris", location), ("Paris", location), ("Paris", organisation)], "Paris",
    [EntityTagSet.code(label: location, inside: false)], "the most frequent label"
  ),
  (
    [("A B C D E F", organisation), ("A", person)], "A B C D E F",
    [EntityTagSet.code(label: person, inside: false), 0, 0, 0, 0, 0],
    "a name longer than longestName never matches"
  ),
  ([], "Paris", [0], "an empty list tags nothing"),
]

@Suite struct EntityGazetteerTests {
  @Test(arguments: gazetteerCases.indices)
  func tagsTheLongestListedName(_ index: Int) {
    let (entries, text, expected, rule) = gazetteerCases[index]
    var tags: [UInt64] = []
    names(entries).tags(of: views(text), into: &tags)
    #expect(tags == expected.map(UInt64.init), "\(rule)")
  }

  /// The jackknife: a training sentence's own names are not in the list
  /// its features read, the other blocks' are; the dev data reads the
  /// whole list.
  @Test func trainingSentencesReadTheOtherBlocksNames() throws {
    let text = "Paris\tB-LOC\n\nLyon\tB-LOC\n\nParis\tB-LOC\n"
    let gold = try EntityGold(text, path: "three.iob2")
    let tags = EntityTagSet(labels: [.location])
    let corpus = try EntityCorpus(gold, tags: tags, matcher: nil, names: .jackknifed(folds: 3))
    #expect(corpus.gazetteer.nameCount == 2)
    let tagged = EntityFeatures.feature(
      .gazetteerTag, UInt64(EntityTagSet.code(label: location, inside: false)))
    let untagged = EntityFeatures.feature(.gazetteerTag, 0)
    // Paris (block 1) sees block 3's Paris; Lyon (block 2) sees no Lyon.
    let reads = corpus.instances.map { $0.features.contains(tagged) }
    #expect(reads == [true, false, true])
    #expect(corpus.instances[1].features.contains(untagged))
    let dev = try EntityCorpus(gold, tags: tags, matcher: nil, names: .given(corpus.gazetteer))
    #expect(dev.instances.allSatisfy { $0.features.contains(tagged) })
  }
}
