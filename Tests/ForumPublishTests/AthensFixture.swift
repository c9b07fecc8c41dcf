import Foundation
import ForumModel

/// The Athens 2006 main sessions and the opening day's workshops as Schedules/athens-2006.yaml
/// records them (same ids, times, rooms and people), built in code so that the exporters are
/// tested without the programme reader. Tests that read the file itself live beside these.
enum Athens {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }
    static func at(_ day: String, _ start: String, _ room: String) -> Placement {
        Placement(day: date(day), start: time(start), room: room)
    }

    static var programme: Programme {
        let grid = ["09:30-11:00", "10:00-13:00", "11:30-13:00", "13:30-15:00", "15:00-18:00", "15:30-17:00"].map { text -> Slot in
            let parts = text.split(separator: "-").map(String.init)
            return Slot(start: time(parts[0]), end: time(parts[1]))
        }
        let summing = Slot(start: time("09:00"), end: time("09:50"), label: "Summing up")
        let days = [
            Day(date: date("2006-10-30"), label: "Opening day", slots: grid),
            Day(date: date("2006-10-31"), label: "Openness and Security", slots: grid),
            Day(date: date("2006-11-01"), label: "Diversity and Access", slots: grid + [summing]),
            Day(date: date("2006-11-02"), label: "Taking stock and closing", slots: grid.filter { $0.start != time("15:30") } + [summing]),
        ]
        let rooms = [
            Room(id: "main-hall", name: "Main Hall", capacity: 800, equipment: ["interpretation", "webcast", "remote", "accessible"]),
            Room(id: "plato-hall", name: "Plato Hall", capacity: 200),
            Room(id: "kleoniki-room", name: "Kleoniki Room", capacity: 150),
            Room(id: "room-1", name: "Room 1", capacity: 150),
            Room(id: "room-2", name: "Room 2", capacity: 120),
            Room(id: "room-3", name: "Room 3", capacity: 100),
        ]
        let themes = [
            Theme(id: "openness", title: "Openness", description: "Freedom of expression, free flow of information, ideas and knowledge"),
            Theme(id: "security", title: "Security", description: "Creating trust and confidence through collaboration"),
            Theme(id: "diversity", title: "Diversity", description: "Promoting multilingualism and local content"),
            Theme(id: "access", title: "Access", description: "Internet connectivity: policy and cost"),
            Theme(id: "capacity-building", title: "Capacity building", description: "A horizontal priority across the four themes", crossCutting: true),
        ]
        let people = [
            Person(id: "ndesai", name: "Nitin Desai", organisation: "United Nations (Chair of the IGF)"),
            Person(id: "kkaramanlis", name: "Kostas Karamanlis"),
            Person(id: "mliapis", name: "Michalis Liapis"),
            Person(id: "kcukier", name: "Kenneth Cukier"),
            Person(id: "ngowing", name: "Nik Gowing"),
            Person(id: "yimai", name: "Yoshinori Imai"),
            Person(id: "ugosset", name: "Ulysse Gosset"),
            Person(id: "unesco", name: "UNESCO"),
            Person(id: "icann", name: "ICANN"),
            Person(id: "ntra", name: "NTRA (Egypt)"),
        ]
        let all = ["openness", "security", "diversity", "access"]
        func main(_ id: String, _ title: String, kind: SessionKind = .mainSession, themes: [String] = [], duration: Int = 180,
                  people: [Participation], at placement: Placement, url: String? = nil) -> Session {
            Session(id: id, title: title, kind: kind, themes: themes, duration: duration, people: people,
                    placements: [placement], pinned: true, url: url, language: "en")
        }
        let sessions = [
            main("opening", "Opening Ceremony", kind: .opening,
                 people: [Participation(person: "mliapis", role: .chair), Participation(person: "kkaramanlis", role: .speaker),
                          Participation(person: "ndesai", role: .speaker)],
                 at: at("2006-10-30", "10:00", "main-hall"), url: "http://friendsoftheigf.org/session/576"),
            main("setting-the-scene", "Multistakeholder Policy Dialogue - Setting the Scene", themes: all,
                 people: [Participation(person: "kcukier", role: .moderator)], at: at("2006-10-30", "15:00", "main-hall")),
            main("main-openness", "Openness", themes: ["openness"], people: [Participation(person: "ngowing", role: .moderator)],
                 at: at("2006-10-31", "10:00", "main-hall")),
            main("main-security", "Security", themes: ["security"], people: [Participation(person: "kcukier", role: .moderator)],
                 at: at("2006-10-31", "15:00", "main-hall")),
            main("summing-up-1", "Summing Up (1)", duration: 50, people: [Participation(person: "ndesai", role: .chair)],
                 at: at("2006-11-01", "09:00", "main-hall")),
            main("main-diversity", "Diversity", themes: ["diversity"], people: [Participation(person: "yimai", role: .moderator)],
                 at: at("2006-11-01", "10:00", "main-hall")),
            main("main-access", "Access", themes: ["access"], people: [Participation(person: "ugosset", role: .moderator)],
                 at: at("2006-11-01", "15:00", "main-hall")),
            main("summing-up-2", "Summing Up (2)", duration: 50, people: [Participation(person: "ndesai", role: .chair)],
                 at: at("2006-11-02", "09:00", "main-hall")),
            main("taking-stock", "Taking Stock - the Way Forward", themes: all, people: [Participation(person: "ndesai", role: .chair)],
                 at: at("2006-11-02", "10:00", "main-hall")),
            main("closing", "Closing Ceremony", kind: .closing, duration: 60,
                 people: [Participation(person: "mliapis", role: .speaker), Participation(person: "ndesai", role: .speaker)],
                 at: at("2006-11-02", "15:00", "main-hall")),
            Session(id: "ws-multilingual-internet", title: "Towards a Multilingual Global Internet: Avoiding the Risk of Fragmentation",
                    themes: ["diversity"], people: ["unesco", "icann", "ntra"].map { Participation(person: $0, role: .organiser) },
                    placements: [at("2006-10-30", "13:30", "kleoniki-room")], language: "en"),
            Session(id: "ws-interconnection-costs", title: "International Internet Interconnection Costs and Developing Countries",
                    themes: ["access"], placements: [at("2006-10-30", "13:30", "room-1")], language: "en"),
            Session(id: "ws-spam", title: "Fighting Spam: Policy and Technical Cooperation",
                    themes: ["security"], placements: [at("2006-10-30", "13:30", "room-2")], language: "en"),
            Session(id: "ws-capacity-building-ig", title: "Capacity Building for Internet Governance in Developing Countries",
                    themes: ["capacity-building"], placements: [at("2006-10-30", "13:30", "room-3")], language: "en"),
        ]
        return Programme(
            event: Event(name: "Internet Governance Forum 2006", acronym: "igf2006", city: "Athens",
                         venue: "Divani Apollon Palace & Spa, Vouliagmeni", timeZone: "Europe/Athens",
                         startDate: date("2006-10-30"), endDate: date("2006-11-02"), url: "https://www.intgovforum.org/"),
            days: days, rooms: rooms, themes: themes, people: people, sessions: sessions)
    }

    /// Titles that would run as markup if any exporter forgot to escape them.
    static let hostileTitles = [
        "<img src=x onerror=alert(1)>",
        "<script>document.body.setAttribute('data-pwned','1')</script>",
        "\"><img src=x onerror=\"document.title='pwned'\">",
    ]

    /// Athens with a hostile workshop, a series of two parts, an unplaced session and a
    /// session clashing in a room: the cases the exporters must handle.
    static var hostile: Programme {
        var p = programme
        p.sessions.append(Session(id: "ws-xss", title: hostileTitles[0], themes: ["security"],
                                  placements: [at("2006-10-31", "09:30", "room-1")],
                                  abstract: "Abstract with <b>tags</b> & \"quotes\" and an ampersand &amp; entity.",
                                  url: "javascript:alert(1)"))
        p.sessions.append(Session(id: "ws-xss-2", title: hostileTitles[1], themes: ["openness"],
                                  placements: [at("2006-10-31", "11:30", "room-1")]))
        p.sessions.append(Session(id: "ws-xss-3", title: hostileTitles[2],
                                  placements: [at("2006-10-31", "13:30", "room-1")]))
        p.sessions.append(Session(id: "dc-access-track", title: "Access track", themes: ["access"], parts: 2,
                                  placements: [at("2006-10-31", "13:30", "plato-hall"), at("2006-11-01", "13:30", "plato-hall")]))
        p.sessions.append(Session(id: "ws-unplaced", title: "Workshop without a room yet", themes: ["openness"]))
        p.sessions.append(Session(id: "ws-clash", title: "Clashing workshop", themes: ["capacity-building"],
                                  placements: [at("2006-10-30", "14:00", "room-3")]))
        p.themes[0].colour = "red;}</style><script>alert(1)</script>"
        return p
    }
}
