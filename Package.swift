// swift-tools-version:6.0
import PackageDescription

// Modules follow the one-way flow: files -> model -> problem -> solver -> model -> outputs.
// Nothing upstream imports anything downstream.
let package = Package(
    name: "ForumScheduler",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ForumModel", targets: ["ForumModel"]),
        .library(name: "ForumRules", targets: ["ForumRules"]),
        .library(name: "ForumSolver", targets: ["ForumSolver"]),
        .library(name: "ForumFormats", targets: ["ForumFormats"]),
        .library(name: "ForumPublish", targets: ["ForumPublish"]),
        .library(name: "ForumCalendar", targets: ["ForumCalendar"]),
        .library(name: "ForumCLI", targets: ["ForumCLI"]),
        .executable(name: "forum", targets: ["forum"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The planning board's HTTP server (`forum serve`); only ForumServe and ForumCLI use it.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .target(name: "ForumModel"),
        .target(name: "ForumRules", dependencies: ["ForumModel"]),
        .target(name: "ForumSolver", dependencies: ["ForumModel", "ForumRules"]),
        // Formats know the solver's result (the solve report), never its internals.
        .target(name: "ForumFormats", dependencies: ["CLibYAML", "ForumModel", "ForumRules", "ForumSolver"]),
        .target(name: "ForumPublish", dependencies: ["ForumModel"]),
        // libyaml, the C YAML parser, whose events the programme reader composes with their
        // line and column (Debian's libyaml-dev; scripts/setup.sh installs it).
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        // ForumFormats for its report (ReportFormatter, Tree), programme files and atomic writes.
        .target(name: "ForumCalendar", dependencies: ["CLibical", "ForumModel", "ForumRules", "ForumFormats"]),
        // Other tools' files into programmes: proposal spreadsheets, frab/c3voc schedules, pretalx.
        .target(
            name: "ForumImport",
            dependencies: ["ForumModel", "ForumRules", "ForumFormats"]
        ),
        // The planning board (`forum serve`): a local HTTP server over the programme, the
        // incremental scorer and the solver, with its page served from the binary.
        .target(
            name: "ForumServe",
            dependencies: [
                "ForumModel", "ForumRules", "ForumSolver", "ForumFormats", "ForumPublish", "ForumCalendar",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "ForumCLI",
            dependencies: [
                "ForumModel", "ForumRules", "ForumSolver", "ForumFormats", "ForumPublish", "ForumCalendar", "ForumImport",
                "ForumServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "forum", dependencies: ["ForumCLI"]),
        // Finding and running the built `forum` and other programs, for the test targets.
        .target(name: "ForumTestSupport", path: "Tests/ForumTestSupport"),
        .testTarget(name: "ForumModelTests", dependencies: ["ForumModel"]),
        .testTarget(name: "ForumRulesTests", dependencies: ["ForumModel", "ForumRules", "ForumFormats"]),
        .testTarget(name: "ForumSolverTests", dependencies: ["ForumModel", "ForumRules", "ForumSolver", "ForumFormats"]),
        .testTarget(name: "ForumFormatsTests", dependencies: ["ForumModel", "ForumRules", "ForumSolver", "ForumFormats"]),
        .testTarget(name: "ForumPublishTests", dependencies: ["ForumModel", "ForumPublish", "ForumFormats", "ForumTestSupport"]),
        .testTarget(name: "ForumCalendarTests", dependencies: ["CLibical", "ForumModel", "ForumRules", "ForumCalendar", "ForumFormats", "ForumTestSupport"]),
        .testTarget(name: "ForumImportTests", dependencies: ["ForumModel", "ForumFormats", "ForumImport", "ForumTestSupport"]),
        .testTarget(name: "ForumCLITests", dependencies: ["ForumCLI", "ForumFormats", "ForumTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
