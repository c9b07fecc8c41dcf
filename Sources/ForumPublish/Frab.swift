import Foundation
import ForumModel

/// Options for the frab schedule export.
public struct FrabOptions: Sendable {
    /// Base address of the conference site (`base_url`); the event's `url` when nil. Only
    /// http(s) addresses are written.
    public var baseURL: String?
    /// The schedule version apps compare to notice a new release; a digest of the programme
    /// (times, rooms, titles) when nil, so it changes exactly when the published content does.
    public var version: String?

    public init(baseURL: String? = nil, version: String? = nil) {
        self.baseURL = baseURL
        self.version = version
    }
}

/// The programme in the frab schedule format that pretalx and frab publish and conference
/// apps (ConfClerk, Giggity, EventFahrplan…) read: `schedule.xml` and `schedule.json`.
///
/// Every placed session becomes one event, every part of a series its own event. An online
/// session placed without a room is in the room `Online`; an online-only session's abstract
/// starts with `Online session.`; people who take part online have ` (online)` after the name. Event ids
/// (positive integers) and guids (name-based UUID v5) are derived from the event acronym and
/// the session id (plus the part number of a series), so they stay the same from one export
/// to the next and apps keep a participant's favourites.
public struct FrabSchedule {
    public let agenda: Agenda
    public let options: FrabOptions
    /// Per agenda item key: numeric id, guid and slug.
    public let identities: [String: FrabIdentity]
    /// Per person id: numeric id and guid.
    public let personIdentities: [String: FrabIdentity]
    /// Minutes between the grid's time marks (greatest common divisor of every time and duration).
    public let timeslotMinutes: Int

    /// Identifiers of one event or person in the export.
    public struct FrabIdentity: Hashable, Sendable {
        public var id: Int
        public var guid: String
        public var slug: String
    }

    /// Prepares the export. Throws ``InputError`` when the event's time zone is not a known IANA name,
    /// since times with UTC offsets cannot be written then.
    public init(programme: Programme, options: FrabOptions = FrabOptions()) throws {
        guard programme.event.zone != nil else {
            throw InputError(location: SourceLocation(file: "programme"), field: "event.timezone",
                             message: "unknown time zone `\(programme.event.timeZone)`",
                             hint: "use an IANA name such as Europe/Athens or Europe/Zurich")
        }
        agenda = Agenda(programme)
        self.options = options
        let acronym = programme.event.acronym
        let acronymSlug = Text.slug(acronym).isEmpty ? "event" : Text.slug(acronym)

        // Ids in the order of the keys, so a collision is resolved the same way every time.
        var ids: [String: FrabIdentity] = [:]
        var usedIDs = Set<Int>(), usedSlugs = Set<String>()
        for item in agenda.items.sorted(by: { $0.key < $1.key }) {
            var id = StableID.number("\(acronym)/session/\(item.key)")
            while !usedIDs.insert(id).inserted { id = id == Int(Int32.max) ? 1 : id + 1 }
            let keySlug = Text.slug(item.key)
            var slug = keySlug.isEmpty ? "\(acronymSlug)-\(id)" : "\(acronymSlug)-\(keySlug)"
            if !usedSlugs.insert(slug).inserted {
                slug += "-\(id)"
                usedSlugs.insert(slug)
            }
            ids[item.key] = FrabIdentity(id: id, guid: StableID.uuid5("\(acronym)/session/\(item.key)"), slug: slug)
        }
        identities = ids

        var people: [String: FrabIdentity] = [:]
        var usedPeople = Set<Int>()
        let personIDs = Set(agenda.items.flatMap { $0.session.people.map(\.person) }).sorted()
        for person in personIDs {
            var id = StableID.number("\(acronym)/person/\(person)")
            while !usedPeople.insert(id).inserted { id = id == Int(Int32.max) ? 1 : id + 1 }
            people[person] = FrabIdentity(id: id, guid: StableID.uuid5("\(acronym)/person/\(person)"), slug: Text.slug(person))
        }
        personIdentities = people

        var step = 60
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        for item in agenda.items { step = gcd(step, gcd(item.range.start.minutes, item.range.end.minutes)) }
        for day in programme.days { for slot in day.slots { step = gcd(step, gcd(slot.start.minutes, slot.end.minutes)) } }
        timeslotMinutes = max(step, 1)
    }

    // MARK: Shared values

    var event: Event { agenda.programme.event }
    var firstDate: LocalDate { min(event.startDate, agenda.days.first?.date ?? event.startDate) }
    var lastDate: LocalDate { max(event.endDate, agenda.days.last?.date ?? event.endDate) }

    var baseURL: String? {
        (options.baseURL ?? event.url).flatMap { Text.isWebURL($0) ? $0 : nil }
    }

    /// ISO 8601 with the venue's UTC offset; minutes past midnight roll into the next day.
    func instant(_ date: LocalDate, _ minutes: Int) -> String {
        // The zone was checked in init, so there is always an offset.
        agenda.instant(date, minutes) ?? "\(date)T\(TimeOfDay(minutes: minutes % 1440)):00Z"
    }

    func dayWindow(_ day: AgendaDay) -> (start: String, end: String) {
        let window = day.window ?? TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 1440))
        return (instant(day.date, window.start.minutes), instant(day.date, window.end.minutes))
    }

    /// The schedule version: given, or a digest of what apps show.
    public var version: String {
        if let version = options.version { return version }
        var text = "\(event.name)\n"
        for item in agenda.items {
            text += "\(item.key)|\(item.placement.day.dayNumber)|\(item.range.start.minutes)-\(item.range.end.minutes)|\(item.roomName)|\(item.session.title)|\(item.mainTheme?.label ?? "")\n"
        }
        return String(Digest.hex(Digest.sha1(Array(text.utf8))).prefix(12))
    }

    /// Each person of the session once, in the session's order; the name of a person who
    /// takes part online is followed by ` (online)` (frab has no attendance field, and apps
    /// such as ConfClerk show the name as given).
    func persons(_ item: AgendaItem) -> [(person: String, name: String, role: Role)] {
        var seen = Set<String>()
        return item.session.people.compactMap { p in
            guard seen.insert(p.person).inserted else { return nil }
            return (p.person, agenda.markedName(p.person), p.role)
        }
    }

    /// The abstract as published: an online-only session's starts with `Online session.`, so
    /// that apps (which have no field for it) show it with the session; its room is `Online`
    /// (or the virtual room's name).
    func abstract(_ item: AgendaItem) -> String? {
        guard item.isOnline else { return item.session.abstract }
        let abstract = item.session.abstract?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return abstract.isEmpty ? "\(Agenda.onlineLabel)." : "\(Agenda.onlineLabel). \(abstract)"
    }

    func sessionURL(_ item: AgendaItem) -> String? {
        item.session.url.flatMap { Text.isWebURL($0) ? $0 : nil }
    }

    /// `address` as an RFC 3986 URI, which the JSON schema's `format: uri` asks for: every
    /// byte that a URI may not hold (non-ASCII letters, `"`, `<`, `{`…) percent-encoded as
    /// UTF-8; what is already a URI, `%` escapes included, stays as it is.
    static func uri(_ address: String) -> String {
        var out = ""
        for byte in address.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    // MARK: XML

    /// `schedule.xml`.
    public func xml() -> String {
        let e = Text.escapeMarkup
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<schedule>\n"
        out += "  <generator name=\"forum-scheduler\" version=\"1\"/>\n"
        out += "  <version>\(e(version))</version>\n"
        out += "  <conference>\n"
        out += "    <acronym>\(e(event.acronym))</acronym>\n"
        out += "    <title>\(e(event.name))</title>\n"
        out += "    <start>\(firstDate)</start>\n"
        out += "    <end>\(lastDate)</end>\n"
        out += "    <days>\(agenda.days.count)</days>\n"
        out += "    <timeslot_duration>\(Text.hoursMinutes(timeslotMinutes))</timeslot_duration>\n"
        if let baseURL { out += "    <base_url>\(e(baseURL))</base_url>\n" }
        out += "    <time_zone_name>\(e(event.timeZone))</time_zone_name>\n"
        out += "  </conference>\n"
        for (index, day) in agenda.days.enumerated() {
            let window = dayWindow(day)
            out += "  <day index=\"\(index + 1)\" date=\"\(day.date)\" start=\"\(window.start)\" end=\"\(window.end)\">\n"
            let byRoom = Dictionary(grouping: day.items, by: \.roomKey)
            for room in agenda.rooms {
                let items = byRoom[room.id] ?? []
                if items.isEmpty {
                    out += "    <room name=\"\(e(room.name))\"/>\n"
                    continue
                }
                out += "    <room name=\"\(e(room.name))\">\n"
                for item in items { out += xmlEvent(item) }
                out += "    </room>\n"
            }
            out += "  </day>\n"
        }
        out += "</schedule>\n"
        return out
    }

    private func xmlEvent(_ item: AgendaItem) -> String {
        let e = Text.escapeMarkup
        let identity = identities[item.key]!
        let s = item.session
        var out = "      <event id=\"\(identity.id)\" guid=\"\(identity.guid)\">\n"
        func element(_ name: String, _ value: String?) {
            if let value, !value.isEmpty {
                out += "        <\(name)>\(e(value))</\(name)>\n"
            } else {
                out += "        <\(name)/>\n"
            }
        }
        element("date", instant(item.placement.day, item.range.start.minutes))
        element("start", Text.hoursMinutes(agenda.shownStartMinutes(item) % 1440))
        element("duration", Text.hoursMinutes(item.range.minutes))
        element("room", item.roomName)
        element("slug", identity.slug)
        if let url = sessionURL(item) { element("url", url) }
        element("title", s.title)
        element("subtitle", item.partLabel)
        element("track", item.mainTheme?.label)
        element("type", s.kind.title)
        element("language", s.language)
        element("abstract", abstract(item))
        element("description", s.description)
        let persons = persons(item)
        if persons.isEmpty {
            out += "        <persons/>\n"
        } else {
            out += "        <persons>\n"
            for p in persons { out += "          <person id=\"\(personIdentities[p.person]!.id)\">\(e(p.name))</person>\n" }
            out += "        </persons>\n"
        }
        if let url = sessionURL(item) {
            out += "        <links>\n          <link href=\"\(e(url))\">Session page</link>\n        </links>\n"
        } else {
            out += "        <links/>\n"
        }
        out += "      </event>\n"
        return out
    }

    // MARK: JSON

    /// `schedule.json`, following the c3voc schedule schema (the frab/pretalx JSON). The schema
    /// requires every event's `url` to be a URI (an empty string is not one, and neither null nor
    /// leaving it out is allowed): the session's page, else the conference's base address, else
    /// `urn:uuid:` with the event's guid, a URI that names the event and stays the same.
    public func json() -> String {
        let palette = ThemePalette(themes: agenda.programme.themes)
        var conference: [(String, JSONText)] = [
            ("acronym", .string(event.acronym)),
            ("title", .string(event.name)),
            ("start", .string(firstDate.description)),
            ("end", .string(lastDate.description)),
            ("daysCount", .int(agenda.days.count)),
            ("timeslot_duration", .string(Text.hoursMinutes(timeslotMinutes))),
            ("time_zone_name", .string(event.timeZone)),
        ]
        if let url = baseURL { conference.append(("url", .string(Self.uri(url)))) }
        conference.append(("tracks", .array(agenda.programme.themes.map { theme in
            .object([("name", .string(theme.label)), ("slug", .string(Text.slug(theme.id))), ("color", .string(palette.colour(of: theme).hex))])
        })))
        conference.append(("rooms", .array(agenda.rooms.map { room in
            var members: [(String, JSONText)] = [("name", .string(room.name)), ("guid", .string(StableID.uuid5("\(event.acronym)/room/\(room.id)")))]
            members.append(("capacity", room.capacity.map(JSONText.int) ?? .null))
            return .object(members)
        })))
        conference.append(("days", .array(agenda.days.enumerated().map { index, day in
            let window = dayWindow(day)
            let byRoom = Dictionary(grouping: day.items, by: \.roomKey)
            let rooms: [(String, JSONText)] = agenda.rooms.map { room in
                (room.name, .array((byRoom[room.id] ?? []).map(jsonEvent)))
            }
            return .object([
                ("index", .int(index + 1)),
                ("date", .string(day.date.description)),
                ("day_start", .string(window.start)),
                ("day_end", .string(window.end)),
                ("rooms", .object(rooms)),
            ])
        })))
        var schedule: [(String, JSONText)] = [("version", .string(version))]
        if let url = baseURL { schedule.append(("base_url", .string(Self.uri(url)))) }
        schedule.append(("conference", .object(conference)))
        return JSONText.object([
            ("$schema", .string("https://c3voc.de/schedule/schema.json")),
            ("generator", .object([("name", .string("forum-scheduler")), ("version", .string("1"))])),
            ("schedule", .object(schedule)),
        ]).rendered()
    }

    private func jsonEvent(_ item: AgendaItem) -> JSONText {
        let identity = identities[item.key]!
        let s = item.session
        let url = sessionURL(item).map(Self.uri)
        return .object([
            ("id", .int(identity.id)),
            ("guid", .string(identity.guid)),
            ("date", .string(instant(item.placement.day, item.range.start.minutes))),
            ("start", .string(Text.hoursMinutes(agenda.shownStartMinutes(item) % 1440))),
            ("duration", .string(Text.hoursMinutes(item.range.minutes))),
            ("room", .string(item.roomName)),
            ("slug", .string(identity.slug)),
            ("url", .string(url ?? baseURL.map(Self.uri) ?? "urn:uuid:\(identity.guid)")),
            ("title", .string(s.title)),
            ("subtitle", .string(item.partLabel ?? "")),
            ("track", .optional(item.mainTheme?.label)),
            ("type", .string(s.kind.title)),
            ("language", .string(s.language ?? "")),
            ("abstract", .string(abstract(item) ?? "")),
            ("description", .string(s.description ?? "")),
            ("persons", .array(persons(item).map { p in
                let identity = personIdentities[p.person]!
                return .object([("id", .int(identity.id)), ("guid", .string(identity.guid)), ("name", .string(p.name)),
                                ("role", .string(p.role.rawValue))])
            })),
            ("links", .array(url.map { [.object([("url", .string($0)), ("title", .string("Session page"))])] } ?? [])),
            ("attachments", .array([])),
        ])
    }
}
