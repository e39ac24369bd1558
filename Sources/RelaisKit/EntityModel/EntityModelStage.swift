/// Which finder names people, places, organisations and works
/// (`relais run --ner`). Dates, ordinals and acronym definitions always
/// come from the rules.
public enum EntityRecognition: String, Sendable, CaseIterable {
  /// The rules alone (`EntityExtractor`), as before the model.
  case rules
  /// The model alone for names.
  case model
  /// Rules and model together, by `EntityPrecedence`: the default.
  case both
}

/// Who wins where the rules and the model both speak, name by name. The
/// rules are precise where they fire (glossary entries above all); the
/// model finds what no rule knows. Measured on the dev data
/// (`relais eval ner`), see README.
package enum EntityPrecedence {
  /// Glossary-linked names and acronym definitions (`anchored`) always
  /// stand: no model entity may overlap them.
  case anchored
  /// A rule's name with the model's type, where the model finds the same
  /// span with another type and a score of at least `retype`, unless the
  /// rule read the type off the name itself (`isTypedByItsWords`).
  case retyped
  /// A model entity that overlaps rule names (not anchored) replaces them
  /// when its score is at least `replace`.
  case replacing
  /// A model entity that overlaps nothing is added when its score is at
  /// least `add`; a single word that opens a clause (the first word of
  /// the sentence, of a list item, after a colon), which French
  /// capitalises whether or not it names anything, needs `addOpeningWord`.
  case added
  /// Otherwise the rules' names stand and the model's are dropped.
  case rulesStand
  /// A model entity every word of which is a title or role that announces
  /// a name (`Président`, `Ministre`: `EntityLexicon.personTitles`) is
  /// dropped before any other case: a title alone names no one, though
  /// French capitalises it before a name and in its stead (`le Président
  /// chinois Xi Jinping`, `le Président a dit`).
  case titleAlone

  /// The scores each case needs, tuned on the dev data (`relais eval ner
  /// --precedence`, README): replacing rule names with the model's helps
  /// on Wikipedia text and hurts on the 1906 newspapers, where the model
  /// is out of its domain, so only near-certain replacements are made.
  package struct Thresholds: Sendable {
    package var retype = 0.4
    package var replace = 0.95
    package var add = 0.3
    package var addOpeningWord = 0.7
    package init() {}
  }

  /// Rule sources that are anchored.
  static func isAnchored(_ source: EntitySource) -> Bool {
    switch source {
    case .glossary, .definition, .date, .ordinal: true
    case .headNoun, .title, .givenName, .preposition, .quotes, .document, .model: false
    }
  }

  /// Merges the model's entities into the rules' (both in text order;
  /// the rules' dates and ordinals are a layer of their own and kept).
  /// `opensClause(i)`: token i is the first word of a clause.
  /// `isTitle(i)`: token i is a person's title.
  static func merge(
    rules: [EntityMention], model: [EntityMention], _ thresholds: Thresholds,
    opensClause: (Int) -> Bool = { $0 == 0 }, isTitle: (Int) -> Bool = { _ in false }
  ) -> [EntityMention] {
    var kept = rules
    for candidate in model where !candidate.tokenRange.allSatisfy(isTitle) {
      let score = candidate.score ?? 0
      let overlapping = kept.indices.filter {
        kept[$0].tokenRange.overlaps(candidate.tokenRange) && !isLayer(kept[$0].source)
      }
      if overlapping.isEmpty {
        let isOpeningWord =
          candidate.tokenRange.count == 1 && opensClause(candidate.tokenRange.lowerBound)
        if score >= (isOpeningWord ? thresholds.addOpeningWord : thresholds.add) {
          kept.append(candidate)
        }
        continue
      }
      if overlapping.contains(where: { isAnchored(kept[$0].source) }) { continue }
      if overlapping.count == 1, kept[overlapping[0]].tokenRange == candidate.tokenRange {
        if kept[overlapping[0]].label != candidate.label && score >= thresholds.retype
          && !isTypedByItsWords(kept[overlapping[0]])
        {
          kept[overlapping[0]].label = candidate.label
          kept[overlapping[0]].source = .model
          kept[overlapping[0]].score = score
        }
        continue
      }
      if score >= thresholds.replace {
        for index in overlapping.reversed() { kept.remove(at: index) }
        kept.append(candidate)
      }
    }
    kept.sort {
      ($0.tokenRange.lowerBound, $0.tokenRange.upperBound)
        < ($1.tokenRange.lowerBound, $1.tokenRange.upperBound)
    }
    return kept
  }

  /// Rules whose type comes from the name's own words (`Orchestre`,
  /// `musée`, `Jeux`: a head noun) or that give a type the model lacks
  /// (EVENT): the model, which learnt Wikipedia's conventions, does not
  /// retype them.
  static func isTypedByItsWords(_ entity: EntityMention) -> Bool {
    entity.source == .headNoun || entity.label == .event
  }

  /// Dates and ordinals: a layer under the names, never merged with them.
  static func isLayer(_ source: EntitySource) -> Bool { source == .date || source == .ordinal }
}

/// Computes a sentence's features once, reusing its buffers.
struct EntityFeatureBuffer {
  private(set) var views: [EntityFeatures.TokenView] = []
  private var glossaryTags: [UInt64] = []
  private var gazetteerTags: [UInt64] = []
  /// Per token: a capital, a rule's name or a glossary term is there.
  private var anchors: [Bool] = []
  private(set) var features: [UInt64] = []

  /// The sentence's token views and every token's features.
  mutating func load(
    _ sentence: AnnotatedSentence, ruleEntities: [EntityMention], gazetteer: EntityGazetteer
  ) {
    describe(sentence, ruleEntities: ruleEntities, gazetteer: gazetteer)
    EntityFeatures.features(of: views, into: &features)
  }

  /// The sentence's token views alone, with `gazetteer`'s names.
  mutating func describe(
    _ sentence: AnnotatedSentence, ruleEntities: [EntityMention], gazetteer: EntityGazetteer
  ) {
    tagGlossaryTerms(sentence)
    EntityFeatures.views(
      of: sentence.tokens, sentence.bytes, ruleEntities: ruleEntities, glossaryTags: glossaryTags,
      into: &views)
    gazetteer.tag(&views, scratch: &gazetteerTags)
  }

  /// The features of every token of `views`, with `gazetteer`'s names in
  /// place of any earlier (the training corpus reads each sentence with
  /// the names of the other folds).
  static func features(
    of views: [EntityFeatures.TokenView], gazetteer: EntityGazetteer, into features: inout [UInt64]
  ) {
    var views = views
    var scratch: [UInt64] = []
    gazetteer.tag(&views, scratch: &scratch)
    EntityFeatures.features(of: views, into: &features)
  }

  /// `EntityModelStage.windows` of the sentence, with the views of the
  /// tokens their features read and no others (those are
  /// `TokenView.unread`): a view costs more than all of a token's
  /// features, and news text has about half its tokens far from any
  /// capital (perf). `describe` is the plain version; a test holds the
  /// windows' features to it.
  mutating func describeWindows(
    _ sentence: AnnotatedSentence, ruleEntities: [EntityMention], gazetteer: EntityGazetteer
  ) -> [Range<Int>] {
    tagGlossaryTerms(sentence)
    let count = sentence.tokens.count
    anchors.removeAll(keepingCapacity: true)
    let reader = ScalarReader(bytes: sentence.bytes)
    for token in sentence.tokens { anchors.append(EntityFeatures.isCapitalized(token, reader)) }
    for entity in ruleEntities { for index in entity.tokenRange { anchors[index] = true } }
    for (index, tag) in glossaryTags.enumerated() where tag != 0 { anchors[index] = true }
    let windows = EntityModelStage.windows(count: count) { anchors[$0] }
    let reach = EntityFeatures.neighbourReach
    var read: [Range<Int>] = []
    for window in windows {
      read.appendJoining(max(0, window.lowerBound - reach)..<min(count, window.upperBound + reach))
    }
    EntityFeatures.views(
      of: sentence.tokens, sentence.bytes, ruleEntities: ruleEntities, glossaryTags: glossaryTags,
      reading: read, into: &views)
    gazetteer.tag(&views, scratch: &gazetteerTags)
    return windows
  }

  private mutating func tagGlossaryTerms(_ sentence: AnnotatedSentence) {
    glossaryTags.removeAll(keepingCapacity: true)
    if let glossaries = sentence.glossaries, !sentence.matches.isEmpty {
      glossaryTags.append(contentsOf: repeatElement(0, count: sentence.tokens.count))
      for match in sentence.matches {
        let type = glossaries.entry(of: glossaries.terms[match.term]).type
        let code = EntityLabel(rawValue: type)?.featureCode ?? 15
        for index in match.tokenRange {
          glossaryTags[index] = UInt64(
            EntityTagSet.code(label: code, inside: index != match.tokenRange.lowerBound))
        }
      }
    }
  }

  /// The features of the tokens `range` of the views `describe` made.
  mutating func load(_ range: Range<Int>) {
    EntityFeatures.features(of: views, tokens: range, into: &features)
  }
}

/// The model stage: after the rules, the trained tagger labels each
/// sentence, reading the rules' findings as features, and its names are
/// merged with the rules' by `EntityPrecedence` (or replace them, with
/// `--ner model`).
struct EntityModelStage: SentenceStage {
  let model: EntityModel
  let recognition: EntityRecognition
  var thresholds = EntityPrecedence.Thresholds()
  private var buffer = EntityFeatureBuffer()
  private var scores: [Float] = []

  init(model: EntityModel, recognition: EntityRecognition) {
    self.model = model
    self.recognition = recognition
  }

  var stage: RunStage { .extract }

  mutating func beginDocument() {}

  mutating func annotate(_ sentence: inout AnnotatedSentence) {
    let names = tag(sentence)
    switch recognition {
    case .rules: return
    case .model:
      sentence.entities =
        (sentence.entities.filter { EntityPrecedence.isLayer($0.source) } + names).sorted {
          ($0.tokenRange.lowerBound, $0.tokenRange.upperBound)
            < ($1.tokenRange.lowerBound, $1.tokenRange.upperBound)
        }
    case .both:
      guard !names.isEmpty else { return }
      let tokens = sentence.tokens
      let bytes = sentence.bytes
      let views = buffer.views
      sentence.entities = EntityPrecedence.merge(
        rules: sentence.entities, model: names, thresholds,
        opensClause: { Self.opensClause($0, tokens, bytes) },
        isTitle: { WordRoles(rawValue: views[$0].roles).contains(.personTitles) })
    }
  }

  /// The model's entities in one sentence, with scores.
  mutating func tag(_ sentence: AnnotatedSentence) -> [EntityMention] {
    guard Self.mayHoldNames(sentence) else { return [] }
    let windows = buffer.describeWindows(
      sentence, ruleEntities: sentence.entities, gazetteer: model.gazetteer)
    let tagger = model.tagger
    let tagCount = tagger.tags.count
    var found: [EntityMention] = []
    for window in windows {
      buffer.load(window)
      let count = window.count
      buffer.features.withUnsafeBufferPointer {
        tagger.emissions($0, tokens: count, into: &scores)
      }
      let opensSentence = window.lowerBound == 0
      let path = tagger.viterbi(scores, tokens: count, opensSentence: opensSentence)
      guard path.contains(where: { $0 != 0 }) else { continue }
      let marginals = tagger.marginals(scores, tokens: count, opensSentence: opensSentence)
      for span in tagger.tags.spans(of: path) {
        let score = span.range.map { marginals[$0 * tagCount + path[$0]] }.min() ?? 0
        found.append(
          EntityMention(
            tokenRange: (span.range.lowerBound + window.lowerBound)..<(span.range.upperBound
              + window.lowerBound),
            label: tagger.tags.labels[span.label], source: .model, score: score))
      }
    }
    return found
  }

  /// How far before and after a capitalised word the model looks for
  /// names: French names run on after their capitals (`Union
  /// internationale de chimie pure et appliquée`) far more than before.
  static let windowBefore = 2
  static let windowAfter = 3

  /// The runs of tokens from `windowBefore` before to `windowAfter` after
  /// a capitalised word or of
  /// something the rules or glossaries found: names lie there (a French
  /// name has a capital), and the model is run on them alone, the tokens
  /// before and after taken as outside any name (their features read two
  /// tokens beyond them). Over news text this spares about half of
  /// the tokens; on the dev data it changed F1 by less than 0.1 (README).
  static func windows(_ views: [EntityFeatures.TokenView]) -> [Range<Int>] {
    windows(count: views.count) {
      views[$0].capitalized || views[$0].ruleTag != 0 || views[$0].glossaryTag != 0
    }
  }

  /// The windows around the tokens `isAnchor` holds for, of `count`.
  static func windows(count: Int, isAnchor: (Int) -> Bool) -> [Range<Int>] {
    var windows: [Range<Int>] = []
    for index in 0..<count where isAnchor(index) {
      windows.appendJoining(max(0, index - windowBefore)..<min(count, index + windowAfter + 1))
    }
    return windows
  }

  /// Token `index` is the first word of the sentence (after list numbers
  /// or bullets) or follows a colon, semicolon or dash.
  static func opensClause(
    _ index: Int, _ tokens: ArraySlice<TokenSpan>, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let start = tokens.startIndex
    if index > 0 {
      let previous = tokens[start + index - 1]
      if previous.kind == .punct {
        let text = bytes[previous.startByte..<previous.endByte]
        if text.elementsEqual(":".utf8) || text.elementsEqual(";".utf8)
          || text.elementsEqual("—".utf8) || text.elementsEqual("–".utf8)
          || text.elementsEqual("-".utf8)
        {
          return true
        }
      }
    }
    return !tokens[start..<(start + index)].contains {
      $0.kind == .word || $0.kind == .abbreviation
    }
  }

  /// A sentence with no capital letter after its first token names no
  /// one the model would find: it is not tagged (most of a text's
  /// sentences hold a name, but this spares lowercase runs and lists).
  static func mayHoldNames(_ sentence: AnnotatedSentence) -> Bool {
    let reader = ScalarReader(bytes: sentence.bytes)
    return sentence.tokens.dropFirst().contains {
      ($0.kind == .word || $0.kind == .abbreviation) && EntityFeatures.isCapitalized($0, reader)
    }
  }
}

extension [Range<Int>] {
  /// Appends `range` (ranges in order of their starts), joined to the last
  /// where they meet or overlap.
  fileprivate mutating func appendJoining(_ range: Range<Int>) {
    if let last, last.upperBound >= range.lowerBound {
      self[count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
    } else {
      append(range)
    }
  }
}
