import Foundation
import RelaisKit

// The fuzz target. Built by `make fuzz` with `-sanitize=fuzzer,address`
// and `-DRELAIS_FUZZ`, libFuzzer drives `LLVMFuzzerTestOneInput`; built
// plainly (as `swift build` does), it replays the files and folders it is
// given, one input a file, and exits 1 on the first broken invariant.

/// Documents are matched with this glossary (`RELAIS_FUZZ_GLOSSARY`, or
/// `Fuzz/glossary.yaml` from the working folder); none if it is missing.
let fuzzEntry: FuzzEntry = {
  let path = ProcessInfo.processInfo.environment["RELAIS_FUZZ_GLOSSARY"] ?? "Fuzz/glossary.yaml"
  let yaml = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  return FuzzEntry(glossaryYAML: yaml)
}()

#if RELAIS_FUZZ
  import CFuzzDriver

  /// One input from libFuzzer: a broken invariant aborts, as a crash does.
  func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = fuzzEntry.run(bytes) {
      FileHandle.standardError.write(Data("relais-fuzz: \(broken)\n".utf8))
      abort()
    }
    return 0
  }

  @main enum Fuzz {
    static func main() {
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
    }
  }
#else
  @main enum Replay {
    static func main() {
      var files: [String] = []
      for argument in CommandLine.arguments.dropFirst() {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
          FileHandle.standardError.write(Data("relais-fuzz: no such file \(argument)\n".utf8))
          exit(2)
        }
        if isFolder.boolValue {
          let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
          files += names.filter { !$0.hasPrefix(".") }.sorted().map { argument + "/" + $0 }
        } else {
          files.append(argument)
        }
      }
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        if let broken = fuzzEntry.run([UInt8](data)) {
          FileHandle.standardError.write(Data("relais-fuzz: \(file): \(broken)\n".utf8))
          exit(1)
        }
      }
      print("relais-fuzz: \(files.count) inputs replayed")
    }
  }
#endif
