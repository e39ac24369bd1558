// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Relais",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "relais", targets: ["relais"]),
    .library(name: "RelaisKit", targets: ["RelaisKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // The glossary format is YAML, parsed with its line and column marks.
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    // CSV and TSV glossary import.
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
  ],
  targets: [
    // ICU's C headers, found through pkg-config (libicu-dev on Debian).
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-uc",
      providers: [.apt(["libicu-dev", "pkg-config"])]
    ),
    // SHA-256 of documents and glossaries for provenance records, from the
    // system's libcrypto: swift-crypto compiled BoringSSL, 367 of the 375
    // compile steps of a fresh build, for this one function.
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev", "pkg-config"])]
    ),
    // A cache prefetch hint (header only): the entity model's look-ups.
    .systemLibrary(name: "CPrefetch"),
    // Unversioned, prefixed forwarders for the ICU entry points we use.
    .target(name: "CICUShim", dependencies: ["CICU"]),
    .target(
      name: "RelaisKit",
      dependencies: [
        "CICUShim", "CCrypto", "CPrefetch",
        .product(name: "Yams", package: "Yams"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ],
      // The shipped entity model (`make model` rebuilds it byte for byte),
      // copied beside the binary; CC BY-NC-SA 4.0 like its training data.
      exclude: ["Resources/ner-fr.model.LICENSE.md"],
      resources: [.copy("Resources/ner-fr.model")]
    ),
    .executableTarget(
      name: "relais",
      dependencies: [
        "RelaisKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `make bench` only: the glossary matcher at scale.
    .executableTarget(
      name: "relais-bench", dependencies: ["RelaisKit"], path: "Benchmarks/relais-bench"),
    // `make fuzz`: the libFuzzer target (built plainly, it replays inputs).
    .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
    .executableTarget(
      name: "relais-fuzz", dependencies: ["RelaisKit", "CFuzzDriver"], path: "Fuzz/relais-fuzz"),
    // Tests read their data (Tests/Data, Tests/Fixtures, Tests/Golden) by
    // path from the package root, and run the built `relais` binary.
    .testTarget(name: "RelaisKitTests", dependencies: ["RelaisKit"]),
  ]
)
