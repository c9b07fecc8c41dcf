import ForumModel

/// `tag-parallel`: sessions sharing a topic tag (children's rights, AI, elections…) do not
/// overlap, so the people who follow a topic can attend all of it. A tag's weight (`tags:`)
/// says how closely its audience follows it.
public final class TagParallel: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "tag-parallel", title: "Same topic in parallel", hard: false, weight: 5,
                       unit: "per pair of overlapping sessions and tag they share, times the tag's weight",
                       sentence: "Sessions sharing a topic tag do not run against each other; a tag's weight says how closely its audience follows it.")
    }
    public static var needs: OccupancyNeeds { .tags }

    public init(_ problem: Problem) {}

    /// Per tag of session `s`: parts of other sessions with the tag overlapping `pos`, times the tag's weight.
    @inline(__always) func weighted(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem, days = pr.dayCount, day = Int(pos.day)
        var n = 0
        for t in pr.sessionTags[s] {
            var found = 0
            e.tagBuckets[Int(t) * days + day].withUnsafeBufferPointer { bucket in
                for q in bucket where e.at[Int(q)].overlaps(pos) && Int(pr.partSession[Int(q)]) != s { found += 1 }
            }
            n += found * pr.tagWeight[Int(t)]
        }
        return n
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        sign * weighted(e, s, pos)
    }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { weighted(e, m.s, m.new) - weighted(e, m.s, m.old) }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for t in 0..<pr.tagCount {
            let id = pr.tagIDs[t]
            let title = pr.programme.tags.first { $0.id == id }?.title ?? id
            for d in 0..<days {
                e.forEachOverlappingPair(e.tagBuckets[t * days + d]) { a, b in
                    guard pr.partSession[a] != pr.partSession[b] else { return }
                    let (s, end) = e.overlap(a, b), m = e.mover(a, b)
                    out.emit(units: pr.tagWeight[t], parts: [a, b], pos: e.at[a], start: s, end: end,
                             message: "\(e.partLabel(a)) and \(e.partLabel(b)), both tagged \(title), run in parallel on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(end)).",
                             fix: "move \(e.partLabel(m)) to a time without another \(title) session")
                }
            }
        }
    }

    /// Every pair of overlapping parts of different sessions: the weights of the tags both have.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let tagsOf = problem.programme.sessions.map { Set($0.tags) }
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            let sa = Int(problem.partSession[a])
            for b in at.indices where b > a && at[b].day == at[a].day {
                let sb = Int(problem.partSession[b])
                guard sa != sb, at[a].start < at[b].end, at[b].start < at[a].end else { continue }
                for tag in tagsOf[sa].intersection(tagsOf[sb]) { n += problem.programme.tagWeight(tag) }
            }
        }
        return n
    }
}

extension RuleID {
    /// `tag-parallel`
    public static var tagParallel: RuleID { TagParallel.definition.id }
}
