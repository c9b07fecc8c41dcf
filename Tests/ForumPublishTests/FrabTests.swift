import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ForumModel
@testable import ForumPublish

@Suite struct FrabTests {
    static func document(_ programme: Programme) throws -> XMLDocument {
        try XMLDocument(xmlString: try FrabSchedule(programme: programme).xml(), options: [])
    }

    static func json(_ programme: Programme) throws -> [String: Any] {
        let text = try FrabSchedule(programme: programme).json()
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func value(_ node: XMLNode, _ path: String) throws -> String? {
        try node.nodes(forXPath: path).first?.stringValue
    }

    @Test func conferenceHeaderDescribesAthens() throws {
        let doc = try Self.document(Athens.programme)
        #expect(try Self.value(doc, "/schedule/conference/acronym") == "igf2006")
        #expect(try Self.value(doc, "/schedule/conference/title") == "Internet Governance Forum 2006")
        #expect(try Self.value(doc, "/schedule/conference/start") == "2006-10-30")
        #expect(try Self.value(doc, "/schedule/conference/end") == "2006-11-02")
        #expect(try Self.value(doc, "/schedule/conference/days") == "4")
        #expect(try Self.value(doc, "/schedule/conference/time_zone_name") == "Europe/Athens")
        // 09:00-09:50 summing up on two days: the finest common step of the grid is 10 minutes.
        #expect(try Self.value(doc, "/schedule/conference/timeslot_duration") == "00:10")
        #expect(try Self.value(doc, "/schedule/conference/base_url") == "https://www.intgovforum.org/")
        let days = try doc.nodes(forXPath: "/schedule/day").compactMap { $0 as? XMLElement }
        #expect(days.map { $0.attribute(forName: "index")?.stringValue } == ["1", "2", "3", "4"])
        #expect(days.map { $0.attribute(forName: "date")?.stringValue } == ["2006-10-30", "2006-10-31", "2006-11-01", "2006-11-02"])
        #expect(days[0].attribute(forName: "start")?.stringValue == "2006-10-30T09:30:00+02:00")
        #expect(days[0].attribute(forName: "end")?.stringValue == "2006-10-30T18:00:00+02:00")
        #expect(days[2].attribute(forName: "start")?.stringValue == "2006-11-01T09:00:00+02:00")
    }

    @Test func everySessionIsAnEventAtItsLocalTime() throws {
        let programme = Athens.programme
        let doc = try Self.document(programme)
        let events = try doc.nodes(forXPath: "//event").compactMap { $0 as? XMLElement }
        #expect(events.count == programme.sessions.count)
        for session in programme.sessions {
            let placement = session.placements[0]
            let matches = try doc.nodes(forXPath: "//event[title=\"\(session.title)\"]")
            #expect(matches.count == 1, "\(session.id)")
            guard let event = matches.first else { continue }
            // Athens ran on EET throughout: every date carries +02:00.
            #expect(try Self.value(event, "date") == "\(placement.day)T\(placement.start):00+02:00")
            #expect(try Self.value(event, "start") == placement.start.description)
            #expect(try Self.value(event, "duration") == String(format: "%02d:%02d", session.duration / 60, session.duration % 60))
            #expect(try Self.value(event, "room") == placement.room.flatMap(programme.room)!.name)
            #expect(try Self.value(event, "type") == session.kind.title)
            #expect(try Self.value(event, "track") == (session.themes.first.flatMap(programme.theme)?.title ?? ""))
            // The event sits in its day and its room.
            let day = try #require(event.parent?.parent as? XMLElement)
            #expect(day.attribute(forName: "date")?.stringValue == placement.day.description)
            #expect((event.parent as? XMLElement)?.attribute(forName: "name")?.stringValue == placement.room.flatMap(programme.room)!.name)
        }
        let openness = try #require(try doc.nodes(forXPath: "//event[slug='igf2006-main-openness']").first)
        #expect(try Self.value(openness, "date") == "2006-10-31T10:00:00+02:00")
        #expect(try Self.value(openness, "duration") == "03:00")
        #expect(try Self.value(openness, "persons/person") == "Nik Gowing")
        #expect(try Self.value(openness, "language") == "en")
        let opening = try #require(try doc.nodes(forXPath: "//event[slug='igf2006-opening']").first)
        #expect(try opening.nodes(forXPath: "persons/person").map(\.stringValue) == ["Michalis Liapis", "Kostas Karamanlis", "Nitin Desai"])
        #expect(try Self.value(opening, "links/link/@href") == "http://friendsoftheigf.org/session/576")
        #expect(try Self.value(opening, "url") == "http://friendsoftheigf.org/session/576")
    }

    @Test func idsAndGuidsAreUniqueAndStableAcrossExports() throws {
        let first = try FrabSchedule(programme: Athens.programme)
        let again = try FrabSchedule(programme: Athens.programme)
        #expect(first.xml() == again.xml())
        #expect(first.json() == again.json())
        let ids = first.identities.values.map(\.id), guids = first.identities.values.map(\.guid)
        #expect(Set(ids).count == ids.count && Set(guids).count == guids.count)
        #expect(first.identities["main-openness"]?.guid == StableID.uuid5("igf2006/session/main-openness"))

        // Re-publishing after a late change keeps every other event's id and guid.
        var changed = Athens.programme
        changed.sessions.removeAll { $0.id == "ws-spam" }
        changed.sessions[2].placements = [Athens.at("2006-10-31", "15:00", "plato-hall")]
        changed.sessions.insert(Session(id: "ws-late", title: "A late workshop", placements: [Athens.at("2006-11-01", "13:30", "room-1")]), at: 0)
        let later = try FrabSchedule(programme: changed)
        for (key, identity) in first.identities where key != "ws-spam" {
            #expect(later.identities[key] == identity, "\(key)")
        }
        let doc = try XMLDocument(xmlString: later.xml(), options: [])
        let moved = try #require(try doc.nodes(forXPath: "//event[@guid='\(first.identities["main-openness"]!.guid)']").first)
        #expect(try Self.value(moved, "date") == "2006-10-31T15:00:00+02:00")
        #expect(try Self.value(moved, "room") == "Plato Hall")
        #expect(first.version != later.version)
    }

    @Test func jsonCarriesTheSameEvents() throws {
        let root = try Self.json(Athens.programme)
        let schedule = try #require(root["schedule"] as? [String: Any])
        let conference = try #require(schedule["conference"] as? [String: Any])
        #expect(conference["acronym"] as? String == "igf2006")
        #expect(conference["daysCount"] as? Int == 4)
        #expect(conference["time_zone_name"] as? String == "Europe/Athens")
        let rooms = try #require(conference["rooms"] as? [[String: Any]])
        #expect(rooms.map { $0["name"] as? String } == Athens.programme.rooms.map(\.name))
        let tracks = try #require(conference["tracks"] as? [[String: Any]])
        #expect(tracks.map { $0["name"] as? String } == ["Openness", "Security", "Diversity", "Access", "Capacity building"])
        let days = try #require(conference["days"] as? [[String: Any]])
        #expect(days.count == 4)
        #expect(days[1]["day_start"] as? String == "2006-10-31T09:30:00+02:00")
        let dayRooms = try #require(days[1]["rooms"] as? [String: [[String: Any]]])
        let main = try #require(dayRooms["Main Hall"])
        #expect(main.map { $0["title"] as? String } == ["Openness", "Security"])
        let openness = main[0]
        let identities = try FrabSchedule(programme: Athens.programme).identities
        #expect(openness["id"] as? Int == identities["main-openness"]?.id)
        #expect(openness["guid"] as? String == identities["main-openness"]?.guid)
        #expect(openness["date"] as? String == "2006-10-31T10:00:00+02:00")
        #expect(openness["start"] as? String == "10:00")
        #expect(openness["duration"] as? String == "03:00")
        #expect(openness["track"] as? String == "Openness")
        #expect(openness["type"] as? String == "Main session")
        let persons = try #require(openness["persons"] as? [[String: Any]])
        #expect(persons.count == 1 && persons[0]["name"] as? String == "Nik Gowing" && persons[0]["role"] as? String == "moderator")
        let count = days.reduce(0) { sum, day in sum + ((day["rooms"] as? [String: [Any]])?.values.reduce(0) { $0 + $1.count } ?? 0) }
        #expect(count == Athens.programme.sessions.count)
    }

    /// The rules of the c3voc schedule JSON schema (voc/schedule, validator/json/schema.json)
    /// that conference apps rely on: required and allowed keys, patterns, formats.
    @Test func jsonFollowsTheScheduleSchemaRules() throws {
        let root = try Self.json(Athens.hostile)
        func keys(_ object: [String: Any]) -> Set<String> { Set(object.keys) }
        func matches(_ text: Any?, _ pattern: String) -> Bool {
            guard let text = text as? String, let regex = try? Regex("^(?:" + pattern + ")$") else { return false }
            return text.wholeMatch(of: regex) != nil
        }
        let uuid = "[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
        let dateTime = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}"
        #expect(keys(root).isSubset(of: ["$schema", "generator", "schedule"]))
        let schedule = try #require(root["schedule"] as? [String: Any])
        #expect(keys(schedule).isSuperset(of: ["version", "conference"]))
        let conference = try #require(schedule["conference"] as? [String: Any])
        #expect(keys(conference).isSuperset(of: ["title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"]))
        #expect(keys(conference).isSubset(of: ["acronym", "title", "description", "start", "end", "daysCount", "timeslot_duration",
                                               "time_zone_name", "logo", "colors", "keywords", "url", "tracks", "rooms", "meta", "days"]))
        #expect(matches(conference["acronym"], "[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?"))
        #expect(matches(conference["time_zone_name"], "[A-Z][a-z]+/[A-Z][a-z]+|UTC"))
        for room in try #require(conference["rooms"] as? [[String: Any]]) {
            #expect(keys(room).isSuperset(of: ["name", "guid"]) && keys(room).isSubset(of: ["name", "guid", "description", "capacity"]))
            #expect(matches(room["guid"], uuid))
        }
        let eventRequired: Set<String> = ["abstract", "date", "duration", "guid", "id", "language", "links", "persons", "room", "slug",
                                          "start", "subtitle", "title", "track", "type", "url"]
        let eventAllowed = eventRequired.union(["logo", "description", "recording_license", "do_not_record", "do_not_stream", "attachments", "answers"])
        var events = 0
        for day in try #require(conference["days"] as? [[String: Any]]) {
            #expect(keys(day) == ["index", "date", "day_start", "day_end", "rooms"])
            #expect(matches(day["day_start"], dateTime) && matches(day["day_end"], dateTime))
            for (_, list) in try #require(day["rooms"] as? [String: [[String: Any]]]) {
                for event in list {
                    events += 1
                    #expect(keys(event).isSuperset(of: eventRequired) && keys(event).isSubset(of: eventAllowed))
                    #expect((event["id"] as? Int ?? 0) >= 1)
                    #expect(matches(event["guid"], uuid))
                    #expect(matches(event["slug"], "[a-z0-9_-]+[a-z0-9]"))
                    #expect(matches(event["duration"], "[0-9]+:[0-9]{2}"))
                    #expect(matches(event["start"], "[0-2][0-9]:[0-5][0-9]"))
                    #expect(matches(event["date"], dateTime))
                    for person in try #require(event["persons"] as? [[String: Any]]) {
                        // Exactly one of the schema's person shapes: pretalx's (name), not frab's (public_name).
                        #expect(person["name"] is String && person["public_name"] == nil)
                        #expect(matches(person["guid"], uuid))
                    }
                }
            }
        }
        #expect(events == Agenda(Athens.hostile).items.count)
    }

    @Test func hostileTextRoundTripsAndSeriesGiveOneEventPerPart() throws {
        let programme = Athens.hostile
        let doc = try Self.document(programme)
        for title in Athens.hostileTitles {
            #expect(try doc.nodes(forXPath: "//event/title").contains { $0.stringValue == title })
        }
        // No element was injected: every event has exactly the elements the exporter writes.
        #expect(try doc.nodes(forXPath: "//img | //script").isEmpty)
        let xss = try #require(try doc.nodes(forXPath: "//event[slug='igf2006-ws-xss']").first)
        #expect(try Self.value(xss, "abstract") == "Abstract with <b>tags</b> & \"quotes\" and an ampersand &amp; entity.")
        // A javascript: address is never published as a link.
        #expect(try xss.nodes(forXPath: "links/link | url").isEmpty)
        let parts = try doc.nodes(forXPath: "//event[title='Access track']")
        #expect(parts.count == 2)
        #expect(try parts.map { try Self.value($0, "subtitle") } == ["Part 1 of 2", "Part 2 of 2"])
        #expect(try parts.map { try Self.value($0, "date") } == ["2006-10-31T13:30:00+02:00", "2006-11-01T13:30:00+02:00"])
        #expect(Set(try parts.map { try Self.value($0, "@id") }).count == 2)
        // The unplaced session is not an event.
        #expect(try doc.nodes(forXPath: "//event[title='Workshop without a room yet']").isEmpty)
        // JSON parses too, with the same titles.
        let json = try FrabSchedule(programme: programme).json()
        #expect(!json.contains("<"))
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["schedule"] != nil)
        for title in Athens.hostileTitles { #expect(json.contains(try String(data: JSONSerialization.data(withJSONObject: [title]), encoding: .utf8)!.dropFirst().dropLast().replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: "\\/", with: "/"))) }
    }

    @Test func charactersXMLCannotCarryAreDroppedAndTheRestKept() throws {
        var programme = Athens.programme
        programme.sessions[0].title = "Opening\u{1}\u{8} Ceremony — Τελετή έναρξης 🎉"
        programme.sessions[0].abstract = "line one\nline two\ttabbed\u{FFFE}"
        let doc = try Self.document(programme)
        #expect(try Self.value(doc, "//event[slug='igf2006-opening']/title") == "Opening Ceremony — Τελετή έναρξης 🎉")
        #expect(try Self.value(doc, "//event[slug='igf2006-opening']/abstract") == "line one\nline two\ttabbed")
        let json = try Self.json(programme)
        let text = try FrabSchedule(programme: programme).json()
        #expect(text.contains("\\u0001") && json["schedule"] != nil)
    }

    @Test func offsetsFollowTheZoneAcrossASummerTimeChange() throws {
        var programme = Athens.programme
        // Summer time ended in Athens on Sunday 29 October 2006 at 04:00 local time.
        programme.event.startDate = LocalDate(iso: "2006-10-28")!
        programme.days.insert(Day(date: LocalDate(iso: "2006-10-28")!, slots: [Slot(start: Athens.time("10:00"), end: Athens.time("11:00"))]), at: 0)
        programme.sessions.append(Session(id: "day-zero", title: "Day zero", kind: .dayZero, duration: 60,
                                          placements: [Athens.at("2006-10-28", "10:00", "room-1")]))
        let doc = try Self.document(programme)
        #expect(try Self.value(doc, "//event[slug='igf2006-day-zero']/date") == "2006-10-28T10:00:00+03:00")
        #expect(try Self.value(doc, "//event[slug='igf2006-opening']/date") == "2006-10-30T10:00:00+02:00")
        #expect(try Self.value(doc, "/schedule/conference/start") == "2006-10-28")
    }

    @Test func anUnknownTimeZoneIsAnInputError() {
        var programme = Athens.programme
        programme.event.timeZone = "Europe/Atlantis"
        #expect(throws: InputError.self) { try FrabSchedule(programme: programme) }
    }
}
