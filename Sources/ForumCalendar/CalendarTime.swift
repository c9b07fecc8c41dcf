import CLibical
import Foundation
import ForumModel

/// How a calendar gave a date-time.
enum TimeForm: Hashable {
    /// `…Z`
    case utc
    /// `TZID=…` resolved to a zone (from a VTIMEZONE in the file or the system's tzdata).
    case zoned(String)
    /// No zone: the reader's own wall clock (RFC 5545 §3.3.5 form 1).
    case floating
    /// A TZID that neither the file nor tzdata knows: read as floating.
    case unknownZone(String)
    /// A DATE (all-day), no time.
    case date
}

/// A date-time property read from a parsed calendar: its form and, unless floating or a date,
/// the instant it names.
struct ReadTime {
    var time: icaltimetype
    var form: TimeForm
    /// The zone to read `time` in; nil for UTC, floating and dates.
    var zone: OpaquePointer?
    /// A TZID given with a UTC time (`TZID=Europe/Athens:…Z`), which RFC 5545 §3.3.5 does not allow: the Z wins.
    var ignoredTZID: String?

    /// Seconds since 1970; floating times and dates are read on `fallback`'s wall clock.
    func unix(fallback: OpaquePointer?) -> Int {
        switch form {
        case .utc: return unixTime(time, in: icaltimezone_get_utc_timezone())
        case .zoned: return unixTime(time, in: zone)
        case .floating, .unknownZone, .date: return unixTime(time, in: fallback)
        }
    }
}

/// What a TZID was read as.
struct ZoneResolution {
    var tzid: String
    /// The zone times are read in: tzdata's for an IANA name, else the file's VTIMEZONE, else
    /// tzdata's zone for the Windows name.
    var zone: OpaquePointer
    /// The IANA zone the TZID stands for (for the programme's zone); nil when none is known.
    var iana: String?
    /// A sentence for a warning when the TZID does not name the IANA zone itself.
    var note: String?
}

/// Finds the zone a TZID parameter names, for one parsed VCALENDAR, caching each answer.
/// Order: an IANA name (bare, at the end of a prefixed TZID such as libical's
/// `/freeassociation.sourceforge.net/…`, or the VTIMEZONE's X-LIC-LOCATION), read with tzdata;
/// a Windows zone id or display name (CLDR's windowsZones table); a VTIMEZONE of the file's
/// own, matched to the tzdata zone with the same offsets and transitions in the events' years.
final class ZoneResolver {
    private let calendar: ICalComponent
    private var cache: [String: ZoneResolution?] = [:]
    /// TZID → the IANA name it stands for, when one is known (for choosing the programme's zone).
    private(set) var ianaNames: [String: String] = [:]
    /// X-LIC-LOCATION of each VTIMEZONE, by TZID.
    private var locations: [String: String] = [:]
    /// Years of the events' starts, by TZID (for matching a VTIMEZONE's rules).
    private var years: [String: ClosedRange<Int>] = [:]
    /// VTIMEZONEs of the file whose TZID is an IANA name, to compare with tzdata.
    private var fileZones: [String: OpaquePointer] = [:]
    /// The calendar's X-WR-TIMEZONE, preferred among zones that follow the same rules.
    private let declared: String?
    /// For TZIDs whose VTIMEZONE disagrees with tzdata: the first time that differs, as a sentence.
    private(set) var disagreements: [String: String] = [:]

    init(calendar: ICalComponent) {
        self.calendar = calendar
        declared = calendar.xValue("X-WR-TIMEZONE").map(trimmed)
        for vtimezone in calendar.children(ICAL_VTIMEZONE_COMPONENT) {
            guard let tzidProperty = vtimezone.firstProperty(ICAL_TZID_PROPERTY),
                  let tzid = string(icalproperty_get_tzid(tzidProperty)) else { continue }
            if let location = vtimezone.xValue("X-LIC-LOCATION"), TimeZone(identifier: location) != nil, location.contains("/") || location == "UTC" {
                locations[tzid] = location
            }
        }
        for vevent in calendar.children(ICAL_VEVENT_COMPONENT) {
            guard let start = vevent.firstProperty(ICAL_DTSTART_PROPERTY),
                  let tzid = string(icalproperty_get_parameter_as_string(start, "TZID")) else { continue }
            let year = Int(icalproperty_get_dtstart(start).year)
            guard (1...9999).contains(year) else { continue }
            if let known = years[tzid] {
                years[tzid] = min(known.lowerBound, year)...max(known.upperBound, year)
            } else {
                years[tzid] = year...year
            }
        }
    }

    func zone(_ tzid: String) -> OpaquePointer? { resolution(tzid)?.zone }

    /// How `tzid` is read, or nil when nothing defines it.
    func resolution(_ tzid: String) -> ZoneResolution? {
        if let cached = cache[tzid] { return cached }
        let found = resolve(tzid)
        cache[tzid] = .some(found)
        if let iana = found?.iana { ianaNames[tzid] = iana }
        return found
    }

    /// Every TZID resolved so far that needed a mapping, with its sentence.
    var notes: [(tzid: String, note: String)] {
        cache.compactMap { tzid, resolution -> (tzid: String, note: String)? in
            guard let note = resolution?.note else { return nil }
            return (tzid, note)
        }.sorted { $0.tzid < $1.tzid }
    }

    private func resolve(_ tzid: String) -> ZoneResolution? {
        let fileZone: OpaquePointer? = tzid.withCString { icalcomponent_get_timezone(calendar.pointer, $0) }
        // An IANA name: tzdata is the authority (a VTIMEZONE may be cut short or out of date).
        var iana = ZoneResolver.ianaName(in: tzid) ?? locations[tzid]
        if iana == nil, let builtin = tzid.withCString({ icaltimezone_get_builtin_timezone_from_tzid($0) }) {
            _ = icaltimezone_get_component(builtin)
            iana = string(icaltimezone_get_location(builtin))
        }
        if let iana, let builtin = builtinZone(iana) {
            if let fileZone { fileZones[tzid] = fileZone }
            return ZoneResolution(tzid: tzid, zone: builtin, iana: iana == "Etc/UTC" ? "UTC" : iana, note: nil)
        }
        let windows = WindowsZones.zone(windowsID: tzid)
        let display = windows == nil ? WindowsZones.zone(display: tzid) : nil
        let table = windows ?? display ?? WindowsZones.zone(containing: tzid)
        let text = ZoneMatcher.textScore(tzid: tzid)
        let declared = self.declared
        let kind = windows != nil ? "a Windows zone name" : display != nil || WindowsZones.displayOffset(tzid) != nil ? "an Outlook zone name" : "no IANA zone name"
        if let fileZone {
            let span = years[tzid] ?? 2000...2000
            let tableZone = table?.iana
            let match = ZoneMatcher.match(fileZone, years: span) { (name: String) -> Int in
                let declaredScore: Int = name == declared ? 20 : 0
                let tableScore: Int = name == tableZone ? 1 : 0
                return declaredScore + text(name) + tableScore
            }
            let named = windows ?? display
            if let named, match?.exact != true, let builtin = builtinZone(named.iana) {
                // A Windows name whose VTIMEZONE follows no tzdata zone: the name is the better witness.
                let offsets = match.map { " (offsets " + $0.offsets.map(ZoneMatcher.format(offset:)).joined(separator: "/") + ")" } ?? ""
                return ZoneResolution(tzid: tzid, zone: builtin, iana: named.iana,
                                      note: "`\(tzid)` is \(kind), but its VTIMEZONE\(offsets) follows no tzdata zone in the events' years: read as \(named.iana) (CLDR windowsZones), ignoring the VTIMEZONE; check the times")
            }
            guard let match else {
                return ZoneResolution(tzid: tzid, zone: fileZone, iana: nil,
                                      note: "`\(tzid)` is \(kind), and no tzdata zone has the offsets of its VTIMEZONE: times are read by the file's own rules, in no named zone")
            }
            let yearText = match.years.count == 1 ? "\(match.years.lowerBound)" : "\(match.years.lowerBound)–\(match.years.upperBound)"
            let offsets = match.offsets.map(ZoneMatcher.format(offset:)).joined(separator: "/")
            var note = "`\(tzid)` is \(kind)"
            if let table, table.iana == match.iana {
                note += " (CLDR windowsZones: \(table.iana)); its VTIMEZONE has the same offsets (\(offsets)) in \(yearText): read as \(match.iana)"
            } else if match.exact {
                note += "; its VTIMEZONE follows \(match.iana) in \(yearText) (offsets \(offsets), same changes): read as \(match.iana)"
                if !match.alternatives.isEmpty { note += " (zones with the same rules: \(match.alternatives.joined(separator: ", ")))" }
            } else {
                note += "; no tzdata zone follows its VTIMEZONE (offsets \(offsets)) exactly in \(yearText). The closest, \(match.iana), differs on \(match.differingDays) days: times are read by the file's own rules and shown in \(match.iana)"
            }
            return ZoneResolution(tzid: tzid, zone: fileZone, iana: match.iana, note: note)
        }
        if let table, let builtin = builtinZone(table.iana) {
            return ZoneResolution(tzid: tzid, zone: builtin, iana: table.iana,
                                  note: "`\(tzid)` is \(kind) and the file has no VTIMEZONE for it: read as \(table.iana) (CLDR windowsZones)")
        }
        // "(UTC+02:00) Some City" not in the table: a zone named after a city it lists, with that standard offset.
        if let offset = WindowsZones.displayOffset(tzid) {
            let year = years[tzid]?.lowerBound ?? 2020
            var best: (name: String, score: Int)?
            for name in ZoneMatcher.candidates {
                let score = text(name)
                guard score >= 4, let tz = TimeZone(identifier: name) else { continue }
                let base = TimeInterval(year - 1970) * 31_556_952
                let january = tz.secondsFromGMT(for: Date(timeIntervalSince1970: base + 1_296_000))
                let july = tz.secondsFromGMT(for: Date(timeIntervalSince1970: base + 16_934_400))
                guard min(january, july) == offset else { continue }
                if best == nil || score > best!.score { best = (name, score) }
            }
            if let (name, _) = best, let builtin = builtinZone(name) {
                return ZoneResolution(tzid: tzid, zone: builtin, iana: name,
                                      note: "`\(tzid)` is an Outlook zone name and the file has no VTIMEZONE for it: read as \(name), the zone of a city it names with that offset")
            }
        }
        return nil
    }

    /// The IANA name a TZID ends with: `Europe/Athens` in `/freeassociation.sourceforge.net/Europe/Athens`.
    static func ianaName(in tzid: String) -> String? {
        if TimeZone(identifier: tzid) != nil, tzid.contains("/") || tzid == "UTC" { return tzid }
        let parts = tzid.split(separator: "/").map(String.init)
        for count in stride(from: min(3, parts.count), through: 1, by: -1) {
            let candidate = parts.suffix(count).joined(separator: "/")
            if candidate.contains("/"), TimeZone(identifier: candidate) != nil { return candidate }
        }
        return nil
    }

    /// What makes `time` no real date or time (libical reads `20064471` as month 44, day 71
    /// without complaint), or nil when every field is in range.
    static func impossibleField(of time: icaltimetype) -> String? {
        guard time.year >= 1, time.year <= 9999 else { return "year \(time.year)" }
        guard (1...12).contains(time.month) else { return "there is no month \(time.month)" }
        let days = LocalDate.daysIn(month: Int(time.month), year: Int(time.year))
        guard (1...Int32(days)).contains(time.day) else { return "month \(time.month) has no day \(time.day)" }
        if icaltime_is_date(time) != 0 { return nil }
        guard (0...23).contains(time.hour) else { return "there is no hour \(time.hour)" }
        guard (0...59).contains(time.minute) else { return "there is no minute \(time.minute)" }
        guard (0...60).contains(time.second) else { return "there is no second \(time.second)" }
        return nil
    }

    /// Reads a DTSTART / DTEND / RECURRENCE-ID-like property with its TZID parameter.
    func read(_ property: OpaquePointer, _ get: (OpaquePointer) -> icaltimetype) -> ReadTime? {
        let time = get(property)
        if icaltime_is_null_time(time) != 0 || ZoneResolver.impossibleField(of: time) != nil { return nil }
        if icaltime_is_date(time) != 0 { return ReadTime(time: time, form: .date, zone: nil) }
        let tzid = string(icalproperty_get_parameter_as_string(property, "TZID"))
        if icaltime_is_utc(time) != 0 {
            var read = ReadTime(time: time, form: .utc, zone: nil)
            if let tzid, ZoneResolver.ianaName(in: tzid) != "UTC", tzid.uppercased() != "UTC", tzid.uppercased() != "Z" { read.ignoredTZID = tzid }
            return read
        }
        guard let tzid else { return ReadTime(time: time, form: .floating, zone: nil) }
        guard let resolution = resolution(tzid) else { return ReadTime(time: time, form: .unknownZone(tzid), zone: nil) }
        let zone = resolution.zone
        if zone == icaltimezone_get_utc_timezone() { return ReadTime(time: time, form: .utc, zone: nil) }
        if let fileZone = fileZones[tzid], disagreements[tzid] == nil {
            let byTzdata = unixTime(time, in: zone), byFile = unixTime(time, in: fileZone)
            if byTzdata != byFile {
                let wall = String(format: "%04d-%02d-%02d %02d:%02d", time.year, time.month, time.day, time.hour, time.minute)
                let tzdataOffset = OffsetSource.libical(zone).offset(at: byTzdata), fileOffset = OffsetSource.libical(fileZone).offset(at: byFile)
                disagreements[tzid] = "the file's VTIMEZONE `\(tzid)` puts \(wall) at UTC\(ZoneMatcher.format(offset: fileOffset)), tzdata at UTC\(ZoneMatcher.format(offset: tzdataOffset)): read with tzdata"
            }
        }
        return ReadTime(time: time, form: .zoned(tzid), zone: zone)
    }
}

/// One VEVENT's times as seconds since 1970 (nil start when it has none).
struct EventTimes {
    var start: ReadTime?
    var startUnix: Int?
    var endUnix: Int?
    /// TZIDs given with UTC times (`TZID=…:…Z`) in DTSTART or DTEND.
    var ignoredTZIDs: [String] = []
}

extension ZoneResolver {
    /// DTSTART and the end (DTEND, else DTSTART + DURATION, else DTSTART as RFC 5545 §3.6.1 says).
    func times(of event: ICalComponent, fallback: OpaquePointer?) -> EventTimes {
        guard let startProperty = event.firstProperty(ICAL_DTSTART_PROPERTY),
              let start = read(startProperty, { icalproperty_get_dtstart($0) }) else { return EventTimes() }
        let startUnix = start.unix(fallback: fallback)
        var endUnix = startUnix
        var ignored = start.ignoredTZID.map { [$0] } ?? []
        if let endProperty = event.firstProperty(ICAL_DTEND_PROPERTY), let end = read(endProperty, { icalproperty_get_dtend($0) }) {
            endUnix = end.unix(fallback: fallback)
            if let tzid = end.ignoredTZID, !ignored.contains(tzid) { ignored.append(tzid) }
        } else if let durationProperty = event.firstProperty(ICAL_DURATION_PROPERTY) {
            endUnix = startUnix + Int(icaldurationtype_as_int(icalproperty_get_duration(durationProperty)))
        } else if start.form == .date {
            endUnix = startUnix + 86_400
        }
        return EventTimes(start: start, startUnix: startUnix, endUnix: endUnix, ignoredTZIDs: ignored)
    }
}
