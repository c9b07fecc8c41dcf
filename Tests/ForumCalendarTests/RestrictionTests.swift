import CLibical
import Foundation
import ForumFormats
import ForumModel
@testable import ForumCalendar
import Testing

/// libical's own check of RFC 5545 and of the iTIP method (RFC 5546), `icalrestriction_check`,
/// on the parsed text: every X-LIC-ERROR it (or the parser) adds, with the component it is in.
func libicalRestrictionErrors(_ text: String) -> [String] {
    withLibical {
        guard let root = text.withCString({ icalparser_parse_string($0) }) else { return ["libical cannot parse the calendar"] }
        defer { icalcomponent_free(root) }
        _ = icalrestriction_check(root)
        var errors: [String] = []
        func collect(_ component: OpaquePointer, _ path: String) {
            let here = path + "/" + String(cString: icalcomponent_kind_to_string(icalcomponent_isa(component)))
                + (icalcomponent_isa(component) == ICAL_VEVENT_COMPONENT ? icalcomponent_get_uid(component).map { "(\(String(cString: $0)))" } ?? "" : "")
            var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
            while let error = property {
                errors.append("\(here): \(String(cString: icalproperty_get_xlicerror(error)))")
                property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
            }
            var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
            while let next = child {
                collect(next, here)
                child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
            }
        }
        collect(root, "")
        return errors
    }
}

/// Must show: libical's restriction check passes on every calendar we write: whole, filtered,
/// split four ways, updated with --previous (whole and split), with --attendees, for Athens
/// (with an organiser: METHOD:PUBLISH) and for a 350-session `forum generate` programme
/// (without one: no METHOD), and with a session dropped (a cancellation).
@Suite(.serialized) struct RestrictionTests {
    /// Runs `forum` with `arguments` in `folder`; a failed run is a recorded issue.
    func forum(_ arguments: [String], in folder: URL) throws {
        guard let forum = Tools.forum() else { return }
        let result = try Tools.run(forum, arguments, in: folder)
        #expect(result.status == 0, "forum \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    /// Every .ics file under `folder`, with libical's findings.
    func findings(under folder: URL) throws -> (files: Int, errors: [String]) {
        var files = 0
        var errors: [String] = []
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let name = walker?.nextObject() as? String {
            guard name.hasSuffix(".ics") else { continue }
            files += 1
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            errors += libicalRestrictionErrors(text).map { "\(name): \($0)" }
        }
        return (files, errors)
    }

    /// Every way of writing a calendar of `programme` (a path), into `folder`.
    func exportEveryWay(_ programme: String, changed: String, dropped: String, in folder: URL) throws {
        try forum(["export", "ics", programme, "-o", "whole.ics"], in: folder)
        try forum(["export", "ics", programme, "--attendees", "-o", "attendees.ics"], in: folder)
        try forum(["export", "ics", changed, "--previous", "whole.ics", "-o", "whole-2.ics"], in: folder)
        try forum(["export", "ics", dropped, "--previous", "whole-2.ics", "-o", "whole-3.ics"], in: folder)
        for split in ["day", "room", "theme", "person"] {
            try forum(["export", "ics", programme, "--split", split, "-o", "\(split)-1"], in: folder)
            try forum(["export", "ics", changed, "--split", split, "--previous", "\(split)-1", "-o", "\(split)-2"], in: folder)
            try forum(["export", "ics", dropped, "--split", split, "--previous", "\(split)-2", "-o", "\(split)-3"], in: folder)
        }
        try forum(["export", "ics", programme, "--split", "day", "--attendees", "-o", "day-attendees"], in: folder)
        try forum(["export", "ics", changed, "--split", "room", "--previous", "whole.ics", "-o", "room-from-whole"], in: folder)
    }

    @Test func athensCalendarsPassLibicalsRestrictionCheck() throws {
        let folder = try Tools.temporaryFolder("restriction-athens")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: URL(fileURLWithPath: ClientTests.athensPath), encoding: .utf8)
        // Speakers with e-mail addresses, so that --attendees writes some.
        let withEmails = original.replacingOccurrences(of: "  - id: ngowing\n", with: "  - id: ngowing\n    email: nik.gowing@example.org\n")
        try #require(withEmails != original)
        let moved = withEmails.replacingOccurrences(of: "placement: 2006-10-30 13:30 room-3", with: "placement: 2006-11-01 13:30 room-3")
        try #require(moved != withEmails)
        // ws-local-content without its placement: it leaves the calendars (cancelled).
        let dropped = moved.replacingOccurrences(of: "    placement: 2006-10-31 09:30 room-5  # RECONSTRUCTED\n", with: "")
        try #require(dropped != moved)
        try withEmails.write(to: folder.appendingPathComponent("athens.yaml"), atomically: true, encoding: .utf8)
        try moved.write(to: folder.appendingPathComponent("moved.yaml"), atomically: true, encoding: .utf8)
        try dropped.write(to: folder.appendingPathComponent("dropped.yaml"), atomically: true, encoding: .utf8)
        try exportEveryWay("athens.yaml", changed: "moved.yaml", dropped: "dropped.yaml", in: folder)

        let whole = try String(contentsOf: folder.appendingPathComponent("whole.ics"), encoding: .utf8)
        #expect(unfolded(whole).contains("\nMETHOD:PUBLISH\n"))
        #expect(unfolded(whole).contains("\nORGANIZER;CN=IGF Secretariat:mailto:igf@un.org\n"))
        let attendees = try String(contentsOf: folder.appendingPathComponent("attendees.ics"), encoding: .utf8)
        #expect(!unfolded(attendees).contains("METHOD:"))
        #expect(unfolded(attendees).contains("ATTENDEE;CN=Nik Gowing;ROLE=CHAIR:mailto:nik.gowing@example.org"))
        let (files, errors) = try findings(under: folder)
        #expect(files >= 40, "\(files) calendars")
        #expect(errors.isEmpty, "\(errors.count) findings:\n\(errors.prefix(20).joined(separator: "\n"))")
    }

    @Test func generatedCalendarsPassLibicalsRestrictionCheck() throws {
        let folder = try Tools.temporaryFolder("restriction-generated")
        defer { try? FileManager.default.removeItem(at: folder) }
        try forum(["generate", "--sessions", "350", "--rooms", "18", "--days", "5", "--seed", "7", "--placed", "-o", "igf-350.yaml"], in: folder)
        var programme = try ProgrammeReader.read(path: folder.appendingPathComponent("igf-350.yaml").path)
        #expect(programme.sessions.count == 350 && programme.event.organiser == nil)
        let placed = try #require(programme.sessions.firstIndex { $0.placements.count == 1 && !$0.pinned })
        let day = programme.sessions[placed].placements[0].day
        programme.sessions[placed].placements[0].day = programme.days.first { $0.date != day }!.date
        try ProgrammeWriter.yaml(programme).write(to: folder.appendingPathComponent("moved.yaml"), atomically: true, encoding: .utf8)
        programme.sessions[placed].placements = []
        try ProgrammeWriter.yaml(programme).write(to: folder.appendingPathComponent("dropped.yaml"), atomically: true, encoding: .utf8)
        try exportEveryWay("igf-350.yaml", changed: "moved.yaml", dropped: "dropped.yaml", in: folder)
        let whole = try String(contentsOf: folder.appendingPathComponent("whole.ics"), encoding: .utf8)
        #expect(!unfolded(whole).contains("METHOD:"), "no organiser: no METHOD")
        #expect(unfolded(whole).components(separatedBy: "BEGIN:VEVENT").count - 1 >= 350)
        let (files, errors) = try findings(under: folder)
        #expect(files >= 100, "\(files) calendars")
        #expect(errors.isEmpty, "\(errors.count) findings:\n\(errors.prefix(20).joined(separator: "\n"))")
    }

    /// The check can fail: a calendar as earlier exports wrote it (METHOD:PUBLISH, no
    /// ORGANIZER) is flagged, and so is an ATTENDEE in a PUBLISH.
    @Test func theCheckFindsWhatRFC5546Forbids() throws {
        let text = try CalendarExporter(programme: Fixtures.athens).calendar().text
        #expect(libicalRestrictionErrors(text).isEmpty)
        let noOrganiser = text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("ORGANIZER") }.joined(separator: "\r\n")
        let missing = libicalRestrictionErrors(noOrganiser)
        // libical stops at the first event that fails (so no finding means every one passed).
        #expect(!missing.isEmpty && missing.allSatisfy { $0.contains("Failed iTIP restrictions for ORGANIZER property") }, "\(missing)")
        let withAttendee = text.replacingOccurrences(of: "\r\nSEQUENCE:", with: "\r\nATTENDEE;CN=A:mailto:a@example.org\r\nSEQUENCE:")
        let attendee = libicalRestrictionErrors(withAttendee)
        #expect(!attendee.isEmpty && attendee.allSatisfy { $0.contains("ATTENDEE") }, "\(attendee)")
    }
}
