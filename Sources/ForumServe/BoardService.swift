import Foundation
import ForumCalendar
import ForumFormats
import ForumModel
import ForumPublish
import ForumRules
import ForumSolver

/// What the process knows about unsaved work outside the board's actor: read by the Ctrl-C
/// handler, which must say where unsaved changes are, not discard them silently.
public final class UnsavedWork: @unchecked Sendable {
    private let lock = NSLock()
    private var dirty = false
    private var changes = 0
    public let recoveryPath: String
    public let programmePath: String

    init(recoveryPath: String, programmePath: String) {
        self.recoveryPath = recoveryPath
        self.programmePath = programmePath
    }

    func update(dirty: Bool, changes: Int) {
        lock.lock(); self.dirty = dirty; self.changes = changes; lock.unlock()
    }

    /// The sentence to print when the server stops.
    public var farewell: String {
        lock.lock(); defer { lock.unlock() }
        guard dirty else { return "serve: stopped; no unsaved changes" }
        return "serve: stopped with unsaved changes (not written to \(programmePath)); they are kept in \(recoveryPath): "
            + "start `forum serve \(programmePath) --recover` to continue from them"
    }
}

/// The board behind the HTTP API: one programme, its undo history, and at most one solver
/// run with its proposal. An actor, so requests change the board one at a time.
public actor BoardService {
    let board: PlanningBoard
    private var job: SolveJob?
    /// The last solver run's result, until accepted or discarded.
    private var proposal: (programme: Programme, json: ProposalJSON, base: Int)?
    public nonisolated let unsaved: UnsavedWork

    public init(board: PlanningBoard) {
        self.board = board
        unsaved = UnsavedWork(recoveryPath: board.recoveryPath, programmePath: board.path)
        unsaved.update(dirty: board.dirty, changes: 0)
    }

    private func changed() {
        unsaved.update(dirty: board.dirty, changes: board.revision)
    }

    // MARK: Reading

    /// Whether the board started from recovered changes made on another version of the file.
    public var recoveredOverChangedFile: Bool { board.recoveredOverChangedFile }

    public func state() -> BoardStateJSON { board.stateJSON(solve: solveStatus()) }

    public func check(_ request: PlaceRequest) throws -> CheckJSON { try board.check(request) }

    // MARK: Changing

    public func move(_ request: PlaceRequest) throws -> BoardStateJSON {
        try board.move(request); changed(); return state()
    }

    public func pin(_ request: SessionRequest, pinned: Bool) throws -> BoardStateJSON {
        try board.setPinned(request, pinned: pinned); changed(); return state()
    }

    public func unplace(_ request: SessionRequest) throws -> BoardStateJSON {
        try board.unplace(request); changed(); return state()
    }

    public func undo() throws -> BoardStateJSON { try board.undo(); changed(); return state() }
    public func redo() throws -> BoardStateJSON { try board.redo(); changed(); return state() }

    public func save() throws -> SaveJSON {
        let saved = try board.save(); changed(); return saved
    }

    public func reload() throws -> BoardStateJSON { try board.reload(); changed(); return state() }

    // MARK: Place the rest

    /// Starts the solver on the board's programme (409 while one runs).
    public func startSolve(seconds: Double, seed: UInt64) throws -> SolveStatusJSON {
        if let job, job.isRunning { throw BoardError.conflict("the solver is already running", hint: "stop it first") }
        let job = SolveJob(base: board.revision, before: board.score)
        self.job = job
        proposal = nil
        let programme = board.programme
        job.start(programme, published: board.published, seconds: seconds, seed: seed) { [weak self] result in
            Task { await self?.solved(result, by: job, from: programme) }
        }
        return solveStatus()
    }

    private func solved(_ result: SolveResult, by finished: SolveJob, from start: Programme) {
        guard job === finished else { return }
        let titles = Dictionary(start.sessions.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let durations = Dictionary(start.sessions.map { ($0.id, $0.duration) }, uniquingKeysWith: { a, _ in a })
        // What moved against the board (the solver's own list is against `published`, which
        // has no placement for a part the board left in the tray).
        var moved: [MovedJSON] = []
        let before = Dictionary(start.sessions.map { ($0.id, $0.placements) }, uniquingKeysWith: { a, _ in a })
        for session in result.programme.sessions {
            let old = before[session.id] ?? []
            let new = session.placements
            for part in 0..<max(old.count, new.count) {
                let from = part < old.count ? old[part] : nil, to = part < new.count ? new[part] : nil
                guard from != to else { continue }
                moved.append(MovedJSON(session: session.id, title: titles[session.id] ?? session.id, part: part,
                                       from: from.map { board.placementJSON($0, part: part, duration: durations[session.id] ?? 0) },
                                       to: to.map { board.placementJSON($0, part: part, duration: durations[session.id] ?? 0) }))
            }
        }
        let json = ProposalJSON(score: ScoreJSON(result.score), before: ScoreJSON(finished.before), feasible: result.feasible,
                                moved: moved, unplaced: result.unplaced.map(\.session), explanation: result.explanation,
                                seconds: result.stats.seconds, stopReason: result.stats.stopReason.rawValue)
        proposal = (result.programme, json, finished.base)
        finished.announce(json)
    }

    public func stopSolve() throws -> SolveStatusJSON {
        guard let job, job.isRunning else { throw BoardError.conflict("the solver is not running") }
        job.cancellation.cancel()
        return solveStatus()
    }

    public func acceptProposal() throws -> BoardStateJSON {
        guard let proposal else { throw BoardError.conflict("there is no proposal to accept", hint: "place the rest first") }
        try board.accept(proposal.programme, base: proposal.base,
                         label: "place the rest (\(proposal.json.moved.count) parts moved or placed)")
        self.proposal = nil
        job = nil
        changed()
        return state()
    }

    public func discardProposal() throws -> BoardStateJSON {
        if let job, job.isRunning {
            // Discarding a run still going stops it and forgets its result.
            job.cancellation.cancel()
            self.job = nil
            proposal = nil
            return state()
        }
        guard proposal != nil else { throw BoardError.conflict("there is no proposal to discard") }
        proposal = nil
        job = nil
        return state()
    }

    public func solveStatus() -> SolveStatusJSON {
        if let job { return job.status(proposal: proposal?.json) }
        return SolveStatusJSON(running: false, elapsed: 0, best: nil, current: nil, phase: nil, proposal: proposal?.json)
    }

    /// Server-sent events of the running (or last) solver run; nil when there is none.
    public func solveEvents() -> AsyncStream<Data>? {
        guard let job else { return nil }
        return job.listen(current: solveStatus())
    }

    /// Stops a running solver (the server is stopping).
    public func cancelSolver() { job?.cancellation.cancel() }

    // MARK: Publishing

    /// One export of the board's programme: its bytes, media type and file name.
    public func export(_ kind: String) throws -> (data: Data, type: String, name: String) {
        let programme = board.programme
        let stem = URL(fileURLWithPath: board.path).deletingPathExtension().lastPathComponent
        switch kind {
        case "html":
            return (Data(HTMLProgramme(programme: programme).render().utf8), "text/html; charset=utf-8", "\(stem).html")
        case "ics":
            do {
                let exporter = try CalendarExporter(programme: programme, file: board.path)
                return (Data(try exporter.calendar().text.utf8), "text/calendar; charset=utf-8", "\(stem).ics")
            } catch {
                throw BoardError(422, "cannot export the calendar: \(error)")
            }
        case "frab.xml", "frab.json":
            do {
                let schedule = try FrabSchedule(programme: programme)
                return kind == "frab.xml"
                    ? (Data(schedule.xml().utf8), "application/xml; charset=utf-8", "schedule.xml")
                    : (Data(schedule.json().utf8), "application/json; charset=utf-8", "schedule.json")
            } catch {
                throw BoardError(422, "cannot export the frab schedule: \(error)")
            }
        case "yaml":
            return (Data(ProgrammeWriter.yaml(programme).utf8), "application/yaml; charset=utf-8", "\(stem)-board.yaml")
        default:
            throw BoardError.notFound("no export `\(PlanningBoard.clip(kind))`", hint: "choose html, ics, frab.xml, frab.json or yaml")
        }
    }
}
