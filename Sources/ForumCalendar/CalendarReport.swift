import ForumFormats
import ForumModel
import ForumRules

extension CalendarCheck {
    /// Reads the iCalendar file at `file` and runs the hard rules on its placed events.
    public init(file: String) throws {
        self.init(try CalendarReader().read(file: file))
    }
}

/// Renders a ``CalendarCheck``: the rules' report (``ReportFormatter``) on a calendar read as
/// a programme, plus what only a calendar can get wrong (duplicate UIDs, events without a
/// start). Sessions are named by their events' UIDs and summaries, since those are what the
/// calendar's owner can find. What `forum validate FILE.ics` prints.
public enum CalendarReport {
    /// The report for people: ReportFormatter's blocks, each followed by the events involved.
    public static func text(_ check: CalendarCheck) -> String {
        let p = check.programme, report = check.report, file = check.imported.file
        let violations = ReportFormatter.ordered(report)
        let hard = report.hardCount + check.findings.filter(\.hard).count
        let soft = report.count + check.findings.count - hard
        var out = "\(file): \(p.event.name), \(p.days.count) days, \(p.rooms.count) rooms, "
            + "\(check.imported.programme.sessions.count) events read as sessions (\(p.sessions.count) placed), time zone \(p.event.timeZone)\n"
        out += hard + soft == 0 ? "\nNo rule is broken.\n" : "\(hard) hard and \(soft) soft problems\n"
        for finding in check.findings.prefix(maxShown) {
            out += "\n\(finding.hard ? "HARD" : "soft") \(finding.kind.rawValue)\n"
            out += finding.events.map(eventLine).joined()
            out += "  problem:  \(finding.message)\n"
        }
        if check.findings.count > maxShown {
            out += "\n… and \(check.findings.count - maxShown) more calendar findings not shown (`--format json` lists all)\n"
        }
        for violation in violations.prefix(maxShown) {
            out += "\n" + ReportFormatter.describe(violation, in: p)
            out += check.events(of: violation).map(eventLine).joined()
        }
        if violations.count > maxShown {
            out += "\n… and \(violations.count - maxShown) more violations not shown (`--format json` lists up to \(ValidationReport.listedPerRule) of each rule)\n"
        }
        out += ReportFormatter.unlistedLines(report)
        if report.count > 0 { out += "\n" + ReportFormatter.table(report, programme: p) }
        let score = report.score
        out += "\nScore: \(score.hard) hard, \(score.soft) soft. "
        out += check.hasHardProblems ? "The calendar has hard problems.\n" : "No hard problem.\n"
        return out
    }

    /// How many findings and how many violations the text report prints in full; the rest
    /// are counted. A calendar of thousands of copies of one event has millions of pairs.
    public static let maxShown = 50

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
