import Foundation
import ForumModel

/// One ITC-2007 track 3 (curriculum-based course timetabling) instance, as the `.ctt` file
/// gives it: plain arrays indexed by position, so that the evaluator and the mapping to a
/// `Programme` can both work on integers.
public struct CTTInstance: Hashable, Sendable {
    public struct Course: Hashable, Sendable {
        public var id: String
        public var teacher: String
        /// How many lectures (one period each) the course needs.
        public var lectures: Int
        /// The lectures should fall on at least this many different days (UD2 S2).
        public var minWorkingDays: Int
        public var students: Int

        public init(id: String, teacher: String, lectures: Int, minWorkingDays: Int, students: Int) {
            self.id = id
            self.teacher = teacher
            self.lectures = lectures
            self.minWorkingDays = minWorkingDays
            self.students = students
        }
    }

    public struct Room: Hashable, Sendable {
        /// An opaque label (`B`, `rB`, `12`…).
        public var id: String
        public var capacity: Int

        public init(id: String, capacity: Int) {
            self.id = id
            self.capacity = capacity
        }
    }

    public struct Curriculum: Hashable, Sendable {
        public var id: String
        /// Indices into `courses`.
        public var courses: [Int]

        public init(id: String, courses: [Int]) {
            self.id = id
            self.courses = courses
        }
    }

    /// A period (0-based day and period of the day) in which a course may not be taught.
    public struct Unavailability: Hashable, Sendable {
        public var course: Int
        public var day: Int
        public var period: Int

        public init(course: Int, day: Int, period: Int) {
            self.course = course
            self.day = day
            self.period = period
        }
    }

    public var name: String
    public var days: Int
    public var periodsPerDay: Int
    public var courses: [Course]
    public var rooms: [Room]
    public var curricula: [Curriculum]
    public var unavailability: [Unavailability]

    public init(name: String, days: Int, periodsPerDay: Int, courses: [Course], rooms: [Room],
                curricula: [Curriculum], unavailability: [Unavailability]) {
        self.name = name
        self.days = days
        self.periodsPerDay = periodsPerDay
        self.courses = courses
        self.rooms = rooms
        self.curricula = curricula
        self.unavailability = unavailability
    }

    /// Days × periods per day.
    public var periods: Int { days * periodsPerDay }
    /// The sum of every course's lectures.
    public var totalLectures: Int { courses.reduce(0) { $0 + $1.lectures } }

    public func courseIndex(_ id: String) -> Int? { courses.firstIndex { $0.id == id } }
    public func roomIndex(_ id: String) -> Int? { rooms.firstIndex { $0.id == id } }
}

// MARK: - Reading `.ctt`

extension CTTInstance {
    /// Reads the `.ctt` file at `path`.
    public static func load(path: String) throws -> CTTInstance {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(location: SourceLocation(file: path), message: "cannot read the file",
                             hint: "check the path; instances are in ../shared/data/itc2007/")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(location: SourceLocation(file: path), message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Reads `.ctt` text. Fields may be separated by any run of spaces and tabs, lines may
    /// end in spaces, blank lines are ignored anywhere, and the file may end with blank lines
    /// after `END.`. Every inconsistency (a count that does not match its section, an unknown
    /// course, a day out of range…) is an `InputError` naming the line and the field.
    public static func parse(_ text: String, file: String = "<ctt>") throws -> CTTInstance {
        var reader = LineReader(text: text, file: file)

        // Header: `Key: value` lines in a fixed order.
        let name = try reader.header("Name")
        let courseCount = try reader.count(try reader.headerToken("Courses"), field: "Courses")
        let roomCount = try reader.count(try reader.headerToken("Rooms"), field: "Rooms")
        let days = try reader.count(try reader.headerToken("Days"), field: "Days", minimum: 1)
        let periodsPerDay = try reader.count(try reader.headerToken("Periods_per_day"), field: "Periods_per_day", minimum: 1)
        let curriculumCount = try reader.count(try reader.headerToken("Curricula"), field: "Curricula")
        let constraintCount = try reader.count(try reader.headerToken("Constraints"), field: "Constraints")

        // COURSES
        try reader.section("COURSES:")
        var courses: [Course] = []
        var courseIndex: [String: Int] = [:]
        for _ in 0..<courseCount {
            let line = try reader.row(in: "COURSES", expected: courseCount, found: courses.count)
            try line.expectFields(5, "<CourseID> <TeacherID> <#Lectures> <MinWorkingDays> <#Students>", section: "COURSES")
            let id = line.tokens[0].text
            if courseIndex[id] != nil {
                throw line.error(0, field: "COURSES.CourseID", "course `\(id)` is listed twice")
            }
            let course = Course(id: id, teacher: line.tokens[1].text,
                                lectures: try reader.count(line.tokens[2], field: "COURSES.Lectures", line: line),
                                minWorkingDays: try reader.count(line.tokens[3], field: "COURSES.MinWorkingDays", line: line),
                                students: try reader.count(line.tokens[4], field: "COURSES.Students", line: line))
            courseIndex[id] = courses.count
            courses.append(course)
        }

        // ROOMS
        try reader.section("ROOMS:")
        var rooms: [Room] = []
        var roomIDs: Set<String> = []
        for _ in 0..<roomCount {
            let line = try reader.row(in: "ROOMS", expected: roomCount, found: rooms.count)
            try line.expectFields(2, "<RoomID> <Capacity>", section: "ROOMS")
            let id = line.tokens[0].text
            if !roomIDs.insert(id).inserted {
                throw line.error(0, field: "ROOMS.RoomID", "room `\(id)` is listed twice")
            }
            rooms.append(Room(id: id, capacity: try reader.count(line.tokens[1], field: "ROOMS.Capacity", line: line)))
        }

        let courseIDs = courses.map(\.id)
        func course(_ line: Line, _ index: Int, field: String) throws -> Int {
            let id = line.tokens[index].text
            guard let c = courseIndex[id] else {
                let hint = closestMatch(to: id, in: courseIDs).map { "did you mean `\($0)`?" }
                throw line.error(index, field: field, "unknown course `\(id)`", hint: hint)
            }
            return c
        }

        // CURRICULA
        try reader.section("CURRICULA:")
        var curricula: [Curriculum] = []
        var curriculumIDs: Set<String> = []
        for _ in 0..<curriculumCount {
            let line = try reader.row(in: "CURRICULA", expected: curriculumCount, found: curricula.count)
            guard line.tokens.count >= 2 else {
                throw line.error(nil, field: "CURRICULA", "expected `<CurriculumID> <#Courses> <CourseID>…`")
            }
            let id = line.tokens[0].text
            if !curriculumIDs.insert(id).inserted {
                throw line.error(0, field: "CURRICULA.CurriculumID", "curriculum `\(id)` is listed twice")
            }
            let size = try reader.count(line.tokens[1], field: "CURRICULA.Courses", line: line)
            guard line.tokens.count == 2 + size else {
                throw line.error(1, field: "CURRICULA.Courses",
                                 "curriculum `\(id)` declares \(size) courses but lists \(line.tokens.count - 2)")
            }
            var members: [Int] = []
            for i in 2..<line.tokens.count {
                let c = try course(line, i, field: "CURRICULA.CourseID")
                if members.contains(c) {
                    throw line.error(i, field: "CURRICULA.CourseID", "course `\(courses[c].id)` is listed twice in curriculum `\(id)`")
                }
                members.append(c)
            }
            curricula.append(Curriculum(id: id, courses: members))
        }

        // UNAVAILABILITY_CONSTRAINTS
        try reader.section("UNAVAILABILITY_CONSTRAINTS:")
        var unavailability: [Unavailability] = []
        for _ in 0..<constraintCount {
            let line = try reader.row(in: "UNAVAILABILITY_CONSTRAINTS", expected: constraintCount, found: unavailability.count)
            try line.expectFields(3, "<CourseID> <Day> <DayPeriod>", section: "UNAVAILABILITY_CONSTRAINTS")
            let c = try course(line, 0, field: "UNAVAILABILITY_CONSTRAINTS.CourseID")
            let day = try reader.count(line.tokens[1], field: "UNAVAILABILITY_CONSTRAINTS.Day", line: line)
            guard day < days else {
                throw line.error(1, field: "UNAVAILABILITY_CONSTRAINTS.Day", "day \(day) is out of range", hint: "days are 0…\(days - 1)")
            }
            let period = try reader.count(line.tokens[2], field: "UNAVAILABILITY_CONSTRAINTS.DayPeriod", line: line)
            guard period < periodsPerDay else {
                throw line.error(2, field: "UNAVAILABILITY_CONSTRAINTS.DayPeriod", "period \(period) is out of range",
                                 hint: "periods of a day are 0…\(periodsPerDay - 1)")
            }
            unavailability.append(Unavailability(course: c, day: day, period: period))
        }

        try reader.section("END.")
        if let extra = reader.next() {
            throw extra.error(0, field: nil, "text after `END.`", hint: "nothing but blank lines may follow `END.`")
        }
        return CTTInstance(name: name, days: days, periodsPerDay: periodsPerDay, courses: courses, rooms: rooms,
                           curricula: curricula, unavailability: unavailability)
    }
}

/// One whitespace-separated field of a line, with its 1-based column.
struct Token {
    var text: String
    var column: Int
}

/// A non-blank line split into fields.
struct Line {
    var file: String
    var number: Int
    var tokens: [Token]

    func error(_ token: Int?, field: String?, _ message: String, hint: String? = nil) -> InputError {
        InputError(location: SourceLocation(file: file, line: number, column: token.map { tokens[$0].column } ?? 1),
                   field: field, message: message, hint: hint)
    }

    func expectFields(_ count: Int, _ shape: String, section: String) throws {
        guard tokens.count == count else {
            throw error(tokens.count > count ? count : nil, field: section,
                        "expected \(count) fields `\(shape)`, found \(tokens.count)")
        }
    }
}

/// Splits text into non-blank lines of fields, tolerant of tabs, runs of spaces and `\r\n`.
struct LineReader {
    /// The largest count or size a file may give.
    static let largestCount = 1_000_000

    var file: String
    var lines: [Line]
    var position = 0

    init(text: String, file: String) {
        self.file = file
        var lines: [Line] = []
        var number = 0
        // `\r\n` is one Character in Swift, and a newline.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var tokens: [Token] = []
            var current = ""
            var start = 0
            var column = 0
            for ch in raw {
                column += 1
                if ch == " " || ch == "\t" || ch == "\r" {
                    if !current.isEmpty { tokens.append(Token(text: current, column: start)); current = "" }
                } else {
                    if current.isEmpty { start = column }
                    current.append(ch)
                }
            }
            if !current.isEmpty { tokens.append(Token(text: current, column: start)) }
            if !tokens.isEmpty { lines.append(Line(file: file, number: number, tokens: tokens)) }
        }
        self.lines = lines
    }

    mutating func next() -> Line? {
        guard position < lines.count else { return nil }
        defer { position += 1 }
        return lines[position]
    }

    func endOfFile(_ message: String, field: String?, hint: String? = nil) -> InputError {
        InputError(location: SourceLocation(file: file, line: (lines.last?.number ?? 0) + 1), field: field,
                   message: message, hint: hint)
    }

    /// `Key: value` (or `Key:value`); returns the value, which may contain spaces.
    mutating func header(_ key: String) throws -> String {
        guard let line = next() else { throw endOfFile("the file ends before `\(key):`", field: key) }
        let first = line.tokens[0].text
        let label = key + ":"
        if first == label {
            guard line.tokens.count >= 2 else { throw line.error(0, field: key, "`\(key):` has no value") }
            return line.tokens.dropFirst().map(\.text).joined(separator: " ")
        }
        if first.hasPrefix(label) {
            return ([String(first.dropFirst(label.count))] + line.tokens.dropFirst().map(\.text)).joined(separator: " ")
        }
        throw line.error(0, field: key, "expected `\(key): …`, found `\(first)`",
                         hint: "the header lists Name, Courses, Rooms, Days, Periods_per_day, Curricula, Constraints in that order")
    }

    /// A header whose value is one field, returned with its place for error messages.
    mutating func headerToken(_ key: String) throws -> (Token, Line) {
        let before = position
        let value = try header(key)
        let line = lines[before]
        let token = line.tokens.count >= 2 ? line.tokens[1]
            : Token(text: value, column: line.tokens[0].column + key.count + 1)
        guard !value.contains(" ") else {
            throw line.error(line.tokens.count >= 2 ? 1 : 0, field: key, "expected one number, found `\(value)`")
        }
        return (token, line)
    }

    func count(_ header: (Token, Line), field: String, minimum: Int = 0) throws -> Int {
        try count(header.0, field: field, line: header.1, minimum: minimum)
    }

    func count(_ token: Token, field: String, line: Line, minimum: Int = 0) throws -> Int {
        // Counts and sizes are bounded, so arithmetic on them cannot overflow (the largest
        // ITC-2007 instance has 131 courses and 1,000-seat rooms).
        guard let value = Int(token.text), value >= minimum, value <= LineReader.largestCount else {
            throw InputError(location: SourceLocation(file: file, line: line.number, column: token.column), field: field,
                             message: "expected a whole number from \(minimum) to \(LineReader.largestCount), found `\(token.text)`")
        }
        return value
    }

    /// The line that must open `name` (e.g. `ROOMS:`).
    mutating func section(_ name: String) throws {
        guard let line = next() else { throw endOfFile("the file ends before `\(name)`", field: name) }
        guard line.tokens.count == 1, line.tokens[0].text == name else {
            throw line.error(0, field: name, "expected `\(name)`, found `\(line.tokens.map(\.text).joined(separator: " "))`",
                             hint: "the header's counts must match the number of rows in each section")
        }
    }

    /// The next row of `section`; a section keyword or the end of the file means the section is short.
    mutating func row(in section: String, expected: Int, found: Int) throws -> Line {
        guard let line = next() else {
            throw endOfFile("the file ends after \(found) of the \(expected) rows of \(section)", field: section)
        }
        let first = line.tokens[0].text
        if ["ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:", "END."].contains(first) {
            throw line.error(0, field: section, "\(section) has \(found) rows but the header announces \(expected)",
                             hint: "correct the count in the header")
        }
        return line
    }
}
