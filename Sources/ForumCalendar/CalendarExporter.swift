import CLibical
import Foundation
import ForumModel

/// Which sessions a calendar holds. Each non-empty list narrows the choice (a session must
/// match every list that is given, and any one entry of each list); empty lists choose all.
public struct CalendarFilter: Hashable, Sendable {
    /// Theme ids: sessions with any of these themes.
    public var themes: [String]
    /// Room ids: placements in any of these rooms.
    public var rooms: [String]
    /// Days: placements on any of these days.
    public var days: [LocalDate]
    /// Person ids: sessions in which any of these people take part.
    public var people: [String]
    /// Session ids: a personal agenda.
    public var sessions: [String]

    public init(themes: [String] = [], rooms: [String] = [], days: [LocalDate] = [], people: [String] = [], sessions: [String] = []) {
        self.themes = themes
        self.rooms = rooms
        self.days = days
        self.people = people
        self.sessions = sessions
    }

    public var isEmpty: Bool { themes.isEmpty && rooms.isEmpty && days.isEmpty && people.isEmpty && sessions.isEmpty }
}

/// How `--split` groups sessions into calendars.
public enum CalendarSplit: String, CaseIterable, Sendable {
    case theme, room, day, person
}

/// One iCalendar file ready to write.
public struct CalendarFile: Hashable, Sendable {
    /// File name without folder, e.g. `igf2006-openness.ics`.
    public var name: String
    /// X-WR-CALNAME, e.g. "IGF 2006: Openness".
    public var title: String
    /// The iCalendar text (CRLF line ends, folded).
    public var text: String
    /// Events that take place (not cancelled).
    public var events: Int
    /// Events kept as STATUS:CANCELLED because they were dropped since the previous export.
    public var cancelled: Int
    /// Events of a split that this file held before and that are now placed in another file of
    /// the split: kept here in their one current version (new time, room or theme), so that
    /// every file agrees on them (see ``CalendarExporter/split(by:previous:earlier:)``).
    public var forwarded: Int
    /// UIDs whose SEQUENCE rose against the previous export (changed or newly cancelled).
    public var changed: [String]
}

/// Writes a programme as iCalendar with libical: one VEVENT per placed session (one per part
/// of a series), times in the event's IANA zone with one compact VTIMEZONE, and UIDs that stay
/// the same from one export to the next so that subscribed calendars update in place.
///
/// DTSTAMP is deterministic, so that the same input gives the same bytes: `stamp` when given
/// (the CLI passes `--stamp` or `SOURCE_DATE_EPOCH`), else 00:00 UTC on the event's first day.
/// With a previous export that differs, the stamp is one second after the previous one's
/// newest DTSTAMP (when later than that), so each re-publication carries a newer stamp.
public struct CalendarExporter {
    public let programme: Programme
    /// DTSTAMP (and LAST-MODIFIED of changed events); see the type's documentation for the default.
    public var stamp: Date?
    /// REFRESH-INTERVAL and X-PUBLISHED-TTL, in minutes.
    public var refreshMinutes: Int
    /// Whether the people of a session who have an e-mail address are written as ATTENDEE
    /// (moderators and chairs ROLE=CHAIR, speakers, facilitators and organisers
    /// REQ-PARTICIPANT, rapporteurs OPT-PARTICIPANT). Off by default: addresses are personal
    /// data. RFC 5546 allows no ATTENDEE in a PUBLISH, so such a calendar has no METHOD.
    public var attendees: Bool
    /// The product that wrote the calendar.
    public static let productID = "-//Forum Scheduler//forum-scheduler//EN"
    /// The domain part of every UID: `<session>@<acronym>.forum-scheduler`.
    public static let uidDomain = "forum-scheduler"

    private let file: String

    /// `file` names the programme in errors. Throws when the event's time zone is unknown to
    /// the system's tzdata (libical reads the zone rules from `/usr/share/zoneinfo`).
    public init(programme: Programme, file: String = "programme", stamp: Date? = nil, refreshMinutes: Int = 60,
                attendees: Bool = false) throws {
        self.programme = programme
        self.file = file
        self.stamp = stamp
        self.refreshMinutes = refreshMinutes
        self.attendees = attendees
        let zoneName = programme.event.timeZone
        let known = withLibical { builtinZone(zoneName) != nil }
        if !known {
            throw InputError(location: SourceLocation(file: file), field: "event.timezone",
                             message: "time zone `\(zoneName)` is not known to the system's tzdata",
                             hint: TimeZone(identifier: zoneName) == nil
                                 ? "use an IANA name such as Europe/Athens" + (closestMatch(to: zoneName, in: TimeZone.knownTimeZoneIdentifiers).map { " (did you mean `\($0)`?)" } ?? "")
                                 : "install the tzdata package (libical reads /usr/share/zoneinfo)")
        }
    }

    /// The UID of one part of a session: `ws12@igf2006.forum-scheduler`, and for part 2 of a
    /// series `ws12.part2@igf2006.forum-scheduler`. Depends only on the event and the session id.
    public static func uid(event: Event, session: String, part: Int, parts: Int) -> String {
        let local = parts > 1 ? "\(session).part\(part)" : session
        return "\(local)@\(event.acronym.isEmpty ? "event" : event.acronym).\(uidDomain)"
    }

    // MARK: Single calendars

    /// One calendar with the sessions `filter` chooses. `title` becomes X-WR-CALNAME (the event's
    /// name when nil). `previous`, an earlier export of the same calendar, makes this an update.
    public func calendar(filter: CalendarFilter = CalendarFilter(), title: String? = nil, name: String? = nil,
                         previous: PreviousCalendar? = nil) throws -> CalendarFile {
        try check(filter)
        let drafts = events(matching: filter)
        let history = SequenceHistory(current: drafts, previous: previous.map { [$0] } ?? [])
        return withLibical {
            build(drafts, title: title ?? programme.event.name, name: name ?? "\(fileStem).ics", previous: previous,
                  history: history, placedElsewhere: [:])
        }
    }

    /// A title for the calendar that `filter` chooses, e.g. "IGF 2006: Openness".
    public func title(for filter: CalendarFilter) -> String {
        var parts: [String] = []
        parts += filter.themes.map { programme.theme($0)?.title ?? $0 }
        parts += filter.rooms.map { programme.room($0)?.name ?? $0 }
        parts += filter.days.map { day in programme.day(day)?.label.map { "\($0) (\(day))" } ?? day.description }
        parts += filter.people.map { programme.person($0)?.name ?? $0 }
        if !filter.sessions.isEmpty { parts.append(filter.sessions.count == 1 ? (programme.session(filter.sessions[0])?.title ?? filter.sessions[0]) : "personal agenda") }
        return parts.isEmpty ? programme.event.name : "\(programme.event.name): \(parts.joined(separator: ", "))"
    }

    // MARK: Split calendars

    /// One calendar per theme, room, day or person (groups without sessions are left out),
    /// plus a Markdown index that lists each calendar with its title.
    ///
    /// `previous` holds the calendars of the earlier split by file name; `earlier` other
    /// earlier exports of the programme (a whole calendar) whose SEQUENCEs count too. An event
    /// then has one SEQUENCE across every file: the highest any earlier file gave it, raised
    /// once when it changed (time, room, text) in any of them. A file that held an event
    /// keeps it: at its current time when it is placed in another file now (a session moved
    /// to another day or room: every file then carries the same version, so importing the
    /// files in any order, into a client that keeps the last import or one that keeps the
    /// highest SEQUENCE, ends with the new time), or STATUS:CANCELLED when it left the
    /// programme. A calendar of the earlier split whose group is gone is written again too.
    public func split(by split: CalendarSplit, previous: [String: PreviousCalendar] = [:],
                      earlier: [PreviousCalendar] = []) throws -> (calendars: [CalendarFile], index: String) {
        var groups: [(id: String, filter: CalendarFilter)] = []
        switch split {
        case .theme: groups = programme.themes.map { ($0.id, CalendarFilter(themes: [$0.id])) }
        case .room: groups = programme.rooms.map { ($0.id, CalendarFilter(rooms: [$0.id])) }
        case .day: groups = programme.days.map { ($0.date.description, CalendarFilter(days: [$0.date])) }
        case .person: groups = programme.people.map { ($0.id, CalendarFilter(people: [$0.id])) }
        }
        let everyEvent = events(matching: CalendarFilter())
        var placed: [String: Draft] = [:]
        for draft in everyEvent where placed[draft.uid] == nil { placed[draft.uid] = draft }
        let history = SequenceHistory(current: everyEvent,
                                      previous: previous.keys.sorted().map { previous[$0]! } + earlier)
        var calendars: [CalendarFile] = []
        var names = Set<String>()
        for group in groups {
            let drafts = events(matching: group.filter)
            let name = "\(fileStem)-\(safeFileName(group.id)).ics"
            names.insert(name)
            let previousCalendar = previous[name]
            guard !drafts.isEmpty || previousCalendar != nil else { continue }
            let title = title(for: group.filter)
            calendars.append(withLibical {
                build(drafts, title: title, name: name, previous: previousCalendar, history: history, placedElsewhere: placed)
            })
        }
        // A group that is gone (a room taken out): its subscribers still learn where its sessions went.
        for name in previous.keys.sorted() where !names.contains(name) {
            let old = previous[name]!
            calendars.append(withLibical {
                build([], title: old.title ?? name, name: name, previous: old, history: history, placedElsewhere: placed)
            })
        }
        return (calendars, index(of: calendars, split: split))
    }

    private func index(of calendars: [CalendarFile], split: CalendarSplit) -> String {
        // The event's name and zone are the programme's text: escaped, so no markup or HTML gets through.
        var lines = ["# \(TextEscaping.markdown(programme.event.name)): calendars by \(split.rawValue)", "",
                     "Subscribe to a calendar (its address) or import the file into your calendar software.",
                     "Times are in \(TextEscaping.markdown(programme.event.timeZone)).", ""]
        for calendar in calendars {
            var line = "- [\(TextEscaping.markdown(calendar.title))](\(calendar.name)): \(calendar.events) event\(calendar.events == 1 ? "" : "s")"
            if calendar.forwarded > 0 { line += ", \(calendar.forwarded) moved to another calendar" }
            if calendar.cancelled > 0 { line += ", \(calendar.cancelled) cancelled" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var fileStem: String { safeFileName(programme.event.acronym.isEmpty ? "calendar" : programme.event.acronym) }

    // MARK: Choosing events

    /// Unknown ids in a filter are input errors, with the closest existing id as a hint.
    private func check(_ filter: CalendarFilter) throws {
        func unknown(_ field: String, _ id: String, _ known: [String]) -> InputError {
            InputError(location: SourceLocation(file: file), field: field, message: "no \(field.dropFirst(2)) `\(id)` in the programme",
                       hint: closestMatch(to: id, in: known).map { "did you mean `\($0)`?" })
        }
        for id in filter.themes where programme.theme(id) == nil { throw unknown("--theme", id, programme.themes.map(\.id)) }
        for id in filter.rooms where programme.room(id) == nil { throw unknown("--room", id, programme.rooms.map(\.id)) }
        for day in filter.days where programme.day(day) == nil && !(programme.event.startDate...programme.event.endDate).contains(day) {
            throw unknown("--day", day.description, programme.days.map(\.date.description))
        }
        for id in filter.people where programme.person(id) == nil { throw unknown("--person", id, programme.people.map(\.id)) }
        for id in filter.sessions where programme.session(id) == nil { throw unknown("--session", id, programme.sessions.map(\.id)) }
    }

    /// Everything one VEVENT says, in Swift values, before libical sees it.
    struct Draft {
        var uid: String
        var session: String
        var part: Int
        var parts: Int
        var startUnix: Int
        var endUnix: Int
        var start: (LocalDate, TimeOfDay)
        var end: (LocalDate, TimeOfDay)
        var summary: String
        var location: String
        var description: String
        var categories: [String]
        var url: String?
        var room: String
        var kind: String
        var themes: [String]
        /// ORGANIZER: the event's organiser.
        var organiser: Organiser?
        /// ATTENDEE lines, when the export asks for them.
        var attendees: [Attendee]
        var order: (Int, Int, Int)

        /// What a change of which raises SEQUENCE: time, room, text, organiser and attendees.
        var contentKey: String {
            CalendarExporter.contentKey(start: startUnix, end: endUnix, summary: summary, location: location, description: description,
                                        categories: categories, url: url ?? "", room: room, organiser: organiser, attendees: attendees)
        }
    }

    /// A person of a session as ATTENDEE.
    struct Attendee: Hashable {
        var name: String
        var email: String
        /// ROLE: `CHAIR`, `REQ-PARTICIPANT` or `OPT-PARTICIPANT`.
        var role: String
    }

    /// The ROLE of an attendee who takes part as `role` (RFC 5545 §3.2.16).
    static func attendeeRole(_ role: Role) -> String {
        switch role {
        case .moderator, .onlineModerator, .chair: return "CHAIR"
        case .speaker, .facilitator, .organiser: return "REQ-PARTICIPANT"
        case .rapporteur: return "OPT-PARTICIPANT"
        }
    }

    /// One string for all that an event says, built the same way from a draft and from a
    /// previous file, so that comparing two tells whether the event changed.
    static func contentKey(start: Int, end: Int, summary: String, location: String, description: String, categories: [String],
                           url: String, room: String, organiser: Organiser?, attendees: [Attendee]) -> String {
        var fields = [String(start), String(end), summary, location, description, categories.joined(separator: "\u{1F}"), url, room]
        if let organiser { fields.append("ORGANIZER\u{1F}\(organiser.email)\u{1F}\(organiser.name)") }
        for attendee in attendees { fields.append("ATTENDEE\u{1F}\(attendee.email)\u{1F}\(attendee.name)\u{1F}\(attendee.role)") }
        return fields.joined(separator: "\u{1E}")
    }

    /// A CN parameter value: one line, and no `"` (a parameter value cannot hold one).
    static func commonName(_ name: String) -> String {
        singleLine(name).replacingOccurrences(of: "\"", with: "'")
    }

    func events(matching filter: CalendarFilter) -> [Draft] {
        withLibical { eventsLocked(matching: filter) }
    }

    private func eventsLocked(matching filter: CalendarFilter) -> [Draft] {
        let event = programme.event
        let zone = builtinZone(event.timeZone)
        var roomIndex: [String: (Int, Room)] = [:]
        for (i, room) in programme.rooms.enumerated() where roomIndex[room.id] == nil { roomIndex[room.id] = (i, room) }
        var themeTitles: [String: String] = [:]
        for theme in programme.themes where themeTitles[theme.id] == nil { themeTitles[theme.id] = theme.title }
        var people: [String: Person] = [:]
        for person in programme.people where people[person.id] == nil { people[person.id] = person }
        let wantedSessions = Set(filter.sessions), wantedThemes = Set(filter.themes), wantedRooms = Set(filter.rooms)
        let wantedDays = Set(filter.days), wantedPeople = Set(filter.people)

        var drafts: [Draft] = []
        for (sessionIndex, session) in programme.sessions.enumerated() {
            if !wantedSessions.isEmpty && !wantedSessions.contains(session.id) { continue }
            if !wantedThemes.isEmpty && !session.themes.contains(where: wantedThemes.contains) { continue }
            if !wantedPeople.isEmpty && !session.people.contains(where: { wantedPeople.contains($0.person) }) { continue }
            let parts = max(session.parts, session.placements.count, 1)
            let description = describe(session, themeTitles: themeTitles, people: people)
            let categories = session.themes.map { themeTitles[$0] ?? $0 } + [session.kind.title]
            var attendeeList: [Attendee] = []
            if attendees {
                // Each person once, in the session's order, with the first role listed that chairs if any does.
                var seen: [String: Int] = [:]
                for participation in session.people {
                    guard let person = people[participation.person], let email = person.email.map(trimmed), !email.isEmpty,
                          !email.contains(where: { $0.isWhitespace }) else { continue }
                    let role = CalendarExporter.attendeeRole(participation.role)
                    if let index = seen[person.id] {
                        if role == "CHAIR" || (role == "REQ-PARTICIPANT" && attendeeList[index].role == "OPT-PARTICIPANT") { attendeeList[index].role = role }
                        continue
                    }
                    seen[person.id] = attendeeList.count
                    attendeeList.append(Attendee(name: CalendarExporter.commonName(person.name), email: email, role: role))
                }
            }
            let organiser = event.organiser.map { Organiser(name: CalendarExporter.commonName($0.name), email: trimmed($0.email)) }
            for (partIndex, placement) in session.placements.enumerated() {
                if !wantedRooms.isEmpty && !wantedRooms.contains(placement.room ?? "") { continue }
                if !wantedDays.isEmpty && !wantedDays.contains(placement.day) { continue }
                let span = session.span(of: placement)
                let start = (placement.day, span.start)
                let end = span.end.minutes >= 24 * 60
                    ? (placement.day.adding(days: span.end.minutes / (24 * 60)), TimeOfDay(minutes: span.end.minutes % (24 * 60)))
                    : (placement.day, span.end)
                // Read as every exporter reads a venue time (Event.resolve, RFC 5545's reading of
                // a time that happens twice or never); the end is the duration later.
                let startUnix = event.instant(date: start.0, time: start.1).map { Int($0.timeIntervalSince1970) } ?? unix(start, zone)
                let room = placement.room.flatMap { roomIndex[$0] }
                let online = session.online || placement.room == nil || room?.1.virtual == true
                var location: String
                if online {
                    // Participants join online: say so where clients show the place.
                    location = placement.room == nil ? "Online" : "Online (\(room?.1.name ?? placement.room!))"
                } else {
                    location = room?.1.name ?? placement.room!
                    if let venue = event.venue, !venue.isEmpty { location += ", \(venue)" }
                }
                var summary = singleLine(session.title)
                if parts > 1 { summary += " (part \(partIndex + 1) of \(parts))" }
                drafts.append(Draft(
                    uid: CalendarExporter.uid(event: event, session: session.id, part: partIndex + 1, parts: parts),
                    session: session.id, part: partIndex + 1, parts: parts,
                    startUnix: startUnix, endUnix: startUnix + (span.end.minutes - span.start.minutes) * 60,
                    start: start, end: end, summary: summary, location: singleLine(location), description: description,
                    categories: categories.map(singleLine), url: session.url, room: placement.room ?? "",
                    kind: session.kind.id, themes: session.themes, organiser: organiser, attendees: attendeeList,
                    order: (room?.0 ?? Int.max, sessionIndex, partIndex)))
            }
        }
        drafts.sort { ($0.startUnix, $0.order.0, $0.order.1, $0.order.2) < ($1.startUnix, $1.order.0, $1.order.1, $1.order.2) }
        return drafts
    }

    private func unix(_ wall: (LocalDate, TimeOfDay), _ zone: OpaquePointer?) -> Int {
        let (day, time) = wall
        return unixTime(wallClock(year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute), in: zone)
    }

    /// DESCRIPTION: a block of facts (kind, themes, people with roles), a blank line, then the
    /// abstract (or the description when there is no abstract). The facts never hold a blank
    /// line, so a reader finds the abstract after the first one.
    private func describe(_ session: Session, themeTitles: [String: String], people: [String: Person]) -> String {
        var facts = ["Kind: \(session.kind.title)"]
        if !session.themes.isEmpty {
            facts.append("\(session.themes.count == 1 ? "Theme" : "Themes"): \(session.themes.map { singleLine(themeTitles[$0] ?? $0) }.joined(separator: " · "))")
        }
        for role in Role.allCases {
            let names = session.people.filter { $0.role == role }.map { participation -> String in
                guard let person = people[participation.person] else { return participation.person }
                return singleLine(person.organisation.map { "\(person.name) (\($0))" } ?? person.name)
            }
            guard !names.isEmpty else { continue }
            let label = role.rawValue.prefix(1).uppercased() + role.rawValue.dropFirst()
            facts.append("\(label)\(names.count == 1 ? "" : "s"): \(names.joined(separator: "; "))")
        }
        var text = facts.joined(separator: "\n")
        if let body = session.abstract ?? session.description, !body.isEmpty {
            // libical drops trailing white space when parsing, so trim it here: a re-export
            // against this file then sees no change.
            let lines = body.utf8.contains(0x0D) ? body.replacingOccurrences(of: "\r\n", with: "\n") : body
            let trimmed = lines.lastIndex(where: { !$0.isWhitespace }).map { String(lines[...$0]) } ?? ""
            if !trimmed.isEmpty { text += "\n\n" + trimmed }
        }
        return text
    }

    // MARK: Building the calendar with libical

    /// Runs under the libical lock. `drafts` are the file's own events; `placedElsewhere` (a
    /// split's every event by UID) says which of the previous file's other events are still
    /// placed, to be kept at their current place; without it they are cancelled.
    private func build(_ drafts: [Draft], title: String, name: String, previous: PreviousCalendar?,
                       history: SequenceHistory, placedElsewhere: [String: Draft]) -> CalendarFile {
        let event = programme.event
        let zoneName = event.timeZone
        let zone = builtinZone(zoneName)!
        let isUTC = zone == icaltimezone_get_utc_timezone()

        // The file's events: its own, then those of the previous file placed in another file now,
        // then those of the previous file that left the programme (cancelled).
        let own = Set(drafts.map(\.uid))
        var written = drafts
        var forwarded = 0
        var cancelled: [(old: PreviousCalendar.Event, entry: SequenceHistory.Entry)] = []
        var changed: [String] = []
        if let previous {
            for uid in previous.order where !own.contains(uid) {
                if let draft = placedElsewhere[uid] {
                    written.append(draft)
                    forwarded += 1
                } else if let entry = history.gone[uid] {
                    let old = previous.events[uid]!
                    cancelled.append((old, entry))
                    if !old.cancelled || old.sequence != entry.sequence { changed.append(uid) }
                }
            }
            for draft in written {
                guard let old = previous.events[draft.uid], let entry = history.current[draft.uid] else { continue }
                if old.cancelled || old.sequence != entry.sequence || old.contentKey != draft.contentKey { changed.append(draft.uid) }
            }
        }
        let anyChange = previous != nil && (!changed.isEmpty || previous!.events.count != written.count + cancelled.count)
        let stampSeconds: Int = {
            if let stamp { return Int(stamp.timeIntervalSince1970.rounded(.down)) }
            let base = event.startDate.dayNumber * 86_400
            guard let previousStamp = previous?.newestStamp else { return base }
            return anyChange ? max(base, previousStamp + 1) : previousStamp
        }()
        let stampTime = utcTime(stampSeconds)

        let calendar = ICalComponent(kind: ICAL_VCALENDAR_COMPONENT)
        calendar.add(property: icalproperty_new_prodid(CalendarExporter.productID))
        calendar.add(property: icalproperty_new_version("2.0"))
        calendar.add(property: icalproperty_new_calscale("GREGORIAN"))
        // RFC 5546's PUBLISH asks for an ORGANIZER in every event and allows no ATTENDEE: the
        // method is written only when the calendar is such a publication.
        if CalendarExporter.publishes(event: event, attendees: attendees) { calendar.add(property: icalproperty_new_method(ICAL_METHOD_PUBLISH)) }
        calendar.addEscapedText(ICAL_X_PROPERTY, xName: "X-WR-CALNAME", singleLine(title))
        calendar.addX("X-WR-TIMEZONE", zoneName)
        // LOCATION is "room, venue"; the venue alone lets a reader give rooms back their names.
        if let venue = event.venue, !venue.isEmpty { calendar.addEscapedText(ICAL_X_PROPERTY, xName: "X-FORUM-VENUE", singleLine(venue)) }
        if let description = event.description, !description.isEmpty {
            calendar.addEscapedText(ICAL_X_PROPERTY, xName: "X-WR-CALDESC", description)
        }
        var refresh = icaldurationtype_null_duration()
        refresh.hours = UInt32(refreshMinutes / 60)
        refresh.minutes = UInt32(refreshMinutes % 60)
        let refreshProperty = icalproperty_new_refreshinterval(refresh)
        icalproperty_add_parameter(refreshProperty, icalparameter_new_value(ICAL_VALUE_DURATION))
        calendar.add(property: refreshProperty)
        calendar.addX("X-PUBLISHED-TTL", String(cString: icaldurationtype_as_ical_string(refresh)))

        // One VTIMEZONE, cut to the span of every event written (cancelled ones included).
        let spans = written.map { ($0.startUnix, $0.endUnix) } + cancelled.map { ($0.old.startUnix, $0.old.endUnix) }
        if !isUTC, let first = spans.map(\.0).min(), let last = spans.map(\.1).max(),
           let vtimezone = compactVTimezone(zoneName, zone: zone, fromUTC: utcTime(first), toUTC: utcTime(max(last, first + 60))) {
            calendar.add(vtimezone)
        }

        /// Whether the venue's clock shows the instant `unix` at a time it shows only once.
        func showsOnce(_ unix: Int) -> Bool {
            let wall = wallClock(at: unix, in: zone)
            guard wall.year > 0, let resolved = programme.event.resolve(date: LocalDate(year: Int(wall.year), month: Int(wall.month), day: Int(wall.day)),
                                                                         time: TimeOfDay(hour: Int(wall.hour), minute: Int(wall.minute))) else { return true }
            return resolved.occurs == .once
        }

        func setTimes(_ component: ICalComponent, start: Int, end: Int) {
            let startProperty: OpaquePointer?
            let endProperty: OpaquePointer?
            // A wall-clock time that happens twice or never would be read differently by
            // different clients: such an event is written in UTC.
            if isUTC || !showsOnce(start) || !showsOnce(end) {
                startProperty = icalproperty_new_dtstart(utcTime(start))
                endProperty = icalproperty_new_dtend(utcTime(end))
            } else {
                // The property constructors write a floating time; the TZID parameter (the bare
                // IANA name) makes it the zone's wall clock (LIBICAL.md §2-3).
                var startWall = wallClock(at: start, in: zone)
                var endWall = wallClock(at: end, in: zone)
                startWall.zone = nil
                endWall.zone = nil
                startProperty = icalproperty_new_dtstart(startWall)
                endProperty = icalproperty_new_dtend(endWall)
                icalproperty_add_parameter(startProperty, icalparameter_new_tzid(zoneName))
                icalproperty_add_parameter(endProperty, icalparameter_new_tzid(zoneName))
            }
            component.add(property: startProperty)
            component.add(property: endProperty)
        }

        func addOrganiser(_ component: ICalComponent, _ organiser: Organiser?) {
            guard let organiser else { return }
            let property = icalproperty_new_organizer("mailto:\(organiser.email)")
            if !organiser.name.isEmpty { icalproperty_add_parameter(property, icalparameter_new_cn(organiser.name)) }
            component.add(property: property)
        }

        // Events and cancellations, in order of start.
        var entries: [(start: Int, uid: String, component: ICalComponent)] = []
        for draft in written {
            let entry = history.current[draft.uid] ?? SequenceHistory.Entry(sequence: 0, raised: false, lastModified: nil)
            let vevent = ICalComponent(kind: ICAL_VEVENT_COMPONENT)
            vevent.add(property: icalproperty_new_uid(draft.uid))
            vevent.add(property: icalproperty_new_dtstamp(stampTime))
            setTimes(vevent, start: draft.startUnix, end: draft.endUnix)
            vevent.add(property: icalproperty_new_summary(draft.summary))
            vevent.add(property: icalproperty_new_location(draft.location))
            vevent.add(property: icalproperty_new_description(draft.description))
            // One CATEGORIES line with every value: khal shows none when there are two lines.
            if !draft.categories.isEmpty { vevent.addEscapedTextList(ICAL_CATEGORIES_PROPERTY, draft.categories) }
            if let url = draft.url, !url.isEmpty { vevent.add(property: icalproperty_new_url(url)) }
            addOrganiser(vevent, draft.organiser)
            for attendee in draft.attendees {
                let property = icalproperty_new_attendee("mailto:\(attendee.email)")
                icalproperty_add_parameter(property, icalparameter_new_cn(attendee.name))
                icalproperty_add_parameter(property, icalparameter_new_role(CalendarExporter.roleParameter(attendee.role)))
                vevent.add(property: property)
            }
            vevent.add(property: icalproperty_new_sequence(Int32(clamping: entry.sequence)))
            vevent.add(property: icalproperty_new_status(ICAL_STATUS_CONFIRMED))
            if entry.raised {
                vevent.add(property: icalproperty_new_lastmodified(stampTime))
            } else if let last = entry.lastModified {
                vevent.add(property: icalproperty_new_lastmodified(utcTime(last)))
            }
            vevent.addX("X-FORUM-SESSION", draft.session)
            if draft.parts > 1 {
                vevent.addX("X-FORUM-PART", String(draft.part))
                vevent.addX("X-FORUM-PARTS", String(draft.parts))
            }
            // An online session placed without a room has none: an empty X-property is an error
            // to libical, which drops it when parsing (a missing one reads the same).
            if !draft.room.isEmpty { vevent.addX("X-FORUM-ROOM", draft.room) }
            vevent.addX("X-FORUM-KIND", draft.kind)
            if !draft.themes.isEmpty { vevent.addX("X-FORUM-THEMES", draft.themes.joined(separator: " ")) }
            entries.append((draft.startUnix, draft.uid, vevent))
        }
        for (old, entry) in cancelled {
            // A dropped session stays, cancelled, so that subscribers' calendars remove it.
            let vevent = old.component.clone()
            for kind in [ICAL_DTSTAMP_PROPERTY, ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY,
                         ICAL_SEQUENCE_PROPERTY, ICAL_STATUS_PROPERTY, ICAL_LASTMODIFIED_PROPERTY, ICAL_ORGANIZER_PROPERTY] {
                vevent.removeProperties(kind)
            }
            // E-mail addresses of an earlier export stay only while this one writes attendees.
            if !attendees { vevent.removeProperties(ICAL_ATTENDEE_PROPERTY) }
            vevent.add(property: icalproperty_new_dtstamp(stampTime))
            setTimes(vevent, start: old.startUnix, end: old.endUnix)
            addOrganiser(vevent, event.organiser.map { Organiser(name: CalendarExporter.commonName($0.name), email: trimmed($0.email)) })
            vevent.add(property: icalproperty_new_sequence(Int32(clamping: entry.sequence)))
            vevent.add(property: icalproperty_new_status(ICAL_STATUS_CANCELLED))
            vevent.add(property: icalproperty_new_lastmodified(entry.raised ? stampTime : utcTime(entry.lastModified ?? old.lastModified ?? stampSeconds)))
            entries.append((old.startUnix, old.uid, vevent))
        }
        entries.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        for entry in entries { calendar.add(entry.component) }

        return CalendarFile(name: name, title: singleLine(title), text: calendar.serialized(),
                            events: drafts.count, cancelled: cancelled.count, forwarded: forwarded, changed: changed.sorted())
    }

    /// Whether a calendar of `event` is an RFC 5546 publication (METHOD:PUBLISH): when every
    /// event can name the organiser and none lists attendees.
    public static func publishes(event: Event, attendees: Bool) -> Bool {
        event.organiser != nil && !attendees
    }

    static func roleParameter(_ role: String) -> icalparameter_role {
        switch role {
        case "CHAIR": return ICAL_ROLE_CHAIR
        case "OPT-PARTICIPANT": return ICAL_ROLE_OPTPARTICIPANT
        default: return ICAL_ROLE_REQPARTICIPANT
        }
    }
}

/// One SEQUENCE per UID across every earlier file of an export (RFC 5545 §3.8.7.4: it rises
/// each time the event changes). Clients that see one UID in several files keep the version
/// with the highest SEQUENCE, or the last one imported; both end with the current version
/// only when every file's copy is that version with that SEQUENCE.
struct SequenceHistory {
    struct Entry {
        var sequence: Int
        /// Whether the SEQUENCE rose now (LAST-MODIFIED becomes the new stamp).
        var raised: Bool
        /// The LAST-MODIFIED to keep when nothing changed.
        var lastModified: Int?
    }

    /// The SEQUENCE of each current event.
    private(set) var current: [String: Entry] = [:]
    /// The SEQUENCE of the cancellation of each UID an earlier file holds and no current event has.
    private(set) var gone: [String: Entry] = [:]

    /// `current` are the events being written (a split: every placed event of the programme);
    /// `previous` every earlier file.
    init(current events: [CalendarExporter.Draft], previous: [PreviousCalendar]) {
        var copies: [String: [PreviousCalendar.Event]] = [:]
        for calendar in previous {
            for uid in calendar.order { copies[uid, default: []].append(calendar.events[uid]!) }
        }
        for draft in events where current[draft.uid] == nil {
            guard let olds = copies[draft.uid], let highest = olds.map(\.sequence).max() else {
                current[draft.uid] = Entry(sequence: 0, raised: false, lastModified: nil)
                continue
            }
            // Unchanged only if every earlier copy is this version at the highest SEQUENCE.
            let unchanged = olds.allSatisfy { !$0.cancelled && $0.contentKey == draft.contentKey && $0.sequence == highest }
            current[draft.uid] = unchanged
                ? Entry(sequence: highest, raised: false, lastModified: olds.compactMap(\.lastModified).max())
                : Entry(sequence: min(highest + 1, PreviousCalendar.maximumSequence), raised: true, lastModified: nil)
        }
        for (uid, olds) in copies where current[uid] == nil {
            let highest = olds.map(\.sequence).max()!
            let cancelledAlready = olds.allSatisfy { $0.cancelled && $0.sequence == highest }
            gone[uid] = cancelledAlready
                ? Entry(sequence: highest, raised: false, lastModified: olds.compactMap(\.lastModified).max())
                : Entry(sequence: min(highest + 1, PreviousCalendar.maximumSequence), raised: true, lastModified: nil)
        }
    }
}

/// An earlier export of a calendar, read for `--previous`: each event's UID, SEQUENCE, status
/// and content, so the next export can tell what changed.
public final class PreviousCalendar {
    struct Event {
        var uid: String
        var sequence: Int
        var cancelled: Bool
        var contentKey: String
        var lastModified: Int?
        var startUnix: Int
        var endUnix: Int
        var component: ICalComponent
    }

    let events: [String: Event]
    /// UIDs in file order.
    let order: [String]
    /// X-WR-CALNAME, the calendar's title.
    let title: String?
    /// The newest DTSTAMP in the file, in seconds since 1970.
    let newestStamp: Int?
    private let root: ICalComponent

    /// The largest SEQUENCE written: iCalendar's SEQUENCE is a 32-bit integer.
    static let maximumSequence = Int(Int32.max)

    /// A SEQUENCE as the previous file spells it, read from its text (libical's own reading
    /// wraps past 2^31): clamped into 0 to `maximumSequence`; text that is no number counts as 0.
    static func sequence(_ text: String?) -> Int {
        let digits = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard let first = digits.first, first == "-" || first == "+" || first.isNumber,
              digits.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), digits.count > (first.isNumber ? 0 : 1) else { return 0 }
        if first == "-" { return 0 }
        guard let value = Int(digits) else { return maximumSequence }
        return min(value, maximumSequence)
    }

    /// Parses the text of an earlier export; `file` names it in errors.
    public init(text: String, file: String) throws {
        let parsed = try withLibical { () throws -> (ICalComponent, [String: Event], [String], Int?, String?) in
            let root = try parseCalendarRoot(text, file: file)
            var events: [String: Event] = [:]
            var order: [String] = []
            var newest: Int?
            let title = calendarComponents(root).lazy.compactMap { $0.xValue("X-WR-CALNAME") }.first
            for calendar in calendarComponents(root) {
                let resolver = ZoneResolver(calendar: calendar)
                let fallback = calendar.xValue("X-WR-TIMEZONE").flatMap(builtinZone) ?? icaltimezone_get_utc_timezone()
                for vevent in calendar.children(ICAL_VEVENT_COMPONENT) {
                    guard let uid = string(icalcomponent_get_uid(vevent.pointer)), events[uid] == nil else { continue }
                    let times = resolver.times(of: vevent, fallback: fallback)
                    guard let start = times.startUnix, let end = times.endUnix else { continue }
                    if let stamp = vevent.firstProperty(ICAL_DTSTAMP_PROPERTY) {
                        let seconds = unixTime(icalproperty_get_dtstamp(stamp), in: icaltimezone_get_utc_timezone())
                        newest = max(newest ?? seconds, seconds)
                    }
                    let summary = vevent.firstProperty(ICAL_SUMMARY_PROPERTY).flatMap { string(icalproperty_get_summary($0)) } ?? ""
                    let location = vevent.firstProperty(ICAL_LOCATION_PROPERTY).flatMap { string(icalproperty_get_location($0)) } ?? ""
                    let description = vevent.firstProperty(ICAL_DESCRIPTION_PROPERTY).flatMap { string(icalproperty_get_description($0)) } ?? ""
                    let categories = vevent.properties(ICAL_CATEGORIES_PROPERTY).compactMap { string(icalproperty_get_categories($0)) }
                    let url = vevent.firstProperty(ICAL_URL_PROPERTY).flatMap { string(icalproperty_get_url($0)) } ?? ""
                    let room = vevent.xValues()["X-FORUM-ROOM"] ?? ""
                    let organiser = vevent.firstProperty(ICAL_ORGANIZER_PROPERTY).flatMap { property -> Organiser? in
                        guard let address = string(icalproperty_get_organizer(property)) else { return nil }
                        return Organiser(name: Self.commonName(of: property), email: Self.withoutMailto(address))
                    }
                    let attendees = vevent.properties(ICAL_ATTENDEE_PROPERTY).compactMap { property -> CalendarExporter.Attendee? in
                        guard let address = string(icalproperty_get_attendee(property)) else { return nil }
                        let role = icalproperty_get_first_parameter(property, ICAL_ROLE_PARAMETER).map { parameter -> String in
                            switch icalparameter_get_role(parameter) {
                            case ICAL_ROLE_CHAIR: return "CHAIR"
                            case ICAL_ROLE_OPTPARTICIPANT: return "OPT-PARTICIPANT"
                            case ICAL_ROLE_NONPARTICIPANT: return "NON-PARTICIPANT"
                            default: return "REQ-PARTICIPANT"
                            }
                        } ?? "REQ-PARTICIPANT"
                        return CalendarExporter.Attendee(name: Self.commonName(of: property), email: Self.withoutMailto(address), role: role)
                    }
                    let key = CalendarExporter.contentKey(start: start, end: end, summary: summary, location: location, description: description,
                                                          categories: categories, url: url, room: room, organiser: organiser, attendees: attendees)
                    let sequence = vevent.firstProperty(ICAL_SEQUENCE_PROPERTY).map {
                        Self.sequence(string(icalproperty_get_value_as_string($0)))
                    } ?? 0
                    let cancelled = vevent.firstProperty(ICAL_STATUS_PROPERTY).map { icalproperty_get_status($0) == ICAL_STATUS_CANCELLED } ?? false
                    let lastModified = vevent.firstProperty(ICAL_LASTMODIFIED_PROPERTY).map {
                        unixTime(icalproperty_get_lastmodified($0), in: icaltimezone_get_utc_timezone())
                    }
                    events[uid] = Event(uid: uid, sequence: sequence, cancelled: cancelled, contentKey: key, lastModified: lastModified,
                                        startUnix: start, endUnix: end, component: vevent)
                    order.append(uid)
                }
            }
            return (root, events, order, newest, title)
        }
        root = parsed.0
        events = parsed.1
        order = parsed.2
        newestStamp = parsed.3
        title = parsed.4
    }

    /// The CN parameter of an ORGANIZER or ATTENDEE ("" without one).
    private static func commonName(of property: OpaquePointer) -> String {
        icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER).flatMap { string(icalparameter_get_cn($0)) } ?? ""
    }

    /// `user@example.org` from `mailto:user@example.org` (any case of `mailto:`).
    private static func withoutMailto(_ address: String) -> String {
        address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
    }
}

/// Parses iCalendar text into libical's tree, or says where the text is broken.
func parseCalendarRoot(_ text: String, file: String) throws -> ICalComponent {
    try parseCalendar(text, file: file).root
}

/// Parses iCalendar text into libical's tree and gives the line of each BEGIN:VEVENT, in file
/// order (libical keeps that order), so that findings can name lines.
func parseCalendar(_ text: String, file: String) throws -> (root: ICalComponent, veventLines: [Int]) {
    let structure = scanStructure(text, file: file)
    if let problem = structure.problem { throw problem }
    guard let root = ICalComponent.parse(text) else {
        throw InputError(location: SourceLocation(file: file, line: 1), message: "libical cannot read this as iCalendar",
                         hint: "the file should start with BEGIN:VCALENDAR and end with END:VCALENDAR")
    }
    guard !calendarComponents(root).isEmpty else {
        throw InputError(location: SourceLocation(file: file, line: 1), message: "no VCALENDAR in the file",
                         hint: "an iCalendar file starts with BEGIN:VCALENDAR")
    }
    return (root, structure.veventLines)
}

/// The VCALENDARs of a parse result (libical wraps several in an XROOT).
func calendarComponents(_ root: ICalComponent) -> [ICalComponent] {
    if root.kind == ICAL_VCALENDAR_COMPONENT { return [root] }
    return root.children(ICAL_VCALENDAR_COMPONENT)
}

/// BEGIN/END lines that do not pair up, found before libical sees the text so that the
/// error can name the line (libical only says that it failed), and the line of each
/// BEGIN:VEVENT. Works on UTF-8 bytes: calendars run to megabytes.
func scanStructure(_ text: String, file: String) -> (problem: InputError?, veventLines: [Int]) {
    var text = text
    return text.withUTF8 { bytes -> (InputError?, [Int]) in
        var stack: [(name: String, line: Int)] = []
        var vevents: [Int] = []
        var sawCalendar = false
        var lineNumber = 0
        var start = 0
        let n = bytes.count
        func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
        func hasPrefix(_ prefix: StaticString, _ from: Int, _ end: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard end - from >= count else { return false }
            let p = prefix.utf8Start
            for k in 0..<count where upper(bytes[from + k]) != p[k] { return false }
            return true
        }
        func name(_ from: Int, _ end: Int) -> String {
            var from = from, end = end
            while from < end && (bytes[from] == 0x20 || bytes[from] == 0x09) { from += 1 }
            while end > from && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]).map(upper), as: UTF8.self)
        }
        while start < n {
            // One line: up to "\n", "\r\n" or a lone "\r".
            var end = start
            while end < n && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            lineNumber += 1
            if hasPrefix("BEGIN:", start, end) {
                let component = name(start + 6, end)
                if component == "VCALENDAR" { sawCalendar = true }
                if component == "VEVENT" { vevents.append(lineNumber) }
                stack.append((component, lineNumber))
            } else if hasPrefix("END:", start, end) {
                let component = name(start + 4, end)
                guard let open = stack.popLast() else {
                    return (InputError(location: SourceLocation(file: file, line: lineNumber), message: "END:\(component) without a BEGIN:\(component)"), vevents)
                }
                if open.name != component {
                    return (InputError(location: SourceLocation(file: file, line: lineNumber),
                                       message: "END:\(component) closes BEGIN:\(open.name) of line \(open.line)",
                                       hint: "add END:\(open.name) before this line"), vevents)
                }
            }
            if end < n && bytes[end] == 0x0D && end + 1 < n && bytes[end + 1] == 0x0A { end += 1 }
            start = end + 1
        }
        if let open = stack.last {
            return (InputError(location: SourceLocation(file: file, line: open.line), message: "BEGIN:\(open.name) is never closed",
                               hint: "add END:\(open.name)"), vevents)
        }
        if !sawCalendar {
            return (InputError(location: SourceLocation(file: file, line: 1), message: "no BEGIN:VCALENDAR in the file",
                               hint: "an iCalendar file starts with BEGIN:VCALENDAR"), vevents)
        }
        return (nil, vevents)
    }
}

/// `text` without white space at either end (Foundation's trimming bridges through NSString,
/// which costs more than the rest of reading an event).
func trimmed(_ text: String) -> String {
    guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
    guard let start = text.firstIndex(where: { !$0.isWhitespace }), let end = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(text[start...end])
}

/// Newlines and tabs become spaces: for SUMMARY-like one-line fields.
func singleLine(_ text: String) -> String {
    guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
    return text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
}

/// A file-name-safe form of an id (ids are already safe; dates too).
func safeFileName(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
}
