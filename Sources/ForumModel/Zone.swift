import Foundation

extension Event {
    /// The venue's time zone, or nil when `timeZone` is not a known IANA name.
    public var zone: TimeZone? { TimeZone(identifier: timeZone) }

    /// The instant at which the venue's clock shows `time` on `date`.
    /// Only exporters convert to instants; the model stays on the wall clock.
    public func instant(date: LocalDate, time: TimeOfDay) -> Date? {
        guard let zone else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                        hour: time.minutes == 24 * 60 ? 0 : time.hour, minute: time.minute)
        guard let base = calendar.date(from: components) else { return nil }
        return time.minutes == 24 * 60 ? base.addingTimeInterval(86_400) : base
    }

    /// The venue's UTC offset in seconds at `time` on `date`.
    public func utcOffset(date: LocalDate, time: TimeOfDay) -> Int? {
        guard let zone, let instant = instant(date: date, time: time) else { return nil }
        return zone.secondsFromGMT(for: instant)
    }

    /// ISO 8601 with the venue's UTC offset, e.g. `2006-10-31T10:00:00+02:00`.
    public func iso8601(date: LocalDate, time: TimeOfDay) -> String? {
        guard let offset = utcOffset(date: date, time: time) else { return nil }
        return "\(date)T\(time):00\(Event.offsetText(offset))"
    }

    /// `+02:00`, `-05:30`: a UTC offset in seconds as ISO 8601 writes it.
    public static func offsetText(_ seconds: Int) -> String {
        "\(seconds < 0 ? "-" : "+")\(TimeOfDay(minutes: abs(seconds) / 60))"
    }
}
