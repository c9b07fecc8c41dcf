import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ForumModel
@testable import ForumPublish

/// A small hybrid programme: an online-only session placed in time only (no room), a
/// session in a hall with an online speaker, and one in a virtual room; on a summer-time
/// day (Athens on EEST, UTC+3) and a winter-time day (EET, UTC+2).
enum Hybrid {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

    static var programme: Programme {
        Programme(
            event: Event(name: "Internet Governance Forum 2006", acronym: "igf2006", city: "Athens", timeZone: "Europe/Athens",
                         startDate: date("2006-10-27"), endDate: date("2006-10-31")),
            days: [Day(date: date("2006-10-27"), slots: [Slot(start: time("10:00"), end: time("11:30"))]),
                   Day(date: date("2006-10-31"), slots: [Slot(start: time("10:00"), end: time("11:30"))])],
            rooms: [Room(id: "main-hall", name: "Main Hall", capacity: 800),
                    Room(id: "zoom-a", name: "Zoom A", virtual: true)],
            people: [Person(id: "alima", name: "Ana Lima"),
                     Person(id: "rkumar", name: "Raj Kumar", attendance: .online, timezone: "Asia/Kolkata")],
            sessions: [
                Session(id: "ws-remote", title: "Remote participation in practice",
                        people: [Participation(person: "rkumar", role: .onlineModerator), Participation(person: "alima", role: .speaker)],
                        placements: [Placement(day: date("2006-10-31"), start: time("10:00"), room: nil)],
                        abstract: "How remote hubs join the forum.", online: true),
                Session(id: "ws-hall", title: "Hybrid panel in the hall",
                        people: [Participation(person: "alima", role: .moderator), Participation(person: "rkumar", role: .speaker)],
                        placements: [Placement(day: date("2006-10-31"), start: time("10:00"), room: "main-hall")]),
                Session(id: "ws-summer", title: "Summer-time webinar",
                        placements: [Placement(day: date("2006-10-27"), start: time("10:00"), room: "zoom-a")], online: true),
            ])
    }
}

@Suite struct OnlineTests {
    static func document(_ programme: Programme) throws -> XMLDocument {
        try XMLDocument(xmlString: try FrabSchedule(programme: programme).xml(), options: [])
    }

    static func value(_ node: XMLNode, _ path: String) throws -> String? {
        try node.nodes(forXPath: path).first?.stringValue
    }

    @Test func utcSpanFollowsTheZoneAndSaysWhenTheDateDiffers() throws {
        var programme = Hybrid.programme
        // 01:00 in Athens on 31 October is 23:00 UTC the day before.
        programme.sessions.append(Session(id: "night", title: "Night owls",
                                          placements: [Placement(day: Hybrid.date("2006-10-31"), start: Hybrid.time("01:00"), room: nil)], online: true))
        let agenda = Agenda(programme)
        func span(_ id: String) throws -> String? { agenda.utcSpan(try #require(agenda.items.first { $0.session.id == id })) }
        #expect(try span("ws-remote") == "08:00–09:30 UTC")   // EET, UTC+2
        #expect(try span("ws-summer") == "07:00–08:30 UTC")   // EEST, UTC+3 (before 29 October)
        #expect(try span("night") == "Mon 30 Oct 23:00–00:30 UTC")
        programme.event.timeZone = "Mars/Olympus"
        let unknown = Agenda(programme)
        #expect(unknown.utcSpan(unknown.items[0]) == nil)
    }

    @Test func frabPutsTheOnlineSessionInTheOnlineRoomAndMarksOnlinePeople() throws {
        let doc = try Self.document(Hybrid.programme)
        let remote = try #require(try doc.nodes(forXPath: "//event[title='Remote participation in practice']").first)
        #expect(try Self.value(remote, "room") == "Online")
        #expect(((remote.parent as? XMLElement)?.attribute(forName: "name")?.stringValue) == "Online")
        #expect(try Self.value(remote, "date") == "2006-10-31T10:00:00+02:00")
        #expect(try Self.value(remote, "abstract") == "Online session. How remote hubs join the forum.")
        #expect(try remote.nodes(forXPath: "persons/person").map(\.stringValue) == ["Raj Kumar (online)", "Ana Lima"])
        // A hall session is not online, but its online speaker is marked.
        let hall = try #require(try doc.nodes(forXPath: "//event[title='Hybrid panel in the hall']").first)
        #expect(try Self.value(hall, "room") == "Main Hall")
        #expect(try Self.value(hall, "abstract") == "")
        #expect(try hall.nodes(forXPath: "persons/person").map(\.stringValue) == ["Ana Lima", "Raj Kumar (online)"])
        // A virtual room keeps its name; the abstract says the session is online.
        let summer = try #require(try doc.nodes(forXPath: "//event[title='Summer-time webinar']").first)
        #expect(try Self.value(summer, "room") == "Zoom A")
        #expect(try Self.value(summer, "abstract") == "Online session.")
        #expect(try doc.nodes(forXPath: "//event").count == 3)

        let json = try #require(JSONSerialization.jsonObject(with: Data(try FrabSchedule(programme: Hybrid.programme).json().utf8)) as? [String: Any])
        let conference = try #require((json["schedule"] as? [String: Any])?["conference"] as? [String: Any])
        let days = try #require(conference["days"] as? [[String: Any]])
        let online = try #require((days[1]["rooms"] as? [String: [[String: Any]]])?["Online"])
        #expect(online.count == 1)
        #expect(online.first?["room"] as? String == "Online")
        #expect(online.first?["abstract"] as? String == "Online session. How remote hubs join the forum.")
        #expect((online.first?["persons"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Raj Kumar (online)", "Ana Lima"])
    }

    @Test func htmlMarksOnlineSessionsAndPeopleAndGivesUTC() throws {
        let html = HTMLProgramme(programme: Hybrid.programme)
        let page = html.render()
        func card(_ id: String) throws -> String {
            let anchor = try #require(html.anchors[id])
            let start = try #require(page.range(of: "id=\"\(anchor)\""))
            let end = try #require(page[start.upperBound...].range(of: "</article>"))
            let open = try #require(page[..<start.lowerBound].range(of: "<article", options: .backwards))
            return String(page[open.lowerBound..<end.upperBound])
        }
        let remote = try card("ws-remote"), hall = try card("ws-hall"), summer = try card("ws-summer")
        #expect(remote.hasPrefix("<article class=\"s t0 online\""))
        #expect(remote.contains("data-room=\"\""))
        #expect(remote.contains("<p class=\"meta\"><span class=\"ob\">Online</span> · Workshop</p>"))
        #expect(remote.contains("<time datetime=\"2006-10-31T10:00:00+02:00\">10:00–11:30</time> <span class=\"utc\">(08:00–09:30 UTC)</span> · Online</p>"))
        #expect(remote.contains("<dt>When</dt><dd>Tuesday 31 October 2006, 10:00–11:30 (08:00–09:30 UTC)</dd>"))
        #expect(remote.contains("Online moderator: Raj Kumar (online); Speaker: Ana Lima"))
        #expect(remote.contains("<dt>Online moderator</dt><dd>Raj Kumar (online)</dd>"))
        #expect(hall.hasPrefix("<article class=\"s t0\"") && !hall.contains("class=\"ob\""))
        #expect(hall.contains("<dt>Speaker</dt><dd>Raj Kumar (online)</dd>") && hall.contains("<dt>Moderator</dt><dd>Ana Lima</dd>"))
        #expect(summer.contains(" online\"") && summer.contains("(07:00–08:30 UTC)</span> · Zoom A"))
        // The online column has a heading, and the room filter offers it.
        #expect(page.contains("grid-row:1\">Online</div>"))
        #expect(page.contains("<input type=\"checkbox\" name=\"room\" value=\"\" checked> Online</label>"))
        #expect(page.contains(".s.online{"))
    }

    @Test func markdownMarksOnlineSessionsAndPeopleAndGivesUTC() {
        let text = MarkdownAgenda(programme: Hybrid.programme).render()
        #expect(text.contains("""
        - **Remote participation in practice** · *Online session* · 10:00–11:30 (08:00–09:30 UTC) · Online · Workshop  
          Online moderator: Raj Kumar (online); Speaker: Ana Lima  
          How remote hubs join the forum.

        """))
        #expect(text.contains("- **Hybrid panel in the hall** · 10:00–11:30 (08:00–09:30 UTC) · Main Hall · Workshop  \n  Moderator: Ana Lima; Speaker: Raj Kumar (online)\n"))
        #expect(text.contains("- **Summer-time webinar** · *Online session* · 10:00–11:30 (07:00–08:30 UTC) · Zoom A · Workshop\n"))
    }
}
