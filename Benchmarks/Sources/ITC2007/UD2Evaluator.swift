/// The UD2 cost of a solution (the ITC-2007 track 3 objective), with each hard violation
/// kind and each soft component, as the official validator (`validator.cc`, Di Gaspero &
/// Schaerf) counts them.
public struct UD2Evaluation: Hashable, Sendable, CustomStringConvertible {
    /// Per course: |distinct periods with a lecture − required lectures|.
    public var lectures = 0
    /// Lines that repeat a course-period already given (the official validator skips them
    /// with a warning; a repeated lecture is one the course does not get).
    public var repeatedEntries = 0
    /// Per room and period: lectures beyond the first.
    public var roomOccupancy = 0
    /// Per pair of conflicting courses (same curriculum or same teacher) and shared period.
    public var conflicts = 0
    /// Per lecture in a period unavailable for its course.
    public var availability = 0

    /// S1 units: students beyond the room's capacity, summed over lectures.
    public var roomCapacity = 0
    /// S2 units: days short of each course's minimum working days.
    public var minWorkingDays = 0
    /// S3 units: lectures with no lecture of the same curriculum in the adjacent periods of
    /// the same day, counted once per curriculum.
    public var isolatedLectures = 0
    /// S4 units: rooms beyond the first used by each course.
    public var roomStability = 0

    public init() {}

    public static let minWorkingDaysWeight = 5
    public static let isolatedLecturesWeight = 2

    public var hardViolations: Int { lectures + repeatedEntries + roomOccupancy + conflicts + availability }
    public var isFeasible: Bool { hardViolations == 0 }
    /// The weighted soft components, as the validator prints them.
    public var s1: Int { roomCapacity }
    public var s2: Int { minWorkingDays * Self.minWorkingDaysWeight }
    public var s3: Int { isolatedLectures * Self.isolatedLecturesWeight }
    public var s4: Int { roomStability }
    /// S1 + 5·S2 + 2·S3 + S4.
    public var total: Int { s1 + s2 + s3 + s4 }

    public var description: String {
        """
        Violations of Lectures (hard) : \(lectures)
        Violations of RepeatedEntries (hard) : \(repeatedEntries)
        Violations of Conflicts (hard) : \(conflicts)
        Violations of Availability (hard) : \(availability)
        Violations of RoomOccupation (hard) : \(roomOccupancy)
        Cost of RoomCapacity (soft) : \(s1)
        Cost of MinWorkingDays (soft) : \(s2)
        Cost of IsolatedLectures (soft) : \(s3)
        Cost of RoomStability (soft) : \(s4)
        \(hardViolations > 0 ? "Violations = \(hardViolations), " : "")Total Cost = \(total)
        """
    }
}

/// Scores `.sol` solutions against an instance with plain loops over the instance's own
/// arrays. It shares nothing with the library's rules or the solver's scoring, so that it
/// can check them.
public struct UD2Evaluator: Sendable {
    public let instance: CTTInstance
    /// conflict[c1 * courses + c2]: same curriculum or same teacher.
    private let conflict: [Bool]
    private let available: [Bool]

    public init(instance: CTTInstance) {
        self.instance = instance
        let n = instance.courses.count
        var conflict = [Bool](repeating: false, count: n * n)
        for curriculum in instance.curricula {
            for a in curriculum.courses {
                for b in curriculum.courses where a != b { conflict[a * n + b] = true }
            }
        }
        for a in 0..<n {
            for b in 0..<n where a != b && instance.courses[a].teacher == instance.courses[b].teacher {
                conflict[a * n + b] = true
            }
        }
        self.conflict = conflict
        var available = [Bool](repeating: true, count: n * instance.periods)
        for u in instance.unavailability {
            available[u.course * instance.periods + u.day * instance.periodsPerDay + u.period] = false
        }
        self.available = available
    }

    public func evaluate(_ solution: CTTSolution) -> UD2Evaluation {
        let courses = instance.courses.count
        let periods = instance.periods
        let ppd = instance.periodsPerDay
        var result = UD2Evaluation()

        // timetable[c * periods + p] = room + 1, 0 when the course has no lecture then.
        var timetable = [Int](repeating: 0, count: courses * periods)
        for a in solution.assignments {
            let p = a.day * ppd + a.period
            if timetable[a.course * periods + p] != 0 {
                result.repeatedEntries += 1
                continue
            }
            timetable[a.course * periods + p] = a.room + 1
        }

        for c in 0..<courses {
            let course = instance.courses[c]
            var count = 0
            var days = Set<Int>()
            var rooms = Set<Int>()
            for p in 0..<periods {
                let r = timetable[c * periods + p]
                guard r != 0 else { continue }
                count += 1
                days.insert(p / ppd)
                rooms.insert(r)
                if !available[c * periods + p] { result.availability += 1 }
                result.roomCapacity += max(0, course.students - instance.rooms[r - 1].capacity)
            }
            result.lectures += abs(count - course.lectures)
            result.minWorkingDays += max(0, course.minWorkingDays - days.count)
            result.roomStability += max(0, rooms.count - 1)
        }

        for c1 in 0..<courses {
            for c2 in (c1 + 1)..<max(c1 + 1, courses) where conflict[c1 * courses + c2] {
                for p in 0..<periods where timetable[c1 * periods + p] != 0 && timetable[c2 * periods + p] != 0 {
                    result.conflicts += 1
                }
            }
        }

        var roomLectures = [Int](repeating: 0, count: instance.rooms.count * periods)
        for c in 0..<courses {
            for p in 0..<periods where timetable[c * periods + p] != 0 {
                roomLectures[(timetable[c * periods + p] - 1) * periods + p] += 1
            }
        }
        result.roomOccupancy = roomLectures.reduce(0) { $0 + max(0, $1 - 1) }

        for curriculum in instance.curricula {
            var lecturesAt = [Int](repeating: 0, count: periods)
            for c in curriculum.courses {
                for p in 0..<periods where timetable[c * periods + p] != 0 { lecturesAt[p] += 1 }
            }
            for p in 0..<periods where lecturesAt[p] > 0 {
                let before = p % ppd > 0 && lecturesAt[p - 1] > 0
                let after = p % ppd < ppd - 1 && lecturesAt[p + 1] > 0
                if !before && !after { result.isolatedLectures += lecturesAt[p] }
            }
        }
        return result
    }
}
