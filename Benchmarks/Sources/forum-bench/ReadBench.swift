import Foundation
import ForumFormats
import ForumModel
import ForumRules

/// `read`: reading a programme file (YAML and JSON) and validating it, for generated IGF-like
/// programmes of 1,000 and 10,000 placed sessions, from text already in memory (no disk).
/// Prints the best of five runs of each step, and checks that what is read is what was written.
func readBenchmark() throws {
    // The sizes of the `validate` benchmark, so the figures add up.
    for (sessions, rooms, days) in [(1_000, 50, 5), (10_000, 250, 10)] {
        let programme = try ProgrammeGenerator.generate(GeneratorOptions(sessions: sessions, rooms: rooms, days: days, seed: 1, placed: true))
        let yaml = ProgrammeWriter.yaml(programme)
        let json = ProgrammeWriter.json(programme)

        var read: Programme?
        let writeTime = fastest { _ = ProgrammeWriter.yaml(programme) }
        let readTime = try fastest { read = try ProgrammeReader.read(text: yaml, file: "bench.yaml") }
        let jsonTime = try fastest { _ = try ProgrammeReader.read(text: json, file: "bench.json") }
        var report: ValidationReport?
        let validateTime = fastest { report = validate(read!) }
        guard read == programme else { throw ReadBenchError("the programme read back differs from the one written") }
        let lines = yaml.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        print(String(format: "read %6d sessions, %3d rooms, %2d days (%d lines, %.1f MB YAML): read YAML %7.1f ms, read JSON %7.1f ms, validate %6.1f ms, read+validate %7.1f ms, write YAML %6.1f ms (%d violations)",
                     sessions, rooms, days, lines, Double(yaml.utf8.count) / 1_000_000, readTime * 1000, jsonTime * 1000,
                     validateTime * 1000, (readTime + validateTime) * 1000, writeTime * 1000, report!.violations.count))
    }
}

private struct ReadBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The fastest of `runs` timings of `body`, in seconds.
private func fastest(runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}
