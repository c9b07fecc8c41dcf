import Foundation
import ForumFormats
import ForumModel

/// A proposal spreadsheet (one row a proposal, as the IGF's online form exports it) read into
/// the sessions and people of a frame: `forum import csv`.
///
/// Columns are found by header (case, spaces and punctuation ignored; the aliases in
/// ``ProposalSpreadsheet/defaultHeaders``), or as a ``ProposalMap`` names them. People are
/// written one per line (or `|`) in a cell as `Name (Organisation; Civil Society; WEOG;
/// female; online) <e-mail>`; the words in brackets are recognised by what they say.
public enum ProposalSpreadsheet {
    /// Field → the headers that mean it, normalised (lower case, letters and digits only).
    public static let defaultHeaders: [String: [String]] = [
        "id": ["id", "proposalid", "proposalnumber", "sessionid", "number", "no"],
        "title": ["title", "sessiontitle", "proposaltitle", "name"],
        "format": ["format", "sessionformat", "sessiontype", "type", "typeofsession"],
        "kind": ["kind", "sessionkind"],
        "duration": ["duration", "durationminutes", "length", "minutes"],
        "theme": ["theme", "subtheme", "track", "thematictrack", "maintheme"],
        "themes": ["themes"],
        "organisers": ["organisers", "organizers", "organiser", "organizer", "organisingteam", "proposers"],
        "speakers": ["speakers", "speaker", "panelists", "panellists"],
        "moderators": ["moderators", "moderator", "onsitemoderator"],
        "online-moderators": ["onlinemoderators", "onlinemoderator", "remotemoderator"],
        "rapporteurs": ["rapporteurs", "rapporteur"],
        "abstract": ["abstract", "summary", "shortdescription"],
        "description": ["description", "sessiondescription", "longdescription"],
        "policy-questions": ["policyquestions", "policyquestion"],
        "sdgs": ["sdgs", "sdg", "sustainabledevelopmentgoals"],
        "tags": ["tags", "keywords", "topics"],
        "language": ["language", "languages", "sessionlanguage"],
        "online": ["online", "onlineonly", "virtual"],
        "score": ["score", "magscore", "averagescore"],
        "rank": ["rank", "ranking", "themerank"],
        "note": ["note", "notes", "comments"],
    ]

    static let roleFields: [(String, Role)] = [("organisers", .organiser), ("moderators", .moderator), ("online-moderators", .onlineModerator),
                                               ("speakers", .speaker), ("rapporteurs", .rapporteur)]
    static let stakeholders: [String: String] = [
        "government": "government", "governments": "government", "civilsociety": "civil-society", "privatesector": "private-sector",
        "business": "private-sector", "technicalcommunity": "technical", "technical": "technical", "academia": "academia",
        "academic": "academia", "intergovernmentalorganisation": "intergovernmental", "intergovernmentalorganization": "intergovernmental",
        "intergovernmental": "intergovernmental", "igo": "intergovernmental",
    ]
    static let regions: [String: String] = [
        "africangroup": "African Group", "africa": "African Group", "asiapacificgroup": "Asia-Pacific Group", "asiapacific": "Asia-Pacific Group",
        "grulac": "GRULAC", "latinamericaandcaribbeangroup": "GRULAC", "weog": "WEOG", "westerneuropeanandothersgroup": "WEOG",
        "easterneuropeangroup": "Eastern European Group", "easterneurope": "Eastern European Group", "intergovernmentalorganization": "Intergovernmental",
    ]
    static let genders: [String: String] = ["female": "female", "woman": "female", "f": "female", "male": "male", "man": "male", "m": "male",
                                            "nonbinary": "non-binary", "other": "other"]
    static let attendances: [String: Attendance] = ["onsite": .onsite, "inperson": .onsite, "online": .online, "remote": .online, "virtual": .online]
    /// Formats the IGF's form offers for workshops: each is a workshop with its format kept in the note.
    static let workshopFormats: Set<String> = ["panel", "roundtable", "debate", "breakout", "breakoutgroupdiscussions", "bof", "birdsofafeather",
                                               "flash", "theater", "theatre", "classroom", "tutorial", "other", "workshop"]

    /// Lower case, letters and digits only: how headers and words are compared.
    static func normal(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars where isLetterOrDigit(scalar) { kept.append(scalar) }
        return String(kept)
    }

    /// Letters, marks and numbers (Foundation's `alphanumerics`), ASCII without a table lookup.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// The kinds the forum knows, by the `normal` form of their id and of their title.
    private static let knownKinds: [String: SessionKind] = {
        var byKey: [String: SessionKind] = [:]
        for kind in SessionKind.known.reversed() {
            byKey[normal(kind.title)] = kind
            byKey[normal(kind.id)] = kind
        }
        return byKey
    }()

    /// Reads `text` (the spreadsheet, named `file` in messages) into `frame`'s sessions and people.
    public static func read(text: String, file: String, frame: Programme, map: ProposalMap = ProposalMap(),
                            delimiter: Character? = nil) throws -> ImportedProgramme {
        let table = try CSVRecords(text: text, file: file, delimiter: delimiter)
        guard let headerRecord = table.records.first else {
            throw InputError(location: SourceLocation(file: file, line: 1), message: "the spreadsheet is empty",
                             hint: "export it with a header row, e.g. `Title,Session Type,Theme,Speakers`")
        }
        let headers = headerRecord.cells.map { $0.trimmedWhitespace }
        let normalHeaders = headers.map(normal)
        var errors: [InputError] = [], warnings: [ImportWarning] = []
        // Field → column index.
        var column: [String: Int] = [:]
        for (field, header) in map.columns.sorted(by: { $0.key < $1.key }) {
            if let i = headers.firstIndex(of: header) ?? normalHeaders.firstIndex(of: normal(header)) {
                column[field] = i
            } else {
                errors.append(InputError(location: SourceLocation(file: file, line: 1), field: "header",
                                         message: "the mapping file names column `\(header)` for `\(field)`, but the spreadsheet has no such column",
                                         hint: "columns here: \(headers.joined(separator: ", "))" + (closestMatch(to: header, in: headers).map { "; did you mean `\($0)`?" } ?? "")))
            }
        }
        for (field, aliases) in defaultHeaders.sorted(by: { $0.key < $1.key }) where column[field] == nil {
            if let i = normalHeaders.firstIndex(where: { aliases.contains($0) }), !column.values.contains(i) { column[field] = i }
        }
        if column["title"] == nil {
            errors.append(InputError(location: SourceLocation(file: file, line: 1), field: "header", message: "no column for the session title",
                                     hint: "name a column `Title`, or map one: `columns: {title: Your Header}` in --map"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let used = Set(column.values)
        for (i, header) in headers.enumerated() where !used.contains(i) && !header.isEmpty {
            warnings.append(ImportWarning(location: SourceLocation(file: file, line: 1), field: header, message: "column not read (no field of that name; --map can name it)"))
        }

        var programme = frame
        var sessionIDs = Set(programme.sessions.map(\.id)), personIDs = Set(programme.people.map(\.id))
        var personByEmail: [String: String] = [:], personByName: [String: String] = [:]
        for person in programme.people {
            if let mail = person.email?.lowercased() { personByEmail[mail] = person.id }
            personByName[normal(person.name) + "|" + normal(person.organisation ?? "")] = person.id
        }
        var idRow: [String: Int] = [:]
        let themeIDs = programme.themes.map(\.id), themeTitles = programme.themes.map { normal($0.title) }
        var newSessions: [Session] = [], newPeople: [Person] = []
        var personIndex: [String: Int] = [:]

        for (index, record) in table.records.enumerated().dropFirst() {
            let row = index + 1, location = SourceLocation(file: file, line: record.line)
            if record.cells.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { continue }
            if record.cells.count > headers.count, record.cells[headers.count...].contains(where: { !$0.trimmedWhitespace.isEmpty }) {
                errors.append(InputError(location: location, field: "row \(row)",
                                         message: "\(record.cells.count) cells where the header has \(headers.count) columns",
                                         hint: "a cell with a `\(table.delimiter)` in it must be quoted: \"Geneva\(table.delimiter) Switzerland\""))
                continue
            }
            func cell(_ field: String) -> String? {
                guard let i = column[field], i < record.cells.count else { return nil }
                let text = record.cells[i].trimmedWhitespace
                return text.isEmpty ? nil : text
            }
            func problem(_ field: String, _ message: String, _ hint: String) {
                let header = column[field].map { headers[$0] } ?? field
                errors.append(InputError(location: location, field: "row \(row), column \(header)", message: message, hint: hint))
            }
            func warn(_ field: String, _ message: String) {
                let header = column[field].map { headers[$0] } ?? field
                warnings.append(ImportWarning(location: location, field: "row \(row), column \(header)", message: message))
            }
            guard let title = cell("title") else {
                problem("title", "the proposal has no title", "give every row a title, or delete the row")
                continue
            }
            // Format: "Panel - 90 Min", "Theater, Duration (minutes): 60", "Town Hall".
            var kind = SessionKind.workshop, note: [String] = [], duration: Int?
            let formatText = cell("format"), kindText = cell("kind")
            if let text = kindText ?? formatText {
                if let mapped = map.kinds[text] ?? map.kinds.first(where: { [key = normal(text)] in normal($0.key) == key })?.value {
                    kind = SessionKind(id: mapped)
                } else {
                    // "Panel - 90 Min", "Theater, Duration (minutes): 60": the name comes first.
                    var name = text
                    for mark in [" - ", " – ", ",", "("] { if let r = name.range(of: mark) { name = String(name[..<r.lowerBound]) } }
                    let key = normal(name)
                    if let known = knownKinds[key] {
                        kind = known
                    } else if workshopFormats.contains(key) {
                        kind = .workshop
                        note.append("Format: \(name.trimmedWhitespace)")
                    } else {
                        kind = SessionKind(id: slug(name, fallback: "session"))
                        warn(kindText != nil ? "kind" : "format", "`\(text)` is not a kind the forum knows; kept as kind `\(kind.id)`")
                    }
                }
            }
            if let text = formatText {
                duration = map.durations[text] ?? map.durations.first(where: { [key = normal(text)] in normal($0.key) == key })?.value ?? minutes(in: text)
            }
            if let text = cell("duration") {
                if let minutes = minutes(in: text) ?? Int(text), (1...1440).contains(minutes) {
                    duration = minutes
                } else {
                    problem("duration", "`\(text)` is no duration", "write minutes, e.g. `90` or `90 min`")
                    continue
                }
            }
            if duration == nil {
                duration = programme.policy(for: kind)?.durations.first?.max ?? 60
                warn(column["duration"] != nil ? "duration" : "format", "no duration given; \(duration!) minutes assumed (the kind's longest)")
            }
            // Themes.
            var themes: [String] = []
            for field in ["theme", "themes"] {
                guard let text = cell(field) else { continue }
                // One theme per cell in `theme` (titles may hold commas); a list in `themes`.
                for value in field == "theme" ? [text] : split(text, map.listSeparator) {
                    if let mapped = map.themes[value] ?? map.themes.first(where: { [key = normal(value)] in normal($0.key) == key })?.value {
                        if themeIDs.contains(mapped) { themes.append(mapped); continue }
                        problem(field, "the mapping file maps `\(value)` to theme `\(mapped)`, which the frame does not define",
                                "themes in the frame: \(themeIDs.joined(separator: ", "))")
                    } else if let i = themeIDs.firstIndex(of: value) ?? themeIDs.firstIndex(where: { normal($0) == normal(value) }) ?? themeTitles.firstIndex(of: normal(value)) {
                        themes.append(themeIDs[i])
                    } else {
                        let close = closestMatch(to: value, in: programme.themes.map(\.title) + themeIDs)
                        problem(field, "no theme `\(value)` in the frame",
                                (close.map { "did you mean `\($0)`? " } ?? "") + "themes: \(themeIDs.joined(separator: ", ")); or map it: `themes: {\"\(value)\": THEME-ID}` in --map")
                    }
                }
            }
            // People.
            var participations: [Participation] = []
            for (field, role) in roleFields {
                guard let text = cell(field) else { continue }
                for entry in text.split(whereSeparator: { $0.isNewline }).flatMap({ split(String($0), map.peopleSeparator ?? "|") }) {
                    guard let parsed = person(entry) else { continue }
                    for unknown in parsed.unknown { warn(field, "`\(unknown)` in \(parsed.person.name)'s brackets is not an organisation, stakeholder group, region, gender or attendance; left out") }
                    var found: String?
                    if let mail = parsed.person.email?.lowercased() { found = personByEmail[mail] }
                    let nameKey = normal(parsed.person.name) + "|" + normal(parsed.person.organisation ?? "")
                    // The same name and organisation is the same person unless two e-mails say otherwise.
                    if found == nil, let byName = personByName[nameKey] {
                        let other = personIndex[byName].map { newPeople[$0].email } ?? programme.person(byName)?.email
                        if other == nil || parsed.person.email == nil { found = byName }
                    }
                    let id: String
                    if let found {
                        id = found
                        if let i = personIndex[found] {
                            var existing = newPeople[i]
                            func merge<T: Equatable>(_ path: WritableKeyPath<Person, T?>, _ label: String) {
                                guard let value = parsed.person[keyPath: path] else { return }
                                if let old = existing[keyPath: path], old != value {
                                    warn(field, "\(parsed.person.name) is given \(label) `\(value)` here and `\(old)` in an earlier row; the first is kept")
                                } else { existing[keyPath: path] = value }
                            }
                            merge(\.organisation, "organisation"); merge(\.stakeholderGroup, "stakeholder group")
                            merge(\.region, "region"); merge(\.gender, "gender"); merge(\.email, "e-mail")
                            if parsed.attendanceGiven && existing.attendance != parsed.person.attendance {
                                warn(field, "\(parsed.person.name) is \(parsed.person.attendance.rawValue) here and \(existing.attendance.rawValue) in an earlier row; the first is kept")
                            }
                            newPeople[i] = existing
                        }
                    } else {
                        id = uniqueID(slug(parsed.person.name, fallback: "person"), in: &personIDs)
                        var person = parsed.person
                        person.id = id
                        personIndex[id] = newPeople.count
                        newPeople.append(person)
                        if let mail = person.email?.lowercased() { personByEmail[mail] = id }
                        personByName[nameKey] = id
                    }
                    let participation = Participation(person: id, role: role)
                    if !participations.contains(participation) { participations.append(participation) }
                }
            }
            // The rest.
            var score: Double?, rank: Int?
            if let text = cell("score") {
                if let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, abs(value) <= 1_000_000 { score = value }
                else { problem("score", "`\(text)` is no number", "write a score such as `4.2`, or leave the cell empty"); continue }
            }
            if let text = cell("rank") {
                if let value = Int(text), (1...1_000_000).contains(value) { rank = value }
                else { problem("rank", "`\(text)` is no rank", "write a whole number from 1 (best), or leave the cell empty"); continue }
            }
            var online = false
            if let text = cell("online") {
                switch normal(text) {
                case "yes", "y", "true", "1", "online", "x": online = true
                case "no", "n", "false", "0", "onsite", "hybrid": online = false
                default: problem("online", "`\(text)` is neither yes nor no", "write `yes` for an online-only session, `no` otherwise"); continue
                }
            }
            var description = cell("description")
            if let questions = cell("policy-questions") {
                description = [description, "Policy questions:\n" + questions].compactMap { $0 }.joined(separator: "\n\n")
            }
            var tags: [String] = []
            for field in ["sdgs", "tags"] {
                if let text = cell(field) { tags += split(text, map.listSeparator).map { slug($0, fallback: "tag") } }
            }
            if let extra = cell("note") { note.append(extra) }
            var id = cell("id").map { isValidID($0) ? $0 : slug($0, fallback: "proposal") } ?? String(format: "p%03d", row - 1)
            if let first = idRow[id] {
                problem("id", "proposal id `\(id)` is also the id of row \(first)", "give every proposal its own id")
                continue
            }
            idRow[id] = row
            if sessionIDs.contains(id) { id = uniqueID(id, in: &sessionIDs) } else { sessionIDs.insert(id) }
            var unique: [String] = []
            for t in themes where !unique.contains(t) { unique.append(t) }
            newSessions.append(Session(id: id, title: title, kind: kind, themes: unique, duration: duration ?? 60, people: participations,
                                       abstract: cell("abstract"), description: description, language: cell("language"),
                                       note: note.isEmpty ? nil : note.joined(separator: "; "), online: online,
                                       tags: Array(Set(tags)).sorted(), score: score, rank: rank))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        programme.people += newPeople
        programme.sessions += newSessions
        return ImportedProgramme(programme: programme, warnings: warnings)
    }

    /// Minutes in a format's text: `Panel - 90 Min`, `Theater, Duration (minutes): 60`, `1h30`.
    static func minutes(in text: String) -> Int? {
        let lower = text.lowercased()
        let scalars = Array(lower)
        var numbers: [(value: Int, end: Int)] = []
        var i = 0
        while i < scalars.count {
            if scalars[i].isASCII, scalars[i].isNumber {
                var j = i, value = 0
                while j < scalars.count, scalars[j].isASCII, scalars[j].isNumber, value < 100_000 { value = value * 10 + Int(String(scalars[j]))!; j += 1 }
                numbers.append((value, j)); i = j
            } else { i += 1 }
        }
        guard !numbers.isEmpty else { return nil }
        if numbers.count >= 2, lower.contains("h") {
            let hours = numbers[0].value, mins = numbers[1].value
            if hours <= 24, mins < 60 { return hours * 60 + mins }
        }
        if let n = numbers.first, n.value > 0, n.value <= 1440 {
            let rest = String(scalars[n.end...]).trimmedWhitespace
            if rest.hasPrefix("h") && !rest.hasPrefix("hour") || rest.hasPrefix("hour") { return n.value <= 24 ? n.value * 60 : nil }
            if rest.hasPrefix("m") || lower.contains("min") || Int(text.trimmedWhitespace) != nil { return n.value }
        }
        return nil
    }

    /// The items of a list cell: split at `separator`, else at `;` or `,`, trimmed, empty ones dropped.
    static func split(_ text: String, _ separator: String?) -> [String] {
        let mark = separator ?? (text.contains(";") ? ";" : ",")
        // One character (the usual case) splits without Foundation's string search.
        let parts: [Substring] = mark.count == 1 ? text.split(separator: mark.first!, omittingEmptySubsequences: false)
            : text.components(separatedBy: mark).map { Substring($0) }
        return parts.map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
    }

    /// `Name (Organisation; Civil Society; WEOG; female; online) <mail>` as a person (id not set).
    static func person(_ entry: String) -> (person: Person, unknown: [String], attendanceGiven: Bool)? {
        var text = entry.trimmedWhitespace
        var email: String?
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            email = String(text[text.index(after: open)..<close]).trimmedWhitespace
            text.removeSubrange(open...close)
        }
        var details: [String] = []
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            details = text[text.index(after: open)..<close].split(separator: ";").map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
            text.removeSubrange(open...close)
        }
        let name = text.trimming { $0.isWhitespace || $0 == "," }
        guard !name.isEmpty else { return nil }
        var person = Person(id: "", name: name, email: email.flatMap { $0.isEmpty ? nil : $0 })
        var unknown: [String] = [], attendanceGiven = false
        for detail in details {
            let key = normal(detail)
            if let group = stakeholders[key], person.stakeholderGroup == nil { person.stakeholderGroup = group }
            else if let region = regions[key], person.region == nil { person.region = region }
            else if let gender = genders[key], person.gender == nil { person.gender = gender }
            else if let attendance = attendances[key] { person.attendance = attendance; attendanceGiven = true }
            else if person.organisation == nil { person.organisation = detail }
            else { unknown.append(detail) }
        }
        return (person, unknown, attendanceGiven)
    }
}
