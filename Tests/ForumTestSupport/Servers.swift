import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server a test started in the background (pretalx, the planning board), stopped by its PID.
public final class BackgroundServer: @unchecked Sendable {
    public let process: Process
    public let port: Int
    /// Where its standard output and error go (for a failing test's message).
    public let log: URL

    init(process: Process, port: Int, log: URL) {
        self.process = process
        self.port = port
        self.log = log
    }

    public var pid: Int32 { process.processIdentifier }
    public var base: String { "http://127.0.0.1:\(port)" }

    /// The last part of the server's log.
    public var logTail: String { String(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(3000)) }

    /// Sends SIGTERM to the PID, then SIGKILL after five seconds, and waits for the exit.
    public func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

extension TestProcess {
    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice for port 0).
    public static func freeLocalPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `executable` in the background (arguments may use `{port}` for a free port),
    /// then waits until it accepts connections on that port or `timeout` passes.
    public static func startServer(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                                   timeout: TimeInterval = 60) throws -> BackgroundServer {
        let port = try freeLocalPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0.replacingOccurrences(of: "{port}", with: String(port)) }
        if let environment { process.environment = environment }
        let log = try temporaryFolder("server").appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let server = BackgroundServer(process: process, port: port, log: log)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { break }
            if listens(on: port) { return server }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let tail = server.logTail
        server.stop()
        throw ServerDidNotStart(message: "\(executable) did not answer on port \(port) within \(Int(timeout)) s: \(tail)")
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func listens(on port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A background server that never answered.
public struct ServerDidNotStart: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
