import Foundation

extension Event {
    /// The venue's time zone, or nil when `timeZone` is not a known IANA name.
    public var zone: TimeZone? { TimeZone(identifier: timeZone) }

    /// The instant at which the venue's clock shows `time` on `date`, read as RFC 5545 §3.3.5
    /// reads a local time: a time that happens twice (clocks going back) is its first
    /// occurrence; a time that does not exist (clocks going forward) is read with the UTC
    /// offset before the gap, so 03:30 in a 03:00→04:00 gap is 04:30 on the new clock.
    /// Every exporter converts through this, so calendars, frab and pages agree.
    /// Only exporters convert to instants; the model stays on the wall clock.
    public func instant(date: LocalDate, time: TimeOfDay) -> Date? {
        resolve(date: date, time: time)?.instant
    }

    /// How the venue's clock shows `time` on `date`: once, twice or never, with the instant
    /// chosen (see `instant(date:time:)`). Nil when the zone is unknown.
    public func resolve(date: LocalDate, time: TimeOfDay) -> ResolvedTime? {
        guard let zone else { return nil }
        // The wall clock read as if it were UTC; a candidate offset `o` fits when the zone's
        // offset at `wall - o` is `o` itself.
        let wall = Double(date.dayNumber) * 86_400 + Double(time.minutes) * 60
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400))
        let fits = Set([before, after]).filter { zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - Double($0))) == $0 }
        if fits.isEmpty {
            return ResolvedTime(instant: Date(timeIntervalSince1970: wall - Double(before)), offset: after, occurs: .never)
        }
        let offset = fits.max() ?? before   // the larger offset is the earlier instant: the first occurrence
        return ResolvedTime(instant: Date(timeIntervalSince1970: wall - Double(offset)), offset: offset,
                            occurs: fits.count > 1 ? .twice : .once)
    }

    /// The venue's UTC offset in seconds at `time` on `date` (at the instant `instant` chooses).
    public func utcOffset(date: LocalDate, time: TimeOfDay) -> Int? {
        resolve(date: date, time: time)?.offset
    }

    /// ISO 8601 with the venue's UTC offset, e.g. `2006-10-31T10:00:00+02:00`. A time in a
    /// clock-change gap is written as the clock shows its instant (03:30 → `04:30:00+03:00`).
    public func iso8601(date: LocalDate, time: TimeOfDay) -> String? {
        guard let resolved = resolve(date: date, time: time) else { return nil }
        let (shownDate, shownTime) = resolved.occurs == .never ? resolved.wallClock : (date, time)
        return "\(shownDate)T\(shownTime):00\(Event.offsetText(resolved.offset))"
    }

    /// `+02:00`, `-05:30`: a UTC offset in seconds as ISO 8601 writes it.
    public static func offsetText(_ seconds: Int) -> String {
        "\(seconds < 0 ? "-" : "+")\(TimeOfDay(minutes: abs(seconds) / 60))"
    }
}

/// A venue wall-clock time resolved to an instant (`Event.resolve(date:time:)`).
public struct ResolvedTime: Hashable, Sendable {
    /// How often the venue's clock shows the time that day.
    public enum Occurrence: Hashable, Sendable {
        case once
        /// Clocks went back: the first occurrence was chosen.
        case twice
        /// Clocks went forward over it: read with the offset before the gap.
        case never
    }
    public var instant: Date
    /// The UTC offset in force at `instant`, in seconds.
    public var offset: Int
    public var occurs: Occurrence

    /// The date and time the venue's clock shows at `instant`.
    public var wallClock: (LocalDate, TimeOfDay) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let minutes = (seconds - days * 86_400) / 60
        return (LocalDate(dayNumber: days), TimeOfDay(minutes: minutes))
    }
}
