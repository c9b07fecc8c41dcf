import Foundation
import ForumModel

/// The Athens 2006 sessions whose day, time and room public sources give (see
/// ../shared/reference/athens-2006.yaml), as a programme of the model: library-level tests
/// use it; the client tests also export Schedules/athens-2006.yaml when it is there.
enum Fixtures {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func at(_ day: String, _ time: String, _ room: String, end: String? = nil) -> Placement {
        Placement(day: date(day), start: TimeOfDay(time)!, room: room, end: end.flatMap { TimeOfDay($0) })
    }

    static var athens: Programme {
        let grid = ["09:30-11:00", "10:00-13:00", "11:30-13:00", "13:30-15:00", "15:00-18:00", "15:30-17:00"].map { text -> Slot in
            let p = text.split(separator: "-")
            return Slot(start: TimeOfDay(String(p[0]))!, end: TimeOfDay(String(p[1]))!)
        }
        let days = ["2006-10-30", "2006-10-31", "2006-11-01", "2006-11-02"].map { Day(date: date($0), slots: grid) }
        return Programme(
            event: Event(name: "Internet Governance Forum, inaugural meeting (IGF 2006)", acronym: "igf2006", city: "Athens",
                         venue: "Divani Apollon Palace & Spa, Vouliagmeni", timeZone: "Europe/Athens",
                         startDate: date("2006-10-30"), endDate: date("2006-11-02"), url: "https://www.intgovforum.org/",
                         organiser: Organiser(name: "IGF Secretariat", email: "igf@un.org")),
            days: days,
            rooms: [Room(id: "main-hall", name: "Main Hall", capacity: 800), Room(id: "plato-hall", name: "Plato Hall"),
                    Room(id: "kleoniki-room", name: "Kleoniki Room"), Room(id: "room-1", name: "Room 1")],
            themes: [Theme(id: "openness", title: "Openness", description: "Freedom of expression, free flow of information, ideas and knowledge"),
                     Theme(id: "security", title: "Security"), Theme(id: "diversity", title: "Diversity"), Theme(id: "access", title: "Access")],
            people: [Person(id: "kcukier", name: "Kenneth Cukier", organisation: "The Economist"),
                     Person(id: "ngowing", name: "Nik Gowing", organisation: "BBC World"),
                     Person(id: "yimai", name: "Yoshinori Imai", organisation: "NHK"),
                     Person(id: "ugosset", name: "Ulysse Gosset", organisation: "France 24"),
                     Person(id: "ndesai", name: "Nitin Desai", organisation: "United Nations"),
                     Person(id: "vbertola", name: "Vittorio Bertola", organisation: "ICANN ALAC")],
            sessions: [
                Session(id: "setting-the-scene", title: "Multistakeholder Policy Dialogue - Setting the Scene", kind: .mainSession, duration: 180,
                        people: [Participation(person: "kcukier", role: .moderator)], placements: [at("2006-10-30", "15:00", "main-hall")]),
                Session(id: "main-openness", title: "Openness", kind: .mainSession, themes: ["openness"], duration: 180,
                        people: [Participation(person: "ngowing", role: .moderator)], placements: [at("2006-10-31", "10:00", "main-hall")],
                        url: "https://www.intgovforum.org/Description_of_Theme_Openess.php"),
                Session(id: "main-security", title: "Security", kind: .mainSession, themes: ["security"], duration: 180,
                        people: [Participation(person: "kcukier", role: .moderator)], placements: [at("2006-10-31", "15:00", "main-hall")]),
                Session(id: "main-diversity", title: "Diversity", kind: .mainSession, themes: ["diversity"], duration: 180,
                        people: [Participation(person: "yimai", role: .moderator)], placements: [at("2006-11-01", "10:00", "main-hall")]),
                Session(id: "main-access", title: "Access", kind: .mainSession, themes: ["access"], duration: 180,
                        people: [Participation(person: "ugosset", role: .moderator)], placements: [at("2006-11-01", "15:00", "main-hall")]),
                Session(id: "taking-stock", title: "Conclusions and the way forward / Taking Stock - the Way Forward", kind: .mainSession, duration: 180,
                        people: [Participation(person: "ndesai", role: .chair)], placements: [at("2006-11-02", "10:00", "main-hall")]),
                Session(id: "ws-internet-bill-of-rights", title: "An Internet Bill of Rights", kind: .workshop, themes: ["openness"], duration: 90,
                        people: [Participation(person: "vbertola", role: .moderator)], placements: [at("2006-11-01", "13:30", "plato-hall")]),
                Session(id: "ws-open-standards-procurement", title: "Open standards, interoperability and government procurement", kind: .workshop,
                        themes: ["access"], duration: 90, placements: [at("2006-11-02", "09:30", "kleoniki-room")]),
                Session(id: "ws-unesco-openness-cyberspace", title: "UNESCO Workshop II: Openness in Cyberspace - the Challenges of Freedom of Expression",
                        kind: .workshop, themes: ["openness"], duration: 90, placements: [at("2006-11-01", "15:30", "room-1")]),
            ])
    }
}

/// iCalendar text with folded lines joined again (RFC 5545 §3.1), CRLF turned into LF.
func unfolded(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "").replacingOccurrences(of: "\r\n", with: "\n")
}
