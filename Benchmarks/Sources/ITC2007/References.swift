/// Published UD2 results for one ITC-2007 track 3 instance.
public struct ITCReference: Hashable, Sendable {
    public var instance: String
    /// Best known value c. 2013 (an upper bound; some have been improved since).
    public var bestKnown: Int
    /// Whether `bestKnown` is a proven optimum checked for this project.
    public var provenOptimal: Bool
    /// Müller's (the competition winner's) result in the competition.
    public var mullerCompetition: Int
    /// Müller's average over runs within the competition's time limit.
    public var mullerAverage: Double
    public var mullerBest: Int
}

/// Reference values for comp01–comp07, from ../shared/data/itc2007/README.md, which takes them
/// from T. Urli, *Hybrid CP+LNS for the Curriculum-Based Course Timetabling Problem*
/// (Univ. of Udine, c. 2013; best known, Müller avg and best, citing Müller, Ann. Oper. Res.
/// 172:429–446, 2009) and the official finalists page (competition result). comp01 = 5 is
/// proven optimal (exact MIP, two independent public codes).
public let itcReferences: [ITCReference] = [
    ITCReference(instance: "comp01", bestKnown: 5, provenOptimal: true, mullerCompetition: 5, mullerAverage: 5.0, mullerBest: 5),
    ITCReference(instance: "comp02", bestKnown: 24, provenOptimal: false, mullerCompetition: 51, mullerAverage: 61.3, mullerBest: 43),
    ITCReference(instance: "comp03", bestKnown: 66, provenOptimal: false, mullerCompetition: 84, mullerAverage: 94.8, mullerBest: 72),
    ITCReference(instance: "comp04", bestKnown: 35, provenOptimal: false, mullerCompetition: 37, mullerAverage: 42.8, mullerBest: 35),
    ITCReference(instance: "comp05", bestKnown: 290, provenOptimal: false, mullerCompetition: 330, mullerAverage: 343.5, mullerBest: 298),
    ITCReference(instance: "comp06", bestKnown: 27, provenOptimal: false, mullerCompetition: 48, mullerAverage: 56.8, mullerBest: 41),
    ITCReference(instance: "comp07", bestKnown: 6, provenOptimal: false, mullerCompetition: 20, mullerAverage: 33.9, mullerBest: 14),
]

/// The reference for an instance file name such as `comp03.ctt` or `comp03`.
public func itcReference(for name: String) -> ITCReference? {
    let base = name.split(separator: "/").last.map(String.init) ?? name
    let stem = base.hasSuffix(".ctt") ? String(base.dropLast(4)) : base
    return itcReferences.first { $0.instance == stem }
}
