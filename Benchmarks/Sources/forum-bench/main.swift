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
for benchmark in benchmarks where wanted.isEmpty || wanted.contains(benchmark.name) {
    try benchmark.run()
}
