import ArgumentParser
import ForumRules

/// `forum rules`: the rule catalogue, for organisers choosing weights.
public struct RulesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every scheduling rule: id, hard or soft, default weight, and what it asks."
    )
    public init() {}

    public func run() throws {
        for id in RuleID.allCases {
            let d = id.definition
            print("\(d.id.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(d.hard ? "hard" : "soft") weight \(String(d.weight).padding(toLength: 5, withPad: " ", startingAt: 0)) \(d.sentence) (\(d.unit))")
        }
    }
}
