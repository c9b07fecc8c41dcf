import Foundation
import ForumModel

extension FrabScheduleDocument {
    /// Reads `schedule.json` in c3voc's schema (pretalx, frab, c3voc tools, `forum export frab`).
    /// Problems name the key path, e.g. `schedule.conference.days[0].rooms.Hall A[2].start`.
    static func json(_ data: Data, file: String) throws -> FrabScheduleDocument {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw InputError(location: jsonErrorLocation(error, data: data, file: file),
                             message: "not valid JSON (\(jsonErrorText(error)))",
                             hint: "a frab schedule.json is one object {\"schedule\": {\"conference\": …}}")
        }
        let location = SourceLocation(file: file)
        func object(_ any: Any?, _ path: String) throws -> [String: Any] {
            guard let o = any as? [String: Any] else {
                throw InputError(location: location, field: path, message: any == nil ? "missing" : "is not an object",
                                 hint: "c3voc's schema: https://c3voc.de/schedule/schema.json")
            }
            return o
        }
        func text(_ any: Any?) -> String? {
            switch any {
            case let s as String:
                let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : t
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        let top = try object(value, "(top level)")
        let schedule = try object(top["schedule"], "schedule")
        let conference = try object(schedule["conference"], "schedule.conference")
        var doc = FrabScheduleDocument(file: file)
        doc.version = text(schedule["version"])
        doc.acronym = text(conference["acronym"])
        doc.title = text(conference["title"])
        doc.start = text(conference["start"])
        doc.end = text(conference["end"])
        doc.timeZoneName = text(conference["time_zone_name"])
        doc.baseURL = text(schedule["base_url"]) ?? text(conference["url"])
        for track in conference["tracks"] as? [Any] ?? [] {
            guard let t = track as? [String: Any], let name = text(t["name"]) else { continue }
            doc.tracks.append(Track(name: name, slug: text(t["slug"]), colour: text(t["color"])))
        }
        for room in conference["rooms"] as? [Any] ?? [] {
            guard let r = room as? [String: Any], let name = text(r["name"]) else { continue }
            doc.rooms.append(RoomInfo(name: name, guid: text(r["guid"]), capacity: (r["capacity"] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) }))
        }
        guard let days = conference["days"] as? [Any] else {
            throw InputError(location: location, field: "schedule.conference.days", message: conference["days"] == nil ? "missing" : "is not an array",
                             hint: "each day: {\"index\": 1, \"date\": \"YYYY-MM-DD\", \"rooms\": {\"Room\": [events]}}")
        }
        for (d, dayValue) in days.enumerated() {
            let dayPath = "schedule.conference.days[\(d)]"
            let day = try object(dayValue, dayPath)
            var info = DayInfo(index: (day["index"] as? NSNumber)?.intValue, date: text(day["date"]), location: location)
            let rooms = try object(day["rooms"] ?? [String: Any](), "\(dayPath).rooms")
            // Rooms in the conference's order first, then the rest by name: a JSON object has no order.
            let listed = doc.rooms.map(\.name)
            let names = listed.filter { rooms[$0] != nil } + rooms.keys.filter { !listed.contains($0) }.sorted()
            for roomName in names {
                if !doc.rooms.contains(where: { $0.name == roomName }) { doc.rooms.append(RoomInfo(name: roomName)) }
                guard let events = rooms[roomName] as? [Any] else {
                    throw InputError(location: location, field: "\(dayPath).rooms.\(roomName)", message: "is not an array of events")
                }
                for (n, eventValue) in events.enumerated() {
                    let path = "\(dayPath).rooms.\(roomName)[\(n)]"
                    let event = try object(eventValue, path)
                    var e = EventInfo(location: location, path: path)
                    e.id = text(event["id"])
                    e.guid = text(event["guid"])
                    e.code = text(event["code"])
                    e.date = text(event["date"])
                    e.start = text(event["start"])
                    e.duration = text(event["duration"])
                    e.room = text(event["room"]) ?? roomName
                    e.slug = text(event["slug"])
                    e.url = text(event["url"])
                    e.title = text(event["title"])
                    e.subtitle = text(event["subtitle"])
                    e.track = text(event["track"])
                    e.type = text(event["type"])
                    e.language = text(event["language"])
                    e.abstract = text(event["abstract"])
                    e.description = text(event["description"])
                    for person in event["persons"] as? [Any] ?? [] {
                        guard let p = person as? [String: Any], let name = text(p["public_name"]) ?? text(p["name"]) else { continue }
                        e.persons.append(Person(id: text(p["id"]), guid: text(p["guid"]), code: text(p["code"]), name: name, role: text(p["role"])))
                    }
                    info.events.append(e)
                }
            }
            doc.days.append(info)
        }
        return doc
    }

    /// The line (and column) JSONSerialization names, from the byte index it gives or its message.
    static func jsonErrorLocation(_ error: Error, data: Data, file: String) -> SourceLocation {
        let info = (error as NSError).userInfo
        if let index = info["NSJSONSerializationErrorIndex"] as? Int, index >= 0 {
            var line = 1, column = 1
            for byte in data.prefix(index) {
                if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            }
            return SourceLocation(file: file, line: line, column: column)
        }
        let message = jsonErrorText(error)
        func number(after word: String) -> Int? {
            guard let range = message.range(of: word) else { return nil }
            return Int(message[range.upperBound...].prefix { $0.isNumber })
        }
        if let offset = number(after: "character ") {
            // Characters of the decoded text, as Foundation counts them.
            var line = 1, column = 1
            for character in String(decoding: data, as: UTF8.self).utf16.prefix(offset) {
                if character == 0x0A { line += 1; column = 1 } else { column += 1 }
            }
            return SourceLocation(file: file, line: line, column: column)
        }
        return SourceLocation(file: file, line: number(after: "line "), column: number(after: "column "))
    }

    static func jsonErrorText(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        if let debug = info["NSDebugDescription"] as? String, !debug.isEmpty { return debug }
        return "\(error)"
    }
}
