import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

extension XMLTree {
  /// The root element of an XML file of `format` (`TBX`, `TMX`), read
  /// after the checks Foundation's parser needs: UTF-8 only, no encoding
  /// declared but UTF-8, no entity declaration. Errors carry `code`, the
  /// line, column and byte offset.
  static func read(
    _ data: Data, path: String, code: ErrorCode, format: String, keptInline: Set<String>,
    droppedInline: Set<String> = []
  ) throws(RelaisError) -> Element {
    // Only UTF-8: FoundationXML crashes (a NULL read in libxml2's
    // xmlParseChunk) on `encoding="UTF-7"`, found by the fuzzer, and
    // TBX and TMX files are UTF-8 in practice.
    let bytes = [UInt8](data)
    if let (offset, _) = UTF8Validation.firstProblem(in: bytes) {
      throw RelaisError(
        code, "not UTF-8 text (Relais reads \(format) in UTF-8)",
        at: UTF8Validation.location(of: offset, in: bytes, path: path, bomLength: 0))
    }
    if let encoding = declaredEncoding(bytes), encoding.lowercased() != "utf-8",
      encoding.lowercased() != "utf8"
    {
      throw RelaisError(
        code,
        "the XML declaration says encoding=\"\(encoding)\"; Relais reads \(format) in UTF-8 (convert it, and say encoding=\"UTF-8\")",
        at: InputLocation(path: path, line: 1, column: 1, byteOffset: 0))
    }
    if let declaration = firstEntityDeclaration(in: bytes) {
      // Foundation's XMLParser loses part of an internal entity's text
      // when it expands one (`&co;` for "coopération" gives "ération"):
      // refused, rather than read wrong.
      throw RelaisError(
        code,
        "an <!ENTITY> declaration: entities other than XML's own are not read (write their text in place)",
        at: UTF8Validation.location(of: declaration, in: bytes, path: path, bomLength: 0))
    }
    let reader = XMLTree(
      path: path, code: code, keptInline: keptInline, droppedInline: droppedInline)
    let parser = XMLParser(data: data)
    parser.delegate = reader
    let finished = parser.parse()
    guard finished, reader.failure == nil, parser.parserError == nil, let root = reader.root
    else {
      throw reader.failure.map { withByteOffset($0, in: data) }
        ?? RelaisError(
          code,
          "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")",
          at: InputLocation(
            path: path, line: parser.lineNumber, column: parser.columnNumber, byteOffset: 0))
    }
    return root
  }

  /// The `encoding` of the XML declaration, if the file opens with one:
  /// up to its first `>`, closed or not (libxml2 reads the encoding of a
  /// declaration that never ends in `?>` too, and crashed on `UTF-7` so;
  /// found by the fuzzer), after a byte order mark.
  private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let head = String(decoding: bytes.dropFirst(start).prefix(200), as: UTF8.self)
    guard head.hasPrefix("<?xml") else { return nil }
    let declaration = head.prefix { $0 != ">" }
    guard let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"'>]*)/) else {
      return nil
    }
    return String(match.1)
  }

  /// The byte offset of the first `<!ENTITY` in `bytes`.
  private static func firstEntityDeclaration(in bytes: [UInt8]) -> Int? {
    let marker = Array("<!ENTITY".utf8)
    guard bytes.count >= marker.count else { return nil }
    return (0...(bytes.count - marker.count)).first { start in
      bytes[start] == 0x3C && bytes[start..<start + marker.count].elementsEqual(marker)
    }
  }

  /// The error with the byte offset of its line and column in `data`.
  static func withByteOffset(_ error: RelaisError, in data: Data) -> RelaisError {
    guard let location = error.location else { return error }
    let bytes = [UInt8](data)
    var line = 1
    var offset = 0
    while line < location.line, offset < bytes.count {
      if bytes[offset] == 0x0A { line += 1 }
      offset += 1
    }
    var column = 1
    while column < location.column, offset < bytes.count, bytes[offset] != 0x0A {
      offset += 1
      while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      column += 1
    }
    var located = error
    located.location?.byteOffset = offset
    return located
  }

}

/// An XML file (TBX, TMX) as a tree of elements, read with XMLParser (a
/// class because XMLParser's delegate must be an NSObject). Inline markup
/// inside a text adds its words to the text around it rather than being
/// a child (`keptInline`: TBX's `<hi>`, `<ph>`, `<foreign>`…), or is left
/// out with its words (`droppedInline`: TMX's `<bpt>`, `<ept>`, `<ph>`,
/// whose text is the native code of a format, `<b>` or `{\\i}`).
final class XMLTree: NSObject, XMLParserDelegate {
  final class Element {
    var name: String
    var attributes: [String: String]
    var text = ""
    var children: [Element] = []
    var line: Int
    var column: Int

    init(name: String, attributes: [String: String], line: Int, column: Int) {
      self.name = name
      self.attributes = attributes
      self.line = line
      self.column = column
    }
  }

  static let tbxInline: Set<String> = ["hi", "ph", "foreign", "bpt", "ept", "sc", "ec"]

  let path: String
  let code: ErrorCode
  let keptInline: Set<String>
  let droppedInline: Set<String>
  var root: Element?
  var failure: RelaisError?
  private var open: [Element] = []
  /// Inline elements open inside the innermost element.
  private var inlineDepth: [Int] = [0]
  /// Dropped inline elements open: their text is left out.
  private var droppedDepth = 0

  init(
    path: String, code: ErrorCode, keptInline: Set<String>, droppedInline: Set<String> = []
  ) {
    self.path = path
    self.code = code
    self.keptInline = keptInline
    self.droppedInline = droppedInline
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if keptInline.contains(name) || droppedInline.contains(name), !open.isEmpty {
      inlineDepth[inlineDepth.count - 1] += 1
      if droppedInline.contains(name) { droppedDepth += 1 }
      return
    }
    let element = Element(
      name: name, attributes: attributes, line: parser.lineNumber, column: parser.columnNumber)
    if let parent = open.last { parent.children.append(element) } else { root = element }
    open.append(element)
    inlineDepth.append(0)
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if let depth = inlineDepth.last, depth > 0 {
      inlineDepth[inlineDepth.count - 1] -= 1
      if droppedInline.contains(name) { droppedDepth -= 1 }
      return
    }
    open.removeLast()
    inlineDepth.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if droppedDepth == 0 { open.last?.text += string }
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    if droppedDepth == 0 { open.last?.text += String(decoding: block, as: UTF8.self) }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    guard failure == nil else { return }
    let parserCode = (parseError as NSError).code
    let reason: String
    // NSXMLParserErrorDomain codes (libxml2's): 76 tag name mismatch,
    // 5 premature end of document.
    switch parserCode {
    case 76: reason = "a closing tag does not match the element it closes"
    case 5: reason = "the file ends inside an element"
    default: reason = "not well-formed XML (XMLParser error \(parserCode))"
    }
    failure = RelaisError(
      code, reason,
      at: InputLocation(
        path: path, line: parser.lineNumber, column: parser.columnNumber, byteOffset: 0))
    parser.abortParsing()
  }
}
