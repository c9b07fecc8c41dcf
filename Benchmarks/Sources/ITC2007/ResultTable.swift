import Foundation

/// One solver run on one instance, as the independent evaluator scored its `.sol`.
public struct ITCRun: Hashable, Sendable {
    public var instance: String
    public var seed: UInt64
    public var evaluation: UD2Evaluation

    public init(instance: String, seed: UInt64, evaluation: UD2Evaluation) {
        self.instance = instance
        self.seed = seed
        self.evaluation = evaluation
    }
}

/// The median of `values` (the mean of the middle two for an even count); nil when empty.
public func median(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
}

/// The runner's table: per instance, min and median UD2 cost over seeds beside the
/// competition winner's average and the best known value. A run with hard violations has no
/// cost: the row shows how many runs were infeasible instead.
public func resultTable(_ runs: [ITCRun]) -> String {
    var instances: [String] = []
    for run in runs where !instances.contains(run.instance) { instances.append(run.instance) }
    instances.sort()
    var lines = [
        "| Instance | Runs | Infeasible | Min | Median | S1/S2/S3/S4 of best | Müller avg | Best known | Median ≤ Müller avg |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in instances {
        let mine = runs.filter { $0.instance == name }
        let feasible = mine.filter { $0.evaluation.isFeasible }
        let costs = feasible.map(\.evaluation.total)
        let best = feasible.min { ($0.evaluation.total, $0.seed) < ($1.evaluation.total, $1.seed) }
        let reference = itcReference(for: name)
        let med = mine.count == feasible.count ? median(costs) : nil
        func show(_ x: Double?) -> String {
            guard let x else { return "—" }
            return x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
        }
        let parts = best.map { "\($0.evaluation.s1)/\($0.evaluation.s2)/\($0.evaluation.s3)/\($0.evaluation.s4)" } ?? "—"
        let verdict: String
        if let med, let reference { verdict = med <= reference.mullerAverage ? "yes" : "no" } else { verdict = "—" }
        lines.append("| \(name) | \(mine.count) | \(mine.count - feasible.count) | \(show(costs.min().map(Double.init))) | "
                     + "\(show(med)) | \(parts) | \(show(reference?.mullerAverage)) | "
                     + "\(reference.map { "\($0.bestKnown)\($0.provenOptimal ? " (optimal)" : "")" } ?? "—") | \(verdict) |")
    }
    return lines.joined(separator: "\n")
}
