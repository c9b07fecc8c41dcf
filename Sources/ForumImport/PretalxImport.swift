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
            if let eventAddress = Self.eventAddress(source) {
                var imported = build(results, source: source)
                try addEvent(from: eventAddress, to: &imported)
                return imported
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
        let text = Self.text
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
                    p.people.append(Person(id: key, name: name, email: text(speaker["email"])))
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

    /// `https://host/api/events/<slug>/` for an address under it, else nil.
    static func eventAddress(_ source: String) -> String? {
        guard let range = source.range(of: "/api/events/") else { return nil }
        let slug = source[range.upperBound...].prefix { $0 != "/" && $0 != "?" }
        return slug.isEmpty ? nil : String(source[..<range.upperBound]) + slug + "/"
    }

    /// Checks the frame against pretalx's event (`/api/events/<slug>/`: time zone and dates,
    /// a warning each when they differ) and adds pretalx's rooms (`rooms/`, every page) that
    /// the frame lacks by name, with their capacity, so that our schedule.xml names pretalx's
    /// own rooms.
    func addEvent(from address: String, to imported: inout ImportedProgramme) throws {
        let event = try object(try Self.get(address, token: token), source: address)
        var programme = imported.programme
        func warn(_ field: String, _ message: String) {
            imported.warnings.append(ImportWarning(location: SourceLocation(file: address), field: field, message: message))
        }
        if let zone = event["timezone"] as? String, zone != programme.event.timeZone {
            warn("timezone", "pretalx's event is in \(zone), the frame in \(programme.event.timeZone): times are the frame's; set `timezone: \(zone)` in the frame to match")
        }
        if let from = event["date_from"] as? String, let to = event["date_to"] as? String,
           from != programme.event.startDate.description || to != programme.event.endDate.description {
            warn("date_from", "pretalx's event runs \(from) to \(to), the frame \(programme.event.startDate) to \(programme.event.endDate): set `start: \(from)` and `end: \(to)` in the frame to match")
        }
        var next: String? = address + "rooms/"
        var pages = 0
        var usedRooms = Set(programme.rooms.map(\.id))
        while let url = next, pages < 100 {
            pages += 1
            let page = try object(try Self.get(url, token: token), source: url)
            for room in page["results"] as? [[String: Any]] ?? [] {
                guard let name = Self.text(room["name"]) else { continue }
                if programme.rooms.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) { continue }
                let id = uniqueID(slug(name, fallback: "room"), in: &usedRooms)
                programme.rooms.append(Room(id: id, name: name, capacity: (room["capacity"] as? NSNumber)?.intValue))
            }
            next = page["next"] as? String
        }
        imported.programme = programme
    }

    /// A pretalx text: a string, or a translated one (`{"en": …}`: English, else the first language by code).
    static func text(_ any: Any?) -> String? {
        if let s = any as? String { return s.isEmpty ? nil : s }
        if let d = any as? [String: Any] {
            let value = (d["en"] as? String) ?? d.keys.sorted().compactMap { d[$0] as? String }.first { !$0.isEmpty }
            return value?.isEmpty == false ? value : nil
        }
        return nil
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
