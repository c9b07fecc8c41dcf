import Foundation
import ForumModel

/// One lecture of a solution: a course in a room at a day and period of the day (0-based).
public struct CTTAssignment: Hashable, Sendable, Comparable {
    /// Index into the instance's `courses`.
    public var course: Int
    /// Index into the instance's `rooms`.
    public var room: Int
    public var day: Int
    public var period: Int

    public init(course: Int, room: Int, day: Int, period: Int) {
        self.course = course
        self.room = room
        self.day = day
        self.period = period
    }

    public static func < (a: CTTAssignment, b: CTTAssignment) -> Bool {
        (a.course, a.day, a.period, a.room) < (b.course, b.day, b.period, b.room)
    }
}

/// A solution in the competition's `.sol` format: one line `<CourseID> <RoomID> <Day> <DayPeriod>`
/// per lecture.
public struct CTTSolution: Hashable, Sendable {
    public var assignments: [CTTAssignment]

    public init(assignments: [CTTAssignment]) { self.assignments = assignments }

    /// Reads the `.sol` file at `path` against `instance`.
    public static func load(path: String, instance: CTTInstance) throws -> CTTSolution {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(location: SourceLocation(file: path), message: "cannot read the solution file")
        }
        return try parse(text, file: path, instance: instance)
    }

    /// Reads `.sol` text. Unlike the official validator, which skips a line naming an
    /// unknown course or room or a day out of range with a warning, this reports it: a
    /// benchmark must never score a file it could not read in full. A repeated
    /// course-period is kept; the evaluator counts it as a hard violation.
    public static func parse(_ text: String, file: String = "<sol>", instance: CTTInstance) throws -> CTTSolution {
        let reader = LineReader(text: text, file: file)
        var courseIndex: [String: Int] = [:]
        for (i, c) in instance.courses.enumerated() { courseIndex[c.id] = i }
        var roomIndex: [String: Int] = [:]
        for (i, r) in instance.rooms.enumerated() { roomIndex[r.id] = i }
        var assignments: [CTTAssignment] = []
        for line in reader.lines {
            try line.expectFields(4, "<CourseID> <RoomID> <Day> <DayPeriod>", section: "solution")
            guard let course = courseIndex[line.tokens[0].text] else {
                throw line.error(0, field: "CourseID", "unknown course `\(line.tokens[0].text)`",
                                 hint: closestMatch(to: line.tokens[0].text, in: instance.courses.map(\.id)).map { "did you mean `\($0)`?" })
            }
            guard let room = roomIndex[line.tokens[1].text] else {
                throw line.error(1, field: "RoomID", "unknown room `\(line.tokens[1].text)`",
                                 hint: "rooms: " + instance.rooms.map(\.id).joined(separator: ", "))
            }
            guard let day = Int(line.tokens[2].text), (0..<instance.days).contains(day) else {
                throw line.error(2, field: "Day", "expected a day 0…\(instance.days - 1), found `\(line.tokens[2].text)`")
            }
            guard let period = Int(line.tokens[3].text), (0..<instance.periodsPerDay).contains(period) else {
                throw line.error(3, field: "DayPeriod",
                                 "expected a period 0…\(instance.periodsPerDay - 1), found `\(line.tokens[3].text)`")
            }
            assignments.append(CTTAssignment(course: course, room: room, day: day, period: period))
        }
        return CTTSolution(assignments: assignments)
    }

    /// The `.sol` text, one lecture per line, sorted by course (in instance order), day and
    /// period, so that equal solutions give equal files.
    public func text(for instance: CTTInstance) -> String {
        assignments.sorted().map {
            "\(instance.courses[$0.course].id) \(instance.rooms[$0.room].id) \($0.day) \($0.period)\n"
        }.joined()
    }
}
