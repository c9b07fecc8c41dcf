import FlyingSocks
import Foundation
import ForumModel
import ForumRules
import ForumSolver

/// "Place the rest": one run of the solver on its own thread over a copy of the board's
/// programme, with what the board has placed kept as far as it can be (the programme is
/// also the `published` one, so each move away costs `moved-from-published`, like
/// `forum solve --keep`; with `forum serve --published FILE`, that file is) and pinned
/// sessions never moved. Progress goes to every listener
/// of the server-sent events; the result becomes a proposal the organiser accepts or discards.
final class SolveJob: @unchecked Sendable {
    /// The board's revision the solver started from (a proposal for another one is stale).
    let base: Int
    let before: Score
    let cancellation = SolverCancellation()
    let started = Date()
    private let lock = NSLock()
    private var latest: SolverProgress?
    private var finished: SolveResult?
    private var discarded = false
    private var listeners: [Int: AsyncStream<Data>.Continuation] = [:]
    private var nextListener = 0

    init(base: Int, before: Score) {
        self.base = base
        self.before = before
    }

    /// Runs the solver on a thread of its own; `done` is called there with the result.
    /// `published`: the programme to keep to (nil: the board's own placements).
    func start(_ programme: Programme, published: Programme?, seconds: Double, seed: UInt64, done: @escaping @Sendable (SolveResult) -> Void) {
        var options = SolverOptions(seed: seed, timeLimit: seconds, fresh: false, published: published ?? programme, cancellation: cancellation)
        options.progressInterval = 0.25
        options.progress = { [weak self] progress in self?.publish(progress) }
        let settings = options
        let thread = Thread { [self] in
            let result = ForumSolver.solve(programme, options: settings)
            finish(result)
            done(result)
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return finished == nil }
    var result: SolveResult? { lock.lock(); defer { lock.unlock() }; return finished }

    func status(proposal: ProposalJSON?) -> SolveStatusJSON {
        lock.lock(); defer { lock.unlock() }
        return SolveStatusJSON(running: finished == nil, elapsed: latest?.elapsed ?? Date().timeIntervalSince(started),
                               best: latest.map { ScoreJSON($0.best) }, current: latest.map { ScoreJSON($0.current) },
                               phase: latest?.phase, proposal: proposal)
    }

    private func publish(_ progress: SolverProgress) {
        lock.lock()
        latest = progress
        let targets = Array(listeners.values)
        lock.unlock()
        let event = SolveJob.event("progress", SolveStatusJSON(running: true, elapsed: progress.elapsed, best: ScoreJSON(progress.best),
                                                                current: ScoreJSON(progress.current), phase: progress.phase, proposal: nil))
        for target in targets { target.yield(event) }
    }

    /// Set by the board once the proposal's JSON is ready, then sent as the `done` event.
    private func finish(_ result: SolveResult) {
        lock.lock()
        finished = result
        lock.unlock()
    }

    /// Tells every listener the solver is done (with the proposal) and closes their streams.
    func announce(_ proposal: ProposalJSON?) {
        lock.lock()
        let targets = Array(listeners.values)
        listeners = [:]
        let status = SolveStatusJSON(running: false, elapsed: latest?.elapsed ?? Date().timeIntervalSince(started),
                                     best: latest.map { ScoreJSON($0.best) }, current: latest.map { ScoreJSON($0.current) },
                                     phase: "done", proposal: proposal)
        lock.unlock()
        let event = SolveJob.event("done", status)
        for target in targets {
            target.yield(event)
            target.finish()
        }
    }

    /// A stream of server-sent events for one listener: the current status at once, then
    /// `progress` events, then `done`.
    func listen(current: SolveStatusJSON) -> AsyncStream<Data> {
        AsyncStream { continuation in
            lock.lock()
            let id = nextListener
            nextListener += 1
            let done = finished != nil
            if !done { listeners[id] = continuation }
            lock.unlock()
            continuation.yield(SolveJob.event(done ? "done" : "progress", current))
            if done { continuation.finish() }
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                self.lock.lock()
                self.listeners[id] = nil
                self.lock.unlock()
            }
        }
    }

    /// One server-sent event: `event: NAME` and its JSON on one `data:` line.
    static func event<T: Encodable>(_ name: String, _ value: T) -> Data {
        let json = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        var out = Data("event: \(name)\ndata: ".utf8)
        out.append(json)
        out.append(Data("\n\n".utf8))
        return out
    }
}

/// The bytes of an `AsyncStream` of chunks, for a streamed HTTP body (server-sent events).
struct StreamedBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let chunks: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<Data>.Iterator
        var pending = [UInt8]()

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = Array(chunk)
                if pending.isEmpty { return await next() }
            }
            return pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            while pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = Array(chunk)
            }
            let n = Swift.min(Swift.max(count, 1), pending.count)
            let out = Array(pending.prefix(n))
            pending.removeFirst(n)
            return out
        }
    }
}
