/// One document as `relais render` shows it: what its records say, gathered
/// as they stream by, and its text.
struct SiteDocument: Sendable {
  /// A sentence's place; its tokens are not shown.
  struct Sentence: Sendable, Equatable {
    var id: String
    /// Code point offsets into the text.
    var start: Int
    var end: Int
  }

  /// The page's number: its file is `docs/NUMBER.html`.
  var number: Int
  var doc: String
  /// `nil` for a document that failed (it has only error records).
  var record: DocumentRecord?
  var errors: [ErrorRecord] = []
  var blocks: [BlockRecord] = []
  var sentences: [Sentence] = []
  var entities: [EntityRecord] = []
  var terms: [TermRecord] = []
  var acronyms: [AcronymRecord] = []
  /// The English side, for a document given with its translation.
  var alignments: [AlignmentRecord] = []
  var termChecks: [TermCheckRecord] = []
  /// The text the offsets count in, when it could be had
  /// (`TextAvailability`).
  var text: String?
  /// Why the text is missing, when it is.
  var textMissing: String?

  init(number: Int, doc: String) {
    self.number = number
    self.doc = doc
  }

  mutating func add(_ record: Record) {
    switch record {
    case .document(let document): self.record = document
    case .error(let error): errors.append(error)
    case .block(let block): blocks.append(block)
    case .sentence(let sentence):
      sentences.append(Sentence(id: sentence.id, start: sentence.start, end: sentence.end))
    case .entity(let entity): entities.append(entity)
    case .term(let term): terms.append(term)
    case .acronym(let acronym): acronyms.append(acronym)
    case .alignment(let alignment): alignments.append(alignment)
    case .termCheck(let check): termChecks.append(check)
    case .documentEnd: break
    }
  }

  /// The part of a record id after the document's: `e3` for `doc#e3`.
  /// Pages use it as the element id, so links stay short and safe.
  static func localID(_ id: String, doc: String) -> String {
    id.hasPrefix(doc + "#") ? String(id.dropFirst(doc.count + 1)) : id
  }

  /// The file of this document's page, relative to the site's root.
  static func pagePath(number: Int) -> String { "docs/\(number).html" }
}

/// Where a document's text comes from, first that applies: the document
/// record's `text` (`relais run --with-text`), or the source file read
/// again under one of the folders the run named its sources from (the
/// current folder when none is given), used only if its SHA-256 and length
/// in code points are those the record gives: a file changed since the run
/// would misplace every mark.
enum TextAvailability {
  static func resolve(_ document: inout SiteDocument, sourcesFolders: [String]) {
    guard let record = document.record else { return }
    if let text = record.text {
      document.text = text
      return
    }
    guard record.source != InputFiles.standardInputPath else {
      document.textMissing =
        "the records carry no text and the document came from standard input: run relais run with --with-text"
      return
    }
    let folders =
      record.source.hasPrefix("/") ? [""] : sourcesFolders.isEmpty ? ["."] : sourcesFolders
    var problems: [String] = []
    for folder in folders {
      let path = folder.isEmpty ? record.source : folder + "/" + record.source
      do {
        let bytes = try InputFiles.bytes(at: path)
        guard DocumentInfo.sha256(of: bytes) == record.sha256 else {
          problems.append("\(path) has changed since the run")
          continue
        }
        let source = try SourceText(fileBytes: bytes, path: path)
        let text = String(decoding: source.bytes, as: UTF8.self)
        guard text.unicodeScalars.count == record.chars else {
          problems.append("\(path) does not have the record's \(record.chars) code points")
          continue
        }
        document.text = text
        return
      } catch {
        problems.append("\(path): \(error.message)")
      }
    }
    document.textMissing =
      "the records carry no text (\(problems.joined(separator: "; "))): give --sources, the folder relais run was given, or run it with --with-text"
  }
}
