import ForumModel

/// Who takes part in each session and in which role, by person index: what the rules on
/// people (load, panels, diversity, remote hours) read. People a session names who are not
/// in the programme are left out, as ``Problem/sessionPeople`` leaves them out.
struct SessionRoles {
    /// Per session, each listed (person, role) of a known person, in listing order, once.
    let roles: [[(person: Int32, role: Role)]]

    init(_ problem: Problem) {
        let programme = problem.programme
        var index: [String: Int32] = [:]
        for (i, p) in programme.people.enumerated() where index[p.id] == nil { index[p.id] = Int32(i) }
        roles = programme.sessions.map { session in
            var list: [(person: Int32, role: Role)] = []
            for part in session.people {
                guard let p = index[part.person], !list.contains(where: { $0.person == p && $0.role == part.role }) else { continue }
                list.append((p, part.role))
            }
            return list
        }
    }

    /// The distinct people of session `s` in `role`, in listing order.
    func people(_ s: Int, _ role: Role) -> [Int32] {
        var out: [Int32] = []
        for r in roles[s] where r.role == role && !out.contains(r.person) { out.append(r.person) }
        return out
    }

    /// The distinct people of session `s` in any role except organiser, ascending.
    func takingPart(_ s: Int) -> [Int32] {
        var out: [Int32] = []
        for r in roles[s] where r.role != .organiser && !out.contains(r.person) { out.append(r.person) }
        return out.sorted()
    }
}

extension ScoreState {
    /// Where session `s` runs now, for a violation that does not depend on the placement:
    /// its first part's place, or nil when unplaced.
    func firstPlacement(_ s: Int) -> (parts: [Int], pos: Pos?) {
        let pr = problem
        guard pr.sessionPartCount[s] > 0 else { return ([], nil) }
        let first = Int(pr.sessionFirstPart[s])
        return ([first], at[first].day >= 0 ? at[first] : nil)
    }
}

/// A session whose speakers come from too few groups (stakeholder groups, regions): the
/// units, the distinct groups recorded, and how many speakers have one recorded.
struct DiversityShortfall {
    let session: Int
    let units: Int
    let groups: [String]
    let counted: Int

    /// Sessions where the speakers with `attribute` recorded (two or more) have fewer than
    /// min(`limit`, their number) distinct values.
    static func find(_ problem: Problem, _ attribute: KeyPath<Person, String?>, limit: Int) -> [DiversityShortfall] {
        let roles = SessionRoles(problem)
        let people = problem.programme.people
        return (0..<problem.sessionCount).compactMap { s in
            let values = roles.people(s, .speaker).compactMap { people[Int($0)][keyPath: attribute] }.filter { !$0.isEmpty }
            guard values.count >= 2 else { return nil }
            var groups: [String] = []
            for v in values where !groups.contains(v) { groups.append(v) }
            let units = min(limit, values.count) - groups.count
            return units > 0 ? DiversityShortfall(session: s, units: units, groups: groups, counted: values.count) : nil
        }
    }
}
