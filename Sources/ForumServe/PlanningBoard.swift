import Foundation
import ForumFormats
import ForumModel
import ForumPublish
import ForumRules

/// Where a request wants a part of a session: the session, which part (nil: the first
/// placed one, or the first unplaced one when none is placed), and a day, a start and a room
/// (nil or empty: no room, for an online session).
public struct PlaceRequest: Codable, Sendable {
    public var session: String
    public var part: Int?
    public var day: String
    public var start: String
    public var room: String?

    public init(session: String, part: Int? = nil, day: String, start: String, room: String?) {
        self.session = session
        self.part = part
        self.day = day
        self.start = start
        self.room = room
    }
}

/// A request naming a session (and maybe one of its parts): pin, unpin, unplace.
public struct SessionRequest: Codable, Sendable {
    public var session: String
    public var part: Int?
}

/// The programme on the board, with the rules' score kept up to date, an undo history, the
/// file it came from and a recovery file for changes not saved yet.
///
/// Not thread-safe: one owner (the server's actor) calls it. The scorer is the one
/// `forum validate` uses (``ScoreState``): each change rebuilds it from the programme (a few
/// milliseconds at IGF size); a trial move (``check(_:)``) moves the part in the live scorer
/// and back, and words only the moved session's violations.
public final class PlanningBoard {
    /// The programme file.
    public let path: String
    /// Unsaved changes are kept here after every change (YAML), beside the programme.
    public let recoveryPath: String
    public private(set) var programme: Programme
    /// Bumped on every change of the programme (moves, undo, reload, accepted proposals).
    public private(set) var revision = 0
    private(set) var problem: Problem
    private(set) var state: ScoreState
    public private(set) var report: ValidationReport

    /// One change: the programme before and after, and what it was, for undo and redo.
    struct Change {
        var before: Programme
        var after: Programme
        var label: String
    }
    private var undoStack: [Change] = []
    private var redoStack: [Change] = []
    static let historyLimit = 500

    /// The file's bytes when it was loaded or last saved: a save refuses when the file differs.
    private var loadedBytes: Data
    /// The programme as it is in the file (dirty: the board differs from it).
    private var savedProgramme: Programme
    /// Where the file as it was before the board's first save is kept, once made.
    private var originalCopy: String?
    /// Whether the board started from a recovery file made on another version of the file.
    public private(set) var recoveredOverChangedFile = false

    /// The programme participants have already seen, when given: each session moved from it
    /// costs `moved-from-published` on the board, and "place the rest" keeps to it.
    public let published: Programme?

    /// Loads `path`. With `recover`, the board starts from the recovery file's programme
    /// (unsaved changes of an earlier board) when there is one. `published` is the programme
    /// already published (`forum validate --published`, `forum solve --keep`).
    public init(path: String, recover: Bool = false, published: Programme? = nil) throws {
        self.published = published
        self.path = path
        let url = URL(fileURLWithPath: path)
        recoveryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).forum-recovery").path
        let bytes = try PlanningBoard.readBytes(path)
        let loaded = try ProgrammeInput.load(path: path)
        loadedBytes = bytes
        savedProgramme = loaded
        var start = loaded
        if recover, FileManager.default.fileExists(atPath: recoveryPath) {
            let text = try String(contentsOfFile: recoveryPath, encoding: .utf8)
            start = try ProgrammeReader.read(text: text, file: recoveryPath)
            // Changes made on another version of the file: the first save must refuse (409)
            // and offer reload, as for a file changed while the board is open.
            if PlanningBoard.recoveryBase(text) != PlanningBoard.fingerprint(bytes) {
                loadedBytes = Data()
                recoveredOverChangedFile = true
            }
        }
        programme = start
        problem = Problem(start, published: published)
        state = ScoreState(problem: problem)
        report = ValidationReport(violations: [])
        rescore()
    }

    /// Whether the board differs from the file.
    public var dirty: Bool { programme != savedProgramme }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }
    public var score: Score { state.score }

    static func readBytes(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BoardError(404, "cannot read the programme file `\(path)`", hint: "check that it exists and can be read")
        }
        return data
    }

    private func rescore() {
        problem = Problem(programme, published: published)
        state = ScoreState(problem: problem)
        for p in 0..<problem.partCount {
            if let pos = problem.initial[p] { state.add(p, at: pos) }
        }
        report = state.report()
    }

    /// Makes `after` the board's programme, recorded for undo under `label`.
    private func apply(_ after: Programme, label: String) {
        undoStack.append(Change(before: programme, after: after, label: label))
        if undoStack.count > PlanningBoard.historyLimit { undoStack.removeFirst(undoStack.count - PlanningBoard.historyLimit) }
        redoStack.removeAll()
        replace(with: after)
    }

    private func replace(with next: Programme) {
        programme = next
        revision += 1
        rescore()
        keepRecovery()
    }

    /// Writes the recovery file when the board has unsaved changes, removes it when not.
    private func keepRecovery() {
        if dirty {
            let header = "# forum serve: unsaved changes to \(fileName); \(PlanningBoard.baseMarker)\(PlanningBoard.fingerprint(loadedBytes))\n"
            try? writeAtomically(header + ProgrammeWriter.yaml(programme), to: recoveryPath)
        } else {
            try? FileManager.default.removeItem(atPath: recoveryPath)
        }
    }

    /// The recovery file names the version of the programme file its changes were made on.
    static let baseMarker = "made on the version with fingerprint "

    /// FNV-1a (64 bits) of the bytes and their count: the same in every process.
    static func fingerprint(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16) + "-" + String(data.count)
    }

    /// The fingerprint a recovery file's first line names (nil: none).
    static func recoveryBase(_ text: String) -> String? {
        guard let line = text.split(separator: "\n", maxSplits: 1).first, let range = line.range(of: baseMarker) else { return nil }
        return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    public var undoLabel: String? { undoStack.last?.label }
    public var redoLabel: String? { redoStack.last?.label }

    // MARK: Finding what a request names

    /// The index of session `id`, or a 404 that names the closest id.
    func sessionIndex(_ id: String) throws -> Int {
        if let i = programme.sessions.firstIndex(where: { $0.id == id }) { return i }
        let hint = id.count <= 200 ? closestMatch(to: id, in: programme.sessions.map(\.id)).map { "did you mean `\($0)`?" } : nil
        throw BoardError.notFound("no session `\(PlanningBoard.clip(id))` in the programme", hint: hint)
    }

    /// A text cut to a length a message can carry.
    static func clip(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }

    /// The part a request means: `part` when given (it must exist), else the first placed part,
    /// else the first unplaced one.
    func partIndex(session s: Int, part: Int?) throws -> Int {
        let session = programme.sessions[s]
        let count = max(session.parts, session.placements.count)
        if let part {
            guard part >= 0 && part < count else {
                throw BoardError.badRequest("session `\(session.id)` has no part \(part)",
                                            hint: count == 1 ? "leave out `part` (it has one part)" : "give a part from 0 to \(count - 1)")
            }
            // An unplaced part is placed as the next one (parts are placed in order).
            return part < session.placements.count ? part : session.placements.count
        }
        return 0  // the first placed part, or (none placed) the first to place
    }

    /// Resolves a placement request into the session, its part and the position in the scorer.
    func resolve(_ request: PlaceRequest) throws -> (session: Int, part: Int, pos: Pos, placement: Placement) {
        let s = try sessionIndex(request.session)
        let session = programme.sessions[s]
        let k = try partIndex(session: s, part: request.part)
        guard let date = LocalDate(iso: request.day) else {
            throw BoardError.badRequest("`day` must be a date YYYY-MM-DD, not `\(PlanningBoard.clip(request.day))`")
        }
        guard let d = problem.dayDates.indices.first(where: { problem.dayDates[$0] == date && problem.dayInProgramme[$0] }) else {
            throw BoardError.badRequest("\(date) is not a day of the programme",
                                        hint: "the days are " + programme.days.map(\.date.description).joined(separator: ", "))
        }
        guard let start = TimeOfDay(request.start), start.minutes >= 0, start.minutes < 24 * 60 else {
            throw BoardError.badRequest("`start` must be a time HH:MM, not `\(PlanningBoard.clip(request.start))`")
        }
        let end = start.minutes + session.duration
        guard end <= 24 * 60 else {
            throw BoardError.badRequest("session `\(session.id)` (\(session.duration) minutes) would run past midnight from \(start)")
        }
        let roomIndex: Int32
        let roomID: String?
        if let id = request.room, !id.isEmpty {
            guard let r = programme.rooms.firstIndex(where: { $0.id == id }) else {
                let hint = id.count <= 200 ? closestMatch(to: id, in: programme.rooms.map(\.id)).map { "did you mean `\($0)`?" } : nil
                throw BoardError.notFound("no room `\(PlanningBoard.clip(id))` in the programme", hint: hint)
            }
            roomIndex = Int32(r)
            roomID = id
        } else {
            guard session.online, problem.noRoom >= 0 else {
                throw BoardError.badRequest("give a `room`: only an online session may be placed without one")
            }
            roomIndex = problem.noRoom
            roomID = nil
        }
        let slot = problem.startsOfDay[d].first { problem.startMinute[Int($0)] == Int32(start.minutes) } ?? -1
        let pos = Pos(day: Int32(d), start: Int32(start.minutes), end: Int32(end), room: roomIndex, slot: slot)
        return (s, k, pos, Placement(day: date, start: start, room: roomID))
    }

    // MARK: Trial moves

    /// What moving (or placing) a part to where `request` says would change: the score, each
    /// rule's penalty, and the moved session's violations added and cleared. Changes nothing.
    public func check(_ request: PlaceRequest) throws -> CheckJSON {
        let clock = DispatchTime.now().uptimeNanoseconds
        let (s, k, pos, placement) = try resolve(request)
        let p = Int(problem.sessionFirstPart[s]) + k
        let before = state.score
        let unitsBefore = state.units
        let home = state.at[p]
        if home.day >= 0 { state.move(p, to: pos) } else { state.add(p, at: pos) }
        let after = state.score
        let unitsAfter = state.units
        let trial = state.report(listing: 100, involving: [s])
        if home.day >= 0 { state.move(p, to: home) } else { state.remove(p) }

        let id = programme.sessions[s].id
        func key(_ v: Violation) -> String { "\(v.rule.rawValue)|\(v.sessions.joined(separator: ","))|\(v.person ?? "")" }
        let now = report.violations.filter { $0.sessions.contains(id) }
        let nowKeys = Set(now.map(key))
        let trialKeys = Set(trial.violations.map(key))
        var changes: [RuleChangeJSON] = []
        for (i, rule) in RuleID.allCases.enumerated() where state.ruleOn[i] && unitsAfter[i] != unitsBefore[i] {
            changes.append(RuleChangeJSON(rule: rule.rawValue, title: rule.definition.title, hard: state.ruleHard[i],
                                          change: (unitsAfter[i] - unitsBefore[i]) * state.ruleWeight[i]))
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1_000_000
        return CheckJSON(session: id, part: k, target: placementJSON(placement, part: k, duration: programme.sessions[s].duration),
                         before: ScoreJSON(before), after: ScoreJSON(after),
                         change: ScoreJSON(hard: after.hard - before.hard, soft: after.soft - before.soft),
                         rules: changes,
                         added: trial.violations.filter { !nowKeys.contains(key($0)) }.map(ViolationJSON.init),
                         cleared: now.filter { !trialKeys.contains(key($0)) }.map(ViolationJSON.init),
                         milliseconds: elapsed)
    }

    // MARK: Changes

    /// Moves (or places) a part where `request` says.
    public func move(_ request: PlaceRequest) throws {
        let (s, k, _, target) = try resolve(request)
        var next = programme
        let old = next.sessions[s].placements
        var placement = target
        // A part that ran longer or shorter than the session's duration keeps its length.
        if k < old.count, let end = old[k].end {
            let length = end.minutes - old[k].start.minutes
            let newEnd = placement.start.minutes + length
            if newEnd <= 24 * 60 { placement.end = TimeOfDay(minutes: newEnd) }
        }
        if k < old.count { next.sessions[s].placements[k] = placement } else { next.sessions[s].placements.append(placement) }
        let what = old.isEmpty || k >= old.count ? "place" : "move"
        apply(next, label: "\(what) \(next.sessions[s].id) to \(placement.day) \(placement.start) \(placement.room ?? "online")")
    }

    /// Pins a placed session (the solver never moves it) or unpins it.
    public func setPinned(_ request: SessionRequest, pinned: Bool) throws {
        let s = try sessionIndex(request.session)
        let session = programme.sessions[s]
        guard session.pinned != pinned else {
            throw BoardError.conflict("session `\(session.id)` is already \(pinned ? "pinned" : "not pinned")")
        }
        if pinned && session.placements.isEmpty {
            throw BoardError.conflict("session `\(session.id)` has no placement to pin", hint: "place it on the board first")
        }
        var next = programme
        next.sessions[s].pinned = pinned
        apply(next, label: "\(pinned ? "pin" : "unpin") \(session.id)")
    }

    /// Takes a part (or, without `part`, every part) of a session off the programme, into the tray.
    public func unplace(_ request: SessionRequest) throws {
        let s = try sessionIndex(request.session)
        let session = programme.sessions[s]
        guard !session.placements.isEmpty else { throw BoardError.conflict("session `\(session.id)` is not placed") }
        guard !session.pinned else {
            throw BoardError.conflict("session `\(session.id)` is pinned", hint: "unpin it first")
        }
        var next = programme
        if let part = request.part {
            guard part >= 0 && part < session.placements.count else {
                throw BoardError.badRequest("session `\(session.id)` has no placed part \(part)")
            }
            next.sessions[s].placements.remove(at: part)
        } else {
            next.sessions[s].placements = []
        }
        apply(next, label: "unplace \(session.id)")
    }

    /// Takes back the last change.
    public func undo() throws {
        guard let change = undoStack.popLast() else { throw BoardError.conflict("nothing to undo") }
        redoStack.append(change)
        replace(with: change.before)
    }

    /// Makes the last undone change again.
    public func redo() throws {
        guard let change = redoStack.popLast() else { throw BoardError.conflict("nothing to redo") }
        undoStack.append(change)
        replace(with: change.after)
    }

    /// Makes `proposal` (a solver's result for revision `base`) the board's programme.
    public func accept(_ proposal: Programme, base: Int, label: String) throws {
        guard base == revision else {
            throw BoardError.conflict("the board changed since the solver started", hint: "discard the proposal and place the rest again")
        }
        apply(proposal, label: label)
    }

    // MARK: The file

    /// Whether the programme file has comments that the writer cannot keep.
    var fileHasComments: Bool {
        guard let text = String(data: loadedBytes, encoding: .utf8) else { return false }
        return text.split(separator: "\n", omittingEmptySubsequences: true).contains { line in
            line.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") || line.contains(" #")
        }
    }

    /// What saving does, for the page and the README.
    public var savingNote: String {
        let format = ProgrammeFileFormat(path: path)
        if format == .json || !fileHasComments {
            return "Saving writes \(fileName) atomically: the lines of the sessions that moved or were pinned change, the rest stays as written."
        }
        return "Saving writes \(fileName) atomically, changing only the placement and pinned lines of the sessions that changed: "
            + "comments and layout stay. When the file's layout does not allow that, it rewrites the whole file in the writer's layout "
            + "(without comments) and keeps the file as it was beside it (\(URL(fileURLWithPath: originalCopyPath()).lastPathComponent))."
    }

    var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// Where the file as it was before the first save is kept: `NAME.orig.yaml`, or the first
    /// `NAME.orig-N.yaml` not taken by another content.
    func originalCopyPath() -> String {
        if let originalCopy { return originalCopy }
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
        let folder = url.deletingLastPathComponent()
        var n = 1
        while true {
            let name = n == 1 ? "\(stem).orig.\(ext)" : "\(stem).orig-\(n).\(ext)"
            let candidate = folder.appendingPathComponent(name).path
            guard let existing = FileManager.default.contents(atPath: candidate) else { return candidate }
            if existing == loadedBytes { return candidate }
            n += 1
        }
    }

    /// Writes the board's programme to its file, atomically. Refuses (409) when the file
    /// changed on disk since the board loaded or last saved it.
    public func save() throws -> SaveJSON {
        let current = FileManager.default.contents(atPath: path)
        guard current == loadedBytes else {
            throw BoardError.conflict("\(fileName) changed on disk since the board loaded it; saving would overwrite those changes",
                                      hint: "reload to take the file's version (the board's changes stay in its undo history), then save again")
        }
        let format = ProgrammeFileFormat(path: path)
        // First choice: edit only the changed sessions' lines of the author's file.
        if format != .json, let text = String(data: loadedBytes, encoding: .utf8),
           let patched = PlacementPatch.apply(to: text, from: savedProgramme, to: programme) {
            do { try writeAtomically(patched, to: path) } catch {
                throw BoardError(500, "cannot write \(path): \(error)", hint: "check that the folder can be written to")
            }
            loadedBytes = Data(patched.utf8)
            savedProgramme = programme
            keepRecovery()
            return SaveJSON(saved: path, commentsKept: true, rewritten: false,
                            note: "Saved: only the changed sessions' placement and pinned lines were edited; comments and layout are kept.",
                            original: nil)
        }
        var original: String?
        let commentsLost = format != .json && fileHasComments
        if commentsLost {
            let copy = originalCopyPath()
            if FileManager.default.contents(atPath: copy) != loadedBytes {
                do { try writeAtomically(loadedBytes, to: copy) } catch {
                    throw BoardError(500, "cannot keep a copy of the original file at \(copy): \(error)")
                }
            }
            originalCopy = copy
            original = copy
        }
        let text = ProgrammeWriter.text(programme, format: format)
        do { try writeAtomically(text, to: path) } catch {
            throw BoardError(500, "cannot write \(path): \(error)", hint: "check that the folder can be written to")
        }
        loadedBytes = Data(text.utf8)
        savedProgramme = programme
        keepRecovery()
        let note = commentsLost
            ? "Saved, rewriting the whole file: its layout did not allow editing only the changed lines, and the writer keeps no comments; the file as it was, with its comments, is in \(URL(fileURLWithPath: original ?? "").lastPathComponent)."
            : "Saved (the whole file rewritten in the writer's layout)."
        return SaveJSON(saved: path, commentsKept: !commentsLost, rewritten: true, note: note, original: original)
    }

    /// Reads the file again and puts its programme on the board (an undoable change, so the
    /// board's own changes stay in the history).
    public func reload() throws {
        let bytes = try PlanningBoard.readBytes(path)
        let loaded: Programme
        do { loaded = try ProgrammeInput.load(path: path) } catch {
            throw BoardError(422, "the file cannot be read now: \(error)", hint: "fix the file, then reload again")
        }
        loadedBytes = bytes
        savedProgramme = loaded
        originalCopy = nil
        if loaded != programme { apply(loaded, label: "reload \(fileName) from disk") } else { keepRecovery() }
    }

    // MARK: JSON

    func placementJSON(_ p: Placement, part: Int, duration: Int) -> PlacementJSON {
        let end = p.end ?? p.start.adding(minutes: duration)
        return PlacementJSON(part: part, day: p.day.description, start: p.start.description, end: end.description, room: p.room)
    }

    /// The board's state as GET /api/state gives it.
    public func stateJSON(solve: SolveStatusJSON) -> BoardStateJSON {
        let html = HTMLProgramme(programme: programme)
        var hardSessions = Set<String>(), softSessions = Set<String>()
        for v in report.violations {
            for id in v.sessions { if v.hard { hardSessions.insert(id) } else { softSessions.insert(id) } }
        }
        let names = Dictionary(programme.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let sessions = programme.sessions.map { s -> SessionJSON in
            let people = s.people.map { names[$0.person] ?? $0.person }
            let shownPeople = people.prefix(3).joined(separator: ", ") + (people.count > 3 ? "…" : "")
            return SessionJSON(id: s.id, title: s.title, kind: s.kind.title, themes: s.themes, colourClass: html.colourClass(ofTheme: s.themes.first),
                               duration: s.duration, parts: max(s.parts, s.placements.count), pinned: s.pinned, online: s.online,
                               people: shownPeople,
                               placements: s.placements.enumerated().map { placementJSON($1, part: $0, duration: s.duration) },
                               hard: hardSessions.contains(s.id), soft: softSessions.contains(s.id))
        }
        let rules = report.perRule.map { line in
            RuleScoreJSON(rule: line.rule.rawValue, title: line.rule.definition.title, hard: report.violations.first { $0.rule == line.rule }?.hard
                            ?? report.unlisted.first { $0.rule == line.rule }?.hard ?? line.rule.definition.hard,
                          count: line.count, penalty: line.penalty, sentence: line.rule.definition.sentence)
        }
        return BoardStateJSON(
            revision: revision, file: path, dirty: dirty, canUndo: canUndo, canRedo: canRedo, undoLabel: undoLabel, redoLabel: redoLabel,
            event: programme.event.name, timeZone: programme.event.timeZone,
            days: programme.days.map { day in
                DayJSON(date: day.date.description, title: PlanningBoard.longDate(day.date), label: day.label,
                        slots: day.slots.map { SlotJSON(start: $0.start.description, end: $0.end.description, label: $0.label) })
            },
            rooms: programme.rooms.map { RoomJSON(id: $0.id, name: $0.name, capacity: $0.capacity) },
            themes: programme.themes.map { ThemeJSON(id: $0.id, title: $0.title, colourClass: html.colourClass(ofTheme: $0.id)) },
            sessions: sessions, score: ScoreJSON(state.score), hardBroken: report.hasHardViolations, rules: rules,
            violations: report.violations.map(ViolationJSON.init), unlisted: report.unlisted.reduce(0) { $0 + $1.count },
            solve: solve, recoveryFile: recoveryPath, savingNote: savingNote)
    }

    /// "Monday 30 October 2006".
    static func longDate(_ date: LocalDate) -> String {
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let weekday = weekdays[(date.weekday - 1 + 7) % 7]
        let month = months[max(0, min(11, date.month - 1))]
        return "\(weekday) \(date.day) \(month) \(date.year)"
    }
}
