import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ForumModel

/// `forum import pretalx`: pretalx's submissions (REST API `/api/events/<event>/submissions/`,
/// or its JSON saved to a file) as sessions of a frame programme. Submission code → session id,
/// title, duration, track → theme (matched by title, else added), speakers → people (by code),
/// submission type → kind, state → note. Only accepted and confirmed submissions are taken.
public struct PretalxImporter {
    public var frame: Programme
    public var token: String?

    public init(frame: Programme, token: String? = nil) {
        self.frame = frame
        self.token = token
    }

    /// Reads `source`: an http(s) address (all pages, following `next`) or a saved JSON file.
    public func read(source: String) throws -> ImportedProgramme {
        var results: [[String: Any]] = []
        if source.lowercased().hasPrefix("http://") || source.lowercased().hasPrefix("https://") {
            var base = source
            if !base.contains("?") { base += (base.hasSuffix("/") ? "" : "/") + "?state=accepted&state=confirmed" }
            var next: String? = base
            var pages = 0
            while let url = next, pages < 1000 {
                pages += 1
                let page = try object(try Self.get(url, token: token), source: url)
                results += page["results"] as? [[String: Any]] ?? []
                next = page["next"] as? String
            }
        } else {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: source)) } catch {
                throw InputError(location: SourceLocation(file: source), message: "cannot read the file (\(error.localizedDescription))")
            }
            let value = try object(data, source: source)
            results = value["results"] as? [[String: Any]] ?? []
        }
        return build(results, source: source)
    }

    func object(_ data: Data, source: String) throws -> [String: Any] {
        do {
            if let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] { return ["results": list] }
            if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] { return object }
        } catch {
            throw InputError(location: FrabScheduleDocument.jsonErrorLocation(error, data: data, file: source),
                             message: "not valid JSON (\(FrabScheduleDocument.jsonErrorText(error)))")
        }
        throw InputError(location: SourceLocation(file: source), message: "not a pretalx list of submissions",
                         hint: "give /api/events/<event>/submissions/ or its saved JSON")
    }

    func build(_ results: [[String: Any]], source: String) -> ImportedProgramme {
        var p = frame
        var warnings: [ImportWarning] = []
        func text(_ any: Any?) -> String? {
            if let s = any as? String { return s.isEmpty ? nil : s }
            if let d = any as? [String: Any] { return (d["en"] as? String) ?? d.values.compactMap { $0 as? String }.sorted().first }
            return nil
        }
        var usedThemes = Set(p.themes.map(\.id)), usedPeople = Set(p.people.map(\.id)), usedSessions = Set(p.sessions.map(\.id))
        for (n, s) in results.enumerated() {
            let state = text(s["state"]) ?? ""
            guard state == "accepted" || state == "confirmed" else { continue }
            guard let code = text(s["code"]), isValidID(code) else {
                warnings.append(ImportWarning(location: SourceLocation(file: source), field: "results[\(n)].code", message: "no usable code: left out"))
                continue
            }
            var themes: [String] = []
            if let track = text(s["track"]) {
                if let theme = p.themes.first(where: { $0.title.caseInsensitiveCompare(track) == .orderedSame || $0.id == track }) {
                    themes.append(theme.id)
                } else {
                    let id = uniqueID(slug(track, fallback: "track"), in: &usedThemes)
                    p.themes.append(Theme(id: id, title: track))
                    themes.append(id)
                }
            }
            var people: [Participation] = []
            for speaker in s["speakers"] as? [[String: Any]] ?? [] {
                guard let name = text(speaker["name"]) else { continue }
                let key = text(speaker["code"]).flatMap { isValidID($0) ? $0 : nil } ?? slug(name, fallback: "person")
                if p.person(key) == nil {
                    _ = usedPeople.insert(key)
                    p.people.append(Person(id: key, name: name))
                }
                people.append(Participation(person: key, role: .speaker))
            }
            let duration = (s["duration"] as? NSNumber)?.intValue ?? 30
            let id = uniqueID(code, in: &usedSessions)
            p.sessions.append(Session(id: id, title: text(s["title"]) ?? code, kind: FrabScheduleImporter.kind(text(s["submission_type"])),
                                      themes: themes, duration: duration > 0 && duration < 1440 ? duration : 30, people: people,
                                      abstract: text(s["abstract"]), description: text(s["description"]),
                                      language: text(s["content_locale"]), note: "pretalx \(code), \(state)"))
        }
        return ImportedProgramme(programme: p, warnings: warnings)
    }

    /// HTTP GET with a 30-second timeout; a failure or a status other than 200 is an InputError.
    static func get(_ address: String, token: String?) throws -> Data {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw InputError(location: SourceLocation(file: address), message: "not an http(s) address")
        }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Token \(token)", forHTTPHeaderField: "Authorization") }
        final class Box: @unchecked Sendable { var data: Data?; var response: URLResponse?; var error: Error? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data; box.response = response; box.error = error
            done.signal()
        }.resume()
        if done.wait(timeout: .now() + 60) == .timedOut {
            throw InputError(location: SourceLocation(file: address), message: "no answer in 60 seconds")
        }
        if let error = box.error {
            throw InputError(location: SourceLocation(file: address), message: "request failed (\(error.localizedDescription))")
        }
        let status = (box.response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200, let data = box.data else {
            throw InputError(location: SourceLocation(file: address), message: "the server answered \(status)",
                             hint: status == 401 || status == 403 ? "give an API token with --token" : nil)
        }
        return data
    }
}
