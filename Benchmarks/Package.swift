// swift-tools-version:6.0
import PackageDescription

// Speed and quality measurements, kept apart so their needs never slow the main build.
// Run in release: swift run -c release --package-path Benchmarks forum-bench [NAME…]
let package = Package(
    name: "ForumBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        // For the fuzz targets (Fuzz/), which read ITC-2007 instances too.
        .library(name: "ITC2007", targets: ["ITC2007"]),
    ],
    dependencies: [
        .package(name: "ForumScheduler", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "forum-bench",
            dependencies: [
                .product(name: "ForumModel", package: "ForumScheduler"),
                .product(name: "ForumRules", package: "ForumScheduler"),
                .product(name: "ForumSolver", package: "ForumScheduler"),
                .product(name: "ForumFormats", package: "ForumScheduler"),
                .product(name: "ForumPublish", package: "ForumScheduler"),
                .product(name: "ForumCalendar", package: "ForumScheduler"),
            ]
        ),
        // ITC-2007 track 3 (curriculum-based course timetabling) in the library's own model.
        .target(
            name: "ITC2007",
            dependencies: [
                .product(name: "ForumModel", package: "ForumScheduler"),
                .product(name: "ForumRules", package: "ForumScheduler"),
                .product(name: "ForumSolver", package: "ForumScheduler"),
            ]
        ),
        .executableTarget(
            name: "itc2007",
            dependencies: ["ITC2007", .product(name: "ForumFormats", package: "ForumScheduler")]  // writeAtomically
        ),
        .testTarget(name: "ITC2007Tests", dependencies: ["ITC2007"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
