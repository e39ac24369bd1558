import Foundation
import RelaisKit
import Testing

/// The fuzzer's seeds and every crash it found, replayed through the same
/// entry point (`FuzzEntry`): each must end in records or a typed error,
/// with whole JSON lines. A crash found by `make fuzz` is added to
/// Fuzz/crashes and stays here as a test case.
struct FuzzReplayTests {
  static let entry = FuzzEntry(
    glossaryYAML: (try? String(
      contentsOfFile: Repository.path("Fuzz/glossary.yaml"), encoding: .utf8))
      ?? "")

  static func inputs(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder))
      .filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
  }

  @Test(arguments: try inputs("Fuzz/seeds") + inputs("Fuzz/crashes"))
  func replayEndsWithoutABrokenInvariant(_ path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path(path)))
    #expect(Self.entry.run([UInt8](data)) == nil)
  }

  @Test func everyTargetHasASeed() throws {
    let targets = Set(
      try Self.inputs("Fuzz/seeds").compactMap { path in
        // The target is the first byte modulo the number of targets.
        FileManager.default.contents(atPath: Repository.path(path))?.first.map {
          $0 % UInt8(FuzzEntry.Target.allCases.count)
        }
      })
    #expect(targets == Set(FuzzEntry.Target.allCases.map(\.rawValue)))
  }

  /// What the first crash was: a TBX file declaring UTF-7 crashed
  /// FoundationXML; it is now refused before parsing, and so is a
  /// declaration that never closes (`?` without `>`, the second crash) or
  /// follows a byte order mark.
  @Test(arguments: [
    "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<martif type=\"TBX-Basic\"></martif>",
    "<?xml version=\"1.0\" encoding=\"UTF-7\"?`ORG\n<tbx></tbx>",
    "<?xml version=\"1.0\" encoding=\"UTF-7",
    "\u{FEFF}<?xml version=\"1.0\" encoding='UTF-7'?><tbx></tbx>",
  ])
  func aTBXFileInAnotherEncodingIsRefused(_ tbx: String) throws {
    #expect {
      _ = try GlossaryInterchange.importTBX(Data(tbx.utf8), path: "u.tbx", id: "u")
    } throws: { error in
      (error as? RelaisError)?.code == .glossaryImport
        && (error as? RelaisError)?.message.contains("encoding=\"UTF-7\"") == true
    }
  }
}
