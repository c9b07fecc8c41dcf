import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ForumTestSupport
import Testing

/// A `forum serve` started for one test on a free port of 127.0.0.1, with a copy of a
/// programme in its own folder, and plain HTTP calls to it (URLSession). Stopped by its PID.
final class BoardUnderTest: @unchecked Sendable {
    let server: BackgroundServer
    let folder: URL
    let programme: URL
    let token: String
    let url: String

    /// Copies `source` (a path under the package root, or absolute) into a fresh folder, with
    /// `edit` applied to its text, and serves it.
    init(_ source: String = "Schedules/athens-2006.yaml", arguments: [String] = [], edit: (String) -> String = { $0 }) throws {
        let forum = try #require(TestProcess.forumExecutable(), "the forum executable is not built (swift build)")
        folder = try TestProcess.temporaryFolder("board")
        let from = source.hasPrefix("/") ? URL(fileURLWithPath: source) : TestProcess.packageRoot.appendingPathComponent(source)
        programme = folder.appendingPathComponent(from.lastPathComponent)
        try edit(try String(contentsOf: from, encoding: .utf8)).write(to: programme, atomically: true, encoding: .utf8)
        server = try TestProcess.startServer(forum, ["serve", programme.path, "--port", "{port}"] + arguments)
        // The address with the token is printed once the server listens.
        var printed: String?
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let line = server.logTail.split(separator: "\n").first(where: { $0.contains("?token=") }) { printed = String(line); break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let line = try #require(printed, "forum serve printed no address: \(server.logTail)")
        url = line.trimmingCharacters(in: .whitespaces)
        token = String(url[url.range(of: "?token=")!.upperBound...])
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: [String: String]
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request; `token` false sends none, a string sends that one.
    func call(_ method: String, _ path: String, json: Any? = nil, raw: String? = nil, token send: Any = true,
              headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: server.base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let given = send as? String { request.setValue(given, forHTTPHeaderField: "X-Forum-Token") }
        else if (send as? Bool) == true { request.setValue(token, forHTTPHeaderField: "X-Forum-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let raw {
            request.httpBody = Data(raw.utf8)
        }
        // No `Expect: 100-continue` for larger bodies (browsers never send it; the server
        // answers once it has the body).
        request.setValue("", forHTTPHeaderField: "Expect")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return Reply(status: http.statusCode, body: data, headers: fields)
    }

    func state() async throws -> [String: Any] {
        let reply = try await call("GET", "/api/state")
        #expect(reply.status == 200, "GET /api/state: \(reply.text)")
        return reply.json
    }

    /// The board's placement of `session` (its first part): day, start, room.
    static func placement(_ state: [String: Any], _ session: String) -> [String: Any]? {
        let sessions = state["sessions"] as? [[String: Any]] ?? []
        let found = sessions.first { $0["id"] as? String == session }
        return (found?["placements"] as? [[String: Any]])?.first
    }

    static func session(_ state: [String: Any], _ id: String) -> [String: Any]? {
        (state["sessions"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }
    }

    static func score(_ json: [String: Any], _ key: String = "score") -> (hard: Int, soft: Int) {
        let score = json[key] as? [String: Any] ?? [:]
        return (score["hard"] as? Int ?? -1, score["soft"] as? Int ?? -1)
    }

    static func rules(_ violations: Any?) -> [String] {
        (violations as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }
}
