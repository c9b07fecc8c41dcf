import ArgumentParser
import ForumRules

/// `forum rules`: the rule catalogue, for organisers choosing weights.
public struct RulesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every scheduling rule: id, hard or soft, default weight, and what it asks.",
        discussion: """
        A programme file changes a rule under `rules:`, by its id: its weight, whether it \
        is hard, or off. forum validate and forum solve both apply the rules in force.

        Examples:
          forum rules
          forum rules | grep soft

        In a programme file:
          rules:
            theme-parallel: {weight: 20}
            room-size-fit: off
        """
    )
    public init() {}

    public func run() throws {
        for id in RuleID.allCases {
            let d = id.definition
            print("\(d.id.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(d.hard ? "hard" : "soft") weight \(String(d.weight).padding(toLength: 5, withPad: " ", startingAt: 0)) \(d.sentence) (\(d.unit))")
        }
    }
}
