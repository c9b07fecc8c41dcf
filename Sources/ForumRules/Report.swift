import ForumModel

/// One broken rule, with everything an organiser needs to act on it.
public struct Violation: Hashable, Sendable, Codable {
    public var rule: RuleID
    /// Whether the rule is hard in this programme (settings may change the catalogue's default).
    public var hard: Bool
    /// Units of violation × the rule's weight.
    public var penalty: Int
    /// Ids of the sessions involved, in programme order.
    public var sessions: [String]
    public var room: String?
    public var person: String?
    public var day: LocalDate?
    public var start: TimeOfDay?
    public var end: TimeOfDay?
    /// A sentence that names the sessions (id and title), room, time and person.
    public var message: String
    /// What would fix it.
    public var fix: String?

    public init(rule: RuleID, hard: Bool, penalty: Int, sessions: [String], room: String? = nil, person: String? = nil,
                day: LocalDate? = nil, start: TimeOfDay? = nil, end: TimeOfDay? = nil, message: String, fix: String? = nil) {
        self.rule = rule
        self.hard = hard
        self.penalty = penalty
        self.sessions = sessions
        self.room = room
        self.person = person
        self.day = day
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix
    }
}

/// A score as the solver and the validator both count it: hard penalties first.
public struct Score: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var hard: Int
    public var soft: Int

    public init(hard: Int, soft: Int) {
        self.hard = hard
        self.soft = soft
    }

    public static let zero = Score(hard: 0, soft: 0)
    public static func < (a: Score, b: Score) -> Bool { (a.hard, a.soft) < (b.hard, b.soft) }
    public static func + (a: Score, b: Score) -> Score { Score(hard: a.hard + b.hard, soft: a.soft + b.soft) }
    public var description: String { "\(hard)hard/\(soft)soft" }
}

/// Everything the rules found in one programme.
public struct ValidationReport: Hashable, Sendable, Codable {
    /// The violations listed in full: per rule, the first ``listedPerRule`` in time order.
    public var violations: [Violation]
    /// Per rule, the violations beyond those listed, counted (their penalties are in ``score``).
    public var unlisted: [UnlistedViolations]

    public init(violations: [Violation], unlisted: [UnlistedViolations] = []) {
        self.violations = violations
        self.unlisted = unlisted
    }

    /// How many violations of one rule a report words in full. Far more than anyone reads,
    /// yet a bound: wording one (and finding it a free slot) costs far more than counting it.
    public static let listedPerRule = 1000

    public var score: Score {
        let listed = violations.reduce(Score.zero) { $0 + ($1.hard ? Score(hard: $1.penalty, soft: 0) : Score(hard: 0, soft: $1.penalty)) }
        return unlisted.reduce(listed) { $0 + ($1.hard ? Score(hard: $1.penalty, soft: 0) : Score(hard: 0, soft: $1.penalty)) }
    }

    public var hasHardViolations: Bool { violations.contains { $0.hard } || unlisted.contains { $0.hard } }

    /// All violations, listed or not.
    public var count: Int { violations.count + unlisted.reduce(0) { $0 + $1.count } }

    /// Hard violations, listed or not.
    public var hardCount: Int { violations.filter(\.hard).count + unlisted.filter(\.hard).reduce(0) { $0 + $1.count } }

    /// Penalty and count per rule (listed or not), in catalogue order.
    public var perRule: [(rule: RuleID, count: Int, penalty: Int)] {
        var totals: [RuleID: (Int, Int)] = [:]
        for v in violations { totals[v.rule, default: (0, 0)].0 += 1; totals[v.rule, default: (0, 0)].1 += v.penalty }
        for u in unlisted { totals[u.rule, default: (0, 0)].0 += u.count; totals[u.rule, default: (0, 0)].1 += u.penalty }
        return totals.keys.sorted().map { ($0, totals[$0]!.0, totals[$0]!.1) }
    }
}

/// Violations of one rule that a report counts without listing them.
public struct UnlistedViolations: Hashable, Sendable, Codable {
    public var rule: RuleID
    public var hard: Bool
    public var count: Int
    /// Their penalties added up.
    public var penalty: Int

    public init(rule: RuleID, hard: Bool, count: Int, penalty: Int) {
        self.rule = rule
        self.hard = hard
        self.count = count
        self.penalty = penalty
    }
}
