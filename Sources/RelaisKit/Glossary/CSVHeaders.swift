import SwiftCSV

/// What a column of a CSV or TSV glossary holds, read from its header as
/// terminology tools export them: language codes (`fr`, `en-GB`, `zh_CN`),
/// language names in English or French (`English`, `French`, `Anglais`),
/// memoQ's `Entry_ID`, `Entry_Note`, `English_United_Kingdom` and
/// `English_United_Kingdom_Def`, Trados-style `Definition` columns.
enum CSVColumn: Equatable {
  case id
  case type
  case note
  /// The terms of a language.
  case terms(language: String)
  /// A definition, of a language or of the entry; kept in the note.
  case definition(language: String?)
  /// An entry's bookkeeping (memoQ's `Entry_Created`, `Entry_Domain`…):
  /// read past, with a notice.
  case ignored
}

enum CSVHeaders {
  /// The column a header names, or nil when it names nothing known.
  static func column(_ header: String) -> CSVColumn? {
    let words = header.lowercased().split { " _-()/".contains($0) }.map(String.init)
    guard let first = words.first else { return nil }
    let isDefinition = ["def", "definition", "définition"].contains(words.last ?? "")
    if words.count == 1 {
      switch first {
      case "id": return .id
      case "type": return .type
      case "note", "notes", "comment": return .note
      case "def", "definition", "définition": return .definition(language: nil)
      default: break
      }
    }
    if first == "entry" {
      switch words.dropFirst().first {
      case "id": return .id
      case "note": return .note
      case "type": return .type
      default: return .ignored
      }
    }
    guard let language = LanguageCodes.known.contains(first) ? first : languageNames[first] else {
      return nil
    }
    return isDefinition ? .definition(language: language) : .terms(language: language)
  }

  /// The delimiter of a table from its header line: the most frequent of
  /// tab, `;` and `,` outside quotes (a comma when none occurs), and its
  /// name for the notice.
  static func delimiter(ofHeader line: Substring) -> (delimiter: CSVDelimiter, name: String) {
    var counts: [Character: Int] = [:]
    var quoted = false
    for character in line {
      if character == "\"" { quoted.toggle() }
      if !quoted, "\t;,".contains(character) { counts[character, default: 0] += 1 }
    }
    let best = ["\t", ";", ","].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? ","
    switch (counts[best] ?? 0) > 0 ? best : "," {
    case "\t": return (.tab, "tab")
    case ";": return (.semicolon, "semicolon")
    default: return (.comma, "comma")
    }
  }

  /// Language names in English and French, lowercased, to ISO 639-1 codes.
  static let languageNames: [String: String] = [
    "french": "fr", "français": "fr", "francais": "fr", "english": "en", "anglais": "en",
    "chinese": "zh", "chinois": "zh", "mandarin": "zh", "kazakh": "kk", "russian": "ru",
    "russe": "ru", "german": "de", "allemand": "de", "spanish": "es", "espagnol": "es",
    "italian": "it", "italien": "it", "portuguese": "pt", "portugais": "pt", "dutch": "nl",
    "néerlandais": "nl", "arabic": "ar", "arabe": "ar", "japanese": "ja", "japonais": "ja",
    "korean": "ko", "coréen": "ko", "turkish": "tr", "turc": "tr", "ukrainian": "uk",
    "ukrainien": "uk", "polish": "pl", "polonais": "pl", "kyrgyz": "ky", "uzbek": "uz",
    "ouzbek": "uz", "mongolian": "mn", "mongol": "mn", "uyghur": "ug", "ouïghour": "ug",
    "persian": "fa", "persan": "fa", "greek": "el", "grec": "el", "swedish": "sv",
    "suédois": "sv", "czech": "cs", "tchèque": "cs", "romanian": "ro", "roumain": "ro",
    "hungarian": "hu", "hongrois": "hu", "finnish": "fi", "finnois": "fi", "danish": "da",
    "danois": "da", "norwegian": "no", "norvégien": "no", "hebrew": "he", "hébreu": "he",
    "hindi": "hi", "vietnamese": "vi", "vietnamien": "vi", "thai": "th", "latin": "la",
  ]
}
