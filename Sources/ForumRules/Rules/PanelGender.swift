import Foundation
import ForumModel

/// `panel-gender`: a panel of three or more speakers is not all of one gender. Only sessions
/// whose speakers all have a gender recorded are judged. It does not depend on the placement.
public final class PanelGender: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "panel-gender", title: "Single-gender panel", hard: false, weight: 1,
                       unit: "per session",
                       sentence: "A session with three or more speakers, all with a gender recorded, does not have them all of one gender.")
    }

    /// The sessions whose speakers are all of one gender, and that gender.
    let uniform: [(session: Int, gender: String, speakers: Int)]

    public init(_ problem: Problem) {
        let roles = SessionRoles(problem)
        let people = problem.programme.people
        uniform = problem.programme.sessions.indices.compactMap { s in
            let speakers = roles.people(s, .speaker)
            guard speakers.count >= 3 else { return nil }
            let genders = speakers.map { people[Int($0)].gender.map(PanelGender.normal) ?? "" }
            guard let first = genders.first, !first.isEmpty, genders.allSatisfy({ $0 == first }) else { return nil }
            return (s, people[Int(speakers[0])].gender!, speakers.count)
        }
    }

    /// How genders compare: trimmed, case ignored.
    static func normal(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    public func initialUnits(_ e: ScoreState) -> Int { uniform.count }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for (s, gender, n) in uniform {
            let (parts, pos) = e.firstPlacement(s)
            out.emit(units: 1, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(s)): all \(n) speakers are recorded as \(gender).",
                     fix: "invite a speaker of another gender")
        }
    }

    /// Sessions with at least three distinct speakers whose recorded genders are all equal.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for session in problem.programme.sessions {
            var ids: [String] = []
            for who in session.people where who.role == .speaker && !ids.contains(who.person) { ids.append(who.person) }
            let speakers = ids.compactMap { id in problem.programme.people.first { $0.id == id } }
            guard speakers.count >= 3, speakers.allSatisfy({ $0.gender != nil }) else { continue }
            let genders = Set(speakers.map { $0.gender!.trimmingCharacters(in: .whitespaces).lowercased() })
            if genders.count == 1 && genders.first != "" { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its speakers are all of one gender; no placement changes that"
    }
}

extension RuleID {
    /// `panel-gender`
    public static var panelGender: RuleID { PanelGender.definition.id }
}
