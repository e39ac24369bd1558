/// Dates and ordinals, a layer of their own beside names.
extension EntityExtractor {
  static let monthWords: WordRoles = [.months, .monthQualifiers]

  /// Dates from left to right, none overlapping; `yearContext` follows the
  /// years the text gives.
  static func dates(
    _ words: SentenceWords, _ lists: EntityWordLists, yearContext: inout Int?,
    into found: inout [EntityMention]
  ) {
    // Every date has a number or an ordinal at most two tokens from its
    // start (`début juillet 2024`), so only the positions up to two before
    // one are tried, in order. `next`: where the last date ended, or the
    // position after the last one tried.
    var next = 0
    for number in words.numbers where number >= next {
      for index in max(number - 2, next)...number {
        // Dates start with a number, an ordinal, a month or a word before
        // one (`début`), or `en`, `depuis` and the like before a number.
        let kind = words.kind(index)
        if kind == .number || kind == .ordinal || words.has(Self.monthWords, index)
          || (words.has(.yearPrepositions, index) && index + 1 < words.count
            && words.kind(index + 1) == .number),
          let (mention, end) = date(words, lists, at: index, yearContext: &yearContext)
        {
          found.append(mention)
          next = end
          break
        }
        next = index + 1
      }
    }
  }

  static func date(
    _ words: SentenceWords, _ lists: EntityWordLists, at index: Int, yearContext: inout Int?
  ) -> (EntityMention, Int)? {
    // A century: `XXIe siècle`.
    if words.kind(index) == .ordinal, index + 1 < words.count,
      words.has(.centuryWords, index + 1), let number = words.ordinalValue(index)
    {
      let value = ISODigits.padded(number - 1, 2)
      return (
        EntityMention(tokenRange: index..<index + 2, label: .date, value: value, source: .date),
        index + 2
      )
    }
    // Days and a month, maybe a year: `3 et 4 juillet`, `1er janvier 2025`.
    if let day = words.dayNumber(index) {
      var position = index + 1
      var lastDay = day
      if position + 1 < words.count,
        words.isText(position, "et") || words.isText(position, "-") || words.isText(position, "au")
          || words.isText(position, "à"),
        let second = words.dayNumber(position + 1), second > day
      {
        // A range runs forward: `30 au 2 juillet` is no range of July
        // (its first day belongs to another month), and `day...second`
        // would trap; the later day is then read as a date of its own.
        lastDay = second
        position += 2
      }
      guard position < words.count, let month = lists.month(words, position) else { return nil }
      position += 1
      var year: Int?
      if position < words.count, let number = words.yearNumber(position) {
        year = number
        position += 1
      }
      return (
        datedMention(
          index..<position, year: year, month: month, days: day...lastDay,
          yearContext: &yearContext),
        position
      )
    }
    // A month and a year, maybe qualified: `début juillet 2024`.
    var start = index
    var monthIndex = index
    if words.has(.monthQualifiers, index), index + 1 < words.count {
      monthIndex = index + 1
    }
    if let month = lists.month(words, monthIndex), monthIndex + 1 < words.count,
      let year = words.yearNumber(monthIndex + 1)
    {
      yearContext = year
      if monthIndex == index { start = index }
      let value = ISODigits.month(month, of: year)
      return (
        EntityMention(
          tokenRange: start..<monthIndex + 2, label: .date, value: value, source: .date),
        monthIndex + 2
      )
    }
    // A bare year after a preposition: `en 1992`, `depuis 2005`.
    if words.has(.yearPrepositions, index), index + 1 < words.count,
      let year = words.yearNumber(index + 1),
      !(index + 2 < words.count && words.kind(index + 2) == .number)
    {
      yearContext = year
      return (
        EntityMention(
          tokenRange: index + 1..<index + 2, label: .date, value: String(year), source: .date),
        index + 2
      )
    }
    return nil
  }

  static func datedMention(
    _ range: Range<Int>, year: Int?, month: Int, days: ClosedRange<Int>, yearContext: inout Int?
  ) -> EntityMention {
    let resolvedYear = year ?? yearContext
    if let year { yearContext = year }
    let value = ISODigits.days(days, month: month, year: resolvedYear)
    return EntityMention(
      tokenRange: range, label: .date, value: value,
      yearFromContext: year == nil && resolvedYear != nil, source: .date)
  }
}

/// ISO 8601 values written digit by digit into one string. Built with
/// `String(_:)`, padding and `+`, each value made a string per part, and
/// dates were a seventh of extraction time (`relais-bench`).
enum ISODigits {
  /// `value` with at least `width` digits; `value` is not negative.
  static func padded(_ value: Int, _ width: Int) -> String {
    text { writer in writer.append(value, width: width) }
  }

  /// `YYYY-MM`.
  static func month(_ month: Int, of year: Int) -> String {
    text { writer in
      writer.append(year, width: 4)
      writer.append(0x2D)
      writer.append(month, width: 2)
    }
  }

  /// `YYYY-MM-DD`, or `--MM-DD` without a year; `first/last` for a range
  /// of days.
  static func days(_ days: ClosedRange<Int>, month: Int, year: Int?) -> String {
    text { writer in
      writer.append(day: days.lowerBound, month: month, year: year)
      if days.count > 1 {
        writer.append(0x2F)
        writer.append(day: days.upperBound, month: month, year: year)
      }
    }
  }

  /// Bytes of a value being written; 48 is more than any date takes.
  struct Writer {
    fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
    fileprivate var count = 0

    mutating func append(_ byte: UInt8) {
      guard count < buffer.count else { return }
      buffer[count] = byte
      count += 1
    }

    mutating func append(day: Int, month: Int, year: Int?) {
      if let year {
        append(year, width: 4)
      } else {
        append(0x2D)
      }
      append(0x2D)
      append(month, width: 2)
      append(0x2D)
      append(day, width: 2)
    }

    mutating func append(_ value: Int, width: Int) {
      var digits = 1
      var rest = value / 10
      while rest > 0 {
        digits += 1
        rest /= 10
      }
      for _ in digits..<max(width, digits) { append(0x30) }
      var divisor = 1
      for _ in 1..<digits { divisor *= 10 }
      while divisor > 0 {
        append(UInt8(0x30 + value / divisor % 10))
        divisor /= 10
      }
    }
  }

  private static func text(_ body: (inout Writer) -> Void) -> String {
    String(unsafeUninitializedCapacity: 48) { buffer in
      var writer = Writer(buffer: buffer)
      body(&writer)
      return writer.count
    }
  }
}
