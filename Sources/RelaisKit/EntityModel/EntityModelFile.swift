import Foundation

/// A trained entity model as `relais run` uses it: the tagger and what
/// provenance names it by.
package struct EntityModel: Sendable {
  package var tagger: EntityTagger
  /// The names of its training data, which its features read.
  package var gazetteer = EntityGazetteer()
  /// Chosen at training (`relais train ner --id`).
  package var id: String
  /// SHA-256 of the model file, lowercase hexadecimal.
  package var sha256: String
}

/// The model file format, version 3 (1 had 16-bit levels, 2 no names).
/// Little-endian throughout:
///
///     magic            8 bytes  "RELAISNE"
///     format version   u32      3
///     feature version  u32      EntityFeatures.version
///     features a token u32      EntityFeatures.perToken
///     labels           u32 count, then each: u8 length, UTF-8 (PER…)
///     id               u32 length, UTF-8
///     rows             u32
///     quantum          f32      weight = level × quantum
///     score scale      f32
///     transitions      f32 × (tags + 1) × tags
///     hashes           u64 × rows
///     weights          i8 × rows × tags
///     names            u32 count, then each: u64 key, u8 entry
///                      (`EntityGazetteer`, keys in increasing order)
///     checksum         32 bytes SHA-256 of everything before it
///
/// A file cut short, changed or of another version is refused with what
/// is wrong and the file's name: the run stops before any output.
enum EntityModelFile {
  static let magic = Array("RELAISNE".utf8)
  static let formatVersion: UInt32 = 3

  /// The quantum that maps the largest weight to the largest 8-bit level.
  static func quantum(for weights: [Float]) -> Float {
    let largest = weights.reduce(0) { max($0, abs($1)) }
    return largest == 0 ? 1 : largest / Float(Int8.max)
  }

  static func level(_ weight: Float, quantum: Float) -> Int8 {
    Int8(clamping: Int((weight / quantum).rounded()))
  }

  /// The file's bytes. The tagger's weights must be multiples of one
  /// quantum (`PerceptronTrainer.quantized`), so a model read back decodes
  /// exactly as the one written.
  static func encode(_ tagger: EntityTagger, gazetteer: EntityGazetteer, id: String) -> [UInt8] {
    var bytes = magic
    func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    func f32(_ value: Float) { u32(value.bitPattern) }
    u32(formatVersion)
    u32(EntityFeatures.version)
    u32(UInt32(EntityFeatures.perToken))
    u32(UInt32(tagger.tags.labels.count))
    for label in tagger.tags.labels {
      let name = Array(label.rawValue.utf8)
      bytes.append(UInt8(name.count))
      bytes += name
    }
    let idBytes = Array(id.utf8)
    u32(UInt32(idBytes.count))
    bytes += idBytes
    u32(UInt32(tagger.hashes.count))
    f32(tagger.quantum)
    f32(tagger.scoreScale)
    for weight in tagger.transitions { f32(weight) }
    for hash in tagger.hashes { withUnsafeBytes(of: hash.littleEndian) { bytes += $0 } }
    for level in tagger.levels { bytes.append(UInt8(bitPattern: level)) }
    u32(UInt32(gazetteer.names.count))
    for (key, label) in gazetteer.names.sorted(by: { $0.key < $1.key }) {
      withUnsafeBytes(of: key.littleEndian) { bytes += $0 }
      bytes.append(label)
    }
    bytes += SHA256Digest.bytes(of: bytes)
    return bytes
  }

  /// Reads a model file; `path` names it in errors.
  static func decode(_ bytes: [UInt8], path: String) throws(RelaisError) -> EntityModel {
    func corrupt(_ what: String) -> RelaisError {
      RelaisError(.corruptEntityModel, "not a usable Relais entity model: \(what)", path: path)
    }
    guard bytes.count >= magic.count + 32, Array(bytes[0..<magic.count]) == magic else {
      throw corrupt("it does not start with \"RELAISNE\"")
    }
    let body = bytes[0..<(bytes.count - 32)]
    guard SHA256Digest.bytes(of: Array(body)) == Array(bytes[(bytes.count - 32)...]) else {
      throw corrupt("its checksum does not match (cut short or changed)")
    }
    var reader = ByteReader(bytes: body, offset: magic.count)
    guard let format = reader.u32(), let features = reader.u32(), let perToken = reader.u32()
    else { throw corrupt("its header is cut short") }
    guard format == formatVersion else {
      throw RelaisError(
        .entityModelVersion,
        "model format version \(format); this Relais reads version \(formatVersion) (retrain with relais train ner)",
        path: path)
    }
    guard features == EntityFeatures.version, perToken == UInt32(EntityFeatures.perToken) else {
      throw RelaisError(
        .entityModelVersion,
        "model of feature version \(features); this Relais computes version \(EntityFeatures.version) (retrain with relais train ner)",
        path: path)
    }
    guard let labelCount = reader.u32(), labelCount > 0, labelCount <= 16 else {
      throw corrupt("bad label count")
    }
    var labels: [EntityLabel] = []
    for _ in 0..<labelCount {
      guard let length = reader.u8(), let name = reader.bytes(Int(length)),
        let label = EntityLabel(rawValue: String(decoding: name, as: UTF8.self)),
        !labels.contains(label)
      else { throw corrupt("bad label") }
      labels.append(label)
    }
    guard let idLength = reader.u32(), idLength <= 1024, let idBytes = reader.bytes(Int(idLength)),
      let id = String(validating: idBytes, as: UTF8.self)
    else { throw corrupt("bad id") }
    let tags = EntityTagSet(labels: labels)
    guard let rowCount = reader.u32().map(Int.init), let quantum = reader.f32(),
      let scoreScale = reader.f32(), quantum.isFinite, quantum > 0, scoreScale.isFinite
    else { throw corrupt("its header is cut short") }
    let transitionCount = (tags.count + 1) * tags.count
    let namesOffset = transitionCount * 4 + rowCount * 8 + rowCount * tags.count
    guard reader.remaining >= namesOffset + 4
    else { throw corrupt("its length does not match its \(rowCount) rows") }
    var transitions: [Float] = []
    for _ in 0..<transitionCount { transitions.append(reader.f32() ?? 0) }
    var hashes: [UInt64] = []
    hashes.reserveCapacity(rowCount)
    for _ in 0..<rowCount {
      let hash = reader.u64() ?? 0
      guard hash != 0 else { throw corrupt("a feature hash of 0") }
      hashes.append(hash)
    }
    let levels = (reader.bytes(rowCount * tags.count) ?? []).map { Int8(bitPattern: $0) }
    guard let nameCount = reader.u32().map(Int.init), reader.remaining == nameCount * 9 else {
      throw corrupt("its length does not match its names")
    }
    var names: [UInt64: UInt8] = [:]
    names.reserveCapacity(nameCount)
    var previousKey: UInt64?
    for _ in 0..<nameCount {
      guard let key = reader.u64(), let label = reader.u8(), EntityGazetteer.isValid(label),
        previousKey.map({ $0 < key }) ?? true
      else { throw corrupt("a name out of order or of no label") }
      names[key] = label
      previousKey = key
    }
    guard transitions.allSatisfy(\.isFinite) else { throw corrupt("a transition is not finite") }
    return EntityModel(
      tagger: EntityTagger(
        tags: tags, hashes: hashes, levels: levels, quantum: quantum,
        transitions: transitions, scoreScale: scoreScale),
      gazetteer: EntityGazetteer(names: names), id: id, sha256: SHA256Digest.hex(of: bytes))
  }

  /// Reads the model at `path`.
  static func load(path: String) throws(RelaisError) -> EntityModel {
    guard FileManager.default.fileExists(atPath: path) else {
      throw RelaisError(.missingEntityModel, "no entity model here", path: path)
    }
    let bytes: [UInt8]
    do {
      bytes = try InputFiles.bytes(at: path)
    } catch {
      throw RelaisError(
        .missingEntityModel, "cannot read the entity model: \(error.message)", path: path)
    }
    return try decode(bytes, path: path)
  }
}

/// Reads little-endian values from a byte slice; nil past its end.
private struct ByteReader {
  let bytes: ArraySlice<UInt8>
  var offset: Int
  var remaining: Int { bytes.endIndex - offset }

  init(bytes: ArraySlice<UInt8>, offset: Int) {
    self.bytes = bytes
    self.offset = bytes.startIndex + offset
  }

  mutating func bytes(_ count: Int) -> [UInt8]? {
    guard count >= 0, remaining >= count else { return nil }
    defer { offset += count }
    return Array(bytes[offset..<(offset + count)])
  }

  private mutating func integer<Value: FixedWidthInteger>(_: Value.Type) -> Value? {
    let size = MemoryLayout<Value>.size
    guard remaining >= size else { return nil }
    var value: Value = 0
    for index in 0..<size {
      value |= Value(truncatingIfNeeded: bytes[offset + index]) << (8 * index)
    }
    offset += size
    return value
  }

  mutating func u8() -> UInt8? { integer(UInt8.self) }
  mutating func u32() -> UInt32? { integer(UInt32.self) }
  mutating func u64() -> UInt64? { integer(UInt64.self) }
  mutating func f32() -> Float? { u32().map { Float(bitPattern: $0) } }
}
