import CLibical
import Foundation

// The Swift side of libical. Every libical pointer lives inside an `ICalComponent`, which
// frees it (with all its children) in `deinit` unless a parent has taken it over.
// Properties are created and handed to a component in the same call, so a property
// pointer never outlives its owner in Swift code. See ../shared/notes/LIBICAL.md.

/// libical keeps process-wide state (the builtin time-zone cache, a ring of temporary
/// buffers, `icalerrno`). Every public entry point of this module runs under this lock,
/// so callers (and parallel tests) may use the module from several threads.
private let libicalLock = NSRecursiveLock()

func withLibical<T>(_ body: () throws -> T) rethrows -> T {
    libicalLock.lock()
    defer { libicalLock.unlock() }
    return try body()
}

/// One libical component (VCALENDAR, VEVENT, VTIMEZONE…) and the pointer it owns.
final class ICalComponent {
    let pointer: OpaquePointer
    /// Whether `deinit` frees `pointer`; false once a parent owns it, or for a view into a parsed tree.
    private var owned: Bool
    /// Keeps the owner of a borrowed pointer alive as long as this view is.
    private var keepAlive: ICalComponent?

    init(kind: icalcomponent_kind) {
        pointer = icalcomponent_new(kind)!
        owned = true
    }

    /// Takes ownership of a component created by libical (a parse result, a clone).
    init(adopting pointer: OpaquePointer) {
        self.pointer = pointer
        owned = true
    }

    private init(borrowing pointer: OpaquePointer, from owner: ICalComponent) {
        self.pointer = pointer
        owned = false
        keepAlive = owner
    }

    deinit {
        // The last reference may go on any thread, outside the caller's `withLibical`.
        if owned { withLibical { icalcomponent_free(pointer) } }
    }

    /// Parses iCalendar text; nil when libical cannot make a component of it (BEGIN/END unbalanced).
    static func parse(_ text: String) -> ICalComponent? {
        guard let root = text.withCString({ icalparser_parse_string($0) }) else { return nil }
        return ICalComponent(adopting: root)
    }

    /// An independent deep copy.
    func clone() -> ICalComponent { ICalComponent(adopting: icalcomponent_new_clone(pointer)) }

    var kind: icalcomponent_kind { icalcomponent_isa(pointer) }

    /// Hands `child` to this component: from now on this component frees it.
    func add(_ child: ICalComponent) {
        precondition(child.owned && child.keepAlive == nil, "a component can be added to one parent only")
        icalcomponent_add_component(pointer, child.pointer)
        child.owned = false
        child.keepAlive = self
    }

    /// The direct children of `kind`, in file order, as views that keep this component alive.
    func children(_ kind: icalcomponent_kind) -> [ICalComponent] {
        var result: [ICalComponent] = []
        var iterator = icalcomponent_begin_component(pointer, kind)
        while let child = icalcompiter_deref(&iterator) {
            result.append(ICalComponent(borrowing: child, from: self))
            _ = icalcompiter_next(&iterator)
        }
        return result
    }

    /// Property pointers of `kind`, valid while this component lives. Internal: read at once.
    func properties(_ kind: icalproperty_kind) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var p = icalcomponent_get_first_property(pointer, kind)
        while let property = p {
            result.append(property)
            p = icalcomponent_get_next_property(pointer, kind)
        }
        return result
    }

    func firstProperty(_ kind: icalproperty_kind) -> OpaquePointer? {
        icalcomponent_get_first_property(pointer, kind)
    }

    /// The first X-property called `name` (e.g. `X-WR-TIMEZONE`).
    func xProperty(_ name: String) -> OpaquePointer? {
        for property in properties(ICAL_X_PROPERTY) {
            if let xName = icalproperty_get_x_name(property), String(cString: xName).caseInsensitiveCompare(name) == .orderedSame {
                return property
            }
        }
        return nil
    }

    /// The value of the first X-property called `name`, as libical reads it.
    func xValue(_ name: String) -> String? {
        guard let property = xProperty(name), let value = icalproperty_get_x(property) else { return nil }
        return String(cString: value)
    }

    /// Every X-property's value by upper-cased name (the first of each name), in one pass.
    func xValues() -> [String: String] {
        var result: [String: String] = [:]
        for property in properties(ICAL_X_PROPERTY) {
            guard let name = string(icalproperty_get_x_name(property))?.uppercased(), result[name] == nil,
                  let value = string(icalproperty_get_x(property)) else { continue }
            result[name] = value
        }
        return result
    }

    /// Adds a property that libical has just created; this component owns it from now on.
    func add(property: OpaquePointer?) {
        guard let property else { return }
        icalcomponent_add_property(pointer, property)
    }

    /// Removes and frees every property of `kind` (`icalcomponent_remove_property` does not free).
    func removeProperties(_ kind: icalproperty_kind) {
        while let property = icalcomponent_get_first_property(pointer, kind) {
            icalcomponent_remove_property(pointer, property)
            icalproperty_free(property)
        }
    }

    /// Adds an X-property with a value libical writes as it is (ids, numbers: no escaping needed).
    func addX(_ name: String, _ value: String) {
        let property = icalproperty_new_x(value)
        icalproperty_set_x_name(property, name)
        add(property: property)
    }

    /// Adds a TEXT property whose value may hold `,` `;` `\` or a newline, for properties where
    /// libical 3.0 does not escape those (CATEGORIES, X-properties: LIBICAL.md §8). The value is
    /// escaped as RFC 5545 §3.3.11 says and carried in a value that libical writes verbatim;
    /// `serialized()` removes the VALUE marker that this leaves. Parsing back gives the text.
    func addEscapedText(_ kind: icalproperty_kind, xName: String? = nil, _ text: String) {
        let property: OpaquePointer? = icalproperty_new(kind)
        if let xName { icalproperty_set_x_name(property, xName) }
        if text.contains(where: { $0 == "," || $0 == ";" || $0 == "\\" || $0 == "\n" }) {
            icalproperty_set_value(property, icalvalue_new_uri(escapeText(text)))
        } else {
            icalproperty_set_value(property, icalvalue_new_text(text))
        }
        add(property: property)
    }

    /// Adds one multi-valued TEXT property (CATEGORIES) with every value: each escaped as
    /// RFC 5545 §3.3.11 says, joined by unescaped commas (§3.8.1.2), so that a value that holds
    /// a comma stays one value. Carried like `addEscapedText`'s values.
    func addEscapedTextList(_ kind: icalproperty_kind, _ values: [String]) {
        let property: OpaquePointer? = icalproperty_new(kind)
        icalproperty_set_value(property, icalvalue_new_uri(values.map(escapeText).joined(separator: ",")))
        add(property: property)
    }

    /// The component as iCalendar text: CRLF line ends, lines folded by libical at 75 octets
    /// on UTF-8 character boundaries.
    func serialized() -> String {
        guard let buffer = icalcomponent_as_ical_string_r(pointer) else { return "" }
        defer { free(buffer) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: strlen(buffer))
        return String(decoding: withoutVerbatimMarkers(bytes), as: UTF8.self)
    }
}

/// Property names written through `addEscapedText`, whose VALUE marker `serialized()` drops.
private let verbatimTextNames: [[UInt8]] = ["CATEGORIES", "X-WR-CALNAME", "X-WR-CALDESC", "X-FORUM-VENUE"].map { Array($0.utf8) }
private let verbatimMarkers: [[UInt8]] = [";VALUE=URI:", ";VALUE=TEXT:"].map { Array($0.utf8) }

/// The serialised text without the `;VALUE=URI` / `;VALUE=TEXT` that `addEscapedText` leaves
/// after the names above (those values are TEXT, escaped already). Works on bytes: a 10,000-event
/// calendar is several megabytes.
private func withoutVerbatimMarkers(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count
    func matches(_ pattern: [UInt8], at position: Int) -> Bool {
        guard position + pattern.count <= n else { return false }
        for k in 0..<pattern.count where bytes[position + k] != pattern[k] { return false }
        return true
    }
    while i < n {
        // At the start of a line (not a folded continuation), look for a name and a marker.
        if i == 0 || bytes[i - 1] == 0x0A, bytes[i] == 0x43 || bytes[i] == 0x58 { // "C" or "X"
            var skipped = false
            for name in verbatimTextNames where matches(name, at: i) {
                for marker in verbatimMarkers where matches(marker, at: i + name.count) {
                    out.append(contentsOf: name)
                    out.append(0x3A) // ":"
                    i += name.count + marker.count
                    skipped = true
                    break
                }
                if skipped { break }
            }
            if skipped { continue }
        }
        out.append(bytes[i])
        i += 1
    }
    return out
}

/// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
func escapeText(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for character in text {
        switch character {
        case "\\": result += "\\\\"
        case ";": result += "\\;"
        case ",": result += "\\,"
        case "\n", "\r\n": result += "\\n"
        default: result.append(character)
        }
    }
    return result
}

// MARK: - Time zones and times

/// libical's builtin zone for an IANA name (from the system's tzdata), with its VTIMEZONE
/// loaded first so that later string reads do not see a freed pointer (LIBICAL.md §5).
/// nil for an unknown name or when tzdata is missing.
func builtinZone(_ name: String) -> OpaquePointer? {
    if name == "UTC" || name == "Etc/UTC" || name == "Z" { return icaltimezone_get_utc_timezone() }
    guard let zone = name.withCString({ icaltimezone_get_builtin_timezone($0) }) else { return nil }
    _ = icaltimezone_get_component(zone)
    return zone
}

/// A VTIMEZONE for the IANA zone `name`, in the form every client tested reads correctly
/// (LIBICAL.md, "compact"): cut to `[start, end]` (UTC), without TZUNTIL, and with the bare
/// IANA name as TZID instead of libical's `/freeassociation.sourceforge.net/` form.
func compactVTimezone(_ name: String, zone: OpaquePointer, fromUTC start: icaltimetype, toUTC end: icaltimetype) -> ICalComponent? {
    guard let builtin = icaltimezone_get_component(zone) else { return nil }
    let vtimezone = ICalComponent(adopting: icalcomponent_new_clone(builtin))
    icaltimezone_truncate_vtimezone(vtimezone.pointer, start, end, 0)
    vtimezone.removeProperties(ICAL_TZUNTIL_PROPERTY)
    labelObservances(of: vtimezone, zone: name)
    if let tzid = vtimezone.firstProperty(ICAL_TZID_PROPERTY) {
        icalproperty_set_tzid(tzid, name)
    } else {
        vtimezone.add(property: icalproperty_new_tzid(name))
    }
    return vtimezone
}

/// Makes each observance of a truncated VTIMEZONE a DAYLIGHT when summer time is in force
/// from its onset, and a STANDARD otherwise. libical's truncation writes the observance in
/// force at the start of the span as STANDARD whatever it is (`TZNAME:CEST` inside
/// STANDARD for a May event in Geneva); the offsets are right, the label is not. Whether
/// summer time is in force comes from the system's tzdata (Foundation's `TimeZone`).
func labelObservances(of vtimezone: ICalComponent, zone name: String) {
    guard let timeZone = TimeZone(identifier: name) else { return }
    var observances: [(component: OpaquePointer, daylight: Bool)] = []
    for kind in [ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT] {
        for observance in vtimezone.children(kind) { observances.append((observance.pointer, kind == ICAL_XDAYLIGHT_COMPONENT)) }
    }
    for (observance, isDaylight) in observances {
        guard let onset = icalcomponent_get_first_property(observance, ICAL_DTSTART_PROPERTY),
              let from = icalcomponent_get_first_property(observance, ICAL_TZOFFSETFROM_PROPERTY) else { continue }
        // DTSTART is the onset on the wall clock of the offset before it (RFC 5545 §3.6.5).
        let local = icalproperty_get_dtstart(onset)
        let seconds = Int(icaltime_as_timet_with_zone(local, icaltimezone_get_utc_timezone())) - Int(icalproperty_get_tzoffsetfrom(from))
        let summer = timeZone.isDaylightSavingTime(for: Date(timeIntervalSince1970: TimeInterval(seconds + 1)))
        guard summer != isDaylight else { continue }
        let relabelled = icalcomponent_new(summer ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT)!
        var property = icalcomponent_get_first_property(observance, ICAL_ANY_PROPERTY)
        while let current = property {
            icalcomponent_add_property(relabelled, icalproperty_new_clone(current))
            property = icalcomponent_get_next_property(observance, ICAL_ANY_PROPERTY)
        }
        // A removed component is the caller's to free (LIBICAL.md §5).
        icalcomponent_remove_component(vtimezone.pointer, observance)
        icalcomponent_free(observance)
        icalcomponent_add_component(vtimezone.pointer, relabelled)
    }
}

/// A wall-clock date-time without a zone (written floating unless a TZID is added).
func wallClock(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) -> icaltimetype {
    var time = icaltime_null_time()
    time.year = Int32(year)
    time.month = Int32(month)
    time.day = Int32(day)
    time.hour = Int32(hour)
    time.minute = Int32(minute)
    time.second = Int32(second)
    time.is_date = 0
    time.zone = nil
    return time
}

/// The UTC date-time of a Unix time (written with `Z`).
func utcTime(_ seconds: Int) -> icaltimetype {
    icaltime_from_timet_with_zone(time_t(seconds), 0, icaltimezone_get_utc_timezone())
}

/// Seconds since 1970 of `time` read in `zone` (UTC when `time` says so). `icaltime_as_timet`
/// ignores the zone (LIBICAL.md §6), so the zone is always passed explicitly.
func unixTime(_ time: icaltimetype, in zone: OpaquePointer?) -> Int {
    if icaltime_is_utc(time) != 0 { return Int(icaltime_as_timet_with_zone(time, icaltimezone_get_utc_timezone())) }
    return Int(icaltime_as_timet_with_zone(time, zone))
}

/// The wall-clock time in `zone` at a Unix time.
func wallClock(at seconds: Int, in zone: OpaquePointer) -> icaltimetype {
    icaltime_from_timet_with_zone(time_t(seconds), 0, zone)
}

func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}
