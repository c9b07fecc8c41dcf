import Foundation
import ForumFormats
import ForumTestSupport
import Testing

/// Runs `forum arguments…` in `folder`.
private func forum(_ arguments: [String], in folder: URL) throws -> ProcessOutput {
    let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
    return try TestProcess.run(forum, arguments, in: folder)
}

/// Two days of two 90-minute slots in two rooms (8 room-slots), ten scored proposals.
private let proposals = """
event:
  name: Test Forum
  timezone: Europe/Athens
  start: 2006-10-30
  end: 2006-10-31
grid: ["10:00-11:30", "12:00-13:30"]
rooms:
  - {id: a, name: Room A, capacity: 200}
  - {id: b, name: Room B, capacity: 200}
themes:
  - {id: t1, title: One}
  - {id: t2, title: Two}
people:
  - {id: p1, name: P One, organisation: ISOC, region: Africa}
  - {id: p2, name: P Two, organisation: ISOC, region: WEOG}
  - {id: p3, name: P Three, organisation: ICANN, region: Africa}
  - {id: p4, name: P Four, organisation: UN, region: Asia}
sessions:
  - {id: s1, title: S1, theme: t1, score: 9, organisers: [p1]}
  - {id: s2, title: S2, theme: t1, score: 8, organisers: [p2]}
  - {id: s3, title: S3, theme: t1, score: 7, organisers: [p1]}
  - {id: s4, title: S4, theme: t2, score: 6, organisers: [p3]}
  - {id: s5, title: S5, theme: t2, score: 5, organisers: [p4]}
  - {id: s6, title: S6, theme: t1, score: 4.5, organisers: [p4]}
  - {id: s7, title: S7, theme: t2, score: 4, organisers: [p3]}
  - {id: s8, title: S8, theme: t2, score: 3, organisers: [p4]}
  - {id: s9, title: S9, theme: t1, score: 2, organisers: [p2]}
  - {id: s10, title: S10, theme: t2, score: 1, organisers: [p3]}

"""

private func folderWithProposals() throws -> URL {
    let folder = try TestProcess.temporaryFolder("select")
    try proposals.write(to: folder.appendingPathComponent("proposals.yaml"), atomically: true, encoding: .utf8)
    return folder
}

@Suite struct SelectCommandTests {
    @Test func selectsUnderCapsWritesBothFilesAndSaysWhy() throws {
        let folder = try folderWithProposals()
        defer { try? FileManager.default.removeItem(at: folder) }
        let args = ["select", "proposals.yaml", "--per-organisation", "2", "--min-region", "Asia=2",
                    "--basket", "one=50%:t1", "--basket", "two=50%:t2", "--share-tolerance", "0",
                    "--rejected", "rejected.yaml", "-o", "accepted.yaml"]
        let run = try forum(args, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("6 accepted"))
        #expect(run.stdout.contains("proven best under the caps"))
        #expect(run.stdout.contains("s3  7.00  organisation cap: ISOC has 2"))
        #expect(run.stdout.contains("Share: one 3 of 6 sessions (50.0%)."))
        let accepted = try ProgrammeReader.read(path: folder.appendingPathComponent("accepted.yaml").path)
        #expect(accepted.sessions.map(\.id) == ["s1", "s2", "s4", "s5", "s6", "s7"])
        #expect(accepted.people.map(\.id) == ["p1", "p2", "p3", "p4"])
        let rejected = try ProgrammeReader.read(path: folder.appendingPathComponent("rejected.yaml").path)
        #expect(rejected.sessions.map(\.id) == ["s3", "s8", "s9", "s10"])
        // The same bytes again.
        let first = try Data(contentsOf: folder.appendingPathComponent("accepted.yaml"))
        let again = try forum(args, in: folder)
        #expect(again.stdout == run.stdout)
        #expect(try Data(contentsOf: folder.appendingPathComponent("accepted.yaml")) == first)
        // JSON for machines.
        let json = try forum(args + ["--format", "json"], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["optimal"] as? Bool == true)
    }

    @Test func impossibleCapsExitOneNamingTheCap() throws {
        let folder = try folderWithProposals()
        defer { try? FileManager.default.removeItem(at: folder) }
        // UN's two-session cap leaves no way to three sessions from Asia.
        let run = try forum(["select", "proposals.yaml", "--per-organisation", "2", "--min-region", "Asia=3", "-o", "out.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("minimum per region Asia=3"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.yaml").path))
        let none = try forum(["select", "proposals.yaml", "--min-region", "Asia=4", "-o", "out.yaml"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr.contains("minimum per region: Asia needs 4, but only 3 proposals"))
    }

    @Test func wrongCapsExit64WithAClearMessage() throws {
        let folder = try folderWithProposals()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [([String], String)] = [
            (["--basket", "x=160%:t1"], "a share is a percentage from 0 to 100"),
            (["--basket", "x:t1"], "--basket wants NAME=PERCENT:THEME,THEME"),
            (["--basket", "x=50%:t3"], "the programme has no theme `t3` (did you mean `t1`?)"),
            (["--min-region", "Asai=2"], "nobody in the programme has `Asai` (did you mean `Asia`?)"),
            (["--min-group", "civil"], "--min-group wants NAME=COUNT"),
            (["--per-person=-1"], "--per-person must not be negative"),
        ]
        for (extra, message) in cases {
            let run = try forum(["select", "proposals.yaml", "-o", "out.yaml"] + extra, in: folder)
            #expect(run.status == 64, "\(extra)")
            #expect(run.stderr.contains(message), "\(extra): \(run.stderr)")
        }
        let missing = try forum(["select", "nothing.yaml", "-o", "out.yaml"], in: folder)
        #expect(missing.status == 2)
    }
}
