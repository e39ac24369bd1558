/// A report as JSON (`relais coverage --json`): keys sorted, indented by
/// two spaces, in the layout JSONSerialization's `.sortedKeys` and
/// `.prettyPrinted` give, byte for byte (`ReportJSONTests` holds it to
/// JSONSerialization).
///
/// Why hand-written: JSONSerialization spent 17 % of `relais coverage`'s
/// time writing a 558 kB report (1,000 documents of news, `perf record`),
/// most of it casting each `Any` back to its type.
package indirect enum ReportJSON: Sendable {
  case object([String: ReportJSON])
  case array([ReportJSON])
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)

  /// The document's bytes, no newline at the end.
  package var bytes: [UInt8] {
    var output: [UInt8] = []
    write(into: &output, indent: 0)
    return output
  }

  private func write(into output: inout [UInt8], indent: Int) {
    switch self {
    case .object(let members):
      output.append(0x7B)
      output.append(0x0A)
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { output.append(contentsOf: ",\n".utf8) }
        output.append(contentsOf: repeatElement(0x20, count: indent + 2))
        Self.write(string: key, into: &output)
        output.append(contentsOf: " : ".utf8)
        members[key]?.write(into: &output, indent: indent + 2)
      }
      Self.close(0x7D, into: &output, indent: indent)
    case .array(let elements):
      output.append(0x5B)
      output.append(0x0A)
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(contentsOf: ",\n".utf8) }
        output.append(contentsOf: repeatElement(0x20, count: indent + 2))
        element.write(into: &output, indent: indent + 2)
      }
      Self.close(0x5D, into: &output, indent: indent)
    case .string(let text): Self.write(string: text, into: &output)
    case .integer(let value): output.append(contentsOf: String(value).utf8)
    case .number(let value):
      // Swift's shortest round-trip digits, as JSONSerialization writes
      // them: without the `.0` of a whole number.
      var text = value.description
      if text.hasSuffix(".0") { text.removeLast(2) }
      output.append(contentsOf: text.utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    }
  }

  /// A line break, the indent and `bracket`; an empty object or array
  /// keeps JSONSerialization's blank line.
  private static func close(_ bracket: UInt8, into output: inout [UInt8], indent: Int) {
    output.append(0x0A)
    output.append(contentsOf: repeatElement(0x20, count: indent))
    output.append(bracket)
  }

  /// A JSON string as JSONSerialization escapes it: the quote, the
  /// backslash and the slash; the control characters by their short
  /// escape or `\u00xx`; everything else as it is.
  private static func write(string: String, into output: inout [UInt8]) {
    output.append(0x22)
    for byte in string.utf8 {
      switch byte {
      case 0x22: output.append(contentsOf: #"\""#.utf8)
      case 0x5C: output.append(contentsOf: #"\\"#.utf8)
      case 0x2F: output.append(contentsOf: #"\/"#.utf8)
      case 0x08: output.append(contentsOf: #"\b"#.utf8)
      case 0x0C: output.append(contentsOf: #"\f"#.utf8)
      case 0x0A: output.append(contentsOf: #"\n"#.utf8)
      case 0x0D: output.append(contentsOf: #"\r"#.utf8)
      case 0x09: output.append(contentsOf: #"\t"#.utf8)
      case 0x00..<0x20:
        let hex: StaticString = "0123456789abcdef"
        output.append(contentsOf: #"\u00"#.utf8)
        output.append(hex.utf8Start[Int(byte >> 4)])
        output.append(hex.utf8Start[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(0x22)
  }
}
