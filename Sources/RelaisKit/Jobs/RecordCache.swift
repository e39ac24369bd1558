import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `relais run --cache DIR`: the records of each document kept under a key
/// of everything they depend on, so that a run over a corpus where few
/// documents changed processes only those and writes the same bytes a full
/// run writes.
///
/// The key is the SHA-256 of: the running executable's own bytes (a
/// rebuilt tool, whatever its version string, misses), the record schema,
/// the ICU and Unicode versions, each glossary's id and SHA-256, the last
/// stage, then the document's id, source, byte-order-mark policy and
/// SHA-256. A removed document's entry is simply never asked for again;
/// entries are never pruned (delete the folder to reclaim the space).
/// Only whole documents are kept: an error record is never cached, and a
/// document streamed to the output alone (16 MiB or more) is read from the
/// cache but not stored in it.
struct RecordCache: Sendable {
  let folder: String
  /// The key of everything but the document.
  let runKey: String

  /// A cache in `folder` for runs to `until` with `provenance`; an error
  /// when the folder cannot be made.
  init(folder: String, until: RunStage, withText: Bool, provenance: Provenance)
    throws(RelaisError)
  {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw RelaisError(.outputFailure, "cannot make the cache folder: \(error)", path: folder)
    }
    self.folder = folder
    var parts = [
      Self.executableDigest(), RecordSchema.version, provenance.icu, provenance.unicode,
      until.rawValue, withText ? "with-text" : "without-text",
    ]
    for glossary in provenance.glossaries { parts += [glossary.id, glossary.sha256] }
    if let model = provenance.entityModel { parts += ["ner-model", model.id, model.sha256] }
    runKey = DocumentInfo.sha256(of: Array(parts.joined(separator: "\u{0}").utf8))
  }

  /// The cache file of one document.
  func path(for document: DocumentSource, sha256: String) -> String {
    let parts = [
      runKey, document.id, document.source, document.byteOrderMark == .kept ? "kept" : "removed",
      sha256, document.metadata.map { String(decoding: $0, as: UTF8.self) } ?? "",
      document.language.rawValue, document.translation.map { "translation\u{0}" + $0 } ?? "",
    ]
    let key = DocumentInfo.sha256(of: Array(parts.joined(separator: "\u{0}").utf8))
    return folder + "/" + key.prefix(2) + "/" + key + ".jsonl"
  }

  /// The records stored at `path`, if any: a whole entry ends with its
  /// document's `document_end` record (a file torn by a crash does not,
  /// and is processed again).
  func records(at path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path), data.last == 0x0A else {
      return nil
    }
    let bytes = [UInt8](data)
    let lastLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    guard bytes[lastLine...].starts(with: Array("{\"type\":\"document_end\"".utf8)) else {
      return nil
    }
    return bytes
  }

  /// Stores `records` at `path` by temporary file and rename, so a reader
  /// never sees half an entry. Not synced to disk as `--out` is (an fsync
  /// per document was most of a cold cached run): `records(at:)` refuses
  /// an entry a crash left torn. A failure costs only the saving: the
  /// message is returned for the run to report once.
  func store(_ records: UnsafeBufferPointer<UInt8>, at path: String) -> String? {
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      return "relais: warning: the cache could not store records (\(error))"
    }
    var template = Array((folder + "/.entry-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      return "relais: warning: the cache could not store records (\(folder): \(systemMessage()))"
    }
    let temporary = String(cString: template)
    var written = 0
    while written < records.count, let base = records.baseAddress {
      let count = write(descriptor, base + written, records.count - written)
      if count <= 0 { break }
      written += count
    }
    let closed = close(descriptor) == 0
    guard written == records.count, closed, rename(temporary, path) == 0 else {
      let message = systemMessage()
      unlink(temporary)
      return "relais: warning: the cache could not store records (\(path): \(message))"
    }
    return nil
  }

  /// SHA-256 of the running executable, or of its path and version where
  /// the system does not show it (`/proc/self/exe` is Linux's).
  private static func executableDigest() -> String {
    if let data = FileManager.default.contents(atPath: "/proc/self/exe") {
      return DocumentInfo.sha256(of: [UInt8](data))
    }
    return RelaisVersion.current + " " + (CommandLine.arguments.first ?? "relais")
  }
}
