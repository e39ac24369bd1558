import Foundation
import Synchronization

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
/// rebuilt tool, whatever its version string, misses; their digest is
/// remembered in the folder, `executableDigestFile`), the record schema,
/// the ICU and Unicode versions, each glossary's id and SHA-256, the last
/// stage, then the document's id, source, byte-order-mark policy and
/// SHA-256.
///
/// The folder holds packs: each run that stores anything appends its
/// documents' records to one new `pack-*.records` file and, when it ends,
/// names where each lies in a `pack-*.index` beside it (written whole, by
/// rename). One file per run rather than one per document: creating,
/// renaming and writing 1,000 small files was 0.2–0.3 s of kernel time of
/// a first `make` over 1,000 documents (`/usr/bin/time`), more than the
/// run's own work on one core. A run that stops before its end leaves a
/// pack no index names, which nothing reads. Runs may share the folder:
/// each writes its own pack. A removed or changed document's entry is
/// simply never asked for again; entries are never pruned (delete the
/// folder to reclaim the space). Only whole documents are kept: an error
/// record is never cached, and a document streamed to the output alone
/// (16 MiB or more) is read from the cache but not stored in it.
struct RecordCache: Sendable {
  let folder: String
  /// The key of everything but the document.
  let runKey: String
  /// The entries earlier runs indexed, by key, the newest first (two runs
  /// may both have stored a document).
  private let entries: [String: [Entry]]
  /// The packs those entries lie in.
  private let packPaths: [String]
  /// This run's pack, made when the first entry is stored.
  private let newPack: NewPack

  /// Where an entry lies: which pack, from which byte, how many bytes.
  struct Entry: Sendable, Equatable {
    var pack: Int
    var offset: Int
    var length: Int
  }

  /// The first line of an index file: its format.
  static let indexHeader = "relais-cache-index 1"

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
      Self.executableDigest(rememberedIn: folder), RecordSchema.version, provenance.icu,
      provenance.unicode,
      until.rawValue, withText ? "with-text" : "without-text",
    ]
    for glossary in provenance.glossaries { parts += [glossary.id, glossary.sha256] }
    if let model = provenance.entityModel { parts += ["ner-model", model.id, model.sha256] }
    runKey = DocumentInfo.sha256(of: Array(parts.joined(separator: "\u{0}").utf8))
    (entries, packPaths) = Self.readIndexes(in: folder)
    newPack = NewPack(folder: folder)
  }

  /// The key of one document's entry.
  func key(for document: DocumentSource, sha256: String) -> String {
    let parts = [
      runKey, document.id, document.source, document.byteOrderMark == .kept ? "kept" : "removed",
      sha256, document.metadata.map { String(decoding: $0, as: UTF8.self) } ?? "",
      document.language.rawValue, document.translation.map { "translation\u{0}" + $0 } ?? "",
    ]
    return DocumentInfo.sha256(of: Array(parts.joined(separator: "\u{0}").utf8))
  }

  /// The records stored under `key`, if any: a whole entry is as long as
  /// its index says and ends with its document's `document_end` record (a
  /// pack a crash left short or torn does not, and the document is
  /// processed again).
  func records(for key: String) -> [UInt8]? {
    for entry in entries[key] ?? [] {
      if let records = records(at: entry) { return records }
    }
    return nil
  }

  private func records(at entry: Entry) -> [UInt8]? {
    // Non-blocking, so that something other than a file put there (a
    // FIFO) cannot stall the run; it must be a regular file holding the
    // whole entry before any memory is taken for it.
    let descriptor = open(packPaths[entry.pack], O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      entry.offset <= Int(status.st_size) - entry.length
    else { return nil }
    var bytes = [UInt8](repeating: 0, count: entry.length)
    let complete = bytes.withUnsafeMutableBytes { buffer in
      var done = 0
      while done < entry.length, let base = buffer.baseAddress {
        let count = pread(descriptor, base + done, entry.length - done, off_t(entry.offset + done))
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return false }
        done += count
      }
      return true
    }
    guard complete, bytes.last == 0x0A else { return nil }
    let lastLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    guard bytes[lastLine...].starts(with: Array("{\"type\":\"document_end\"".utf8)) else {
      return nil
    }
    return bytes
  }

  /// Appends `records` to this run's pack under `key`; a later run finds
  /// them once `finish` has written the index. Not synced to disk as
  /// `--out` is (an fsync per document was most of a cold cached run):
  /// `records(for:)` refuses an entry a crash left torn. A failure costs
  /// only the saving: the message is returned for the run to report once.
  func store(_ records: UnsafeBufferPointer<UInt8>, for key: String) -> String? {
    newPack.append(records, key: key)
  }

  /// Writes the index of what this run stored, when it stored anything;
  /// the warning to report when that failed.
  func finish() -> String? {
    newPack.writeIndex()
  }

  /// Every entry the index files in `folder` name, those of later packs
  /// first (pack names start with their creation time); an index that is
  /// not one is passed over.
  private static func readIndexes(in folder: String) -> (
    entries: [String: [Entry]], packs: [String]
  ) {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasPrefix("pack-") && $0.hasSuffix(".index") }.sorted(by: >)
    var entries: [String: [Entry]] = [:]
    var packs: [String] = []
    for name in names {
      let base = folder + "/" + name.dropLast(".index".count)
      guard let data = FileManager.default.contents(atPath: base + ".index") else { continue }
      let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
      guard lines.first == Substring(indexHeader) else { continue }
      let pack = packs.count
      packs.append(base + ".records")
      for line in lines.dropFirst() {
        let fields = line.split(separator: " ")
        guard fields.count == 3, fields[0].utf8.count == 64, let offset = Int(fields[1]),
          let length = Int(fields[2]), offset >= 0, length > 0
        else { continue }
        entries[String(fields[0]), default: []].append(
          Entry(pack: pack, offset: offset, length: length))
      }
    }
    return (entries, packs)
  }

  /// The file in the cache folder that remembers the executable's digest.
  static let executableDigestFile = "executable.digest"

  /// SHA-256 of the running executable, or of its path and version where
  /// the system does not show it (`/proc/self/exe` is Linux's). Remembered
  /// in `folder` under the executable's identity (device, inode, size and
  /// modification time to the nanosecond, `executableIdentity`): hashing
  /// the 17 MB binary was 30 ms of every cached run, as long as the rest
  /// of a run over 1,000 small documents. A rebuilt or replaced binary has
  /// another identity and is hashed again; a memo that cannot be read or
  /// written only costs the hashing.
  private static func executableDigest(rememberedIn folder: String) -> String {
    let memoPath = folder + "/" + executableDigestFile
    let identity = executableIdentity()
    if let identity, let memo = FileManager.default.contents(atPath: memoPath) {
      let fields = String(decoding: memo, as: UTF8.self).split(separator: " ")
      if fields.count == 2, fields[0] == identity, fields[1].count == 64 {
        return String(fields[1])
      }
    }
    guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else {
      return RelaisVersion.current + " " + (CommandLine.arguments.first ?? "relais")
    }
    let digest = DocumentInfo.sha256(of: [UInt8](data))
    if let identity {
      try? OutputFile.write(Array("\(identity) \(digest)".utf8), to: memoPath)
    }
    return digest
  }

  /// The running executable's device, inode, size and modification time,
  /// or nil where `/proc/self/exe` does not name it.
  private static func executableIdentity() -> String? {
    #if os(Linux)
      var status = stat()
      guard stat("/proc/self/exe", &status) == 0 else { return nil }
      return
        "\(status.st_dev):\(status.st_ino):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    #else
      return nil
    #endif
  }
}

/// The pack a run appends its entries to: made on the first entry, each
/// entry's place reserved under the lock and written outside it, so that
/// workers store at once.
private final class NewPack: Sendable {
  private struct State {
    var descriptor: Int32 = -1
    /// The pack's path without its `.records` extension.
    var base = ""
    var size = 0
    var entries: [(key: String, offset: Int, length: Int)] = []
    /// The first failure; after it nothing more is stored.
    var failure: String?
  }

  private let folder: String
  private let state = Mutex(State())

  init(folder: String) { self.folder = folder }

  deinit {
    state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
  }

  func append(_ records: UnsafeBufferPointer<UInt8>, key: String) -> String? {
    let reserved: (descriptor: Int32, offset: Int)? = state.withLock { state in
      guard state.failure == nil else { return nil }
      if state.descriptor < 0 {
        let suffix = ".records"
        // Named by creation time (microseconds, fixed width) so that the
        // newest pack sorts last, then made unique.
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let micros = Int(time.tv_sec) * 1_000_000 + Int(time.tv_nsec) / 1000
        let stamp =
          String(repeating: "0", count: max(0, 17 - String(micros).count)) + String(micros)
        var template = Array((folder + "/pack-" + stamp + "-XXXXXX" + suffix).utf8CString)
        state.descriptor = template.withUnsafeMutableBufferPointer { buffer in
          buffer.baseAddress.map { mkstemps($0, Int32(suffix.utf8.count)) } ?? -1
        }
        guard state.descriptor >= 0 else {
          state.failure = "\(folder): \(systemMessage())"
          return nil
        }
        let path = String(
          decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        state.base = String(path.dropLast(suffix.count))
      }
      let offset = state.size
      state.size += records.count
      return (state.descriptor, offset)
    }
    guard let reserved else { return warning(state.withLock { $0.failure }) }
    var written = 0
    while written < records.count, let base = records.baseAddress {
      let count = pwrite(
        reserved.descriptor, base + written, records.count - written,
        off_t(reserved.offset + written))
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      written += count
    }
    let message = written == records.count ? nil : systemMessage()
    return state.withLock { state in
      guard let message else {
        state.entries.append((key, reserved.offset, records.count))
        return nil
      }
      state.failure = state.failure ?? "\(state.base).records: \(message)"
      return warning(state.failure)
    }
  }

  /// Writes the index of the entries stored since it was last written.
  func writeIndex() -> String? {
    state.withLock { state in
      guard state.descriptor >= 0, !state.entries.isEmpty else { return nil }
      var text = RecordCache.indexHeader + "\n"
      for entry in state.entries { text += "\(entry.key) \(entry.offset) \(entry.length)\n" }
      do {
        try OutputFile.write(Array(text.utf8), to: state.base + ".index")
      } catch {
        return warning("\(error)")
      }
      state.entries.removeAll()
      return nil
    }
  }

  private func warning(_ failure: String?) -> String {
    "relais: warning: the cache could not store records (\(failure ?? "unknown failure"))"
  }
}
