import Foundation
import ForumModel
import ForumRules

/// Reads programme files (docs/programme-format.md): YAML, or the same structure as JSON.
///
/// Defaults are applied, each day's slots are built from `grid` and `days`, people and
/// placement shorthands are expanded, and every reference is checked. Problems are thrown
/// as ``InputError`` (one) or ``InputErrors`` (several, all found in one pass), each with
/// file, line, column, field path, what is wrong and what would be right.
public enum ProgrammeReader {
    /// At most this many problems are reported for one file (then a count of the rest).
    public static let maxErrors = 100

    /// Reads the programme file at `path` (`.yaml`, `.yml` or `.json`).
    public static func read(path: String) throws -> Programme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            if let data = FileManager.default.contents(atPath: path), let bad = UTF8Position.firstInvalid(in: data) {
                throw InputError(location: SourceLocation(file: path, line: bad.line, column: bad.column), message: bad.message,
                                 hint: "save the file as UTF-8 (in a spreadsheet or editor: \"UTF-8\" under Save As or Encoding)")
            }
            throw InputError(location: SourceLocation(file: path),
                             message: exists ? "cannot read the file as UTF-8 text" : "no such file",
                             hint: exists ? "save it as UTF-8" : "check the path; programme files end in .yaml or .json")
        }
        return try read(text: text, file: path)
    }

    /// Reads a programme from `text`; `file` names it in errors.
    public static func read(text: String, file: String = "<text>") throws -> Programme {
        let diagnostics = Diagnostics(file: file)
        guard let root = try Document.load(text: text, file: file) else {
            throw InputError(location: SourceLocation(file: file, line: 1, column: 1), message: "the file is empty",
                             hint: "a programme needs at least `event:` (see docs/programme-format.md)")
        }
        let programme = ProgrammeParser(diagnostics: diagnostics).programme(root)
        // Top to bottom, as the organiser reads the file (references are checked last).
        var errors = diagnostics.errors.enumerated().sorted {
            ($0.element.location.line ?? 0, $0.element.location.column ?? 0, $0.offset)
                < ($1.element.location.line ?? 0, $1.element.location.column ?? 0, $1.offset)
        }.map(\.element)
        if errors.count > maxErrors {
            // A file with the wrong structure throughout would bury the first, telling problem.
            errors = Array(errors.prefix(maxErrors)) + [InputError(location: SourceLocation(file: file), message: "\(errors.count - maxErrors) more problems not shown",
                                                                   hint: "fix the ones above first; many may share one cause")]
        }
        switch errors.count {
        case 0: return programme!
        case 1: throw errors[0]
        default: throw InputErrors(errors)
        }
    }
}

/// The keys each place of the file allows (also the writer's vocabulary).
enum Keys {
    static let top = ["event", "grid", "days", "rooms", "themes", "people", "defaults", "sessions", "groups", "rules",
                      "buildings", "kinds", "tags"]
    static let event = ["name", "acronym", "city", "venue", "timezone", "start", "end", "url", "description", "organiser"]
    static let organiser = ["name", "email"]
    static let day = ["label", "slots", "add", "remove"]
    static let slot = ["start", "end", "label"]
    static let room = ["id", "name", "capacity", "equipment", "available", "building", "floor",
                       "languages", "captioning", "virtual", "tags"]
    static let theme = ["id", "title", "description", "cross-cutting", "colour"]
    static let person = ["id", "name", "stakeholder", "region", "organisation", "email", "unavailable", "attendance",
                         "timezone", "gender"]
    static let defaults = ["kind", "duration", "audience", "language", "equipment"]
    /// Role shorthands: singular and plural keys for each role.
    static let roles: [(singular: String, plural: String, role: Role)] = [
        ("organiser", "organisers", .organiser), ("speaker", "speakers", .speaker), ("moderator", "moderators", .moderator),
        ("chair", "chairs", .chair), ("rapporteur", "rapporteurs", .rapporteur), ("facilitator", "facilitators", .facilitator),
        ("online-moderator", "online-moderators", .onlineModerator),
    ]
    static let session = ["id", "title", "kind", "theme", "themes", "duration", "audience", "equipment"]
        + roles.flatMap { [$0.singular, $0.plural] }
        + ["people", "prefer", "after", "unavailable", "parts", "min-days", "placement", "placements", "pinned",
           "abstract", "description", "url", "language", "note",
           "online", "languages", "captioning", "exclusive", "tags", "score", "rank"]
    static let participation = ["person", "role"]
    static let prefer = ["days", "times", "rooms"]
    static let placement = ["day", "start", "room", "end"]
    static let group = ["id", "title", "sessions", "no-overlap", "compact"]
    static let ruleSetting = ["weight", "hard", "enabled", "limit", "hours"]
    static let building = ["id", "name", "walk"]
    static let kind = ["kind", "durations", "rooms", "days", "times", "equipment", "languages", "interpretation", "exclusive"]
    static let tag = ["id", "title", "weight"]
}

/// A reference to an id, checked once every id of the file is known.
private struct Reference {
    enum Kind: String { case room, theme, person, session, building }
    var kind: Kind
    var id: String
    var node: YAMLNode
    var path: String
    var offset: Int = 0
}

/// One pass over one document.
private final class ProgrammeParser {
    let diagnostics: Diagnostics
    let r: NodeReader
    var references: [Reference] = []
    /// Whether the file has `buildings:` (then a room's `building` is an id to check).
    var hasBuildings = false

    init(diagnostics: Diagnostics) {
        self.diagnostics = diagnostics
        self.r = NodeReader(diagnostics: diagnostics)
    }

    func programme(_ root: YAMLNode) -> Programme? {
        guard let top = r.fields(root, "", known: Keys.top, what: "a programme") else { return nil }
        let event = top["event"].flatMap { self.event($0) }
        if top["event"] == nil {
            r.diagnostics.error(root, "event", "missing `event`",
                                hint: "add `event:` with name, timezone, start and end (see docs/programme-format.md)")
        }
        hasBuildings = top["buildings"] != nil
        let grid = top["grid"].map { slots($0, "grid") } ?? []
        let days = event.map { self.days(event: $0, grid: grid, exceptions: top["days"]) } ?? []
        let rooms = top["rooms"].map { list($0, "rooms", kind: "room") { self.room($0, $1) } } ?? []
        let themes = top["themes"].map { list($0, "themes", kind: "theme") { self.theme($0, $1) } } ?? []
        let people = top["people"].map { list($0, "people", kind: "person") { self.person($0, $1) } } ?? []
        let defaults = top["defaults"].flatMap { self.defaults($0) } ?? Defaults()
        let sessions = top["sessions"].map { list($0, "sessions", kind: "session") { self.session($0, $1, defaults) } } ?? []
        let groups = top["groups"].map { list($0, "groups", kind: "group") { self.group($0, $1) } } ?? []
        let rules = top["rules"].map { ruleSettings($0) } ?? [:]
        let buildings = top["buildings"].map { list($0, "buildings", kind: "building") { self.building($0, $1) } } ?? []
        let kinds = top["kinds"].map { kindPolicies($0, days: days, rooms: rooms) } ?? []
        let tags = top["tags"].map { list($0, "tags", kind: "tag") { self.topicTag($0, $1) } } ?? []

        check(references, rooms: rooms.map(\.id), themes: themes.map(\.id), people: people.map(\.id), sessions: sessions.map(\.id),
              buildings: buildings.map(\.id))
        guard let event else { return nil }
        return Programme(event: event, days: days, rooms: rooms, themes: themes, people: people,
                         sessions: sessions, groups: groups, ruleSettings: rules, buildings: buildings, kinds: kinds, tags: tags)
    }

    // MARK: Collections with ids

    /// Reads a list of items with ids, reporting a repeated id at its second use.
    func list<T>(_ node: YAMLNode, _ path: String, kind: String, _ item: (YAMLNode, String) -> (T, String, YAMLNode)?) -> [T] {
        var result: [T] = []
        var seen: [String: YAMLNode] = [:]
        for (element, elementPath) in r.list(node, path, single: false) {
            guard let (value, id, idNode) = item(element, elementPath) else { continue }
            if let first = seen[id] {
                let where_ = first.mark.map { " at line \($0.line)" } ?? ""
                diagnostics.error(idNode, "\(elementPath).id", "\(kind) id `\(id)` is used twice (first\(where_))",
                                  hint: "give each \(kind) its own id, e.g. `\(id)-2`")
                continue
            }
            seen[id] = idNode
            result.append(value)
        }
        return result
    }

    /// The `id` field of an item: required, well-formed.
    func itemID(_ f: Fields) -> (String, YAMLNode)? {
        guard let node = r.required(f, "id", example: "an-id") else { return nil }
        guard let id = r.id(node, f.path("id")) else { return nil }
        return (id, node)
    }

    func check(_ references: [Reference], rooms: [String], themes: [String], people: [String], sessions: [String], buildings: [String]) {
        let known: [Reference.Kind: (ids: [String], set: Set<String>, plural: String)] = [
            .room: (rooms, Set(rooms), "rooms"), .theme: (themes, Set(themes), "themes"),
            .person: (people, Set(people), "people"), .session: (sessions, Set(sessions), "sessions"),
            .building: (buildings, Set(buildings), "buildings"),
        ]
        for ref in references {
            let (ids, set, plural) = known[ref.kind]!
            if set.contains(ref.id) { continue }
            let listed = ids.prefix(8).map { "`\($0)`" }.joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
            let hint: String
            if let close = closestMatch(to: ref.id, in: ids) {
                hint = "did you mean `\(close)`? (\(plural): \(listed))"
            } else {
                hint = "no \(plural) are defined; add them under `\(plural):`"
            }
            diagnostics.error(ref.node, ref.path, "unknown \(ref.kind.rawValue) `\(ref.id)`", hint: hint, offset: ref.offset)
        }
    }

    func refer(_ kind: Reference.Kind, _ node: YAMLNode, _ path: String) -> String? {
        guard let id = r.id(node, path) else { return nil }
        references.append(Reference(kind: kind, id: id, node: node, path: path))
        return id
    }

    func refers(_ kind: Reference.Kind, _ node: YAMLNode?, _ path: String) -> [String] {
        guard let node else { return [] }
        return r.list(node, path).compactMap { refer(kind, $0.node, $0.path) }
    }

    // MARK: Event and days

    func event(_ node: YAMLNode) -> Event? {
        guard let f = r.fields(node, "event", known: Keys.event, what: "the event") else { return nil }
        let name = r.required(f, "name", example: "Internet Governance Forum 2006").flatMap { r.text($0, f.path("name")) }
        let acronym = f["acronym"].flatMap { r.id($0, f.path("acronym")) }
        let zone = r.required(f, "timezone", example: "Europe/Athens").flatMap { self.zone($0, f.path("timezone")) }
        let start = r.required(f, "start", example: "2006-10-30").flatMap { r.date($0, f.path("start")) }
        var end = r.required(f, "end", example: "2006-11-02").flatMap { r.date($0, f.path("end")) }
        if let s = start, let e = end {
            if e < s {
                diagnostics.error(f["end"], f.path("end"), "the event ends (\(e)) before it starts (\(s))",
                                  hint: "`end` is the last day, on or after `start`")
                end = nil
            } else if e.dayNumber - s.dayNumber > 366 {
                diagnostics.error(f["end"], f.path("end"), "the event lasts \(e.dayNumber - s.dayNumber + 1) days",
                                  hint: "check the year of `start` and `end`; an event lasts at most a year")
                end = nil
            }
        }
        guard let name, let zone, let start, let end else { return nil }
        return Event(name: name, acronym: acronym ?? Shorthand.acronym(for: name),
                     city: f["city"].flatMap { r.text($0, f.path("city")) },
                     venue: f["venue"].flatMap { r.text($0, f.path("venue")) },
                     timeZone: zone, startDate: start, endDate: end,
                     url: f["url"].flatMap { r.text($0, f.path("url")) },
                     description: f["description"].flatMap { r.text($0, f.path("description")) },
                     organiser: f["organiser"].flatMap { organiser($0, f.path("organiser")) })
    }

    /// `organiser: {name, email}`: both required; the address is the bare `user@domain`.
    func organiser(_ node: YAMLNode, _ path: String) -> Organiser? {
        guard let f = r.fields(node, path, known: Keys.organiser, what: "the organiser") else { return nil }
        let name = r.required(f, "name", example: "IGF Secretariat").flatMap { r.text($0, f.path("name")) }
        var email = r.required(f, "email", example: "igf@un.org").flatMap { r.text($0, f.path("email")) }
        if let address = email {
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) || address.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "<" || $0 == ">" }) {
                diagnostics.error(f["email"], f.path("email"), "`\(address)` is not an e-mail address",
                                  hint: "write the bare address, e.g. igf@un.org (no name, no mailto:)")
                email = nil
            }
        }
        guard let name, let email else { return nil }
        return Organiser(name: name, email: email)
    }

    /// An IANA time zone name (`Asia/Tokyo`).
    func zone(_ node: YAMLNode, _ path: String) -> String? {
        guard let text = r.text(node, path) else { return nil }
        if TimeZone(identifier: text) != nil { return text }
        let close = closestMatch(to: text, in: TimeZone.knownTimeZoneIdentifiers.sorted())
        diagnostics.error(node, path, "unknown time zone `\(text)`",
                          hint: (close.map { "did you mean `\($0)`? " } ?? "") + "use an IANA name such as Europe/Athens or Asia/Tokyo")
        return nil
    }

    /// One slot: `"HH:MM-HH:MM label"` or `{start:, end:, label:}`.
    func slot(_ node: YAMLNode, _ path: String) -> Slot? {
        if case .mapping = node {
            guard let f = r.fields(node, path, known: Keys.slot, what: "a slot") else { return nil }
            let start = r.required(f, "start", example: "\"09:30\"").flatMap { r.time($0, f.path("start")) }
            let end = r.required(f, "end", example: "\"11:00\"").flatMap { r.time($0, f.path("end")) }
            let label = f["label"].flatMap { r.text($0, f.path("label")) }
            guard let start, let end else { return nil }
            guard start < end else {
                diagnostics.error(f["end"], f.path("end"), "the slot ends (\(end)) before it starts (\(start))",
                                  hint: "the end must be later than the start on the same day")
                return nil
            }
            return Slot(start: start, end: end, label: label)
        }
        return r.parse(node, path) { Shorthand.slot($0) }
    }

    /// A list of slots; the same times twice is an error (a day cannot hold one slot twice).
    func slots(_ node: YAMLNode, _ path: String) -> [Slot] {
        var result: [Slot] = []
        for (item, itemPath) in r.list(node, path) {
            guard let s = slot(item, itemPath) else { continue }
            if result.contains(where: { $0.range == s.range }) {
                diagnostics.error(item, itemPath, "the slot \(Shorthand.format(range: s.range)) is listed twice", hint: "remove one")
                continue
            }
            result.append(s)
        }
        return result
    }

    func days(event: Event, grid: [Slot], exceptions: YAMLNode?) -> [Day] {
        var days: [LocalDate: Day] = [:]
        var date = event.startDate
        while date <= event.endDate {
            days[date] = Day(date: date, slots: grid)
            date = date.adding(days: 1)
        }
        if let exceptions, case .mapping(let mapping) = exceptions {
            for (keyNode, value) in mapping.pairs {
                guard let key = r.text(keyNode, "days"), let date = r.date(keyNode, "days.\(key)") else { continue }
                let path = "days.\(key)"
                let distance = max(event.startDate.dayNumber - date.dayNumber, date.dayNumber - event.endDate.dayNumber)
                if distance > 7 {
                    diagnostics.error(keyNode, path, "\(key) is \(distance) days away from the event (\(event.startDate) to \(event.endDate))",
                                      hint: "a day outside `start`…`end` adds a day before or after the event (a Day 0); check the date")
                    continue
                }
                if value.isNullScalar { days[date] = days[date] ?? Day(date: date, slots: grid); continue }
                guard let f = r.fields(value, path, known: Keys.day, what: "a day") else { continue }
                var slots = f["slots"].map { self.slots($0, f.path("slots")) } ?? days[date]?.slots ?? grid
                for (item, itemPath) in (f["remove"].map { r.list($0, f.path("remove")) } ?? []).map({ ($0.node, $0.path) }) {
                    guard let s = slot(item, itemPath) else { continue }
                    if let index = slots.firstIndex(where: { $0.range == s.range }) {
                        slots.remove(at: index)
                    } else {
                        let listed = slots.map { Shorthand.format(range: $0.range) }.joined(separator: ", ")
                        diagnostics.error(item, itemPath, "\(key) has no slot \(Shorthand.format(range: s.range)) to remove",
                                          hint: slots.isEmpty ? "the day has no slots" : "its slots are \(listed)")
                    }
                }
                for (item, itemPath) in (f["add"].map { r.list($0, f.path("add")) } ?? []).map({ ($0.node, $0.path) }) {
                    guard let s = slot(item, itemPath) else { continue }
                    if slots.contains(where: { $0.range == s.range }) {
                        diagnostics.error(item, itemPath, "\(key) already has the slot \(Shorthand.format(range: s.range))",
                                          hint: "remove it first (`remove:`) to change its label, or drop this line")
                        continue
                    }
                    slots.append(s)
                }
                let label = f["label"].flatMap { r.text($0, f.path("label")) }
                days[date] = Day(date: date, label: label, slots: slots)
            }
        } else if let exceptions, !exceptions.isNullScalar {
            diagnostics.error(exceptions, "days", "expected a map from dates to day settings, found \(exceptions.kindDescription)",
                              hint: "e.g. `2006-10-30: {label: Opening day}`")
        }
        return days.keys.sorted().map { days[$0]! }
    }

    // MARK: Rooms, themes, people

    func room(_ node: YAMLNode, _ path: String) -> (Room, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.room, what: "a room"), let (id, idNode) = itemID(f) else { return nil }
        let room = Room(id: id,
                        name: f["name"].flatMap { r.text($0, f.path("name")) } ?? id,
                        capacity: f["capacity"].flatMap { r.integer($0, f.path("capacity"), minimum: 1) },
                        equipment: tags(f["equipment"], f.path("equipment")),
                        availability: r.windows(f["available"], f.path("available")),
                        building: f["building"].flatMap { hasBuildings ? refer(.building, $0, f.path("building")) : r.text($0, f.path("building")) },
                        floor: f["floor"].flatMap { r.text($0, f.path("floor")) },
                        languages: tags(f["languages"], f.path("languages")),
                        captioning: f["captioning"].flatMap { r.bool($0, f.path("captioning")) } ?? false,
                        virtual: f["virtual"].flatMap { r.bool($0, f.path("virtual")) } ?? false,
                        tags: tags(f["tags"], f.path("tags")))
        return (room, id, idNode)
    }

    func tags(_ node: YAMLNode?, _ path: String) -> [String] {
        guard let node else { return [] }
        return r.list(node, path).compactMap { r.id($0.node, $0.path) }
    }

    func theme(_ node: YAMLNode, _ path: String) -> (Theme, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.theme, what: "a theme"), let (id, idNode) = itemID(f) else { return nil }
        // Kept (titled by its id) when its title is missing, so references to it do not
        // add errors of their own; the missing title is reported.
        let title = r.required(f, "title", example: "Openness").flatMap { r.text($0, f.path("title")) } ?? id
        let theme = Theme(id: id, title: title,
                          description: f["description"].flatMap { r.text($0, f.path("description")) },
                          crossCutting: f["cross-cutting"].flatMap { r.bool($0, f.path("cross-cutting")) } ?? false,
                          colour: f["colour"].flatMap { r.text($0, f.path("colour")) })
        return (theme, id, idNode)
    }

    func person(_ node: YAMLNode, _ path: String) -> (Person, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.person, what: "a person"), let (id, idNode) = itemID(f) else { return nil }
        let name = r.required(f, "name", example: "Nitin Desai").flatMap { r.text($0, f.path("name")) } ?? id
        let person = Person(id: id, name: name,
                            stakeholderGroup: f["stakeholder"].flatMap { r.text($0, f.path("stakeholder")) },
                            region: f["region"].flatMap { r.text($0, f.path("region")) },
                            organisation: f["organisation"].flatMap { r.text($0, f.path("organisation")) },
                            email: f["email"].flatMap { r.text($0, f.path("email")) },
                            unavailable: r.windows(f["unavailable"], f.path("unavailable")),
                            attendance: attendance(f["attendance"], f.path("attendance")),
                            timezone: f["timezone"].flatMap { zone($0, f.path("timezone")) },
                            gender: f["gender"].flatMap { r.text($0, f.path("gender")) })
        return (person, id, idNode)
    }

    /// `onsite` (the default) or `online`.
    func attendance(_ node: YAMLNode?, _ path: String) -> Attendance {
        guard let node, let text = r.text(node, path) else { return .onsite }
        guard let value = Attendance(rawValue: text) else {
            let names = Attendance.allCases.map(\.rawValue)
            diagnostics.error(node, path, "unknown attendance `\(text)`",
                              hint: "did you mean `\(closestMatch(to: text, in: names) ?? "onsite")`? (one of: \(names.joined(separator: ", ")))")
            return .onsite
        }
        return value
    }

    // MARK: Sessions

    struct Defaults {
        var kind: SessionKind?
        var duration: Int?
        var audience: Int?
        var language: String?
        var equipment: [String]?
    }

    func defaults(_ node: YAMLNode) -> Defaults? {
        guard let f = r.fields(node, "defaults", known: Keys.defaults, what: "the defaults") else { return nil }
        return Defaults(kind: f["kind"].flatMap { r.text($0, f.path("kind")) }.map(SessionKind.init(id:)),
                        duration: f["duration"].flatMap { r.duration($0, f.path("duration")) },
                        audience: f["audience"].flatMap { r.integer($0, f.path("audience"), minimum: 1) },
                        language: f["language"].flatMap { r.text($0, f.path("language")) },
                        equipment: f["equipment"].map { tags($0, f.path("equipment")) })
    }

    func session(_ node: YAMLNode, _ path: String, _ defaults: Defaults) -> (Session, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.session, what: "a session"), let (id, idNode) = itemID(f) else { return nil }
        let title = r.required(f, "title", example: "An Internet Bill of Rights").flatMap { r.text($0, f.path("title")) }
        var session = Session(id: id, title: title ?? id)
        session.kind = f["kind"].flatMap { r.text($0, f.path("kind")) }.map(SessionKind.init(id:)) ?? defaults.kind ?? .workshop

        if f.has("theme") && f.has("themes") {
            diagnostics.error(f.entries.first { $0.key == "themes" }?.keyNode, f.path("themes"),
                              "both `theme` and `themes` are given", hint: "list every theme under `themes:`, the main one first")
        }
        session.themes = refers(.theme, f["themes"] ?? f["theme"], f.path(f.has("themes") ? "themes" : "theme"))
        session.duration = f["duration"].flatMap { r.duration($0, f.path("duration")) } ?? defaults.duration ?? 90
        session.audience = f["audience"].flatMap { r.integer($0, f.path("audience"), minimum: 1) } ?? defaults.audience
        session.equipment = f["equipment"].map { tags($0, f.path("equipment")) } ?? defaults.equipment ?? []
        session.language = f["language"].flatMap { r.text($0, f.path("language")) } ?? defaults.language

        // People in the order the file lists them: shorthands and the long form alike.
        for entry in f.entries where !entry.value.isNullScalar {
            if let role = Keys.roles.first(where: { $0.singular == entry.key || $0.plural == entry.key })?.role {
                for person in refers(.person, entry.value, f.path(entry.key)) {
                    addParticipant(&session, Participation(person: person, role: role), node: entry.value, path: f.path(entry.key))
                }
            } else if entry.key == "people" {
                for (item, itemPath) in r.list(entry.value, f.path("people"), single: false) {
                    guard let p = r.fields(item, itemPath, known: Keys.participation, what: "a participation"),
                          let personNode = r.required(p, "person", example: "ndesai"),
                          let person = refer(.person, personNode, p.path("person")),
                          let roleNode = r.required(p, "role", example: "speaker"),
                          let roleText = r.text(roleNode, p.path("role")) else { continue }
                    guard let role = Role(rawValue: roleText) else {
                        let names = Role.allCases.map(\.rawValue)
                        diagnostics.error(roleNode, p.path("role"), "unknown role `\(roleText)`",
                                          hint: "did you mean `\(closestMatch(to: roleText, in: names) ?? "speaker")`? (roles: \(names.joined(separator: ", ")))")
                        continue
                    }
                    addParticipant(&session, Participation(person: person, role: role), node: item, path: itemPath)
                }
            }
        }

        if let prefer = f["prefer"], let p = r.fields(prefer, f.path("prefer"), known: Keys.prefer, what: "preferences") {
            session.preferences = Preferences(
                days: p["days"].map { r.list($0, p.path("days")).compactMap { r.date($0.node, $0.path) } } ?? [],
                times: p["times"].map { r.list($0, p.path("times")).compactMap { r.range($0.node, $0.path) } } ?? [],
                rooms: refers(.room, p["rooms"], p.path("rooms")))
        }
        session.after = refers(.session, f["after"], f.path("after"))
        if let selfIndex = session.after.firstIndex(of: id), let afterNode = f["after"] {
            let items = r.list(afterNode, f.path("after"))
            diagnostics.error(items.count > selfIndex ? items[selfIndex].node : afterNode, f.path("after"),
                              "session `\(id)` cannot come after itself", hint: "remove `\(id)` from `after`")
        }
        session.unavailable = r.windows(f["unavailable"], f.path("unavailable"))
        session.parts = f["parts"].flatMap { r.integer($0, f.path("parts"), minimum: 1, maximum: 100) } ?? 1
        session.minDays = f["min-days"].flatMap { r.integer($0, f.path("min-days"), minimum: 1, maximum: 100) } ?? 1
        if session.minDays > session.parts {
            diagnostics.error(f["min-days"], f.path("min-days"), "\(session.parts) part(s) cannot spread over \(session.minDays) days",
                              hint: "use `min-days: \(session.parts)` or more `parts`")
        }

        if f.has("placement") && f.has("placements") {
            diagnostics.error(f.entries.first { $0.key == "placements" }?.keyNode, f.path("placements"),
                              "both `placement` and `placements` are given", hint: "use `placements:` (a list) for a series, `placement:` otherwise")
        }
        if let node = f["placement"] {
            session.placements = placement(node, f.path("placement")).map { [$0] } ?? []
        } else if let node = f["placements"] {
            session.placements = r.list(node, f.path("placements"), single: false).compactMap { placement($0.node, $0.path) }
            if session.placements.count > session.parts {
                diagnostics.error(node, f.path("placements"), "\(session.placements.count) placements for \(session.parts) part(s)",
                                  hint: "set `parts: \(session.placements.count)` or remove placements")
            }
        }
        session.pinned = f["pinned"].flatMap { r.bool($0, f.path("pinned")) } ?? false
        session.abstract = f["abstract"].flatMap { r.text($0, f.path("abstract")) }
        session.description = f["description"].flatMap { r.text($0, f.path("description")) }
        session.url = f["url"].flatMap { r.text($0, f.path("url")) }
        session.note = f["note"].flatMap { r.text($0, f.path("note")) }
        session.online = f["online"].flatMap { r.bool($0, f.path("online")) } ?? false
        session.languages = tags(f["languages"], f.path("languages"))
        session.captioning = f["captioning"].flatMap { r.bool($0, f.path("captioning")) } ?? false
        session.exclusive = f["exclusive"].flatMap { r.bool($0, f.path("exclusive")) } ?? false
        session.tags = tags(f["tags"], f.path("tags"))
        session.score = f["score"].flatMap { r.decimal($0, f.path("score"), minimum: -1_000_000, maximum: 1_000_000) }
        session.rank = f["rank"].flatMap { r.integer($0, f.path("rank"), minimum: 1, maximum: 1_000_000) }
        if !session.online, session.placements.contains(where: { $0.room == nil }) {
            let key = f.has("placements") ? "placements" : "placement"
            diagnostics.error(f[key], f.path(key), "a placement without a room, for a session in the venue",
                              hint: "add the room (`YYYY-MM-DD HH:MM room`), or mark the session `online: true`")
        }
        return (session, id, idNode)
    }

    func addParticipant(_ session: inout Session, _ p: Participation, node: YAMLNode, path: String) {
        if session.people.contains(p) {
            diagnostics.error(node, path, "`\(p.person)` is listed twice as \(p.role.rawValue)", hint: "list each person once per role")
            return
        }
        session.people.append(p)
    }

    /// `"YYYY-MM-DD HH:MM room"` (or with `HH:MM-HH:MM`) or `{day:, start:, room:, end:}`.
    func placement(_ node: YAMLNode, _ path: String) -> Placement? {
        if case .mapping = node {
            guard let f = r.fields(node, path, known: Keys.placement, what: "a placement") else { return nil }
            let day = r.required(f, "day", example: "2006-10-31").flatMap { r.date($0, f.path("day")) }
            let start = r.required(f, "start", example: "\"10:00\"").flatMap { r.time($0, f.path("start")) }
            // No room: an online session placed in time only (checked with the session).
            let room = f["room"].flatMap { refer(.room, $0, f.path("room")) }
            let end = f["end"].flatMap { r.time($0, f.path("end")) }
            guard let day, let start, f["room"] == nil || room != nil else { return nil }
            if let end, end <= start {
                diagnostics.error(f["end"], f.path("end"), "the placement ends (\(end)) before it starts (\(start))",
                                  hint: "the end must be later than the start on the same day")
                return nil
            }
            return Placement(day: day, start: start, room: room, end: end)
        }
        guard let parsed = r.parse(node, path, { Shorthand.placement($0) }) else { return nil }
        guard let room = parsed.placement.room else { return parsed.placement }
        if let bad = Shorthand.badIdCharacter(room) {
            diagnostics.error(node, "\(path).room", "`\(room)` is not a room id",
                              hint: "ids are letters, digits, `-`, `_` and `.`", offset: parsed.roomOffset + bad)
            return nil
        }
        references.append(Reference(kind: .room, id: room, node: node, path: "\(path).room", offset: parsed.roomOffset))
        return parsed.placement
    }

    // MARK: Groups and rules

    func group(_ node: YAMLNode, _ path: String) -> (SessionGroup, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.group, what: "a group"), let (id, idNode) = itemID(f) else { return nil }
        let title = r.required(f, "title", example: "Newcomers' track").flatMap { r.text($0, f.path("title")) }
        let sessionsNode = r.required(f, "sessions", example: "[ws-1, ws-2]")
        let sessions = refers(.session, sessionsNode, f.path("sessions"))
        guard let title, sessionsNode != nil else { return nil }
        let group = SessionGroup(id: id, title: title, sessions: sessions,
                                 noOverlap: f["no-overlap"].flatMap { r.bool($0, f.path("no-overlap")) } ?? true,
                                 compact: f["compact"].flatMap { r.bool($0, f.path("compact")) } ?? false)
        return (group, id, idNode)
    }

    func ruleSettings(_ node: YAMLNode) -> [String: RuleSetting] {
        guard case .mapping(let mapping) = node else {
            if !node.isNullScalar {
                diagnostics.error(node, "rules", "expected a map from rule ids to settings, found \(node.kindDescription)",
                                  hint: "e.g. `theme-parallel: {weight: 20}` or `day-balance: off`")
            }
            return [:]
        }
        let ids = RuleID.allCases.map(\.rawValue)
        var result: [String: RuleSetting] = [:]
        for (keyNode, value) in mapping.pairs {
            guard let key = r.text(keyNode, "rules") else { continue }
            let path = "rules.\(key)"
            guard RuleID(rawValue: key) != nil else {
                diagnostics.error(keyNode, path, "unknown rule `\(key)`",
                                  hint: "did you mean `\(closestMatch(to: key, in: ids) ?? ids[0])`? (`forum rules` lists every rule)")
                continue
            }
            if case .mapping = value {
                guard let f = r.fields(value, path, known: Keys.ruleSetting, what: "a rule setting") else { continue }
                let definition = RuleID(rawValue: key)!.definition
                if f.has("limit") && definition.limit == nil {
                    diagnostics.error(f["limit"], f.path("limit"), "`\(key)` has no limit to set",
                                      hint: "`forum rules` lists the rules with a limit (person-load, panel-size, …)")
                }
                if f.has("hours") && definition.hours == nil {
                    diagnostics.error(f["hours"], f.path("hours"), "`\(key)` has no hours to set", hint: "only `remote-hours` takes `hours`")
                }
                result[key] = RuleSetting(enabled: f["enabled"].flatMap { r.bool($0, f.path("enabled")) } ?? true,
                                          weight: f["weight"].flatMap { r.integer($0, f.path("weight"), minimum: 0) },
                                          hard: f["hard"].flatMap { r.bool($0, f.path("hard")) },
                                          limit: f["limit"].flatMap { r.integer($0, f.path("limit"), minimum: 0) },
                                          hours: f["hours"].flatMap { r.range($0, f.path("hours")) })
            } else if let on = r.bool(value, path) {
                result[key] = RuleSetting(enabled: on)
            }
        }
        return result
    }

    // MARK: Buildings, kinds, tags

    /// `{id:, name:, walk: {other-building: minutes}}`.
    func building(_ node: YAMLNode, _ path: String) -> (Building, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.building, what: "a building"), let (id, idNode) = itemID(f) else { return nil }
        var walks: [String: Int] = [:]
        if let walk = f["walk"] {
            if case .mapping(let mapping) = walk {
                for (keyNode, value) in mapping.pairs {
                    guard let other = refer(.building, keyNode, f.path("walk")),
                          let minutes = r.integer(value, f.path("walk.\(other)"), minimum: 0) else { continue }
                    walks[other] = minutes
                }
            } else {
                diagnostics.error(walk, f.path("walk"), "expected a map from building ids to walking minutes, found \(walk.kindDescription)",
                                  hint: "e.g. `walk: {itu-tower: 8}`")
            }
        }
        let name = f["name"].flatMap { r.text($0, f.path("name")) } ?? id
        return (Building(id: id, name: name, walks: walks), id, idNode)
    }

    /// `{id:, title:, weight:}`.
    func topicTag(_ node: YAMLNode, _ path: String) -> (TopicTag, String, YAMLNode)? {
        guard let f = r.fields(node, path, known: Keys.tag, what: "a tag"), let (id, idNode) = itemID(f) else { return nil }
        let tag = TopicTag(id: id, title: f["title"].flatMap { r.text($0, f.path("title")) },
                           weight: f["weight"].flatMap { r.integer($0, f.path("weight"), minimum: 0) } ?? 1)
        return (tag, id, idNode)
    }

    /// The `kinds:` list: one policy per kind; room and day names must match the programme.
    func kindPolicies(_ node: YAMLNode, days: [Day], rooms: [Room]) -> [KindPolicy] {
        var result: [KindPolicy] = []
        for (item, path) in r.list(node, "kinds", single: false) {
            guard let f = r.fields(item, path, known: Keys.kind, what: "a kind policy"),
                  let kindNode = r.required(f, "kind", example: "town-hall"),
                  let kindText = r.text(kindNode, f.path("kind")) else { continue }
            let kind = SessionKind(id: kindText)
            if result.contains(where: { $0.kind == kind }) {
                diagnostics.error(kindNode, f.path("kind"), "kind `\(kindText)` has two policies", hint: "merge them into one")
                continue
            }
            var policy = KindPolicy(kind: kind)
            policy.durations = f["durations"].map { durationRanges($0, f.path("durations")) } ?? []
            if let roomsNode = f["rooms"] {
                for (roomNode, roomPath) in r.list(roomsNode, f.path("rooms")) {
                    guard let name = r.id(roomNode, roomPath) else { continue }
                    if !rooms.contains(where: { $0.id == name || $0.tags.contains(name) }) {
                        let known = (rooms.map(\.id) + Set(rooms.flatMap(\.tags)).sorted())
                        diagnostics.error(roomNode, roomPath, "no room has the id or tag `\(name)`",
                                          hint: (closestMatch(to: name, in: known).map { "did you mean `\($0)`? " } ?? "") + "name rooms by id or by a tag in their `tags:`")
                        continue
                    }
                    policy.rooms.append(name)
                }
            }
            if let daysNode = f["days"] {
                for (dayNode, dayPath) in r.list(daysNode, f.path("days")) {
                    guard let name = r.text(dayNode, dayPath) else { continue }
                    let probe = KindPolicy(kind: kind, days: [name])
                    if !days.contains(where: probe.names) {
                        let labels = days.compactMap(\.label)
                        diagnostics.error(dayNode, dayPath, "no day of the programme is `\(name)`",
                                          hint: "give a date of the event (YYYY-MM-DD) or a day label" + (labels.isEmpty ? " (set one under `days:`)" : " (\(labels.joined(separator: ", ")))"))
                        continue
                    }
                    policy.days.append(name)
                }
            }
            policy.times = f["times"].map { r.list($0, f.path("times")).compactMap { r.range($0.node, $0.path) } } ?? []
            policy.equipment = tags(f["equipment"], f.path("equipment"))
            policy.languages = tags(f["languages"], f.path("languages"))
            policy.interpretation = f["interpretation"].flatMap { r.bool($0, f.path("interpretation")) } ?? true
            policy.exclusive = f["exclusive"].flatMap { r.bool($0, f.path("exclusive")) } ?? false
            result.append(policy)
        }
        return result
    }

    /// Durations: minutes (`30`, `1h`) or spans (`20-60`), one or a list.
    func durationRanges(_ node: YAMLNode, _ path: String) -> [DurationRange] {
        r.list(node, path).compactMap { item, itemPath in
            if let text = r.text(item, itemPath), text.contains("-") {
                let ends = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                if ends.count == 2, let lo = Int(ends[0]), let hi = Int(ends[1]), 0 < lo, lo <= hi { return DurationRange(lo, hi) }
                diagnostics.error(item, itemPath, "`\(text)` is not a span of minutes", hint: "write e.g. `20-60` (minutes, the shorter first)")
                return nil
            }
            return r.duration(item, itemPath).map { DurationRange($0, $0) }
        }
    }
}
