import CLibical
import Foundation
import ForumModel

/// Something about a calendar that a programme file cannot have: duplicate UIDs, events
/// without a start, all-day events, unknown time zones.
public struct CalendarFinding: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong; the raw value is the name in reports.
    public enum Kind: String, Hashable, Sendable {
        /// Two or more events share a UID (and RECURRENCE-ID): clients keep only one.
        case duplicateUID = "duplicate-uid"
        /// Events without a UID: session ids come from their titles.
        case noUID = "no-uid"
        /// A VEVENT without a usable DTSTART: no client can place it.
        case missingStart = "missing-start"
        /// An all-day event (DATE): read but not placed.
        case allDay = "all-day"
        /// A TZID that neither the file nor tzdata defines: read as the programme's wall clock.
        case unknownZone = "unknown-zone"
        /// A recurring event (RRULE/RDATE): only its first occurrence is read.
        case recurring = "recurring"
        /// An event that ends on a later day than it starts: cut at midnight.
        case crossesMidnight = "crosses-midnight"
        /// An event without LOCATION: it gets a room of its own and cannot clash.
        case noLocation = "no-location"
        /// An event that ends when it starts, or before: placed with a slot of
        /// `CalendarReader.minimumMinutes` (a programme's sessions last a while).
        case noDuration = "no-duration"
        /// An event outside the years 1 to 9999, which programme files cannot hold: read
        /// without a placement.
        case yearOutOfRange = "year-out-of-range"
        /// An event more than a year from the calendar's busiest year, which one programme
        /// cannot span: read without a placement.
        case outsideSpan = "outside-span"
        /// The calendar spans more than a programme can (367 days): only its busiest year is
        /// placed. Hard: import a part with `--from` and `--to`.
        case longSpan = "long-span"
        /// A TZID that is no IANA name (a Windows zone, an Outlook display name, a custom
        /// VTIMEZONE), mapped to the IANA zone named in the message.
        case zoneMapped = "zone-mapped"
        /// A VTIMEZONE whose offsets differ from tzdata's for the IANA zone it names: read with tzdata.
        case zoneDiffers = "vtimezone-differs"
        /// Times without a zone (floating): read as the wall clock of the zone named in the message.
        case floatingTime = "floating-time"
        /// A UTC time with a TZID (`TZID=…:…Z`, which RFC 5545 does not allow): read as UTC.
        case tzidWithUTC = "tzid-with-utc"
        /// A calendar that names no zone at all: the programme's zone is UTC.
        case noZone = "no-zone"
        /// A cancelled event or occurrence (STATUS:CANCELLED): not imported.
        case cancelled = "cancelled"
        /// A file that is not UTF-8, read as Latin-1 / Windows-1252.
        case notUTF8 = "not-utf8"
    }

    public var kind: Kind
    /// Whether the finding makes the calendar unusable as it is (exit code 1 in `forum validate`).
    public var hard: Bool
    /// The events concerned: their UIDs and, in the same order, their SUMMARYs.
    public var uids: [String]
    public var summaries: [String]
    /// Lines of the events' BEGIN:VEVENT in the file.
    public var lines: [Int]
    /// One sentence for people, naming the events.
    public var message: String

    /// The events concerned, each with its UID, SUMMARY and line, for reports.
    public var events: [CalendarEventInfo] {
        uids.indices.map { i in
            CalendarEventInfo(uid: uids[i], summary: i < summaries.count ? summaries[i] : "", line: i < lines.count ? lines[i] : nil)
        }
    }

    public var description: String {
        "\(hard ? "error" : "warning") \(kind.rawValue): \(message)"
    }
}

/// One VEVENT as the reader saw it, for naming events in reports.
public struct CalendarEventInfo: Hashable, Sendable {
    public var uid: String
    public var summary: String
    /// Line of its BEGIN:VEVENT.
    public var line: Int?
}

/// A calendar read into the programme model.
public struct CalendarImport: Sendable {
    public var programme: Programme
    public var findings: [CalendarFinding]
    /// For each session id, the events it came from (one per part), to name them by UID.
    public var events: [String: [CalendarEventInfo]]
    /// The file the calendar came from.
    public var file: String
}

/// Reads any iCalendar file with libical into a `Programme`: rooms from LOCATION, sessions
/// from VEVENTs, days and a grid from the events' times. Times given in UTC or in another zone
/// are converted to the programme's zone (X-WR-TIMEZONE, else the most used TZID); floating
/// times are read as the programme's wall clock. Calendars written by `CalendarExporter` come
/// back with the same session ids, rooms and placements (it adds X-FORUM-* properties).
public struct CalendarReader {
    /// The programme's zone (an IANA name), instead of the calendar's; floating times are read in it.
    public var timeZone: String?
    /// Only events that start on these days (in the programme's zone) are imported.
    public var days: ClosedRange<LocalDate>?

    public init(timeZone: String? = nil, days: ClosedRange<LocalDate>? = nil) {
        self.timeZone = timeZone
        self.days = days
    }

    /// The most days from a programme's first day to its last (the programme reader refuses more).
    static let longestSpan = 366
    /// The slot given to an event that ends when it starts (or before).
    public static let minimumMinutes = 15

    /// Reads the calendar file at `path`.
    public func read(file path: String) throws -> CalendarImport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(location: SourceLocation(file: path), message: "cannot read the file", hint: "check the path")
        }
        // A fold may split a character (RFC 5545 §3.1 folds octets, and unfolding comes first).
        if let text = String(data: data, encoding: .utf8) ?? String(bytes: CalendarReader.mendingSplitCharacters(Array(data)), encoding: .utf8) {
            return try read(text: text, file: path)
        }
        let bytes = Array(data)
        let bad = UTF8Position.firstInvalid(in: CalendarReader.mendingSplitCharacters(bytes))
        if let (text, how) = CalendarReader.decodeLatin(bytes) {
            var imported = try read(text: text, file: path)
            let at = bad.map { " (the first at line \($0.line), byte \($0.offset): \($0.bytes))" } ?? ""
            imported.findings.insert(CalendarFinding(
                kind: .notUTF8, hard: false, uids: [], summaries: [], lines: bad.map { [$0.line] } ?? [],
                message: "the file is not UTF-8 text\(at): \(how); check accented letters, and save the calendar as UTF-8 (RFC 5545 §3.1.4)"), at: 0)
            return imported
        }
        throw InputError(location: SourceLocation(file: path, line: bad?.line, column: bad?.column),
                         message: bad?.message ?? "the file is not UTF-8 text",
                         hint: "iCalendar files are UTF-8 (RFC 5545 §3.1.4); save or export the calendar as UTF-8")
    }

    /// Text that is not UTF-8 read as Windows-1252 (a superset of Latin-1's letters) when the file
    /// says so (a CHARSET parameter of ISO-8859-1, -15, Latin-1 or Windows-1252), or when it is
    /// unambiguous: every run of non-ASCII bytes is one or two long and each is a Latin letter or
    /// common punctuation there (Greek or Cyrillic in an 8-bit code comes in longer runs). With how it was read.
    static func decodeLatin(_ bytes: [UInt8]) -> (String, String)? {
        let ascii = String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self).uppercased()
        if let range = ascii.range(of: "CHARSET=") {
            let value = ascii[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            let latin = ["ISO-8859-1", "ISO8859-1", "ISO-8859-15", "LATIN1", "LATIN-1", "WINDOWS-1252", "CP1252", "ISO_8859-1", "US-ASCII"]
            if latin.contains(String(value)), let text = String(bytes: bytes, encoding: .windowsCP1252) {
                return (text, "it declares CHARSET=\(value) and was read as Windows-1252")
            }
            if !latin.contains(String(value)) { return nil }
        }
        // Letters of Latin-1 and Windows-1252 punctuation (€ ‚ „ … ‘ ’ “ ” • – —, nbsp « » ° ·).
        let punctuation: Set<UInt8> = [0x80, 0x82, 0x84, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0xA0, 0xAB, 0xBB, 0xB0, 0xB7, 0xA9, 0xAE, 0x8A, 0x8E, 0x9A, 0x9E, 0x9C, 0x8C]
        var run = 0
        var seen = false
        for byte in bytes {
            if byte < 0x80 { run = 0; continue }
            run += 1
            seen = true
            let letter = (0xC0...0xFF).contains(byte) && byte != 0xD7 && byte != 0xF7
            if run > 2 || !(letter || punctuation.contains(byte)) { return nil }
        }
        guard seen, let text = String(bytes: bytes, encoding: .windowsCP1252) else { return nil }
        return (text, "its other bytes are all Latin letters and punctuation in Windows-1252, and it was read so")
    }

    /// `bytes` with every UTF-8 character that a fold (CRLF or LF, then a space or tab) splits
    /// moved whole after the fold: the unfolded text is the same, and each line is UTF-8 again.
    /// Lines stay where they were, so findings keep their line numbers.
    static func mendingSplitCharacters(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let foldLength = b == 0x0D && i + 2 < bytes.count && bytes[i + 1] == 0x0A ? 2 : b == 0x0A ? 1 : 0
            if foldLength > 0, i + foldLength < bytes.count, bytes[i + foldLength] == 0x20 || bytes[i + foldLength] == 0x09 {
                // The bytes before the fold that begin a character not finished there.
                var start = out.count
                while start > 0 && out.count - start < 3 && out[start - 1] & 0xC0 == 0x80 { start -= 1 }
                if start > 0 && out[start - 1] >= 0xC0 { start -= 1 }
                let lead = start < out.count ? out[start] : 0
                let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                let pending = lead >= 0xC0 && out.count - start < needed ? Array(out[start...]) : []
                out.removeLast(pending.count)
                out.append(contentsOf: bytes[i...(i + foldLength)])
                out.append(contentsOf: pending)
                i += foldLength + 1
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// Reads iCalendar `text`; `file` names it in errors and findings.
    public func read(text: String, file: String) throws -> CalendarImport {
        try withLibical { try readLocked(text: text, file: file) }
    }

    private struct RawEvent {
        var uid: String
        var recurrence: String?
        var line: Int?
        var summary: String
        var location: String?
        var description: String?
        var categories: [String]
        var url: String?
        var times: EventTimes
        var recurring: Bool
        var cancelled: Bool
        /// The TZID of DTSTART, if any.
        var startTZID: String?
        /// EXDATE values, as written.
        var exdates: [String]
        var errors: [String]
        var forumSession: String?
        var forumPart: Int?
        var forumParts: Int?
        var forumRoom: String?
        var forumKind: String?
        var forumThemes: [String]
        /// For an override (RECURRENCE-ID): the instant of the occurrence it replaces.
        var recurrenceUnix: Int? = nil
        /// For an occurrence of an expanded recurring event: how many the series has, and
        /// whether the rule went on past a year or `maximumOccurrences` (the rest not read).
        var occurrences: Int? = nil
        var occurrencesCut = false
    }

    /// The most occurrences a recurring event is expanded to (a session has at most 100 parts).
    static let maximumOccurrences = 100

    private func readLocked(text: String, file: String) throws -> CalendarImport {
        let (root, lines) = try parseCalendar(text, file: file)
        var raw: [RawEvent] = []
        var zoneVotes: [String: Int] = [:]
        var declaredZone: String?
        var calendarName: String?
        var calendarDescription: String?
        var venue: String?
        var resolvers: [ZoneResolver] = []
        var veventIndex = 0
        let calendars = calendarComponents(root)
        for calendar in calendars {
            let resolver = ZoneResolver(calendar: calendar)
            resolvers.append(resolver)
            if declaredZone == nil, let name = calendar.xValue("X-WR-TIMEZONE").map(trimmed) {
                if builtinZone(name) != nil || ZoneResolver.ianaName(in: name) != nil {
                    declaredZone = builtinZone(name) != nil ? name : ZoneResolver.ianaName(in: name)
                } else if let windows = WindowsZones.zone(windowsID: name) ?? WindowsZones.zone(display: name) {
                    declaredZone = windows.iana
                }
            }
            if calendarName == nil { calendarName = calendar.xValue("X-WR-CALNAME") }
            if calendarDescription == nil { calendarDescription = calendar.xValue("X-WR-CALDESC") }
            if venue == nil { venue = calendar.xValue("X-FORUM-VENUE") }
            for vevent in calendar.children(ICAL_VEVENT_COMPONENT) {
                let line = veventIndex < lines.count ? lines[veventIndex] : nil
                veventIndex += 1
                // Times are converted once the programme's zone is known; keep the zone votes now.
                let startProperty = vevent.firstProperty(ICAL_DTSTART_PROPERTY)
                if let startProperty, let start = resolver.read(startProperty, { icalproperty_get_dtstart($0) }), case .zoned(let tzid) = start.form {
                    if let iana = resolver.ianaNames[tzid] { zoneVotes[iana, default: 0] += 1 }
                }
                let x = vevent.xValues()
                let recurrence = vevent.firstProperty(ICAL_RECURRENCEID_PROPERTY).flatMap { string(icalproperty_get_value_as_string($0)) }
                raw.append(RawEvent(
                    uid: string(icalcomponent_get_uid(vevent.pointer)) ?? "",
                    recurrence: recurrence, line: line,
                    summary: vevent.firstProperty(ICAL_SUMMARY_PROPERTY).flatMap { string(icalproperty_get_summary($0)) } ?? "",
                    location: vevent.firstProperty(ICAL_LOCATION_PROPERTY).flatMap { string(icalproperty_get_location($0)) },
                    description: vevent.firstProperty(ICAL_DESCRIPTION_PROPERTY).flatMap { string(icalproperty_get_description($0)) },
                    categories: vevent.properties(ICAL_CATEGORIES_PROPERTY).compactMap { string(icalproperty_get_categories($0)) }.filter { !$0.isEmpty },
                    url: vevent.firstProperty(ICAL_URL_PROPERTY).flatMap { string(icalproperty_get_url($0)) },
                    times: EventTimes(), // filled below
                    recurring: vevent.firstProperty(ICAL_RRULE_PROPERTY) != nil || vevent.firstProperty(ICAL_RDATE_PROPERTY) != nil,
                    cancelled: vevent.firstProperty(ICAL_STATUS_PROPERTY).map { icalproperty_get_status($0) == ICAL_STATUS_CANCELLED } ?? false,
                    startTZID: startProperty.flatMap { string(icalproperty_get_parameter_as_string($0, "TZID")) },
                    exdates: vevent.properties(ICAL_EXDATE_PROPERTY).compactMap { string(icalproperty_get_value_as_string($0)) },
                    errors: vevent.properties(ICAL_XLICERROR_PROPERTY).compactMap { string(icalproperty_get_xlicerror($0)).map { "libical: " + $0 } }
                        + impossibleTimes(of: vevent),
                    forumSession: x["X-FORUM-SESSION"],
                    forumPart: x["X-FORUM-PART"].flatMap { Int($0) },
                    forumParts: x["X-FORUM-PARTS"].flatMap { Int($0) },
                    forumRoom: x["X-FORUM-ROOM"],
                    forumKind: x["X-FORUM-KIND"],
                    forumThemes: x["X-FORUM-THEMES"]?.split(separator: " ").map(String.init) ?? []))
            }
        }
        if raw.isEmpty {
            throw InputError(location: SourceLocation(file: file, line: 1), message: "the calendar has no events (VEVENT)",
                             hint: "export a calendar that holds events")
        }

        // The programme's zone: --timezone, else declared, else the most used TZID, else UTC.
        if let wanted = timeZone, builtinZone(wanted) == nil {
            throw InputError(location: SourceLocation(file: file), message: "unknown time zone `\(wanted)`",
                             hint: "give an IANA zone name such as Europe/Athens (see /usr/share/zoneinfo)")
        }
        let voted = zoneVotes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key
        let zoneName = timeZone ?? declaredZone ?? voted ?? "UTC"
        let zoneSource = timeZone != nil ? "given with --timezone" : declaredZone != nil ? "the calendar's X-WR-TIMEZONE"
            : voted != nil ? "the zone most events use" : "no zone is named anywhere in the calendar; pass --timezone to give the venue's"
        let zone = builtinZone(zoneName) ?? icaltimezone_get_utc_timezone()!

        // Times, now that floating ones can be read on the programme's clock.
        var veventNumber = 0
        var occurrences: [Int: [(start: Int, end: Int, stamp: String)]] = [:]
        var truncated: Set<Int> = []
        for (calendar, resolver) in zip(calendars, resolvers) {
            for vevent in calendar.children(ICAL_VEVENT_COMPONENT) {
                raw[veventNumber].times = resolver.times(of: vevent, fallback: zone)
                if let property = vevent.firstProperty(ICAL_RECURRENCEID_PROPERTY),
                   let id = resolver.read(property, { icalproperty_get_recurrenceid($0) }) {
                    raw[veventNumber].recurrenceUnix = id.unix(fallback: zone)
                } else if raw[veventNumber].recurring, let list = expand(vevent, resolver: resolver, times: raw[veventNumber].times, zone: zone) {
                    occurrences[veventNumber] = list.occurrences
                    if list.truncated { truncated.insert(veventNumber) }
                }
                veventNumber += 1
            }
        }
        // A recurring event becomes a series: one part per occurrence, an override
        // (RECURRENCE-ID) in place of the occurrence it moves, EXDATEs and cancelled
        // overrides left out.
        if !occurrences.isEmpty {
            // Overrides by UID, and the UIDs whose series is expanded: looked up once, not per event.
            var overridesOf: [String: [RawEvent]] = [:]
            var expandedUIDs = Set<String>()
            for (n, event) in raw.enumerated() {
                if event.recurrenceUnix != nil { overridesOf[event.uid, default: []].append(event) }
                else if occurrences[n] != nil { expandedUIDs.insert(event.uid) }
            }
            var expanded: [RawEvent] = []
            for (n, event) in raw.enumerated() {
                if event.recurrenceUnix != nil && expandedUIDs.contains(event.uid) { continue }   // placed with its series below
                guard let list = occurrences[n] else { expanded.append(event); continue }
                let overrides = overridesOf[event.uid] ?? []
                var parts: [RawEvent] = []
                for occurrence in list {
                    if let override = overrides.first(where: { $0.recurrenceUnix == occurrence.start }) {
                        parts.append(override)
                        continue
                    }
                    var copy = event
                    copy.times.startUnix = occurrence.start
                    copy.times.endUnix = occurrence.end
                    copy.recurrence = occurrence.stamp
                    parts.append(copy)
                }
                // Overrides of occurrences the rule does not make (moved in from elsewhere) join too.
                for override in overrides where !list.contains(where: { $0.start == override.recurrenceUnix }) { parts.append(override) }
                let live = parts.filter { !$0.cancelled }
                let series = event.forumSession ?? event.uid
                var k = 0
                for var part in parts {
                    if !part.cancelled { k += 1; part.forumPart = k }
                    part.forumSession = series
                    part.forumParts = nil
                    part.occurrences = live.count
                    part.recurring = true
                    part.occurrencesCut = truncated.contains(n)
                    expanded.append(part)
                }
            }
            raw = expanded
        }

        // One finding per TZID that had to be mapped, naming the events that use it.
        var zoneFindings: [CalendarFinding] = []
        for resolver in resolvers {
            let notes = resolver.notes.map { ($0.tzid, CalendarFinding.Kind.zoneMapped, $0.note) }
            let differences = resolver.disagreements.sorted { $0.key < $1.key }.map { ($0.key, CalendarFinding.Kind.zoneDiffers, $0.value) }
            for (tzid, kind, note) in notes + differences {
                let users = raw.filter { $0.startTZID == tzid }
                guard !users.isEmpty else { continue }
                zoneFindings.append(CalendarFinding(kind: kind, hard: false, uids: users.map(\.uid), summaries: users.map(\.summary),
                                                    lines: users.compactMap(\.line),
                                                    message: note + " (\(users.count) event\(users.count == 1 ? "" : "s"), the first “\(users[0].summary)”\(users[0].line.map { " at line \($0)" } ?? ""))"))
            }
        }
        return assemble(raw, zoneName: zoneName, zone: zone, zoneSource: zoneSource, zoneFindings: zoneFindings,
                        name: calendarName, description: calendarDescription, venue: venue, file: file)
    }

    private func assemble(_ raw: [RawEvent], zoneName: String, zone: OpaquePointer, zoneSource: String, zoneFindings: [CalendarFinding],
                          name: String?, description: String?, venue: String?, file: String) -> CalendarImport {
        var findings: [CalendarFinding] = zoneFindings

        // Times the calendar gives without a zone, or with a TZID and a Z: one finding each, naming the events.
        func summary(_ kind: CalendarFinding.Kind, _ events: [RawEvent], _ message: String) {
            guard !events.isEmpty else { return }
            let first = events[0]
            findings.append(CalendarFinding(kind: kind, hard: false, uids: events.map(\.uid), summaries: events.map(\.summary), lines: events.compactMap(\.line),
                                            message: message + " (\(events.count) event\(events.count == 1 ? "" : "s"), the first “\(first.summary)”\(first.line.map { " at line \($0)" } ?? ""))"))
        }
        let live = raw.filter { !$0.cancelled }
        summary(.noUID, raw.filter { $0.uid.isEmpty },
                "events without a UID (RFC 5545 requires one) get session ids from their titles; calendar software may merge or duplicate them")
        summary(.floatingTime, live.filter { $0.times.start?.form == .floating },
                "times without a zone (floating, no TZID and no Z) are read as \(zoneName) wall-clock time (\(zoneSource))")
        for tzid in Set(live.flatMap(\.times.ignoredTZIDs)).sorted() {
            summary(.tzidWithUTC, live.filter { $0.times.ignoredTZIDs.contains(tzid) },
                    "times given as TZID=\(tzid) and in UTC (…Z), which RFC 5545 §3.3.5 does not allow, are read as UTC, as the Z says; if they are \(tzid) wall-clock times, remove the Z")
        }
        if zoneName == "UTC", timeZone == nil, !live.contains(where: { if case .zoned = $0.times.start?.form { return true }; return false }),
           live.contains(where: { $0.times.start?.form == .utc }) {
            summary(.noZone, live.filter { $0.times.start?.form == .utc },
                    "the calendar names no time zone (its times are in UTC): the programme's zone is UTC; pass --timezone with the venue's zone to see its wall clock")
        }

        // Duplicate UIDs (an overridden occurrence, with RECURRENCE-ID, is not a duplicate).
        var byKey: [String: [Int]] = [:]
        var keyOrder: [String] = []
        for (i, event) in raw.enumerated() where !event.uid.isEmpty {
            let key = event.uid + "\u{1E}" + (event.recurrence ?? "")
            if byKey[key] == nil { keyOrder.append(key) }
            byKey[key, default: []].append(i)
        }
        for key in keyOrder {
            let indices = byKey[key]!
            guard indices.count > 1 else { continue }
            let uid = raw[indices[0]].uid
            let summaries = indices.map { raw[$0].summary }
            let lines = indices.compactMap { raw[$0].line }
            findings.append(CalendarFinding(
                kind: .duplicateUID, hard: true, uids: indices.map { _ in uid }, summaries: summaries, lines: lines,
                message: "\(indices.count) events share the UID \(uid.isEmpty ? "(empty)" : uid): " +
                    indices.map { "“\(raw[$0].summary)”" + (raw[$0].line.map { " (line \($0))" } ?? "") }.joined(separator: ", ") +
                    "; calendar software keeps only one of them"))
        }

        // Sessions: one per event, or one per X-FORUM-SESSION series.
        struct Part { var event: Int; var day: LocalDate?; var start: TimeOfDay?; var end: TimeOfDay? }
        struct Draft { var id: String; var parts: [(order: Int, part: Part)]; var first: Int; var declaredParts: Int? }
        var drafts: [Draft] = []
        var draftBySeries: [String: Int] = [:]
        var usedIDs: Set<String> = []
        var rooms: [(id: String, name: String)] = []
        var roomByKey: [String: String] = [:]
        var usedRoomIDs: Set<String> = []
        var roomOf: [Int: String] = [:]
        var noLocationCount = 0
        var noLocationRoomOfSeries: [String: String] = [:]


        var leftOut: [RawEvent] = []
        for (i, event) in raw.enumerated() {
            var part = Part(event: i)
            let describe = "“\(event.summary)” (UID \(event.uid.isEmpty ? "(none)" : event.uid)\(event.line.map { ", line \($0)" } ?? ""))"
            if event.cancelled {
                let what = event.recurrence.map { "the occurrence \($0) of \(describe)" } ?? describe
                findings.append(CalendarFinding(kind: .cancelled, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                message: "\(what) is cancelled (STATUS:CANCELLED): not imported"))
                continue
            }
            if let days, let startUnix = event.times.startUnix, event.times.start?.form != .date {
                let wall = wallClock(at: startUnix, in: zone)
                let day = LocalDate(year: Int(wall.year), month: Int(wall.month), day: Int(wall.day))
                if !days.contains(day) { leftOut.append(event); continue }
            }
            if let start = event.times.start, let startUnix = event.times.startUnix, let endUnix = event.times.endUnix {
                switch start.form {
                case .date:
                    findings.append(CalendarFinding(kind: .allDay, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                    message: "\(describe) is an all-day event: read without a placement"))
                default:
                    if case .unknownZone(let tzid) = start.form {
                        findings.append(CalendarFinding(kind: .unknownZone, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                        message: "\(describe) uses the time zone `\(tzid)`, which neither the file nor tzdata defines: read as \(zoneName) wall-clock time"))
                    }
                    let startWall = wallClock(at: startUnix, in: zone)
                    let endWall = wallClock(at: max(endUnix, startUnix), in: zone)
                    let day = LocalDate(year: Int(startWall.year), month: Int(startWall.month), day: Int(startWall.day))
                    let endDay = LocalDate(year: Int(endWall.year), month: Int(endWall.month), day: Int(endWall.day))
                    part.day = day
                    part.start = TimeOfDay(hour: Int(startWall.hour), minute: Int(startWall.minute))
                    if endDay == day {
                        part.end = TimeOfDay(hour: Int(endWall.hour), minute: Int(endWall.minute))
                    } else {
                        part.end = TimeOfDay(minutes: 24 * 60)
                        if !(endDay == day.adding(days: 1) && endWall.hour == 0 && endWall.minute == 0) {
                            findings.append(CalendarFinding(kind: .crossesMidnight, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                            message: "\(describe) ends on \(endDay), after the day it starts (\(day)): read as ending at 24:00"))
                        }
                    }
                    // What a programme file cannot hold is read without a placement, so the import validates.
                    if !(1...9999).contains(day.year) {
                        findings.append(CalendarFinding(kind: .yearOutOfRange, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                        message: "\(describe) is in the year \(day.year), outside 1 to 9999: read without a placement"))
                        part = Part(event: i)
                    } else if let s = part.start, let e = part.end, e.minutes <= s.minutes {
                        let backwards = endUnix < startUnix
                        let why = event.errors.isEmpty ? "" : " (\(event.errors.joined(separator: "; ")))"
                        let end = TimeOfDay(minutes: min(24 * 60, s.minutes + CalendarReader.minimumMinutes))
                        if end.minutes <= s.minutes {
                            // 24:00 exactly: no room left on the day.
                            findings.append(CalendarFinding(kind: .noDuration, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                            message: "\(describe) \(backwards ? "ends before it starts" : "ends when it starts") at the end of \(day)\(why): read without a placement; give it a DTEND or DURATION"))
                            part = Part(event: i)
                        } else {
                            part.end = end
                            findings.append(CalendarFinding(kind: .noDuration, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                            message: "\(describe) \(backwards ? "ends before it starts" : "ends when it starts") (\(day) \(s))\(why): placed \(s)–\(end), a slot of \(end.minutes - s.minutes) minutes; give it a DTEND or DURATION"))
                        }
                    }
                }
            } else {
                let why = event.errors.isEmpty ? "" : " (\(event.errors.joined(separator: "; ")))"
                findings.append(CalendarFinding(kind: .missingStart, hard: true, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                message: "\(describe) has no start (DTSTART)\(why): no calendar can show it"))
            }
            if event.recurring, let count = event.occurrences {
                // Said once per series, at its first part.
                if event.forumPart == 1 {
                    let excluded = event.exdates.isEmpty ? "" : "; \(event.exdates.count) occurrence\(event.exdates.count == 1 ? " is" : "s are") excluded (EXDATE \(event.exdates.prefix(5).joined(separator: ", "))\(event.exdates.count > 5 ? ", …" : ""))"
                    findings.append(CalendarFinding(kind: .recurring, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                    message: "\(describe) repeats (RRULE/RDATE): read as a series of \(count) part\(count == 1 ? "" : "s"), one per occurrence\(excluded)"
                                                        + (event.occurrencesCut ? "; it repeats beyond a year or \(CalendarReader.maximumOccurrences) occurrences, and only those are read (pass --from/--to for another stretch)" : "")))
                }
            } else if event.recurring {
                findings.append(CalendarFinding(kind: .recurring, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                message: "\(describe) repeats (RRULE/RDATE), but its occurrences cannot be worked out: only its first is read; give each session its own event"))
            } else if !event.exdates.isEmpty {
                findings.append(CalendarFinding(kind: .recurring, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                message: "\(describe) has EXDATE \(event.exdates.prefix(5).joined(separator: ", ")) but does not repeat: the EXDATE is ignored"))
            }

            // Room: X-FORUM-ROOM, else from LOCATION.
            if part.day != nil {
                let location = event.location.map(trimmed) ?? ""
                if let forumRoom = event.forumRoom, isValidID(forumRoom) {
                    if roomByKey["id:" + forumRoom] == nil {
                        roomByKey["id:" + forumRoom] = forumRoom
                    }
                    // A room another event's LOCATION already made under this id is the same room.
                    if !usedRoomIDs.contains(forumRoom) {
                        usedRoomIDs.insert(forumRoom)
                        var name = location
                        if let venue, !venue.isEmpty, name.hasSuffix(", " + venue), name.count > venue.count + 2 {
                            name = String(name.dropLast(venue.count + 2))
                        }
                        rooms.append((forumRoom, name.isEmpty ? forumRoom : name))
                    }
                    roomOf[i] = forumRoom
                } else if !location.isEmpty {
                    if let id = roomByKey["name:" + location] {
                        roomOf[i] = id
                    } else {
                        let id = uniqueID(slug(location, fallback: "room"), in: &usedRoomIDs)
                        roomByKey["name:" + location] = id
                        rooms.append((id, location))
                        roomOf[i] = id
                    }
                } else if let series = event.forumSession, event.occurrences != nil, let id = noLocationRoomOfSeries[series] {
                    // The occurrences of a recurring event without LOCATION share one room.
                    roomOf[i] = id
                } else {
                    noLocationCount += 1
                    let id = uniqueID("no-location-\(noLocationCount)", in: &usedRoomIDs)
                    if let series = event.forumSession, event.occurrences != nil { noLocationRoomOfSeries[series] = id }
                    rooms.append((id, "(no location)"))
                    roomOf[i] = id
                    findings.append(CalendarFinding(kind: .noLocation, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                    message: "\(describe) has no LOCATION: it gets a room of its own"))
                }
            }

            if let series = event.forumSession, let index = draftBySeries[series] {
                drafts[index].parts.append((event.forumPart ?? drafts[index].parts.count + 1, part))
            } else {
                let base = [event.forumSession, event.uid].compactMap { $0 }.first(where: isValidID)
                    ?? (event.uid.isEmpty ? slug(event.summary, fallback: "event")
                        : slug(event.uid.split(separator: "@").first.map(String.init) ?? event.uid, fallback: "event"))
                let id = uniqueID(base, in: &usedIDs)
                if let series = event.forumSession { draftBySeries[series] = drafts.count }
                drafts.append(Draft(id: id, parts: [(event.forumPart ?? 1, part)], first: i, declaredParts: event.forumParts))
            }
        }

        // A programme spans at most 367 days (the programme reader's limit): the placements
        // in the busiest such window stay, the rest are read without a placement.
        let placedDays = drafts.flatMap { $0.parts.compactMap(\.part.day) }.map(\.dayNumber).sorted()
        if let first = placedDays.first, let last = placedDays.last, last - first > CalendarReader.longestSpan {
            var best = (count: 0, from: first), j = 0
            for (i, d) in placedDays.enumerated() {
                while placedDays[j] < d - CalendarReader.longestSpan { j += 1 }
                if i - j + 1 > best.count { best = (i - j + 1, d - CalendarReader.longestSpan) }
            }
            let window = best.from...(best.from + CalendarReader.longestSpan)
            var unplaced = 0
            for k in drafts.indices {
                for n in drafts[k].parts.indices {
                    let part = drafts[k].parts[n].part
                    guard let day = part.day, !window.contains(day.dayNumber) else { continue }
                    let event = raw[part.event]
                    findings.append(CalendarFinding(kind: .outsideSpan, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                    message: "“\(event.summary)” (UID \(event.uid)) on \(day) is more than a year from most of the calendar's events (\(LocalDate(dayNumber: window.lowerBound))–\(LocalDate(dayNumber: window.upperBound))): read without a placement"))
                    drafts[k].parts[n].part = Part(event: part.event)
                    unplaced += 1
                }
            }
            let busiest = (placedDays.first { window.contains($0) }.map { LocalDate(dayNumber: $0) })!
            let latest = LocalDate(dayNumber: placedDays.last { window.contains($0) }!)
            findings.insert(CalendarFinding(
                kind: .longSpan, hard: true, uids: [], summaries: [], lines: [],
                message: "the calendar's events run from \(LocalDate(dayNumber: first)) to \(LocalDate(dayNumber: last)) (\(last - first + 1) days), and a programme spans at most \(CalendarReader.longestSpan + 1) days: the busiest year (\(busiest)–\(latest), \(best.count) events) is placed and \(unplaced) event\(unplaced == 1 ? " is" : "s are") read without a placement. To import another part, pass --from and --to (e.g. --from \(LocalDate(dayNumber: last).adding(days: -CalendarReader.longestSpan)) --to \(LocalDate(dayNumber: last)))"), at: 0)
        }
        if let days, !leftOut.isEmpty {
            findings.append(CalendarFinding(kind: .outsideSpan, hard: false, uids: leftOut.map(\.uid), summaries: leftOut.map(\.summary), lines: leftOut.compactMap(\.line),
                                            message: "\(leftOut.count) event\(leftOut.count == 1 ? "" : "s") outside \(days.lowerBound)–\(days.upperBound) (--from/--to) left out"))
        }

        // Themes: X-FORUM-THEMES with titles from CATEGORIES (same order), else one per category.
        var themes: [Theme] = []
        var themeIDs: Set<String> = []
        var themeByTitle: [String: String] = [:]
        func theme(id: String?, title: String) -> String {
            if let id, themeIDs.contains(id) { return id }
            if id == nil, let known = themeByTitle[title] { return known }
            let newID = id ?? uniqueID(slug(title, fallback: "theme"), in: &themeIDs)
            themeIDs.insert(newID)
            themeByTitle[title] = newID
            themes.append(Theme(id: newID, title: title))
            return newID
        }

        // A session has at most 100 parts: a longer series (events sharing X-FORUM-SESSION,
        // or recurring events sharing a UID) goes on as further sessions of 100 each.
        let maximumParts = CalendarReader.maximumOccurrences
        if drafts.contains(where: { $0.parts.count > maximumParts }) {
            var split: [Draft] = []
            for draft in drafts {
                guard draft.parts.count > maximumParts else { split.append(draft); continue }
                let sorted = draft.parts.sorted { $0.order < $1.order }
                for (n, start) in stride(from: 0, to: sorted.count, by: maximumParts).enumerated() {
                    let chunk = Array(sorted[start..<min(start + maximumParts, sorted.count)])
                    let id = n == 0 ? draft.id : uniqueID("\(draft.id)-\(n + 1)", in: &usedIDs)
                    split.append(Draft(id: id, parts: chunk.enumerated().map { ($0.offset + 1, $0.element.part) },
                                       first: n == 0 ? draft.first : chunk[0].part.event, declaredParts: nil))
                }
                let event = raw[draft.first]
                findings.append(CalendarFinding(kind: .recurring, hard: false, uids: [event.uid], summaries: [event.summary], lines: event.line.map { [$0] } ?? [],
                                                message: "“\(event.summary)” (UID \(event.uid)) has \(draft.parts.count) parts, and a session has at most \(maximumParts): read as \((draft.parts.count + maximumParts - 1) / maximumParts) sessions (\(draft.id), \(draft.id)-2, …)"))
            }
            drafts = split
        }

        var sessions: [Session] = []
        var eventsBySession: [String: [CalendarEventInfo]] = [:]
        var days: [LocalDate: Set<TimeRange>] = [:]
        for draft in drafts {
            let parts = draft.parts.sorted { $0.order < $1.order }.map(\.part)
            let first = raw[draft.first]
            let kind: SessionKind = first.forumKind.map { SessionKind(id: $0) }
                ?? first.categories.lazy.compactMap { category in SessionKind.known.first { $0.title.caseInsensitiveCompare(category) == .orderedSame } }.first
                ?? .workshop
            var themeIDsOfSession: [String] = []
            if !first.forumThemes.isEmpty {
                for (n, id) in first.forumThemes.enumerated() where isValidID(id) {
                    themeIDsOfSession.append(theme(id: id, title: n < first.categories.count ? first.categories[n] : id))
                }
            } else {
                for category in first.categories where category.caseInsensitiveCompare(kind.title) != .orderedSame {
                    themeIDsOfSession.append(theme(id: nil, title: category))
                }
            }
            var title = first.summary
            if first.forumSession != nil, (draft.declaredParts ?? 1) > 1, let range = title.range(of: " (part ", options: .backwards), title.hasSuffix(")") {
                title = String(title[..<range.lowerBound])
            }
            var abstract = first.description
            if first.forumSession != nil, let text = abstract {
                // Written by CalendarExporter: facts, a blank line, then the abstract.
                abstract = afterFirstBlankLine(text)
            }
            let placed = parts.filter { $0.day != nil }
            let duration = placed.first.map { $0.end!.minutes - $0.start!.minutes } ?? 60
            var placements: [Placement] = []
            for part in placed {
                let minutes = part.end!.minutes - part.start!.minutes
                placements.append(Placement(day: part.day!, start: part.start!, room: roomOf[part.event]!,
                                            end: minutes == duration ? nil : part.end))
                days[part.day!, default: []].insert(TimeRange(start: part.start!, end: part.end!))
            }
            sessions.append(Session(
                id: draft.id, title: title.isEmpty ? draft.id : title, kind: kind, themes: themeIDsOfSession, duration: duration,
                parts: max(parts.count, draft.declaredParts ?? 1), placements: placements,
                abstract: abstract?.isEmpty == true ? nil : abstract, url: first.url))
            eventsBySession[draft.id] = parts.map { CalendarEventInfo(uid: raw[$0.event].uid, summary: raw[$0.event].summary, line: raw[$0.event].line) }
        }

        let dayList = days.keys.sorted().map { date in
            Day(date: date, slots: days[date]!.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.map { Slot(start: $0.start, end: $0.end) })
        }
        let eventName = name.map(trimmed)?.isEmpty == false ? name! : "Imported calendar"
        let domains = Set(raw.compactMap { event -> String? in
            guard event.forumSession != nil, let at = event.uid.lastIndex(of: "@") else { return nil }
            let domain = event.uid[event.uid.index(after: at)...]
            return domain.hasSuffix("." + CalendarExporter.uidDomain) ? String(domain.dropLast(CalendarExporter.uidDomain.count + 1)) : nil
        })
        // The UIDs' domain names the event when it is a valid id (a hand-edited UID may not be one).
        let acronym = domains.count == 1 && isValidID(domains.first!) ? domains.first! : slug(eventName, fallback: "calendar")
        // Without a placed event (all-day ones only, say), the first event's day still dates the programme.
        let firstEventDay = raw.compactMap { event -> LocalDate? in
            guard !event.cancelled, let start = event.times.start, (1...9999).contains(Int(start.time.year)) else { return nil }
            return LocalDate(year: Int(start.time.year), month: Int(start.time.month), day: Int(start.time.day))
        }.min()
        let startDate = dayList.first?.date ?? firstEventDay ?? LocalDate(year: 1970, month: 1, day: 1)
        let programme = Programme(
            event: Event(name: eventName, acronym: acronym, venue: venue, timeZone: zoneName, startDate: startDate,
                         endDate: dayList.last?.date ?? startDate, description: description),
            days: dayList,
            rooms: rooms.map { Room(id: $0.id, name: $0.name) },
            themes: themes,
            sessions: sessions)
        return CalendarImport(programme: programme, findings: collapsingOccurrences(findings, raw), events: eventsBySession, file: file)
    }
}

/// Ids in programme files: letters, digits, `-`, `_` and `.` (ASCII).
/// DTSTART and DTEND values with a field out of range, worded for a finding: such a time is
/// read as missing.
extension CalendarReader {
    /// One finding of a kind per expanded series instead of one per occurrence: the first,
    /// with how many more occurrences it holds for.
    private func collapsingOccurrences(_ findings: [CalendarFinding], _ raw: [RawEvent]) -> [CalendarFinding] {
        let series = Set(raw.filter { $0.occurrences != nil }.map(\.uid))
        guard !series.isEmpty else { return findings }
        var firstOf: [String: Int] = [:], more: [Int: Int] = [:]
        var out: [CalendarFinding] = []
        for finding in findings {
            guard finding.kind != .recurring, finding.uids.count == 1, series.contains(finding.uids[0]) else { out.append(finding); continue }
            let key = finding.kind.rawValue + "\u{1E}" + finding.uids[0]
            if let first = firstOf[key] { more[first, default: 0] += 1; continue }
            firstOf[key] = out.count
            out.append(finding)
        }
        for (index, count) in more {
            out[index].message += " (the same for \(count) more occurrence\(count == 1 ? "" : "s") of the series)"
        }
        return out
    }

    /// The occurrences of a recurring event (RRULE, RDATE, less EXDATE), each with its start,
    /// end and iCalendar stamp, within a year of its first and at most `maximumOccurrences`;
    /// nil when it has no usable start.
    fileprivate func expand(_ vevent: ICalComponent, resolver: ZoneResolver, times: EventTimes, zone: OpaquePointer)
        -> (occurrences: [(start: Int, end: Int, stamp: String)], truncated: Bool)? {
        guard let startProperty = vevent.firstProperty(ICAL_DTSTART_PROPERTY),
              let start = resolver.read(startProperty, { icalproperty_get_dtstart($0) }),
              let first = times.startUnix, let end = times.endUnix else { return nil }
        let length = max(0, end - first)
        let horizon = first + 366 * 86_400
        var starts: [Int: String] = [:]
        var truncated = false
        func stamp(_ t: icaltimetype) -> String { icaltime_as_ical_string(t).map { String(cString: $0) } ?? "" }
        for property in vevent.properties(ICAL_RRULE_PROPERTY) {
            let rule = icalproperty_get_rrule(property)
            guard let iterator = icalrecur_iterator_new(rule, start.time) else { continue }
            defer { icalrecur_iterator_free(iterator) }
            while true {
                let next = icalrecur_iterator_next(iterator)
                if icaltime_is_null_time(next) != 0 { break }
                var occurrence = start
                occurrence.time = next
                let unix = occurrence.unix(fallback: zone)
                if unix > horizon { truncated = true; break }
                if starts.count >= CalendarReader.maximumOccurrences { truncated = true; break }
                starts[unix] = stamp(next)
            }
        }
        for property in vevent.properties(ICAL_RDATE_PROPERTY) {
            guard let date = resolver.read(property, { icalproperty_get_rdate($0).time }), icaltime_is_null_time(date.time) == 0 else { continue }
            let unix = date.unix(fallback: zone)
            if unix <= horizon && starts.count < CalendarReader.maximumOccurrences { starts[unix] = stamp(date.time) }
        }
        starts[first] = starts[first] ?? stamp(start.time)
        for property in vevent.properties(ICAL_EXDATE_PROPERTY) {
            guard let date = resolver.read(property, { icalproperty_get_exdate($0) }) else { continue }
            if date.form == .date {
                // A date excludes every occurrence on that day.
                let day = date.unix(fallback: zone)
                for s in starts.keys where s >= day && s < day + 86_400 { starts[s] = nil }
            } else {
                starts[date.unix(fallback: zone)] = nil
            }
        }
        let list = starts.keys.sorted().map { (start: $0, end: $0 + length, stamp: starts[$0]!) }
        return list.isEmpty ? nil : (list, truncated)
    }
}

private func impossibleTimes(of vevent: ICalComponent) -> [String] {
    [(ICAL_DTSTART_PROPERTY, "DTSTART", icalproperty_get_dtstart), (ICAL_DTEND_PROPERTY, "DTEND", icalproperty_get_dtend)].compactMap { kind, name, get in
        guard let property = vevent.firstProperty(kind), let why = ZoneResolver.impossibleField(of: get(property)) else { return nil }
        let value = string(icalproperty_get_value_as_string(property)) ?? ""
        return "\(name) `\(value)` is no real time: \(why)"
    }
}

/// The text after the first "\n\n" (the exporter's facts block ends there), or nil.
func afterFirstBlankLine(_ text: String) -> String? {
    let utf8 = text.utf8
    var previousWasNewline = false
    var index = utf8.startIndex
    while index != utf8.endIndex {
        let byte = utf8[index]
        index = utf8.index(after: index)
        if byte == 0x0A {
            if previousWasNewline { return String(text[index...]) }
            previousWasNewline = true
        } else {
            previousWasNewline = false
        }
    }
    return nil
}
