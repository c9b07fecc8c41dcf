import ArgumentParser
import Foundation
import ForumCalendar
import ForumFormats
import ForumModel
import ForumRules

/// `forum import`: other formats into a programme file.
public struct ImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another format into a programme file.",
        subcommands: [ImportICSCommand.self]
    )
    public init() {}
}

/// `forum import ics FILE.ics -o programme.yaml`.
public struct ImportICSCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Turn an iCalendar file into a programme file.",
        discussion: """
        Every event becomes a session placed at its time, in a room named by its LOCATION. \
        Times given in UTC or in other zones are converted to the programme's zone \
        (X-WR-TIMEZONE, else the zone most events use); each day's grid is made of the events' \
        spans. A calendar written by `forum export ics` comes back with the same session ids, \
        rooms and placements. What a programme file cannot hold (duplicate UIDs, events without \
        a start, all-day events) is printed as a warning.

        Example:
          forum import ics drafts/igf-2006.ics -o drafts/igf-2006.yaml
        """
    )

    @Argument(help: "The iCalendar file.")
    public var file: String

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    public init() {}

    public func run() throws {
        let imported = try CalendarReader().read(file: file)
        for finding in imported.findings { printError("\(file): \(finding)") }
        let text = ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output))
        try writeAtomically(text, to: output, inputs: [file])
        let p = imported.programme
        print("wrote \(output): \(p.sessions.count) sessions (\(p.sessions.filter { !$0.placements.isEmpty }.count) placed), "
            + "\(p.rooms.count) rooms, \(p.days.count) days, time zone \(p.event.timeZone)")
    }
}

/// `forum validate FILE.ics`: the rules on a calendar read as a programme, plus what only a
/// calendar can get wrong (duplicate UIDs, events without a start), in the same report and
/// with the same exit codes as for programme files. Sessions are named by their events' UIDs
/// and summaries, since those are what the calendar's owner can find.
public enum CalendarValidation {
    /// Runs the check, prints the report and throws `ExitCode(1)` when anything hard is found.
    public static func run(file: String, json: Bool) throws {
        let imported = try CalendarReader().read(file: file)
        let check = CalendarCheck(imported)
        print(json ? self.json(check) : text(check), terminator: "")
        if check.hasHardProblems { throw ExitCode(1) }
    }

    /// The report for people: ReportFormatter's blocks, each followed by the events involved.
    public static func text(_ check: CalendarCheck) -> String {
        let p = check.programme, report = check.report, file = check.imported.file
        let violations = ReportFormatter.ordered(report)
        let hard = violations.filter(\.hard).count + check.findings.filter(\.hard).count
        let soft = violations.count + check.findings.count - hard
        var out = "\(file): \(p.event.name), \(p.days.count) days, \(p.rooms.count) rooms, "
            + "\(check.imported.programme.sessions.count) events read as sessions (\(p.sessions.count) placed), time zone \(p.event.timeZone)\n"
        out += hard + soft == 0 ? "\nNo rule is broken.\n" : "\(hard) hard and \(soft) soft problems\n"
        for finding in check.findings {
            out += "\n\(finding.hard ? "HARD" : "soft") \(finding.kind.rawValue)\n"
            out += finding.events.map(eventLine).joined()
            out += "  problem:  \(finding.message)\n"
        }
        for violation in violations {
            out += "\n" + ReportFormatter.describe(violation, in: p)
            out += check.events(of: violation).map(eventLine).joined()
        }
        if !violations.isEmpty { out += "\n" + ReportFormatter.table(report, programme: p) }
        let score = report.score
        out += "\nScore: \(score.hard) hard, \(score.soft) soft. "
        out += check.hasHardProblems ? "The calendar has hard problems.\n" : "No hard problem.\n"
        return out
    }

    /// `  event:    UID … “summary” (line n)`: an event under a finding or a violation.
    private static func eventLine(_ event: CalendarEventInfo) -> String {
        "  event:    UID \(event.uid) “\(event.summary)”\(event.line.map { " (line \($0))" } ?? "")\n"
    }

    /// The report for machines: ReportFormatter's JSON with the calendar's findings and, per
    /// violation, its events.
    public static func json(_ check: CalendarCheck) -> String {
        guard case .map(var entries) = ReportFormatter.tree(check.report, programme: check.programme, file: check.imported.file) else {
            return ReportFormatter.json(check.report, programme: check.programme, file: check.imported.file)
        }
        func eventTree(_ event: CalendarEventInfo) -> Tree {
            .map([.init("uid", .text(event.uid)), .init("summary", .text(event.summary)), .init("line", event.line.map(Tree.integer) ?? .null)])
        }
        let findings: [Tree] = check.findings.map { finding in
            .map([
                .init("kind", .text(finding.kind.rawValue)),
                .init("severity", .text(finding.hard ? "hard" : "soft")),
                .init("events", .list(finding.events.map(eventTree))),
                .init("message", .text(finding.message)),
            ])
        }
        let events: [Tree] = ReportFormatter.ordered(check.report).map { violation in
            .list(check.events(of: violation).map(eventTree))
        }
        for (i, entry) in entries.enumerated() where entry.key == "valid" {
            entries[i].value = .bool(!check.hasHardProblems)
        }
        entries.append(.init("calendar-findings", .list(findings)))
        entries.append(.init("violation-events", .list(events)))
        return Tree.map(entries).json()
    }
}
