import ForumModel

/// The rules in force for one programme: the catalogue with the programme's own settings applied.
public struct RuleBook: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public let definition: RuleDefinition
        public let enabled: Bool
        public let hard: Bool
        public let weight: Int
        /// The rule's number and hours in force (the programme's, else the definition's).
        public let limit: Int?
        public let hours: TimeRange?
    }

    public let entries: [RuleID: Entry]

    /// Applies `settings` (keyed by rule id) to the catalogue. Unknown keys are the reader's
    /// job to reject; they are ignored here.
    public init(settings: [String: RuleSetting] = [:]) {
        var entries: [RuleID: Entry] = [:]
        for id in RuleID.allCases {
            let d = id.definition
            let s = settings[id.rawValue]
            entries[id] = Entry(definition: d, enabled: s?.enabled ?? true, hard: s?.hard ?? d.hard, weight: s?.weight ?? d.weight,
                                 limit: d.limit.map { s?.limit ?? $0 }, hours: d.hours.map { s?.hours ?? $0 })
        }
        self.entries = entries
    }

    public subscript(id: RuleID) -> Entry { entries[id]! }
    public func isEnabled(_ id: RuleID) -> Bool { entries[id]!.enabled && entries[id]!.weight != 0 }
}
