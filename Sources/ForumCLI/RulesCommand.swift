import ArgumentParser
import ForumModel
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
            person-load: {limit: 4}
            remote-hours: {hours: "08:00-22:00"}

        The built-in session-kind policies (kind-policy, exclusive-parallel) follow the         list; a programme's `kinds:` replaces them kind by kind.
        """
    )
    public init() {}

    public func run() throws {
        for id in RuleID.allCases {
            let d = id.definition
            var line = "\(d.id.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(d.hard ? "hard" : "soft") weight \(String(d.weight).padding(toLength: 5, withPad: " ", startingAt: 0)) \(d.sentence) (\(d.unit))"
            if let limit = d.limit { line += " limit \(limit)" + (d.limitMeaning.map { ": \($0)" } ?? "") }
            if let hours = d.hours { line += " hours \(hours)" }
            print(line)
        }
        print("")
        print("Built-in session-kind policies:")
        for policy in KindPolicy.builtIn {
            var parts: [String] = []
            if !policy.durations.isEmpty { parts.append(policy.durations.map(\.description).joined(separator: " or ")) }
            if !policy.rooms.isEmpty { parts.append("in rooms tagged " + policy.rooms.joined(separator: ", ")) }
            if !policy.days.isEmpty { parts.append("only on " + policy.days.joined(separator: ", ")) }
            if !policy.interpretation { parts.append("no interpretation") }
            if policy.exclusive { parts.append("nothing in parallel") }
            print("  \(policy.kind.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(parts.joined(separator: "; "))")
        }
    }
}
