import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ForumModel

/// One XML element with its attributes, text, children and the line its start tag ends on.
final class FrabXMLNode {
    let name: String
    let attributes: [String: String]
    let line: Int
    var text = ""
    var children: [FrabXMLNode] = []

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    func child(_ name: String) -> FrabXMLNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [FrabXMLNode] { children.filter { $0.name == name } }
    /// The trimmed text of the child element `name`; nil when absent or empty.
    func value(_ name: String) -> String? {
        guard let text = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

/// Builds the element tree with Foundation's XMLParser (libxml2), keeping line numbers.
final class FrabXMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [FrabXMLNode] = []
    private(set) var root: FrabXMLNode?
    private weak var parser: XMLParser?
    /// Where libxml2 first reported an error (after it stops, the parser's position is the end).
    private var errorAt: (line: Int, column: Int)?

    static func parse(_ data: Data, file: String) throws -> FrabXMLNode {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let builder = FrabXMLTreeBuilder()
        builder.parser = parser
        parser.delegate = builder
        let ok = parser.parse()
        if !ok || builder.root == nil {
            let line = max(builder.errorAt?.line ?? parser.lineNumber, 1), column = builder.errorAt?.column ?? parser.columnNumber
            let detail = (parser.parserError as NSError?).map { error -> String in
                let text = error.localizedDescription
                return text.isEmpty || text.hasPrefix("The operation") ? "XML parser error \(error.code)" : text
            } ?? "no root element"
            throw InputError(location: SourceLocation(file: file, line: line, column: column > 0 ? column : nil),
                             message: "not well-formed XML (\(detail))",
                             hint: "a frab schedule.xml is one <schedule> element; check the tags and `&` escapes near this line")
        }
        return builder.root!
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = FrabXMLNode(name: elementName, attributes: attributeDict, line: parser.lineNumber)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorAt == nil { errorAt = (parser.lineNumber, parser.columnNumber) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}

extension FrabScheduleDocument {
    /// Reads `schedule.xml` as frab, pretalx and `forum export frab` write it.
    static func xml(_ data: Data, file: String) throws -> FrabScheduleDocument {
        let root = try FrabXMLTreeBuilder.parse(data, file: file)
        guard root.name == "schedule" else {
            throw InputError(location: SourceLocation(file: file, line: root.line), field: root.name,
                             message: "the root element is <\(root.name)>, not <schedule>",
                             hint: "give a frab schedule.xml (pretalx: /<event>/schedule/export/schedule.xml)")
        }
        var doc = FrabScheduleDocument(file: file)
        doc.version = root.value("version")
        guard let conference = root.child("conference") else {
            throw InputError(location: SourceLocation(file: file, line: root.line), field: "schedule.conference",
                             message: "the schedule has no <conference>", hint: "frab schedules start with <conference><title>…</title><acronym>…</acronym>")
        }
        doc.acronym = conference.value("acronym")
        doc.title = conference.value("title")
        doc.start = conference.value("start")
        doc.end = conference.value("end")
        doc.timeZoneName = conference.value("time_zone_name")
        doc.baseURL = conference.value("base_url")
        // pretalx: <track name slug color/> in the conference; some tools nest them in <tracks>.
        for track in conference.all("track") + (conference.child("tracks")?.all("track") ?? []) {
            let name = track.attributes["name"] ?? track.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { doc.tracks.append(Track(name: name, slug: track.attributes["slug"], colour: track.attributes["color"])) }
        }
        for room in conference.child("rooms")?.all("room") ?? [] {
            if let name = room.attributes["name"], !name.isEmpty {
                doc.rooms.append(RoomInfo(name: name, guid: room.attributes["guid"]))
            }
        }
        for (dayNumber, day) in root.all("day").enumerated() {
            var info = DayInfo(index: day.attributes["index"].flatMap { Int($0) }, date: day.attributes["date"],
                               location: SourceLocation(file: file, line: day.line))
            for room in day.all("room") {
                let roomName = room.attributes["name"] ?? ""
                if !roomName.isEmpty, !doc.rooms.contains(where: { $0.name == roomName }) {
                    doc.rooms.append(RoomInfo(name: roomName, guid: room.attributes["guid"]))
                }
                for (n, event) in room.all("event").enumerated() {
                    var e = EventInfo(location: SourceLocation(file: file, line: event.line),
                                      path: "day[\(dayNumber + 1)].room[\(roomName)].event[\(n + 1)]")
                    for child in event.children { e.fieldLines[child.name] = child.line }
                    e.id = event.attributes["id"]
                    e.guid = event.attributes["guid"]
                    e.code = event.attributes["code"]
                    e.date = event.value("date")
                    e.start = event.value("start")
                    e.duration = event.value("duration")
                    e.room = event.value("room") ?? (roomName.isEmpty ? nil : roomName)
                    e.slug = event.value("slug")
                    e.url = event.value("url")
                    e.title = event.value("title")
                    e.subtitle = event.value("subtitle")
                    e.track = event.value("track")
                    e.type = event.value("type")
                    e.language = event.value("language")
                    e.abstract = event.value("abstract")
                    e.description = event.value("description")
                    for person in event.child("persons")?.all("person") ?? [] {
                        let name = person.text.trimmingCharacters(in: .whitespacesAndNewlines)
                        guard !name.isEmpty else { continue }
                        e.persons.append(Person(id: person.attributes["id"], guid: person.attributes["guid"],
                                                code: person.attributes["code"], name: name, role: person.attributes["role"]))
                    }
                    info.events.append(e)
                }
            }
            doc.days.append(info)
        }
        return doc
    }
}
