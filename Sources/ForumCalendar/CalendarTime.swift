import CLibical
import Foundation

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

    /// Seconds since 1970; floating times and dates are read on `fallback`'s wall clock.
    func unix(fallback: OpaquePointer?) -> Int {
        switch form {
        case .utc: return unixTime(time, in: icaltimezone_get_utc_timezone())
        case .zoned: return unixTime(time, in: zone)
        case .floating, .unknownZone, .date: return unixTime(time, in: fallback)
        }
    }
}

/// Finds the zone a TZID parameter names, for one parsed VCALENDAR, caching each answer.
/// Order: a VTIMEZONE in the file, then tzdata by the IANA name, then libical's own
/// `/freeassociation.sourceforge.net/…` form, then the IANA name at the end of a prefixed TZID.
final class ZoneResolver {
    private let calendar: ICalComponent
    private var cache: [String: OpaquePointer?] = [:]
    /// TZID → the IANA name it stands for, when one is known (for choosing the programme's zone).
    private(set) var ianaNames: [String: String] = [:]

    init(calendar: ICalComponent) {
        self.calendar = calendar
        for vtimezone in calendar.children(ICAL_VTIMEZONE_COMPONENT) {
            guard let tzidProperty = vtimezone.firstProperty(ICAL_TZID_PROPERTY),
                  let tzid = string(icalproperty_get_tzid(tzidProperty)) else { continue }
            if let location = vtimezone.xValue("X-LIC-LOCATION"), TimeZone(identifier: location) != nil {
                ianaNames[tzid] = location
            } else if let iana = ZoneResolver.ianaName(in: tzid) {
                ianaNames[tzid] = iana
            }
        }
    }

    func zone(_ tzid: String) -> OpaquePointer? {
        if let cached = cache[tzid] { return cached }
        var found: OpaquePointer? = tzid.withCString { icalcomponent_get_timezone(calendar.pointer, $0) }
        if found == nil { found = builtinZone(tzid) }
        if found == nil { found = tzid.withCString { icaltimezone_get_builtin_timezone_from_tzid($0) } }
        if found == nil, let iana = ZoneResolver.ianaName(in: tzid) {
            found = builtinZone(iana)
            ianaNames[tzid] = iana
        }
        if found != nil, ianaNames[tzid] == nil, TimeZone(identifier: tzid) != nil { ianaNames[tzid] = tzid }
        cache[tzid] = found
        return found
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

    /// Reads a DTSTART / DTEND / RECURRENCE-ID-like property with its TZID parameter.
    func read(_ property: OpaquePointer, _ get: (OpaquePointer) -> icaltimetype) -> ReadTime? {
        let time = get(property)
        if icaltime_is_null_time(time) != 0 { return nil }
        if icaltime_is_date(time) != 0 { return ReadTime(time: time, form: .date, zone: nil) }
        if icaltime_is_utc(time) != 0 { return ReadTime(time: time, form: .utc, zone: nil) }
        guard let tzid = string(icalproperty_get_parameter_as_string(property, "TZID")) else {
            return ReadTime(time: time, form: .floating, zone: nil)
        }
        guard let zone = zone(tzid) else { return ReadTime(time: time, form: .unknownZone(tzid), zone: nil) }
        if zone == icaltimezone_get_utc_timezone() { return ReadTime(time: time, form: .utc, zone: nil) }
        return ReadTime(time: time, form: .zoned(tzid), zone: zone)
    }
}

/// One VEVENT's times as seconds since 1970 (nil start when it has none).
struct EventTimes {
    var start: ReadTime?
    var startUnix: Int?
    var endUnix: Int?
}

extension ZoneResolver {
    /// DTSTART and the end (DTEND, else DTSTART + DURATION, else DTSTART as RFC 5545 §3.6.1 says).
    func times(of event: ICalComponent, fallback: OpaquePointer?) -> EventTimes {
        guard let startProperty = event.firstProperty(ICAL_DTSTART_PROPERTY),
              let start = read(startProperty, { icalproperty_get_dtstart($0) }) else { return EventTimes() }
        let startUnix = start.unix(fallback: fallback)
        var endUnix = startUnix
        if let endProperty = event.firstProperty(ICAL_DTEND_PROPERTY), let end = read(endProperty, { icalproperty_get_dtend($0) }) {
            endUnix = end.unix(fallback: fallback)
        } else if let durationProperty = event.firstProperty(ICAL_DURATION_PROPERTY) {
            endUnix = startUnix + Int(icaldurationtype_as_int(icalproperty_get_duration(durationProperty)))
        } else if start.form == .date {
            endUnix = startUnix + 86_400
        }
        return EventTimes(start: start, startUnix: startUnix, endUnix: endUnix)
    }
}
