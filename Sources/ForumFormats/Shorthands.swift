import ForumModel

/// Why a piece of text is not what a field expects, and where in the text the trouble starts
/// (in Unicode scalars from the start of the text, so errors can point at the exact column).
struct TextProblem: Error, Equatable {
    var message: String
    var hint: String?
    var offset: Int = 0
}

/// A word of a text and where it starts (Unicode-scalar offset).
struct Token {
    var text: String
    var offset: Int
}

/// The parsing and formatting of the programme file's shorthands: times, dates, durations,
/// slots, windows and placements. The reader and the writer both use these, so what one
/// writes the other reads.
enum Shorthand {
    /// Splits `text` at runs of spaces and tabs, keeping each word's offset.
    static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = ""
        var start = 0
        var index = 0
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" {
                if !current.isEmpty { result.append(Token(text: current, offset: start)); current = "" }
            } else {
                if current.isEmpty { start = index }
                current.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if !current.isEmpty { result.append(Token(text: current, offset: start)) }
        return result
    }

    // MARK: Dates and times

    static func date(_ text: String, offset: Int = 0) -> Result<LocalDate, TextProblem> {
        if let date = LocalDate(iso: text) { return .success(date) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            if !(1...12).contains(m) {
                return .failure(TextProblem(message: "`\(text)` is not a date: there is no month \(m)",
                                            hint: "write dates as YYYY-MM-DD, months 01 to 12", offset: offset))
            }
            let last = LocalDate.daysIn(month: m, year: y)
            return .failure(TextProblem(message: "`\(text)` does not exist: \(monthNames[m - 1]) \(y) has \(last) days (day \(d) asked)",
                                        hint: "use a day from \(String(format: "%04d-%02d-01", y, m)) to \(String(format: "%04d-%02d-%02d", y, m, last))",
                                        offset: offset))
        }
        return .failure(TextProblem(message: "`\(text)` is not a date", hint: "write dates as YYYY-MM-DD, e.g. 2006-10-30", offset: offset))
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static func time(_ text: String, offset: Int = 0) -> Result<TimeOfDay, TextProblem> {
        if let time = TimeOfDay(text) { return .success(time) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) {
            if h > 24 || h < 0 {
                return .failure(TextProblem(message: "`\(text)` is not a time of day: there is no hour \(h)",
                                            hint: "use HH:MM from 00:00 to 24:00", offset: offset))
            }
            if m > 59 || m < 0 {
                return .failure(TextProblem(message: "`\(text)` is not a time of day: minutes go up to 59",
                                            hint: "use HH:MM from 00:00 to 24:00", offset: offset))
            }
            if h == 24 {
                return .failure(TextProblem(message: "`\(text)` is past the end of the day", hint: "24:00 is the latest time", offset: offset))
            }
        }
        return .failure(TextProblem(message: "`\(text)` is not a time of day", hint: "write times as HH:MM, e.g. 09:30", offset: offset))
    }

    /// `HH:MM-HH:MM` (a hyphen or an en dash between), end after start.
    static func range(_ text: String, offset: Int = 0) -> Result<TimeRange, TextProblem> {
        let scalars = Array(text.unicodeScalars)
        guard let dash = scalars.firstIndex(where: { $0 == "-" || $0 == "–" }) else {
            return .failure(TextProblem(message: "`\(text)` is not a span of time", hint: "write HH:MM-HH:MM, e.g. 09:30-11:00", offset: offset))
        }
        let startText = String(String.UnicodeScalarView(scalars[..<dash]))
        let endText = String(String.UnicodeScalarView(scalars[(dash + 1)...]))
        let start: TimeOfDay, end: TimeOfDay
        switch time(startText, offset: offset) {
        case .success(let t): start = t
        case .failure(let p): return .failure(p)
        }
        switch time(endText, offset: offset + dash + 1) {
        case .success(let t): end = t
        case .failure(let p): return .failure(p)
        }
        guard start < end else {
            return .failure(TextProblem(message: "`\(text)` ends before it starts",
                                        hint: "the end must be later than the start on the same day", offset: offset + dash + 1))
        }
        return .success(TimeRange(start: start, end: end))
    }

    // MARK: Durations

    /// Minutes: `90`, `90m`, `3h`, `1h30m` (spaces allowed between the parts).
    static func duration(_ text: String, offset: Int = 0) -> Result<Int, TextProblem> {
        let compact = text.filter { $0 != " " }.lowercased()
        let bad = TextProblem(message: "`\(text)` is not a duration", hint: "write minutes (90) or hours and minutes: 3h, 90m, 1h30m", offset: offset)
        let tooLong = TextProblem(message: "`\(text)` is longer than a day", hint: "a session lasts at most 24h; split longer ones into parts", offset: offset)
        var minutes: Int
        if let plain = Int(compact) {
            minutes = plain
        } else {
            var rest = Substring(compact)
            minutes = 0
            var sawUnit = false
            if let h = rest.firstIndex(of: "h") {
                guard let hours = Int(rest[..<h]), hours >= 0 else { return .failure(bad) }
                guard hours <= 24 else { return .failure(tooLong) }
                minutes = hours * 60
                rest = rest[rest.index(after: h)...]
                sawUnit = true
            }
            if !rest.isEmpty {
                if rest.hasSuffix("min") { rest = rest.dropLast(3) } else if rest.hasSuffix("m") { rest = rest.dropLast() } else if !sawUnit { return .failure(bad) }
                guard let m = Int(rest), m >= 0 else { return .failure(bad) }
                guard m <= 24 * 60 else { return .failure(tooLong) }
                minutes += m
                sawUnit = true
            }
            guard sawUnit else { return .failure(bad) }
        }
        guard minutes > 0 else {
            return .failure(TextProblem(message: "a duration must be longer than 0 minutes", hint: "e.g. 90 or 1h30m", offset: offset))
        }
        guard minutes <= 24 * 60 else { return .failure(tooLong) }
        return .success(minutes)
    }

    /// How the writer spells a duration: whole hours as `3h`, anything else in minutes.
    static func format(duration minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes)"
    }

    // MARK: Slots, windows, placements

    /// `HH:MM-HH:MM` optionally followed by a label.
    static func slot(_ text: String) -> Result<Slot, TextProblem> {
        let words = tokens(text)
        guard let first = words.first else {
            return .failure(TextProblem(message: "an empty slot", hint: "write HH:MM-HH:MM, e.g. \"09:30-11:00\""))
        }
        switch range(first.text, offset: first.offset) {
        case .failure(let p): return .failure(p)
        case .success(let r):
            let label = words.dropFirst().map(\.text).joined(separator: " ")
            return .success(Slot(start: r.start, end: r.end, label: label.isEmpty ? nil : label))
        }
    }

    static func format(slot: Slot) -> String {
        slot.start.description + "-" + slot.end.description + (slot.label.map { " " + $0 } ?? "")
    }

    static func format(range: TimeRange) -> String { range.start.description + "-" + range.end.description }

    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM-HH:MM` or `HH:MM-HH:MM`.
    static func window(_ text: String) -> Result<TimeWindow, TextProblem> {
        let words = tokens(text)
        let hint = "write YYYY-MM-DD, YYYY-MM-DD HH:MM-HH:MM or HH:MM-HH:MM"
        switch words.count {
        case 1:
            let w = words[0]
            if w.text.unicodeScalars.contains(":") {
                return range(w.text, offset: w.offset).map { TimeWindow(date: nil, range: $0) }
            }
            return date(w.text, offset: w.offset).map { TimeWindow(date: $0, range: nil) }
        case 2:
            let d: LocalDate
            switch date(words[0].text, offset: words[0].offset) {
            case .success(let v): d = v
            case .failure(let p): return .failure(p)
            }
            return range(words[1].text, offset: words[1].offset).map { TimeWindow(date: d, range: $0) }
        default:
            return .failure(TextProblem(message: "`\(text)` is not a window of time", hint: hint))
        }
    }

    static func format(window: TimeWindow) -> String {
        switch (window.date, window.range) {
        case (let d?, let r?): return d.description + " " + format(range: r)
        case (let d?, nil): return d.description
        case (nil, let r?): return format(range: r)
        case (nil, nil): return "00:00-24:00"
        }
    }

    /// The parts of `YYYY-MM-DD HH:MM room` (or `YYYY-MM-DD HH:MM-HH:MM room`); the room's
    /// offset is returned so an unknown room can be pointed at.
    static func placement(_ text: String) -> Result<(placement: Placement, roomOffset: Int), TextProblem> {
        let words = tokens(text)
        // Two words: an online session placed in time only.
        guard words.count == 3 || words.count == 2 else {
            return .failure(TextProblem(message: "`\(text)` is not a placement",
                                        hint: "write `YYYY-MM-DD HH:MM room` (e.g. `2006-10-31 10:00 main-hall`; an online session may leave out the room) or a map {day:, start:, room:}"))
        }
        let day: LocalDate
        switch date(words[0].text, offset: words[0].offset) {
        case .success(let d): day = d
        case .failure(let p): return .failure(p)
        }
        var start: TimeOfDay
        var end: TimeOfDay?
        if words[1].text.unicodeScalars.contains(where: { $0 == "-" || $0 == "–" }) {
            switch range(words[1].text, offset: words[1].offset) {
            case .success(let r): start = r.start; end = r.end
            case .failure(let p): return .failure(p)
            }
        } else {
            switch time(words[1].text, offset: words[1].offset) {
            case .success(let t): start = t
            case .failure(let p): return .failure(p)
            }
        }
        let room = words.count == 3 ? words[2] : nil
        return .success((Placement(day: day, start: start, room: room?.text, end: end), room?.offset ?? 0))
    }

    static func format(placement: Placement) -> String {
        let time = placement.end.map { placement.start.description + "-" + $0.description } ?? placement.start.description
        return placement.day.description + " " + time + (placement.room.map { " " + $0 } ?? "")
    }

    // MARK: Ids

    /// Ids are letters, digits, `-`, `_` and `.`; returns the offset of the first other character.
    static func badIdCharacter(_ id: String) -> Int? {
        for (i, s) in id.unicodeScalars.enumerated() {
            let ascii = s.value < 128
            let ok = ascii ? (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
                : s.properties.isAlphabetic
            if !ok { return i }
        }
        return nil
    }

    /// The acronym a programme gets when it names none: initials of capitalised words,
    /// whole upper-case words and numbers ("Internet Governance Forum 2006" -> `igf2006`).
    static func acronym(for name: String) -> String {
        var result = ""
        for word in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if word.allSatisfy(\.isNumber) {
                result += word
            } else if word.count > 1, word.allSatisfy({ $0.isUppercase || $0.isNumber }) {
                result += word.lowercased()
            } else if let first = word.first, first.isUppercase {
                result += first.lowercased()
            }
        }
        return result.isEmpty ? "event" : result
    }
}
