import ForumModel
import ForumRules

/// A calendar checked as a programme: the rules engine's report on its placed events, plus the
/// findings only a calendar can have. What `forum validate FILE.ics` prints.
public struct CalendarCheck: Sendable {
    /// The calendar as read, with every session and finding.
    public let imported: CalendarImport
    /// The programme the rules ran on: the imported one without sessions that have no
    /// placement (events without a start, all-day events), which the findings report instead,
    /// with each series as long as the events it has, and with the hard rules only. A calendar
    /// does not carry what the soft rules weigh (cross-cutting themes, pinned sessions,
    /// preferences, audiences), so their findings would be artefacts of the import.
    public let programme: Programme
    /// The hard rules' report on `programme`.
    public let report: ValidationReport

    /// Runs the hard rules on the placed events of `imported`.
    public init(_ imported: CalendarImport) {
        self.imported = imported
        var programme = imported.programme
        programme.sessions = programme.sessions.filter { !$0.placements.isEmpty }.map { session in
            var session = session
            session.parts = session.placements.count
            return session
        }
        for rule in RuleID.allCases where !rule.definition.hard {
            programme.ruleSettings[rule.rawValue] = RuleSetting(enabled: false)
        }
        self.programme = programme
        report = validate(programme)
    }

    /// What the reader found that only a calendar can have.
    public var findings: [CalendarFinding] { imported.findings }

    /// Whether `forum validate` exits 1: a hard rule broken or a hard finding.
    public var hasHardProblems: Bool { report.hasHardViolations || findings.contains { $0.hard } }

    /// The events behind a violation's sessions (all parts of a series, or only those on the
    /// violation's day when it names one), at most ``eventsPerViolation``: thousands of copies
    /// of one event read as one series, and each of its conflicts would list them all.
    public func events(of violation: Violation) -> [CalendarEventInfo] {
        Array(allEvents(of: violation).prefix(Self.eventsPerViolation))
    }

    /// How many events a report names under one violation.
    public static let eventsPerViolation = 12

    private func allEvents(of violation: Violation) -> [CalendarEventInfo] {
        violation.sessions.flatMap { id -> [CalendarEventInfo] in
            let events = imported.events[id] ?? []
            guard let session = programme.session(id), let day = violation.day, session.placements.count == events.count, events.count > 1 else {
                return events
            }
            return zip(session.placements, events).filter { $0.0.day == day }.map(\.1)
        }
    }
}
