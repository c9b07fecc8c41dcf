import Foundation
import ForumModel

/// `forum import frab`: a frab schedule (`schedule.xml` or c3voc's `schedule.json`, as pretalx,
/// frab, wafer, c3voc tools and `forum export frab` write it) as a programme.
///
/// Mapping: conference → event (title, acronym, `time_zone_name`, dates); rooms by name (ids
/// are slugs); tracks → themes; persons → people (one per guid, else id, else name); events →
/// sessions (id from pretalx's `code`, else the slug without the acronym, else the guid or id),
/// `type` → kind, `duration` `HH:MM` or `D:HH:MM`, each placed at its local time in its room.
/// Each day's grid is made of the events' start and end boundaries, so the programme validates.
/// What `forum export frab` adds is undone: `Part N of M` events become one series, an
/// `Online session.` abstract an online session, ` (online)` after a name online attendance.
public struct FrabScheduleImporter {
    /// The programme's zone when the schedule names none (or to read it in another zone).
    public var timeZone: String?
    /// Pin every placement (the solver then never moves them).
    public var pinned: Bool

    public init(timeZone: String? = nil, pinned: Bool = false) {
        self.timeZone = timeZone
        self.pinned = pinned
    }

    /// Reads `file`: XML or JSON by its first non-blank byte.
    public func read(file: String) throws -> ImportedProgramme {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw InputError(location: SourceLocation(file: file), message: "cannot read the file (\(error.localizedDescription))")
        }
        return try read(data: data, file: file)
    }

    public func read(data: Data, file: String) throws -> ImportedProgramme {
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        let doc = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? try FrabScheduleDocument.json(data, file: file)
            : try FrabScheduleDocument.xml(data, file: file)
        return try build(doc)
    }

    // MARK: Building the programme

    func build(_ doc: FrabScheduleDocument) throws -> ImportedProgramme {
        var warnings: [ImportWarning] = []
        var errors: [InputError] = []
        let file = doc.file
        let here = SourceLocation(file: file)

        let zoneName = timeZone ?? doc.timeZoneName ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw InputError(location: here, field: "conference.time_zone_name", message: "unknown time zone `\(zoneName)`",
                             hint: "give an IANA name with --timezone, e.g. Europe/Berlin")
        }
        if timeZone == nil && doc.timeZoneName == nil {
            warnings.append(ImportWarning(location: here, field: "conference.time_zone_name",
                                          message: "the schedule names no time zone: times are read in UTC (give --timezone)"))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone

        // Rooms: the schedule's order, ids as slugs.
        var rooms: [Room] = []
        var roomIDByName: [String: String] = [:]
        var usedRoomIDs = Set<String>()
        func addRoom(_ name: String, capacity: Int? = nil) -> String {
            if let id = roomIDByName[name] { return id }
            let id = uniqueID(slug(name, fallback: "room"), in: &usedRoomIDs)
            roomIDByName[name] = id
            rooms.append(Room(id: id, name: name, capacity: capacity))
            return id
        }

        // Themes from tracks (listed ones first, then those events name).
        var themes: [Theme] = []
        var themeIDByName: [String: String] = [:]
        var usedThemeIDs = Set<String>()
        func addTheme(_ name: String, slug: String? = nil, colour: String? = nil) -> String {
            if let id = themeIDByName[name] { return id }
            let id = uniqueID(ForumModel.slug(slug ?? name, fallback: "track"), in: &usedThemeIDs)
            themeIDByName[name] = id
            let hex = colour.flatMap { $0.hasPrefix("#") && [4, 7].contains($0.count) ? $0.lowercased() : nil }
            themes.append(Theme(id: id, title: name, colour: hex))
            return id
        }
        for track in doc.tracks { _ = addTheme(track.name, slug: track.slug, colour: track.colour) }

        // People: one per guid, else per id/code, else per name.
        var people: [Person] = []
        var personIDByKey: [String: String] = [:]
        var usedPersonIDs = Set<String>()
        func addPerson(_ p: FrabScheduleDocument.Person) -> String {
            var name = p.name, attendance = Attendance.onsite
            if name.hasSuffix(" (online)") { name = String(name.dropLast(" (online)".count)); attendance = .online }
            let key = p.guid.map { "guid:\($0)" } ?? p.code.map { "code:\($0)" } ?? p.id.map { "id:\($0)" } ?? "name:\(name)"
            if let id = personIDByKey[key] { return id }
            // Without a guid the same name is the same person (pretalx's XML gives only ids, frab's both).
            if p.guid == nil, let id = personIDByKey["name:\(name)"] { personIDByKey[key] = id; return id }
            let id = uniqueID(slug(name, fallback: "person"), in: &usedPersonIDs)
            personIDByKey[key] = id
            personIDByKey["name:\(name)"] = personIDByKey["name:\(name)"] ?? id
            people.append(Person(id: id, name: name, attendance: attendance))
            return id
        }

        let acronym = doc.acronym.map { isValidID($0) ? $0 : slug($0, fallback: "schedule") } ?? "schedule"
        let acronymPrefix = slug(acronym, fallback: "event") + "-"

        struct Part {
            var number: Int
            var of: Int
            var placement: Placement
            var minutes: Int
        }
        struct Draft {
            var session: Session
            var parts: [Part]
            var location: SourceLocation
        }
        var drafts: [Draft] = []
        var draftIndex: [String: Int] = [:]
        var usedSessionIDs = Set<String>()
        var spans: [LocalDate: Set<TimeRange>] = [:]
        let onlineLabel = "Online session"

        for day in doc.days {
            let dayDate = day.date.flatMap { LocalDate(iso: String($0.prefix(10))) }
            for e in day.events {
                // When: the event's instant (`date`), else the day's date and `start`.
                var when: (LocalDate, Int)?
                if let text = e.date, let instant = Self.parseInstant(text) {
                    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                    if let y = c.year, let m = c.month, let d = c.day, let h = c.hour, let mi = c.minute {
                        when = (LocalDate(year: y, month: m, day: d), h * 60 + mi)
                    }
                } else if let text = e.date, let date = LocalDate(iso: String(text.prefix(10))), let start = e.start.flatMap(TimeOfDay.init) {
                    when = (date, start.minutes)
                }
                if when == nil, let date = dayDate, let start = e.start.flatMap(TimeOfDay.init), start.minutes < 1440 {
                    when = (date, start.minutes)
                }
                guard let (date, startMinutes) = when else {
                    errors.append(InputError(location: e.location(of: e.date != nil ? "date" : "start"), field: "\(e.path).date",
                                             message: "the event `\(e.title ?? "?")` has no readable start (date `\(e.date ?? "")`, start `\(e.start ?? "")`)",
                                             hint: "frab gives <date>2026-12-03T10:00:00+01:00</date> and <start>10:00</start>"))
                    continue
                }
                guard let durationText = e.duration, let duration = Self.minutes(duration: durationText), duration > 0 else {
                    errors.append(InputError(location: e.location(of: "duration"), field: "\(e.path).duration",
                                             message: "the event `\(e.title ?? "?")` has duration `\(e.duration ?? "")`",
                                             hint: "write it as HH:MM or D:HH:MM, e.g. 00:45 or 01:30"))
                    continue
                }
                var minutes = duration
                if startMinutes + minutes > 1440 {
                    warnings.append(ImportWarning(location: e.location(of: "duration"), field: "\(e.path).duration",
                                                  message: "`\(e.title ?? "?")` runs past midnight: cut at 24:00 (\(1440 - startMinutes) of \(duration) minutes)"))
                    minutes = 1440 - startMinutes
                }

                var abstract = e.abstract
                var online = false
                if let a = abstract, a.hasPrefix(onlineLabel + ".") {
                    online = true
                    let rest = a.dropFirst(onlineLabel.count + 1).trimmingCharacters(in: .whitespaces)
                    abstract = rest.isEmpty ? nil : rest
                }
                let roomName = e.room ?? "Room"
                let roomID: String? = online && roomName == "Online" ? nil : addRoom(roomName)

                // A series part as `forum export frab` writes it: subtitle `Part N of M`, slug ending `-part-N`.
                var part: (Int, Int)?
                if let subtitle = e.subtitle, subtitle.hasPrefix("Part ") {
                    let words = subtitle.split(separator: " ")
                    if words.count == 4, words[2] == "of", let n = Int(words[1]), let m = Int(words[3]), n >= 1, n <= m, m <= 100 { part = (n, m) }
                }
                var baseID: String
                if let code = e.code, isValidID(code) {
                    baseID = code
                } else if let slug = e.slug, slug.hasPrefix(acronymPrefix), isValidID(String(slug.dropFirst(acronymPrefix.count))) {
                    baseID = String(slug.dropFirst(acronymPrefix.count))
                } else if let slug = e.slug, isValidID(slug) {
                    baseID = slug
                } else if let guid = e.guid, isValidID(guid) {
                    baseID = guid
                } else if let id = e.id, isValidID(id) {
                    baseID = "event-\(id)"
                } else {
                    baseID = "event"
                }
                if let (n, _) = part, baseID.hasSuffix("-part-\(n)") { baseID = String(baseID.dropLast("-part-\(n)".count)) } else { part = nil }

                let placement = Placement(day: date, start: TimeOfDay(minutes: startMinutes), room: roomID)
                spans[date, default: []].insert(TimeRange(start: TimeOfDay(minutes: startMinutes), end: TimeOfDay(minutes: startMinutes + minutes)))
                let (number, of) = part ?? (1, 1)
                if part != nil, let index = draftIndex[baseID], drafts[index].session.parts == of {
                    drafts[index].parts.append(Part(number: number, of: of, placement: placement, minutes: minutes))
                    continue
                }
                let id = uniqueID(baseID, in: &usedSessionIDs)
                if id != baseID {
                    warnings.append(ImportWarning(location: e.location, field: e.path,
                                                  message: "the id `\(baseID)` is taken by another event: this one is `\(id)`"))
                }
                var themeIDs: [String] = []
                if let track = e.track { themeIDs.append(addTheme(track)) }
                var seen = Set<String>()
                let participation = e.persons.compactMap { p -> Participation? in
                    let person = addPerson(p)
                    guard seen.insert(person).inserted else { return nil }
                    return Participation(person: person, role: p.role.flatMap(Role.init(rawValue:)) ?? .speaker)
                }
                let session = Session(
                    id: id, title: e.title ?? id, kind: Self.kind(e.type), themes: themeIDs, duration: minutes,
                    people: participation, parts: of, pinned: pinned, abstract: abstract, description: e.description,
                    url: e.url.flatMap { $0.lowercased().hasPrefix("http") ? $0 : nil }, language: e.language, online: online)
                draftIndex[baseID] = drafts.count
                drafts.append(Draft(session: session, parts: [Part(number: number, of: of, placement: placement, minutes: minutes)], location: e.location))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        var sessions: [Session] = []
        for draft in drafts {
            var s = draft.session
            let parts = draft.parts.sorted { $0.number < $1.number }
            s.duration = parts.first?.minutes ?? s.duration
            s.placements = parts.map { p in
                var placement = p.placement
                if p.minutes != s.duration { placement.end = placement.start.adding(minutes: p.minutes) }
                return placement
            }
            if s.parts > 1 && parts.count < s.parts {
                warnings.append(ImportWarning(location: draft.location, field: s.id,
                                              message: "the series has \(parts.count) of its \(s.parts) parts in the schedule"))
            }
            sessions.append(s)
        }

        // Each day's grid: the elementary spans between the events' boundaries that some event covers.
        var days: [Day] = []
        for date in spans.keys.sorted() {
            let ranges = spans[date]!
            let bounds = Set(ranges.flatMap { [$0.start.minutes, $0.end.minutes] }).sorted()
            var slots: [Slot] = []
            for (a, b) in zip(bounds, bounds.dropFirst()) where ranges.contains(where: { $0.start.minutes <= a && b <= $0.end.minutes }) {
                slots.append(Slot(start: TimeOfDay(minutes: a), end: TimeOfDay(minutes: b)))
            }
            days.append(Day(date: date, slots: slots))
        }
        for room in doc.rooms where roomIDByName[room.name] == nil && room.name != "Online" { _ = addRoom(room.name, capacity: room.capacity) }
        for room in doc.rooms {
            if let id = roomIDByName[room.name], let i = rooms.firstIndex(where: { $0.id == id }), rooms[i].capacity == nil { rooms[i].capacity = room.capacity }
        }
        // Rooms in the schedule's own order.
        let order = Dictionary(doc.rooms.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        rooms = rooms.enumerated().sorted { (order[$0.element.name] ?? Int.max, $0.offset) < (order[$1.element.name] ?? Int.max, $1.offset) }.map(\.element)

        let firstDay = doc.start.flatMap { LocalDate(iso: String($0.prefix(10))) } ?? days.first?.date ?? LocalDate(year: 1970, month: 1, day: 1)
        let lastDay = max(doc.end.flatMap { LocalDate(iso: String($0.prefix(10))) } ?? days.last?.date ?? firstDay, firstDay)
        let event = Event(name: doc.title ?? doc.acronym ?? "Imported schedule", acronym: acronym, timeZone: zoneName,
                          startDate: min(firstDay, days.first?.date ?? firstDay), endDate: max(lastDay, days.last?.date ?? lastDay),
                          url: doc.baseURL.flatMap { $0.lowercased().hasPrefix("http") ? $0 : nil })
        let programme = Programme(event: event, days: days, rooms: rooms, themes: themes, people: people, sessions: sessions)
        return ImportedProgramme(programme: programme, warnings: warnings)
    }

    // MARK: Values

    /// `HH:MM`, `H:MM` or `D:HH:MM` → minutes; nil when not a duration.
    static func minutes(duration text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.allSatisfy({ $0 != nil && $0! >= 0 && $0! < 100_000 }) else { return nil }
        let n = parts.map { $0! }
        switch n.count {
        case 2 where n[1] < 60: return n[0] * 60 + n[1]
        case 3 where n[1] < 24 && n[2] < 60: return n[0] * 1440 + n[1] * 60 + n[2]
        default: return nil
        }
    }

    /// ISO 8601 with an offset or `Z` (seconds and fractions optional).
    static func parseInstant(_ text: String) -> Date? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let f = ISO8601DateFormatter()
            f.formatOptions = options
            if let date = f.date(from: text) { return date }
        }
        // `2026-12-03T10:00+01:00`: no seconds.
        if text.count >= 16, text[text.index(text.startIndex, offsetBy: 13)] == ":" {
            var t = text
            t.insert(contentsOf: ":00", at: t.index(t.startIndex, offsetBy: 16))
            let f = ISO8601DateFormatter()
            return f.date(from: t)
        }
        return nil
    }

    /// A known kind by its title or id (`Workshop`, `open-forum`), else the type as a slug (`talk`).
    static func kind(_ type: String?) -> SessionKind {
        guard let type, !type.isEmpty else { return .other("talk") }
        if let known = SessionKind.known.first(where: { $0.title.caseInsensitiveCompare(type) == .orderedSame || $0.id == type.lowercased() }) {
            return known
        }
        return SessionKind(id: slug(type, fallback: "talk"))
    }
}
