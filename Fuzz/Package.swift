// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for every reader of outside input, kept apart from the main build: each `main`
// hands its input function to libFuzzer, so they build only with `-sanitize=fuzzer`. Run them with `make fuzz`
// (see scripts/fuzz.sh); a crash found becomes a test case in the main package.
// SwiftPM links an executable's entry point as `<module>_main`; each target defines it itself
// (no top-level code), so libFuzzer's own `main` stays unused.
let libFuzzerEntry: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
// gold stops with an internal error on libFuzzer's archive; GNU ld links it.
let linker: [LinkerSetting] = [.unsafeFlags(["-use-ld=bfd"])]

let package = Package(
    name: "ForumFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ForumScheduler", path: ".."),
        .package(name: "ForumBenchmarks", path: "../Benchmarks"),
    ],
    targets: [
        // A programme file (YAML or JSON), read, compiled and validated as `forum validate` does.
        .executableTarget(name: "fuzz-programme", dependencies: [
            .product(name: "ForumModel", package: "ForumScheduler"),
            .product(name: "ForumRules", package: "ForumScheduler"),
            .product(name: "ForumFormats", package: "ForumScheduler"),
        ], swiftSettings: libFuzzerEntry, linkerSettings: linker),
        // An iCalendar file, read and checked as `forum validate FILE.ics` and `import ics` do.
        .executableTarget(name: "fuzz-calendar", dependencies: [
            .product(name: "ForumModel", package: "ForumScheduler"),
            .product(name: "ForumCalendar", package: "ForumScheduler"),
            .product(name: "ForumFormats", package: "ForumScheduler"),
        ], swiftSettings: libFuzzerEntry, linkerSettings: linker),
        // An ITC-2007 track 3 instance (.ctt), read and mapped into a programme.
        .executableTarget(name: "fuzz-itc", dependencies: [
            .product(name: "ITC2007", package: "ForumBenchmarks"),
            .product(name: "ForumModel", package: "ForumScheduler"),
        ], swiftSettings: libFuzzerEntry, linkerSettings: linker),
    ],
    swiftLanguageModes: [.v5]
)
