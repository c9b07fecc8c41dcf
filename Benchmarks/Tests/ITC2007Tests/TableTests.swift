import Testing
@testable import ITC2007

@Suite struct TableTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(median([7, 3, 5]) == 5)
        #expect(median([4, 1, 3, 2]) == 2.5)
        #expect(median([]) == nil)
    }

    func run(_ instance: String, _ seed: UInt64, cost: Int, hard: Int = 0) -> ITCRun {
        var e = UD2Evaluation()
        e.roomCapacity = cost
        e.conflicts = hard
        return ITCRun(instance: instance, seed: seed, evaluation: e)
    }

    @Test func rowsCompareWithTheReferences() {
        let table = resultTable([
            run("comp02", 1, cost: 70), run("comp01", 1, cost: 5), run("comp01", 2, cost: 6), run("comp01", 3, cost: 5),
            run("comp02", 2, cost: 40), run("comp02", 3, cost: 60, hard: 2),
        ])
        let rows = table.split(separator: "\n").map(String.init)
        #expect(rows.count == 4)
        #expect(rows[2] == "| comp01 | 3 | 0 | 5 | 5 | 5/0/0/0 | 5 | 5 (optimal) | yes |")
        // An infeasible run leaves the median undefined rather than flattering it.
        #expect(rows[3] == "| comp02 | 3 | 1 | 40 | — | 40/0/0/0 | 61.3 | 24 | — |")
    }

    @Test func referencesByFileName() {
        #expect(itcReference(for: "/x/comp07.ctt")?.mullerAverage == 33.9)
        #expect(itcReference(for: "comp04")?.bestKnown == 35)
        #expect(itcReference(for: "comp99.ctt") == nil)
    }
}
