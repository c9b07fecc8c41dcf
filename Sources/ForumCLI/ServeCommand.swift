import ArgumentParser
import Dispatch
import Foundation
import ForumFormats
import ForumServe

/// `forum serve FILE`: the planning board, a local web page over one programme.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open a programme on a local planning board: see, move, pin and re-solve it with every rule checked live.",
        discussion: """
        Prints the board's address, with a token that every change needs; open it in a \
        browser. Days are tabs, rooms columns, slots rows; drag a session (or select it and \
        use the arrow keys and Enter) to move it, and the board shows the score change before \
        the drop, from the same rules as `forum validate`. "Place the rest" runs the solver \
        with everything pinned kept and offers its result to accept or discard.

        Saving writes the file atomically and refuses when the file changed on disk since it \
        was loaded. Unsaved changes are kept in a recovery file beside the programme \
        (.NAME.forum-recovery) after every change; Ctrl-C says so and saves nothing.

        The server listens on 127.0.0.1 unless --host says otherwise (then anyone who can \
        reach that address and has the token can change the programme: a warning is printed).

        Examples:
          forum serve Schedules/athens-2006.yaml
          forum serve programme.yaml --port 0            # any free port
          forum serve programme.yaml --recover           # continue from unsaved changes
          forum serve programme-v2.yaml --published programme-v1.yaml   # late changes: move as little as possible
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(help: "The port to listen on (0: any free port, printed).")
    public var port: Int = 8080

    @Option(help: "The address to listen on (default 127.0.0.1: this machine only).")
    public var host: String = "127.0.0.1"

    @Flag(help: "Start from the recovery file's unsaved changes, when there is one.")
    public var recover = false

    @Option(help: ArgumentHelp("The programme participants have already seen: each session moved from it costs `moved-from-published`, and \"place the rest\" keeps to it (like `forum solve --keep`).",
                               valueName: "FILE"))
    public var published: String?

    public init() {}

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    public func run() throws {
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        if !loopback {
            printError("warning: listening on \(host), not 127.0.0.1: anyone who can reach this address and has the token can change the programme")
        }
        let recovery = recoveryFile(file)
        if !recover, FileManager.default.fileExists(atPath: recovery) {
            let kept = recovery + ".old"
            try? FileManager.default.removeItem(atPath: kept)
            try? FileManager.default.moveItem(atPath: recovery, toPath: kept)
            printError("note: an earlier board left unsaved changes; they are now in \(kept) (rename it to \(URL(fileURLWithPath: recovery).lastPathComponent) and start with --recover to continue from them)")
        }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let publishedProgramme = try published.map { try ProgrammeInput.load(path: $0) }
        let file = file, host = host, port = UInt16(port), recover = recover
        Task {
            do {
                let started = try await BoardLauncher.start(path: file, host: host, port: port, recover: recover, published: publishedProgramme)
                outcome.set(service: started.service)
                if await started.service.recoveredOverChangedFile {
                    printError("warning: the recovered changes were made on another version of \(file); saving will refuse until you reload the file on the board (Undo then brings the recovered changes back)")
                }
                FileHandle.standardOutput.write(Data("forum serve: the planning board of \(file) is at\n  \(started.url)\n(Ctrl-C stops it)\n".utf8))
            } catch {
                outcome.fail(error)
                finished.signal()
            }
        }
        let stop = StopSignals(outcome)
        finished.wait()
        stop.cancel()
        if let error = outcome.error {
            if let board = error as? BoardError { printError("serve: \(board.message)" + (board.hint.map { "\n  hint: \($0)" } ?? "")); throw ExitCode(2) }
            throw error
        }
    }

    func recoveryFile(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).forum-recovery").path
    }
}

/// What the server's start left for the main thread: the board, or the error.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var service: BoardService?
    private(set) var error: Error?
    func set(service: BoardService) { lock.lock(); self.service = service; lock.unlock() }
    func fail(_ error: Error) { lock.lock(); self.error = error; lock.unlock() }
    var unsaved: UnsavedWork? { lock.lock(); defer { lock.unlock() }; return service?.unsaved }
    var board: BoardService? { lock.lock(); defer { lock.unlock() }; return service }
}

/// Ctrl-C and SIGTERM: say where unsaved changes are (the recovery file), then exit 0.
final class StopSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(_ outcome: Outcome) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue.global())
            source.setEventHandler {
                let message = outcome.unsaved?.farewell ?? "serve: stopped"
                printError("\n" + message)
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
