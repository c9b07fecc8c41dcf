import Foundation
import ForumModel
import ForumFormats
import ForumPublish

/// `forum-bench publish`: frab XML and JSON, the HTML page and the Markdown agenda for
/// generated, placed IGF-like programmes of 1,000 and 10,000 sessions. Prints, per size and
/// output, the median wall time of several runs and the output's size.
func publishBenchmark() throws {
    let sizes: [(sessions: Int, rooms: Int, days: Int, runs: Int)] = [
        (1_000, 50, 5, 9),
        (10_000, 250, 10, 3),
    ]
    for size in sizes {
        let programme = try ProgrammeGenerator.generate(GeneratorOptions(sessions: size.sessions, rooms: size.rooms, days: size.days,
                                                                         seed: 1, placed: true))
        let outputs: [(name: String, render: () throws -> String)] = [
            ("frab xml", { try FrabSchedule(programme: programme).xml() }),
            ("frab json", { try FrabSchedule(programme: programme).json() }),
            ("html", { HTMLProgramme(programme: programme).render() }),
            ("markdown", { MarkdownAgenda(programme: programme).render() }),
        ]
        var figures: [String] = []
        for output in outputs {
            let clock = ContinuousClock()
            var text = try output.render() // warm-up, and the size to print
            var times: [Duration] = []
            for _ in 0..<size.runs { times.append(try clock.measure { text = try output.render() }) }
            times.sort()
            figures.append("\(output.name) \(publishMilliseconds(times[times.count / 2])) ms (\(text.utf8.count / 1024) KiB)")
        }
        let placed = Agenda(programme).items.count
        print("publish \(size.sessions) sessions (\(placed) placed, \(size.rooms) rooms, \(size.days) days), median of \(size.runs): "
            + figures.joined(separator: "; ") + "; peak RSS \(peakResidentMegabytes()) MB")
    }
}

private func publishMilliseconds(_ d: Duration) -> String {
    let c = d.components
    return String(format: "%.1f", Double(c.seconds) * 1_000 + Double(c.attoseconds) / 1e15)
}
