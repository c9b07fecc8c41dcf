import Foundation

// forum-bench [NAME…]: runs the named benchmarks (all when none), printing one line of
// figures each. Each benchmark lives in its own file and registers itself here.
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("validate", validateBenchmark),
    ("publish", publishBenchmark),
    ("calendar", calendarBenchmark),
    ("read", readBenchmark),
    ("solve-athens", solveAthensBenchmark),
    ("solve-350", solve350Benchmark),
    ("solve-2000", solve2000Benchmark),
    ("solve-speed", solveSpeedBenchmark),
]

let wanted = Set(CommandLine.arguments.dropFirst())
// A misspelt name would otherwise run nothing and look like success.
let unknown = wanted.subtracting(benchmarks.map(\.name)).sorted()
if !unknown.isEmpty {
    FileHandle.standardError.write(Data("forum-bench: unknown benchmark \(unknown.joined(separator: ", ")); the benchmarks are: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(64)
}
for benchmark in benchmarks where wanted.isEmpty || wanted.contains(benchmark.name) {
    try benchmark.run()
}
