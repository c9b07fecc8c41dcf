import Foundation
import ForumFormats
import ForumModel
import ForumRules

/// One file checked against the rules, read by its extension: an iCalendar file (`.ics`) as
/// a ``CalendarCheck``, anything else as a programme file (``ProgrammeInput``). What
/// `forum validate` does; ``text()`` and ``json()`` are what it prints.
public enum FileValidation {
    /// A programme file and the rules' report on it.
    case programme(file: String, programme: Programme, report: ValidationReport)
    /// A calendar and its check.
    case calendar(CalendarCheck)

    /// Reads and checks `file`. With `published` (a programme file; not used for calendars),
    /// each session moved from it costs `moved-from-published`. Throws an ``InputError`` or
    /// ``InputErrors`` when a file cannot be used.
    public static func check(file: String, published: String? = nil) throws -> FileValidation {
        if URL(fileURLWithPath: file).pathExtension.lowercased() == "ics" {
            return .calendar(try CalendarCheck(file: file))
        }
        let programme = try ProgrammeInput.load(path: file)
        let before = try published.map { try ProgrammeInput.load(path: $0) }
        return .programme(file: file, programme: programme, report: validate(programme, published: before))
    }

    /// Whether a hard rule is broken (or, for a calendar, a hard finding made): `forum validate` exits 1.
    public var hasHardProblems: Bool {
        switch self {
        case .programme(_, _, let report): return report.hasHardViolations
        case .calendar(let check): return check.hasHardProblems
        }
    }

    /// The report for people.
    public func text() -> String {
        switch self {
        case .programme(let file, let programme, let report): return ReportFormatter.text(report, programme: programme, file: file)
        case .calendar(let check): return CalendarReport.text(check)
        }
    }

    /// The report for machines.
    public func json() -> String {
        switch self {
        case .programme(let file, let programme, let report): return ReportFormatter.json(report, programme: programme, file: file)
        case .calendar(let check): return CalendarReport.json(check)
        }
    }
}
