import Foundation
import ForumImport
import ForumModel
import ForumTestSupport
import Testing

/// `forum import pretalx FILE`: submissions as pretalx's API lists them, into a frame.
@Suite struct PretalxImportTests {
    static let page = """
    {"count": 3, "next": null, "previous": null, "results": [
      {"code": "DUGNLF", "speakers": [{"code": "TEV7BW", "name": "Jody Webster"}], "title": "Assimilated standards",
       "submission_type": "Talk", "track": "Networked", "state": "confirmed", "abstract": "A!", "duration": 30, "content_locale": "en"},
      {"code": "GJVW8Q", "speakers": [{"code": "TEV7BW", "name": "Jody Webster"}, {"code": "XTQQCK", "name": "Ann Lee"}],
       "title": "Hands on", "submission_type": {"en": "Workshop"}, "track": "Brand new", "state": "accepted", "duration": 90},
      {"code": "REJECT", "speakers": [], "title": "No", "submission_type": "Talk", "state": "rejected", "duration": 30}
    ]}
    """

    @Test func acceptedAndConfirmedBecomeSessions() throws {
        let folder = try TestProcess.temporaryFolder("pretalx-file")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("submissions.json").path
        try Self.page.write(toFile: path, atomically: true, encoding: .utf8)
        let frame = Programme(event: Event(name: "DemoCon", acronym: "democon", timeZone: "Europe/Berlin",
                                           startDate: LocalDate(year: 2026, month: 12, day: 3), endDate: LocalDate(year: 2026, month: 12, day: 3)),
                              themes: [Theme(id: "networked", title: "Networked")])
        let p = try PretalxImporter(frame: frame).read(source: path).programme
        #expect(p.sessions.map(\.id) == ["DUGNLF", "GJVW8Q"])
        #expect(p.sessions.map(\.duration) == [30, 90])
        #expect(p.sessions[0].themes == ["networked"])
        #expect(p.sessions[1].themes == ["brand-new"])
        #expect(p.sessions[1].kind == .workshop)
        #expect(p.sessions[0].kind == .other("talk"))
        #expect(p.people.map(\.id) == ["TEV7BW", "XTQQCK"])
        #expect(p.sessions[1].people.map(\.person) == ["TEV7BW", "XTQQCK"])
        #expect(p.sessions[1].note == "pretalx GJVW8Q, accepted")
    }

    @Test func refusedAddressAndBrokenFileAreInputErrors() throws {
        let frame = Programme(event: Event(name: "X", acronym: "x", timeZone: "UTC", startDate: LocalDate(year: 2026, month: 1, day: 1), endDate: LocalDate(year: 2026, month: 1, day: 1)))
        // Nothing listens on port 9 of the loopback: a clear error, no hang.
        #expect(throws: InputError.self) { try PretalxImporter(frame: frame).read(source: "http://127.0.0.1:9/api/events/x/submissions/") }
        #expect(throws: InputError.self) { try PretalxImporter(frame: frame).read(source: "/nonexistent/submissions.json") }
    }
}
