import Foundation
import ForumCalendar
import ForumFormats
import ForumModel

/// `forum-bench calendar`: iCalendar export and reading of a generated, placed IGF-like
/// programme of 10,000 sessions (targets: export under one second; reading the 10,000-event
/// calendar and checking it, with the rules engine and the calendar findings, under one second).
/// Prints the median, fastest and slowest of several runs, the calendar's size, and an
/// update (`--previous`) against the first export with one session retitled.
func calendarBenchmark() throws {
    let clock = ContinuousClock()
    var generated: Programme?
    let generation = try clock.measure {
        generated = try ProgrammeGenerator.generate(GeneratorOptions(sessions: 10_000, rooms: 250, days: 10, seed: 1, placed: true))
    }
    let programme = generated!
    let placements = programme.sessions.map(\.placements.count).reduce(0, +)
    let runs = 7

    func median(_ times: [Duration]) -> (Duration, Duration, Duration) {
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted.first!, sorted.last!)
    }
    func ms(_ d: Duration) -> String { String(format: "%.0f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) }

    // Export: the exporter checks the zone, chooses events, builds with libical and serialises.
    var text = ""
    var exportTimes: [Duration] = []
    for _ in 0..<runs {
        exportTimes.append(try clock.measure {
            text = try CalendarExporter(programme: programme, file: "generated").calendar().text
        })
    }

    // Read and check: libical parse, conversion to the programme, rules engine, findings.
    var check: CalendarCheck?
    var readTimes: [Duration] = [], checkTimes: [Duration] = []
    for _ in 0..<runs {
        var imported: CalendarImport?
        readTimes.append(try clock.measure { imported = try CalendarReader().read(text: text, file: "generated.ics") })
        checkTimes.append(clock.measure { check = CalendarCheck(imported!) })
    }
    let total = zip(readTimes, checkTimes).map { $0 + $1 }
    let events = check!.imported.programme.sessions.count

    // An update: one session retitled, exported against the first export.
    var moved = programme
    if let i = moved.sessions.firstIndex(where: { !$0.placements.isEmpty && !$0.pinned }) {
        moved.sessions[i].title += " (moved)"
    }
    var updateTimes: [Duration] = []
    var changed = 0
    for _ in 0..<3 {
        updateTimes.append(try clock.measure {
            let previous = try PreviousCalendar(text: text, file: "old.ics")
            changed = try CalendarExporter(programme: moved, file: "generated").calendar(previous: previous).changed.count
        })
    }

    let (e, eMin, eMax) = median(exportTimes), (r, rMin, rMax) = median(total)
    let (read, _, _) = median(readTimes), (checked, _, _) = median(checkTimes), (u, _, _) = median(updateTimes)
    print("calendar: 10,000 sessions, \(placements) placements, generated in \(ms(generation))")
    print("  export:        \(events) events, \(text.utf8.count / 1024) KiB: median \(ms(e)) (min \(ms(eMin)), max \(ms(eMax)), \(runs) runs)  target < 1000 ms")
    print("  read + check:  median \(ms(r)) (min \(ms(rMin)), max \(ms(rMax))): read \(ms(read)), rules and findings \(ms(checked)); "
        + "\(check!.report.violations.filter(\.hard).count) hard violations, \(check!.findings.count) findings  target < 1000 ms")
    print("  update with --previous (read old + export): median \(ms(u)), \(changed) changed")
}
