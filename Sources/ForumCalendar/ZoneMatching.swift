import CLibical
import Foundation

// Time zones that other software names in ways tzdata does not know: Windows ids
// ("GTB Standard Time"), Outlook's display names ("(UTC+02:00) Athens, Bucharest") and
// custom VTIMEZONEs ("Customized Time Zone", "UTC+11"). Each is mapped to an IANA zone,
// by CLDR's table (WindowsZones.swift) or by comparing the VTIMEZONE's offsets and
// transitions with every tzdata zone over the years the events use.

/// One row of CLDR's windowsZones table.
struct WindowsZone: Hashable, Sendable {
    var windowsID: String
    var display: String
    var iana: String
}

enum WindowsZones {
    static let all: [WindowsZone] = windowsZonesTable.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else { return nil }
        return WindowsZone(windowsID: fields[0], display: fields[1], iana: fields[2])
    }
    private static let byID: [String: WindowsZone] = Dictionary(all.map { (normalized($0.windowsID), $0) }, uniquingKeysWith: { a, _ in a })
    private static let byDisplay: [String: WindowsZone] = Dictionary(all.map { (normalized($0.display), $0) }, uniquingKeysWith: { a, _ in a })
    private static let byCities: [String: WindowsZone] = Dictionary(all.compactMap { zone in
        zone.display.range(of: ") ").map { (normalized(String(zone.display[$0.upperBound...])), zone) }
    }, uniquingKeysWith: { a, _ in a })
    /// The IANA zones CLDR uses (its "001" zones), preferred when several zones follow the same rules.
    static let ianaZones: Set<String> = Set(all.map(\.iana))

    /// Lower case, single spaces, no quotes: Outlook writes `TZID="(UTC+01:00) Amsterdam, …"`
    /// and some writers change the spacing.
    static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "\"", with: "")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The row for a Windows zone id ("W. Europe Standard Time"), also in its daylight form
    /// ("W. Europe Daylight Time") that some writers use.
    static func zone(windowsID tzid: String) -> WindowsZone? {
        let key = normalized(tzid)
        return byID[key] ?? byID[key.replacingOccurrences(of: " daylight time", with: " standard time")]
    }

    /// The row whose Windows id is the longest one inside `tzid` ("Eastern Standard Time (custom)"),
    /// a hint for a custom zone named after one.
    static func zone(containing tzid: String) -> WindowsZone? {
        let key = normalized(tzid)
        return all.filter { key.contains(normalized($0.windowsID)) }.max { $0.windowsID.count < $1.windowsID.count }
    }

    /// Widely used zones, preferred when several follow the same rules and nothing else decides
    /// (a custom VTIMEZONE with US Eastern rules is New York, not Grand Turk).
    static let common: Set<String> = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
        "America/Mexico_City", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Athens", "Europe/Moscow",
        "Africa/Johannesburg", "Africa/Nairobi", "Asia/Tokyo", "Asia/Shanghai", "Asia/Kolkata", "Asia/Dubai",
        "Australia/Sydney", "Pacific/Auckland",
    ]

    /// The row whose display name is `tzid` ("(UTC+02:00) Athens, Bucharest"); older Windows
    /// versions wrote "(GMT+02:00)", which is read the same.
    static func zone(display tzid: String) -> WindowsZone? {
        var key = normalized(tzid)
        if key.hasPrefix("(gmt") { key = "(utc" + key.dropFirst(4) }
        // Outlook 2003 wrote the cities alone: "Canberra, Melbourne, Sydney".
        return byDisplay[key] ?? byCities[key]
    }

    /// The standard offset in seconds in a display name, "(UTC+05:30) …" → 19800.
    static func displayOffset(_ tzid: String) -> Int? {
        let text = normalized(tzid)
        guard text.hasPrefix("(utc") || text.hasPrefix("(gmt") else { return nil }
        let rest = text.dropFirst(4)
        if rest.hasPrefix(")") { return 0 }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let digits = rest.dropFirst().prefix(5)   // "02:00"
        let parts = digits.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }
}

/// UTC offsets of a zone at UTC instants: a libical zone (a VTIMEZONE in the file) or a tzdata zone.
enum OffsetSource {
    case libical(OpaquePointer)
    case foundation(TimeZone)

    func offset(at unix: Int) -> Int {
        switch self {
        case .libical(let zone):
            var time = icaltime_from_timet_with_zone(time_t(unix), 0, icaltimezone_get_utc_timezone())
            var daylight: Int32 = 0
            return Int(icaltimezone_get_utc_offset_of_utc_time(zone, &time, &daylight))
        case .foundation(let zone):
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unix)))
        }
    }
}

/// The result of comparing a VTIMEZONE with tzdata zones.
struct RuleMatch {
    /// The chosen zone.
    var iana: String
    /// Whether its offsets equal the VTIMEZONE's at every hour of the years compared.
    var exact: Bool
    /// Days (of those compared) on which the offsets differ, when not exact.
    var differingDays: Int
    /// The years compared.
    var years: ClosedRange<Int>
    /// The VTIMEZONE's offsets over those years, for the message ("+02:00/+03:00").
    var offsets: [Int]
    /// Other zones that follow the same rules (a few, for the message).
    var alternatives: [String]
}

enum ZoneMatcher {
    /// Every tzdata zone, and the fixed-offset Etc/GMT±N zones (which knownTimeZoneIdentifiers may leave out).
    static let candidates: [String] = {
        var names = Set(TimeZone.knownTimeZoneIdentifiers)
        for hours in -14...12 where hours != 0 { names.insert("Etc/GMT\(hours > 0 ? "+" : "")\(hours)") }
        names.insert("Etc/UTC")
        return names.filter { TimeZone(identifier: $0) != nil }.sorted()
    }()

    private static func unix(year: Int, month: Int, day: Int, hour: Int = 12) -> Int {
        var components = DateComponents()
        components.year = year; components.month = month; components.day = day; components.hour = hour
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int(calendar.date(from: components)!.timeIntervalSince1970)
    }

    /// Formats an offset as "+02:00".
    static func format(offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// The tzdata zone that follows `zone`'s rules over `years`, preferring (in this order) the
    /// zones that `preferred` scores higher, then CLDR's zones, then the alphabetically first.
    /// nil when no zone has even the same offsets in January and July.
    static func match(_ zone: OpaquePointer, years: ClosedRange<Int>, preferred: (String) -> Int) -> RuleMatch? {
        let file = OffsetSource.libical(zone)
        let from = years.lowerBound, to = min(years.upperBound, years.lowerBound + 2)
        // Noon UTC of every day compared, and the file zone's offsets there.
        var days: [Int] = []
        var dayStart = unix(year: from, month: 1, day: 1)
        let end = unix(year: to + 1, month: 1, day: 1)
        while dayStart < end { days.append(dayStart); dayStart += 86_400 }
        let fileOffsets = days.map(file.offset(at:))
        // Quick filter: the 1st and 15th of each month.
        let probes = days.indices.filter { i in
            let d = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date(timeIntervalSince1970: TimeInterval(days[i]))).day
            return d == 1 || d == 15
        }
        var scored: [(name: String, differing: Int)] = []
        for name in candidates {
            guard let tz = TimeZone(identifier: name) else { continue }
            let source = OffsetSource.foundation(tz)
            var misses = 0
            for i in probes where source.offset(at: days[i]) != fileOffsets[i] { misses += 1 }
            // More than a month of misses: not this zone.
            if misses > 2 { continue }
            var differing = 0
            for i in days.indices where source.offset(at: days[i]) != fileOffsets[i] { differing += 1 }
            if differing == 0 {
                // Same offset every noon: compare every hour of the days on which either changes.
                for i in days.indices.dropFirst() where fileOffsets[i] != fileOffsets[i - 1] || source.offset(at: days[i]) != source.offset(at: days[i - 1]) {
                    for hour in stride(from: days[i - 1], to: days[i], by: 3600) where source.offset(at: hour) != file.offset(at: hour) {
                        differing = 1
                        break
                    }
                }
            }
            scored.append((name, differing))
        }
        guard !scored.isEmpty else { return nil }
        func rank(_ name: String) -> Int {
            preferred(name) * 100 + (WindowsZones.common.contains(name) ? 20 : 0) + (WindowsZones.ianaZones.contains(name) ? 10 : 0)
                + (name.contains("/") && !name.hasPrefix("Etc/") ? 1 : 0)
        }
        let best = scored.min { a, b in
            if a.differing != b.differing { return a.differing < b.differing }
            let ra = rank(a.name), rb = rank(b.name)
            if ra != rb { return ra > rb }
            return a.name < b.name
        }!
        let alternatives = scored.filter { $0.differing == best.differing && $0.name != best.name }.map(\.name)
            .sorted { rank($0) != rank($1) ? rank($0) > rank($1) : $0 < $1 }.prefix(3)
        var distinct: [Int] = []
        for offset in fileOffsets where !distinct.contains(offset) { distinct.append(offset) }
        return RuleMatch(iana: best.name, exact: best.differing == 0, differingDays: best.differing, years: from...to,
                         offsets: distinct, alternatives: Array(alternatives))
    }

    /// How strongly a TZID's own text points at an IANA zone: a city it names ("Athens" in
    /// "(UTC+02:00) Athens, Bucharest"), or "UTC+11" for Etc/GMT-11.
    static func textScore(tzid: String) -> (String) -> Int {
        let words = Set(WindowsZones.normalized(tzid).split(whereSeparator: { !$0.isLetter && $0 != "." && $0 != "-" }).map(String.init))
        let text = WindowsZones.normalized(tzid)
        var etc: String?
        if let offset = fixedOffset(text), offset % 3600 == 0 {
            let hours = offset / 3600
            etc = hours == 0 ? "Etc/UTC" : "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))"
        }
        return { name in
            if let etc, name == etc { return 6 }
            let city = name.split(separator: "/").last.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") } ?? ""
            guard !city.isEmpty, city.split(separator: " ").count == 1 ? words.contains(city) : text.contains(city),
                  let at = text.range(of: city) else { return 0 }
            // The first city a display name lists is the one its user picked it for: "Athens" in "Athens, Bucharest".
            let commas = text[..<at.lowerBound].filter { $0 == "," }.count
            return 4 + 2 * max(0, 3 - commas)
        }
    }

    /// "utc+11", "gmt-3", "utc+05:30" → the offset in seconds.
    private static func fixedOffset(_ text: String) -> Int? {
        guard text.hasPrefix("utc") || text.hasPrefix("gmt") else { return nil }
        let rest = text.dropFirst(3)
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":")
        guard let h = parts.first.flatMap({ Int($0) }), h <= 14 else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }
}
