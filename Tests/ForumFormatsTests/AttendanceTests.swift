import Foundation
import ForumFormats
import ForumModel
import ForumRules
import Testing

/// `attendance:` of people in a hybrid event: read, written back, checked.
@Suite struct AttendanceTests {
    let text = frame.replacingOccurrences(of: "    name: Nitin Desai\n", with: "    name: Nitin Desai\n    attendance: online\n")
        + "sessions:\n  - id: ws1\n    title: Remote\n    moderator: ndesai\n    placement: 2006-10-30 09:30 plato-hall\n"

    @Test func onlineIsReadWrittenAndReadBack() throws {
        let p = try ProgrammeReader.read(text: text, file: "test.yaml")
        #expect(p.person("ndesai")?.attendance == .online)
        let yaml = ProgrammeWriter.yaml(p)
        #expect(yaml.contains("attendance: online"))
        #expect(try ProgrammeReader.read(text: yaml, file: "again.yaml") == p)
        // Onsite is the default and is not written.
        var onsite = p
        onsite.people[0].attendance = .onsite
        #expect(!ProgrammeWriter.yaml(onsite).contains("attendance"))
    }

    @Test func anUnknownValueIsLocatedWithAHint() throws {
        let bad = text.replacingOccurrences(of: "attendance: online", with: "attendance: remote")
        let errors = readErrors(bad)
        try #require(errors.count == 1, "\(errors)")
        #expect(errors[0].location.line == line(of: "attendance: remote", in: bad))
        #expect(errors[0].message.contains("unknown attendance `remote`"))
        #expect(errors[0].hint?.contains("online") == true)
    }

    /// The rule it feeds: a session moderated only online breaks onsite-moderator, once.
    @Test func onlyOnlineModeratorsBreakOnsiteModerator() throws {
        let p = try ProgrammeReader.read(text: text, file: "test.yaml")
        let found = validate(p).violations.filter { $0.rule == .onsiteModerator }
        #expect(found.map(\.sessions) == [["ws1"]])
        var fixed = p
        fixed.people[0].attendance = .onsite
        #expect(!validate(fixed).violations.contains { $0.rule == .onsiteModerator })
    }
}
