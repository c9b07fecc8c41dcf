import Foundation
import ForumFormats
import ForumModel
import ForumSolver
import Testing

/// `forum solve`'s report, from the library: what a script gets without the CLI.
@Suite struct SolveReportTests {
    /// 15 workshops for the frame's 12 room-slots (3 days, 2 slots, 2 rooms): three cannot be placed.
    func overFull() throws -> SolveResult {
        let sessions = (1...15).map { "  - {id: WS\($0), title: Workshop \($0)}\n" }.joined()
        let programme = try ProgrammeReader.read(text: frame + "sessions:\n" + sessions, file: "full.yaml")
        return solve(programme, options: SolverOptions(seed: 1, timeLimit: nil, maxMoves: 2_000, fresh: true))
    }

    @Test func textNamesEveryUnplacedSessionAndWritesNothing() throws {
        let text = SolveReport.text(try overFull(), file: "full.yaml", output: nil, keep: false)
        #expect(text.hasPrefix("full.yaml: no programme without a broken hard rule was found.\n"))
        #expect(text.contains("Sessions not placed (3):\n"))
        #expect(text.hasSuffix("Nothing written (use --allow-unplaced to write the sessions that could be placed).\n"))
    }

    @Test func jsonIsWrittenLikeEveryReportAndLeavesOutAbsentValues() throws {
        let json = SolveReport.json(try overFull(), file: "a/full.yaml", output: nil)
        #expect(json.contains("\"file\": \"a/full.yaml\",\n"))  // Tree's JSON: `": "`, slashes as they are
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["explanation", "feasible", "file", "moved", "perRule", "score", "stats", "unplaced"])
        #expect(object["feasible"] as? Bool == false)
        let unplaced = try #require(object["unplaced"] as? [[String: Any]])
        #expect(unplaced.count == 3 && unplaced.allSatisfy { $0["blockedBy"] as? String == "room-conflict" })
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(stats["moves"] as? Int == 2_000 && stats["feasibleAfterMoves"] == nil && stats["seconds"] is Double)
    }

    @Test func compactRates() {
        #expect(SolveReport.compact(950) == "950")
        #expect(SolveReport.compact(161_234) == "161k")
        #expect(SolveReport.compact(1_234_567) == "1.23M")
    }
}
