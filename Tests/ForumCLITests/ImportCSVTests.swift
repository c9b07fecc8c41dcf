import Foundation
import ForumTestSupport
import Testing

/// `forum import csv` from the command line: the example spreadsheet, its broken copy, a
/// malformed file, and the promise that nothing is written when the import fails.
@Suite struct ImportCSVTests {
    func forum(_ arguments: [String]) throws -> ProcessOutput {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        return try TestProcess.run(forum, arguments, in: TestProcess.packageRoot)
    }

    @Test func theExampleImportsValidatesAndWritesTheSameBytesTwice() throws {
        let folder = try TestProcess.temporaryFolder("import-csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [Data] = []
        for name in ["a.yaml", "b.yaml"] {
            let out = folder.appendingPathComponent(name).path
            let result = try forum(["import", "csv", "Examples/igf-proposals.csv", "--frame", "Examples/igf-proposals-frame.yaml", "-o", out])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("120 proposals as sessions"))
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
        // Every proposal is unplaced until `select` and `solve`; nothing else is hard.
        let check = try forum(["validate", folder.appendingPathComponent("a.yaml").path, "--format", "json"])
        #expect(check.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let rules = try #require(report["rules"] as? [[String: Any]])
        let hard = rules.filter { ($0["severity"] as? String) == "hard" && (($0["count"] as? Int) ?? 0) > 0 }.compactMap { $0["rule"] as? String }
        #expect(hard == ["unplaced"], "\(hard)")
    }

    @Test func theBrokenCopyNamesEachRowColumnAndValueAndWritesNothing() throws {
        let folder = try TestProcess.temporaryFolder("import-csv-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.yaml")
        try Data("kept\n".utf8).write(to: out)
        let result = try forum(["import", "csv", "Examples/igf-proposals-broken.csv", "--frame", "Examples/igf-proposals-frame.yaml", "-o", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("igf-proposals-broken.csv:14: error in `row 5, column Sub-theme`: no theme `Data Governence & Trust`"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean `Data Governance & Trust`?"))
        #expect(result.stderr.contains("row 8, column Title`: the proposal has no title"))
        #expect(result.stderr.contains("row 10, column Duration`: `ninety` is no duration"))
        #expect(result.stderr.contains("row 12, column Score`: `n/a` is no number"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "kept\n")
    }

    @Test func aMalformedFileIsExitTwoWithItsRow() throws {
        let folder = try TestProcess.temporaryFolder("import-csv-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("bad.csv"), out = folder.appendingPathComponent("out.yaml")
        try Data("Title,Sub-theme\nFine,ai\n\"Unclosed,ai\nMore,ai\n".utf8).write(to: csv)
        let result = try forum(["import", "csv", csv.path, "--frame", "Examples/igf-proposals-frame.yaml", "-o", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.csv:3: error in `row 3, column 1`: a quoted field that never ends"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        try Data([0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: csv)   // Latin-1 "Café"
        let latin = try forum(["import", "csv", csv.path, "--frame", "Examples/igf-proposals-frame.yaml", "-o", out.path])
        #expect(latin.status == 2 && latin.stderr.contains("bad.csv:2:"), "\(latin.stderr)")
        let option = try forum(["import", "csv", csv.path, "--frame", "Examples/igf-proposals-frame.yaml", "--delimiter", "ab", "-o", out.path])
        #expect(option.status == 64)
    }
}
