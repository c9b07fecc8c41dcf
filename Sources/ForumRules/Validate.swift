import ForumModel

/// Applies every rule in force for `programme` (the catalogue with its `rules:` settings)
/// and lists each violation. `published`, when given, is the programme participants have
/// already seen: placements that differ from it cost `moved-from-published`.
///
/// The same counters score the solver's moves (see ``ScoreState``): the programme is
/// compiled to indices and every placement added once, so the cost grows with the number
/// of placements and the sessions that share a room, person, theme or group on a day,
/// never with all pairs of sessions.
public func validate(_ programme: Programme, published: Programme? = nil) -> ValidationReport {
    let problem = Problem(programme, published: published)
    let state = ScoreState(problem: problem)
    for p in 0..<problem.partCount {
        if let pos = problem.initial[p] { state.add(p, at: pos) }
    }
    return state.report()
}
