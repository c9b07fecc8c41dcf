import FlyingFox
import FlyingSocks
import Foundation
import ForumModel
import ForumPublish

/// The planning board's HTTP server (FlyingFox): the page and its two assets, the JSON API
/// over one ``BoardService``, and nothing else.
///
/// Safety: every `/api/` request needs the token the printed URL carries (the header
/// `X-Forum-Token`; GET requests may give it as `?token=` instead, for links and
/// server-sent events); without it the answer is 403. A request whose `Host` is not the
/// server's own (DNS rebinding) is refused too. Bad requests get a 4xx with a JSON message.
public final class BoardServer: Sendable {
    public let service: BoardService
    public let token: String
    /// Host names (with the port) a request may name in `Host`; empty: any.
    let allowedHosts: Set<String>
    /// The largest request body read (a programme edit is a few hundred bytes).
    static let bodyLimit = 1 << 20
    /// Bodies up to this size are read (and dropped) before a 413, so the client hears it.
    static let drainLimit = 16 << 20
    static let tokenHeader = HTTPHeader("X-Forum-Token")

    public init(service: BoardService, token: String = BoardServer.newToken(), allowedHosts: Set<String>) {
        self.service = service
        self.token = token
        self.allowedHosts = allowedHosts
    }

    /// 32 random bytes as hex, from the system's generator.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The `Host` values a loopback server accepts on `port`.
    public static func loopbackHosts(port: Int) -> Set<String> {
        ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
    }

    // MARK: Answering

    /// Answers one request; never throws (every failure is a response).
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch let error as BoardError {
            return BoardServer.error(error)
        } catch let error as DecodingError {
            return BoardServer.error(BoardError.badRequest("the request body is not what this endpoint takes: \(BoardServer.describe(error))"))
        } catch {
            return BoardServer.error(BoardError(500, "the request failed: \(error)"))
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        if !allowedHosts.isEmpty {
            let host = request.headers[.host] ?? ""
            guard allowedHosts.contains(host.lowercased()) else {
                throw BoardError(421, "this server answers only for \(allowedHosts.sorted().joined(separator: ", ")), not `\(PlanningBoard.clip(host))`")
            }
        }
        let path = request.path
        let method = request.method
        switch path {
        case "/", "/index.html":
            try only(.GET, method)
            return BoardServer.page(BoardPage.html, type: "text/html; charset=utf-8")
        case "/board.js":
            try only(.GET, method)
            return BoardServer.page(BoardPage.script, type: "text/javascript; charset=utf-8")
        case "/board.css":
            try only(.GET, method)
            return BoardServer.page(await service.styleSheet(), type: "text/css; charset=utf-8")
        case "/favicon.ico":
            return HTTPResponse(statusCode: .noContent, headers: BoardServer.commonHeaders)
        default:
            break
        }
        guard path.hasPrefix("/api/") else {
            throw BoardError.notFound("nothing at `\(PlanningBoard.clip(path))`: this server serves the board (/) and its API (/api/…)")
        }
        try authorise(request)
        switch (method, path) {
        case (.GET, "/api/state"): return try BoardServer.json(await service.state())
        case (.POST, "/api/check"): return try BoardServer.json(try await service.check(try decode(request)))
        case (.POST, "/api/move"): return try BoardServer.json(try await service.move(try decode(request)))
        case (.POST, "/api/pin"): return try BoardServer.json(try await service.pin(try decode(request), pinned: true))
        case (.POST, "/api/unpin"): return try BoardServer.json(try await service.pin(try decode(request), pinned: false))
        case (.POST, "/api/unplace"): return try BoardServer.json(try await service.unplace(try decode(request)))
        case (.POST, "/api/undo"): return try BoardServer.json(try await service.undo())
        case (.POST, "/api/redo"): return try BoardServer.json(try await service.redo())
        case (.POST, "/api/save"): return try BoardServer.json(try await service.save())
        case (.POST, "/api/reload"): return try BoardServer.json(try await service.reload())
        case (.POST, "/api/solve"):
            let options: SolveRequest = try await decode(request, emptyAllowed: true) ?? SolveRequest()
            let seconds = options.seconds ?? 10
            guard seconds.isFinite, seconds > 0, seconds <= 600 else {
                throw BoardError.badRequest("`seconds` must be more than 0 and at most 600, not \(seconds)")
            }
            return try BoardServer.json(try await service.startSolve(seconds: seconds, seed: options.seed ?? 1), status: .accepted)
        case (.GET, "/api/solve"): return try BoardServer.json(await service.solveStatus())
        case (.GET, "/api/solve/events"): return await events()
        case (.POST, "/api/solve/stop"): return try BoardServer.json(try await service.stopSolve())
        case (.POST, "/api/solve/accept"): return try BoardServer.json(try await service.acceptProposal())
        case (.POST, "/api/solve/discard"): return try BoardServer.json(try await service.discardProposal())
        case (.GET, _) where path.hasPrefix("/api/export/"):
            let kind = String(path.dropFirst("/api/export/".count))
            let export = try await service.export(kind)
            var headers = BoardServer.commonHeaders
            headers[.contentType] = export.type
            headers[.contentDisposition] = "attachment; filename=\"\(export.name)\""
            return HTTPResponse(statusCode: .ok, headers: headers, body: export.data)
        default:
            if BoardServer.endpoints.contains(path) {
                throw BoardError(405, "\(method.rawValue) is not allowed on \(path)",
                                 hint: BoardServer.reading.contains(path) ? "use GET" : "use POST")
            }
            throw BoardError.notFound("no endpoint `\(PlanningBoard.clip(path))`")
        }
    }

    static let reading: Set<String> = ["/api/state", "/api/solve/events"]
    static let endpoints: Set<String> = reading.union([
        "/api/check", "/api/move", "/api/pin", "/api/unpin", "/api/unplace", "/api/undo", "/api/redo", "/api/save",
        "/api/reload", "/api/solve", "/api/solve/stop", "/api/solve/accept", "/api/solve/discard",
    ])

    private func only(_ allowed: HTTPMethod, _ method: HTTPMethod) throws {
        guard method == allowed || (allowed == .GET && method == .HEAD) else {
            throw BoardError(405, "\(method.rawValue) is not allowed here", hint: "use \(allowed.rawValue)")
        }
    }

    /// Refuses (403) a request without the board's token.
    private func authorise(_ request: HTTPRequest) throws {
        var given = request.headers[BoardServer.tokenHeader]
        if given == nil, request.method == .GET { given = request.query.first { $0.name == "token" }?.value }
        guard let given else {
            throw BoardError(403, "this request needs the board's token",
                             hint: "open the address `forum serve` printed (it ends in ?token=…); API clients send it in the X-Forum-Token header")
        }
        guard BoardServer.sameToken(given, token) else {
            throw BoardError(403, "the token does not match this board's", hint: "use the address this `forum serve` printed")
        }
    }

    /// Compares in time independent of where the two differ.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    struct SolveRequest: Codable {
        var seconds: Double?
        var seed: UInt64?
    }

    private func decode<T: Decodable>(_ request: HTTPRequest) async throws -> T {
        guard let value: T = try await decode(request, emptyAllowed: false) else {
            throw BoardError.badRequest("this endpoint needs a JSON body")
        }
        return value
    }

    private func decode<T: Decodable>(_ request: HTTPRequest, emptyAllowed: Bool) async throws -> T? {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > BoardServer.bodyLimit {
            // Read what the client is still sending before answering: a client that is
            // mid-upload (URLSession, curl) waits for its upload to finish and would otherwise
            // hang until its own timeout.
            if length <= BoardServer.drainLimit { _ = try? await request.bodyData }
            throw BoardError(413, "the request body is larger than \(BoardServer.bodyLimit) bytes")
        }
        let body = try await request.bodyData
        guard body.count <= BoardServer.bodyLimit else { throw BoardError(413, "the request body is larger than \(BoardServer.bodyLimit) bytes") }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if emptyAllowed { return nil }
            throw BoardError.badRequest("this endpoint needs a JSON body", hint: "send e.g. {\"session\": \"ws-1\", \"day\": \"2006-10-31\", \"start\": \"09:30\", \"room\": \"room-1\"}")
        }
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            throw BoardError.badRequest("the request body is not what this endpoint takes: \(BoardServer.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "`\(key.stringValue)` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "expected a JSON object" : "`\(field)` has the wrong type"
        case .dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "it is not valid JSON" : "`\(field)` is not valid"
        @unknown default: return "it cannot be read"
        }
    }

    /// The solver's progress as server-sent events (`progress`, then `done`), or one `idle`
    /// event when nothing runs.
    private func events() async -> HTTPResponse {
        var headers = BoardServer.commonHeaders
        headers[.contentType] = "text/event-stream"
        let stream = await service.solveEvents() ?? AsyncStream { continuation in
            continuation.yield(Data("event: idle\ndata: {}\n\n".utf8))
            continuation.finish()
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: StreamedBytes(chunks: stream)))
    }

    // MARK: Responses

    static let commonHeaders: HTTPHeaders = [
        HTTPHeader("X-Content-Type-Options"): "nosniff",
        HTTPHeader("Referrer-Policy"): "no-referrer",
        HTTPHeader("X-Frame-Options"): "DENY",
        .cacheControl: "no-store",
    ]

    static func page(_ text: String, type: String) -> HTTPResponse {
        var headers = commonHeaders
        headers[.contentType] = type
        headers[HTTPHeader("Content-Security-Policy")] = BoardPage.contentSecurityPolicy
        return HTTPResponse(statusCode: .ok, headers: headers, body: Data(text.utf8))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPStatusCode = .ok) throws -> HTTPResponse {
        var headers = commonHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return HTTPResponse(statusCode: status, headers: headers, body: try encoder.encode(value))
    }

    static func error(_ error: BoardError) -> HTTPResponse {
        let status = HTTPStatusCode(error.status, phrase: phrase(error.status))
        let body = ErrorJSON(error: error.message, hint: error.hint, status: error.status)
        var headers = commonHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(body)) ?? Data("{\"error\":\"error\"}".utf8)
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 421: return "Misdirected Request"
        case 422: return "Unprocessable Content"
        default: return status >= 500 ? "Internal Server Error" : "Error"
        }
    }
}

extension BoardService {
    /// The exported page's style sheet (its theme colours) and the board's own rules.
    func styleSheet() -> String {
        HTMLProgramme(programme: board.programme).styleSheet + BoardPage.style
    }
}

/// Runs the board: loads the programme, listens, prints the address with its token.
public enum BoardLauncher {
    /// Starts the server on `host`:`port` (0: a free port) and returns once it listens,
    /// with the address to open; the server runs until the process ends.
    public static func start(path: String, host: String, port: UInt16, recover: Bool,
                             published: Programme? = nil) async throws -> (url: String, service: BoardService, server: HTTPServer) {
        let board = try PlanningBoard(path: path, recover: recover, published: published)
        let service = BoardService(board: board)
        let address: any SocketAddress
        let ip: String
        switch host {
        case "localhost", "127.0.0.1": ip = "127.0.0.1"; address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        case "::1", "[::1]": ip = "[::1]"; address = try sockaddr_in6.inet6(ip6: "::1", port: port)
        default:
            if host.contains(":") {
                ip = "[\(host)]"; address = try sockaddr_in6.inet6(ip6: host, port: port)
            } else {
                ip = host; address = try sockaddr_in.inet(ip4: host, port: port)
            }
        }
        let loopback = ["127.0.0.1", "[::1]"].contains(ip)
        let token = BoardServer.newToken()
        // The port is known only once listening (port 0): the Host check is set up after.
        let holder = HostCheck()
        let http = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: LateHandler(holder: holder))
        let task = Task { try await http.run() }
        do {
            try await http.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            throw BoardError(500, "cannot listen on \(host):\(port): \(error)", hint: "choose another --port (0: any free one)")
        }
        var actualPort = Int(port)
        if case .ip4(_, let p)? = await http.listeningAddress { actualPort = Int(p) }
        if case .ip6(_, let p)? = await http.listeningAddress { actualPort = Int(p) }
        let server = BoardServer(service: service, token: token,
                                 allowedHosts: loopback ? BoardServer.loopbackHosts(port: actualPort) : [])
        holder.set(server)
        return ("http://\(ip):\(actualPort)/?token=\(token)", service, http)
    }
}

/// The server, set once the port is known; requests before that get 503.
final class HostCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var server: BoardServer?
    func set(_ s: BoardServer) { lock.lock(); server = s; lock.unlock() }
    var current: BoardServer? { lock.lock(); defer { lock.unlock() }; return server }
}

struct LateHandler: HTTPHandler {
    let holder: HostCheck
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let server = holder.current else {
            return BoardServer.error(BoardError(503, "the board is starting; try again in a moment"))
        }
        return await server.respond(to: request)
    }
}
