import Foundation
import ForumModel
import ForumRules

/// Renders a ``ValidationReport`` for organisers (text) or machines (JSON): each violation
/// with its rule, severity, sessions (id and title), room, day and time, person and fix,
/// then a count and penalty per rule and the score. Both renderings are deterministic.
public enum ReportFormatter {
    /// The violations in reading order: hard ones first, then by catalogue order (stable
    /// within a rule, keeping the order the rules engine found them in).
    public static func ordered(_ report: ValidationReport) -> [Violation] {
        let rank = Dictionary(uniqueKeysWithValues: RuleID.allCases.enumerated().map { ($0.element, $0.offset) })
        return report.violations.enumerated().map { (key: ($0.element.hard ? 0 : 1, rank[$0.element.rule]!, $0.offset), violation: $0.element) }
            .sorted { $0.key < $1.key }
            .map(\.violation)
    }

    // MARK: Text

    /// The report for people. `file` names the programme in the first line.
    public static func text(_ report: ValidationReport, programme p: Programme, file: String? = nil) -> String {
        let placed = p.sessions.filter(\.isPlaced).count
        var out = "\(file ?? p.event.name): \(p.event.name), \(count(p.days.count, "day")), \(count(p.rooms.count, "room")), "
            + "\(count(p.sessions.count, "session")) (\(placed) placed)\n"
        let violations = ordered(report)
        let names = Names(p)
        if report.count == 0 {
            out += "\nNo rule is broken.\n"
        } else {
            out += "\(report.hardCount) hard and \(count(report.count - report.hardCount, "soft violation"))\n"
        }
        for v in violations {
            out += "\n" + describe(v, names: names)
        }
        out += unlistedLines(report)
        if report.count > 0 {
            out += "\n" + table(report, programme: p)
        }
        let score = report.score
        out += "\nScore: \(score.hard) hard, \(score.soft) soft. "
        out += report.hasHardViolations
            ? "A hard rule is broken: the programme cannot run as it is.\n"
            : "No hard rule is broken.\n"
        return out
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `… and 12,345 more room-conflict violations (penalty 12,345), not listed`: one line per
    /// rule with more violations than a report lists.
    public static func unlistedLines(_ report: ValidationReport) -> String {
        report.unlisted.map { u in
            "\n… and \(u.count) more \(u.rule.rawValue) violation\(u.count == 1 ? "" : "s") (penalty \(u.penalty)), not listed: "
                + "a report lists the first \(ValidationReport.listedPerRule) of each rule\n"
        }.joined()
    }

    /// One violation as a block of labelled lines.
    public static func describe(_ v: Violation, in p: Programme) -> String {
        describe(v, names: Names(p))
    }

    /// Titles and names by id, looked up once per report rather than by a scan per violation
    /// (a 10,000-session programme can have 100,000 soft violations).
    struct Names {
        var sessions: [String: String] = [:]
        var rooms: [String: String] = [:]
        var people: [String: String] = [:]

        init(_ p: Programme) {
            for s in p.sessions where sessions[s.id] == nil { sessions[s.id] = s.title }
            for r in p.rooms where rooms[r.id] == nil { rooms[r.id] = r.name }
            for person in p.people where people[person.id] == nil { people[person.id] = person.name }
        }
    }

    static func describe(_ v: Violation, names: Names) -> String {
        let definition = v.rule.definition
        var lines = ["\(v.hard ? "HARD" : "soft") \(v.rule.rawValue): \(definition.title) (penalty \(v.penalty))"]
        if let day = v.day {
            var when = "\(weekdays[day.weekday - 1]) \(day)"
            if let start = v.start { when += " \(start)" + (v.end.map { "–\($0)" } ?? "") }
            lines.append("  when:     \(when)")
        }
        if let room = v.room {
            let name = names.rooms[room].map { $0 != room ? " (\($0))" : "" } ?? ""
            lines.append("  room:     \(room)\(name)")
        }
        if !v.sessions.isEmpty {
            // A day-balance finding can involve a dozen sessions; the JSON report lists all.
            let shown = v.sessions.prefix(maxSessionsShown).map { id in names.sessions[id].map { "\(id) “\($0)”" } ?? id }
            let more = v.sessions.count > maxSessionsShown ? "; … and \(v.sessions.count - maxSessionsShown) more" : ""
            lines.append("  \(v.sessions.count == 1 ? "session: " : "sessions:") \(shown.joined(separator: "; "))\(more)")
        }
        if let person = v.person {
            let name = names.people[person].map { " (\($0))" } ?? ""
            lines.append("  person:   \(person)\(name)")
        }
        lines.append("  problem:  \(v.message)")
        if let fix = v.fix { lines.append("  fix:      \(fix)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many sessions one violation names in the text report.
    public static let maxSessionsShown = 6

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The count and penalty per rule, in catalogue order.
    public static func table(_ report: ValidationReport, programme p: Programme) -> String {
        let book = RuleBook(settings: p.ruleSettings)
        var rows: [[String]] = [["rule", "", "severity", "count", "penalty"]]
        for (rule, count, penalty) in report.perRule {
            rows.append([rule.rawValue, rule.definition.title, book[rule].hard ? "hard" : "soft", String(count), String(penalty)])
        }
        var widths = [Int](repeating: 0, count: 5)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i >= 3 ? String(repeating: " ", count: widths[i] - cell.count) + cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// The report for machines: per violation the rule, severity, penalty, session ids,
    /// room, person, start and end in ISO 8601 with the venue's UTC offset, message and fix;
    /// per-rule totals; the score.
    public static func json(_ report: ValidationReport, programme p: Programme, file: String? = nil) -> String {
        tree(report, programme: p, file: file).json()
    }

    /// The JSON report as a document, for callers that add members of their own before
    /// writing it (`forum validate FILE.ics` adds the calendar's findings).
    public static func tree(_ report: ValidationReport, programme p: Programme, file: String? = nil) -> Tree {
        let book = RuleBook(settings: p.ruleSettings)
        func opt(_ s: String?) -> Tree { s.map(Tree.text) ?? .null }
        // Converting to an instant goes through Foundation's calendar: once per distinct time.
        var instants: [Int: String?] = [:]
        func iso(_ day: LocalDate, _ time: TimeOfDay) -> String? {
            let key = day.dayNumber * 1441 + time.minutes
            if let known = instants[key] { return known }
            let text = p.event.iso8601(date: day, time: time)
            instants[key] = text
            return text
        }
        let violations: [Tree] = ordered(report).map { v in
            var start: String?, end: String?
            if let day = v.day, let s = v.start {
                start = iso(day, s)
                end = iso(day, v.end ?? s)
            }
            return .map([
                .init("rule", .text(v.rule.rawValue)),
                .init("title", .text(v.rule.definition.title)),
                .init("severity", .text(v.hard ? "hard" : "soft")),
                .init("penalty", .integer(v.penalty)),
                .init("sessions", .list(v.sessions.map(Tree.text))),
                .init("room", opt(v.room)),
                .init("person", opt(v.person)),
                .init("day", opt(v.day?.description)),
                .init("start", opt(start)),
                .init("end", opt(end)),
                .init("message", .text(v.message)),
                .init("fix", opt(v.fix)),
            ])
        }
        let rules: [Tree] = report.perRule.map { rule, count, penalty in
            .map([
                .init("rule", .text(rule.rawValue)),
                .init("title", .text(rule.definition.title)),
                .init("severity", .text(book[rule].hard ? "hard" : "soft")),
                .init("count", .integer(count)),
                .init("listed", .integer(count - (report.unlisted.first { $0.rule == rule }?.count ?? 0))),
                .init("penalty", .integer(penalty)),
            ])
        }
        var top: [Tree.Entry] = []
        if let file { top.append(.init("file", .text(file))) }
        top += [
            .init("event", .text(p.event.name)),
            .init("timezone", .text(p.event.timeZone)),
            .init("valid", .bool(!report.hasHardViolations)),
            .init("score", .map([.init("hard", .integer(report.score.hard)), .init("soft", .integer(report.score.soft))])),
            .init("violations", .list(violations)),
            .init("rules", .list(rules)),
        ]
        return .map(top)
    }
}
