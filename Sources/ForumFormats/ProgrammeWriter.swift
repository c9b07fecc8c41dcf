import Foundation
import ForumModel
import ForumRules

/// The two spellings of a programme file.
public enum ProgrammeFileFormat: String, Sendable, CaseIterable {
    case yaml, json

    /// `.json` is JSON; anything else (`.yaml`, `.yml`) is YAML.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

/// Writes a ``Programme`` in the programme file format (docs/programme-format.md), so that
/// `ProgrammeReader.read(text: ProgrammeWriter.yaml(p)) == p`.
///
/// The output is for people and byte-for-byte deterministic: sections in the reference's
/// order, items in the programme's order, rules in catalogue order. It is compact: the
/// most common slots become the `grid` and other days say how they differ, the most common
/// kind and duration become `defaults`, people use role shorthands, placements the one-line
/// form, and values equal to their defaults are left out.
public enum ProgrammeWriter {
    /// The programme as YAML.
    public static func yaml(_ programme: Programme) -> String { tree(programme).yaml() }

    /// The programme as JSON (the same structure).
    public static func json(_ programme: Programme) -> String { tree(programme).json() }

    /// The programme in `format`.
    public static func text(_ programme: Programme, format: ProgrammeFileFormat) -> String {
        format == .json ? json(programme) : yaml(programme)
    }

    /// The document both spellings are written from.
    public static func tree(_ p: Programme) -> Tree {
        var top: [Tree.Entry] = [Tree.Entry("event", event(p.event))]
        let grid = commonGrid(p)
        if !grid.isEmpty { top.append(.init("grid", .list(grid.map { .text(Shorthand.format(slot: $0)) }))) }
        let dayEntries = days(p, grid: grid)
        if !dayEntries.isEmpty { top.append(.init("days", .map(dayEntries))) }
        if !p.buildings.isEmpty { top.append(.init("buildings", .list(p.buildings.map(building)))) }
        if !p.rooms.isEmpty { top.append(.init("rooms", .list(p.rooms.map(room)))) }
        if !p.themes.isEmpty { top.append(.init("themes", .list(p.themes.map(theme)))) }
        if !p.people.isEmpty { top.append(.init("people", .list(p.people.map(person)))) }
        let defaults = Defaults(p.sessions)
        let defaultEntries = defaults.entries
        if !defaultEntries.isEmpty { top.append(.init("defaults", .map(defaultEntries))) }
        if !p.kinds.isEmpty { top.append(.init("kinds", .list(p.kinds.map(kind)))) }
        if !p.tags.isEmpty { top.append(.init("tags", .list(p.tags.map(topicTag)))) }
        if !p.sessions.isEmpty { top.append(.init("sessions", .list(p.sessions.map { session($0, defaults) }))) }
        if !p.groups.isEmpty { top.append(.init("groups", .list(p.groups.map(group)))) }
        let rules = ruleEntries(p.ruleSettings)
        if !rules.isEmpty { top.append(.init("rules", .map(rules))) }
        return .map(top)
    }

    // MARK: Sections

    private static func event(_ e: Event) -> Tree {
        var m: [Tree.Entry] = [.init("name", .text(e.name))]
        if e.acronym != Shorthand.acronym(for: e.name) { m.append(.init("acronym", .text(e.acronym))) }
        m.optional("city", e.city)
        m.optional("venue", e.venue)
        m.append(.init("timezone", .text(e.timeZone)))
        m.append(.init("start", .text(e.startDate.description)))
        m.append(.init("end", .text(e.endDate.description)))
        m.optional("url", e.url)
        m.optional("description", e.description)
        if let organiser = e.organiser {
            m.append(.init("organiser", .map([.init("name", .text(organiser.name)), .init("email", .text(organiser.email))])))
        }
        return .map(m)
    }

    /// The slot list most days inside `start`…`end` share (the earliest such day wins a tie).
    static func commonGrid(_ p: Programme) -> [Slot] {
        var counts: [[Slot]: Int] = [:]
        var order: [[Slot]] = []
        for day in p.days where day.date >= p.event.startDate && day.date <= p.event.endDate {
            if counts[day.slots] == nil { order.append(day.slots) }
            counts[day.slots, default: 0] += 1
        }
        var best: [Slot] = []
        var bestCount = 0
        for slots in order where counts[slots]! > bestCount {
            best = slots
            bestCount = counts[slots]!
        }
        return best
    }

    /// The `days` map: each day that has a label, differs from the grid, or lies outside
    /// `start`…`end`; differences as `add`/`remove` when shorter than a full `slots` list.
    private static func days(_ p: Programme, grid: [Slot]) -> [Tree.Entry] {
        var entries: [Tree.Entry] = []
        for day in p.days.sorted(by: { $0.date < $1.date }) {
            let inside = day.date >= p.event.startDate && day.date <= p.event.endDate
            var m: [Tree.Entry] = []
            m.optional("label", day.label)
            if day.slots != grid {
                let removed = grid.filter { g in !day.slots.contains(g) }
                let added = day.slots.filter { s in !grid.contains(s) }
                if day.slots.isEmpty || removed.count + added.count >= day.slots.count {
                    m.append(.init("slots", .list(day.slots.map { .text(Shorthand.format(slot: $0)) })))
                } else {
                    if !removed.isEmpty { m.append(.init("remove", .list(removed.map { .text(Shorthand.format(range: $0.range)) }))) }
                    if !added.isEmpty { m.append(.init("add", .list(added.map { .text(Shorthand.format(slot: $0)) }))) }
                }
            }
            if !m.isEmpty || !inside {
                entries.append(.init(day.date.description, m.isEmpty ? .null : .map(m)))
            }
        }
        return entries
    }

    private static func room(_ r: Room) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(r.id))]
        if r.name != r.id { m.append(.init("name", .text(r.name))) }
        if let c = r.capacity { m.append(.init("capacity", .integer(c))) }
        m.list("equipment", r.equipment)
        m.list("available", r.availability.map(Shorthand.format(window:)))
        m.optional("building", r.building)
        m.optional("floor", r.floor)
        m.list("languages", r.languages)
        if r.captioning { m.append(.init("captioning", .bool(true))) }
        if r.virtual { m.append(.init("virtual", .bool(true))) }
        m.list("tags", r.tags)
        return .map(m)
    }

    private static func building(_ b: Building) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(b.id))]
        if b.name != b.id { m.append(.init("name", .text(b.name))) }
        if !b.walks.isEmpty {
            m.append(.init("walk", .inlineMap(b.walks.keys.sorted().map { .init($0, .integer(b.walks[$0]!)) })))
        }
        return .map(m)
    }

    private static func topicTag(_ t: TopicTag) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(t.id))]
        m.optional("title", t.title)
        if t.weight != 1 { m.append(.init("weight", .integer(t.weight))) }
        return .map(m)
    }

    private static func kind(_ k: KindPolicy) -> Tree {
        var m: [Tree.Entry] = [.init("kind", .text(k.kind.id))]
        m.list("durations", k.durations.map { $0.min == $0.max ? "\($0.min)" : "\($0.min)-\($0.max)" })
        m.list("rooms", k.rooms)
        m.list("days", k.days)
        m.list("times", k.times.map(Shorthand.format(range:)))
        m.list("equipment", k.equipment)
        m.list("languages", k.languages)
        if !k.interpretation { m.append(.init("interpretation", .bool(false))) }
        if k.exclusive { m.append(.init("exclusive", .bool(true))) }
        return .map(m)
    }

    private static func theme(_ t: Theme) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(t.id)), .init("title", .text(t.title))]
        m.optional("description", t.description)
        if t.crossCutting { m.append(.init("cross-cutting", .bool(true))) }
        m.optional("colour", t.colour)
        return .map(m)
    }

    private static func person(_ p: Person) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(p.id)), .init("name", .text(p.name))]
        m.optional("stakeholder", p.stakeholderGroup)
        m.optional("region", p.region)
        m.optional("organisation", p.organisation)
        m.optional("email", p.email)
        m.list("unavailable", p.unavailable.map(Shorthand.format(window:)))
        if p.attendance != .onsite { m.append(.init("attendance", .text(p.attendance.rawValue))) }
        m.optional("timezone", p.timezone)
        m.optional("gender", p.gender)
        return .map(m)
    }

    /// What the `defaults:` section says: the most common kind and duration (when not the
    /// built-in `workshop` and 90), and the language when every session has the same one.
    struct Defaults {
        var kind: SessionKind = .workshop
        var duration = 90
        var language: String?

        init(_ sessions: [Session]) {
            kind = mostCommon(sessions.map(\.kind)) ?? .workshop
            duration = mostCommon(sessions.map(\.duration)) ?? 90
            if let first = sessions.first?.language, sessions.allSatisfy({ $0.language == first }) { language = first }
        }

        var entries: [Tree.Entry] {
            var m: [Tree.Entry] = []
            if kind != .workshop { m.append(.init("kind", .text(kind.id))) }
            if duration != 90 { m.append(.init("duration", duration % 60 == 0 ? .text(Shorthand.format(duration: duration)) : .integer(duration))) }
            m.optional("language", language)
            return m
        }
    }

    private static func session(_ s: Session, _ d: Defaults) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(s.id)), .init("title", .text(s.title))]
        if s.kind != d.kind { m.append(.init("kind", .text(s.kind.id))) }
        if s.themes.count == 1 { m.append(.init("theme", .text(s.themes[0]))) } else { m.list("themes", s.themes) }
        if s.duration != d.duration {
            m.append(.init("duration", s.duration % 60 == 0 ? .text(Shorthand.format(duration: s.duration)) : .integer(s.duration)))
        }
        if let a = s.audience { m.append(.init("audience", .integer(a))) }
        m.list("equipment", s.equipment)
        m.append(contentsOf: people(s.people))
        if !s.preferences.isEmpty {
            var p: [Tree.Entry] = []
            p.list("days", s.preferences.days.map(\.description))
            p.list("times", s.preferences.times.map(Shorthand.format(range:)))
            p.list("rooms", s.preferences.rooms)
            m.append(.init("prefer", .map(p)))
        }
        m.list("after", s.after)
        m.list("unavailable", s.unavailable.map(Shorthand.format(window:)))
        if s.parts != 1 { m.append(.init("parts", .integer(s.parts))) }
        if s.minDays != 1 { m.append(.init("min-days", .integer(s.minDays))) }
        if s.parts == 1 && s.placements.count == 1 {
            m.append(.init("placement", .text(Shorthand.format(placement: s.placements[0]))))
        } else if !s.placements.isEmpty {
            m.append(.init("placements", .list(s.placements.map { .text(Shorthand.format(placement: $0)) })))
        }
        if s.pinned { m.append(.init("pinned", .bool(true))) }
        if s.language != d.language {
            // A session without a language under a default one cannot be written; the
            // defaults only name a language every session shares, so this never happens.
            m.optional("language", s.language)
        }
        m.optional("abstract", s.abstract)
        m.optional("description", s.description)
        m.optional("url", s.url)
        m.optional("note", s.note)
        if s.online { m.append(.init("online", .bool(true))) }
        m.list("languages", s.languages)
        if s.captioning { m.append(.init("captioning", .bool(true))) }
        if s.exclusive { m.append(.init("exclusive", .bool(true))) }
        m.list("tags", s.tags)
        if let score = s.score { m.append(.init("score", .number(score))) }
        if let rank = s.rank { m.append(.init("rank", .integer(rank))) }
        return .map(m)
    }

    /// Role shorthands (`moderator: x`, `speakers: [a, b]`) when each role's people are listed
    /// together, as the reader builds them from shorthand keys; the long form otherwise.
    private static func people(_ people: [Participation]) -> [Tree.Entry] {
        var runs: [(role: Role, ids: [String])] = []
        for p in people {
            if runs.last?.role == p.role { runs[runs.count - 1].ids.append(p.person) } else { runs.append((p.role, [p.person])) }
        }
        guard Set(runs.map(\.role)).count == runs.count else {
            return [.init("people", .list(people.map { .inlineMap([.init("person", .text($0.person)), .init("role", .text($0.role.rawValue))]) }))]
        }
        return runs.map { run in
            let keys = Keys.roles.first { $0.role == run.role }!
            return run.ids.count == 1 ? .init(keys.singular, .text(run.ids[0])) : .init(keys.plural, .list(run.ids.map(Tree.text)))
        }
    }

    private static func group(_ g: SessionGroup) -> Tree {
        var m: [Tree.Entry] = [.init("id", .text(g.id)), .init("title", .text(g.title)), .init("sessions", .list(g.sessions.map(Tree.text)))]
        if !g.noOverlap { m.append(.init("no-overlap", .bool(false))) }
        if g.compact { m.append(.init("compact", .bool(true))) }
        return .map(m)
    }

    /// Rules in catalogue order (unknown ids, which the reader never produces, after them by name).
    private static func ruleEntries(_ settings: [String: RuleSetting]) -> [Tree.Entry] {
        let known = RuleID.allCases.map(\.rawValue).filter { settings[$0] != nil }
        let unknown = settings.keys.filter { RuleID(rawValue: $0) == nil }.sorted()
        return (known + unknown).map { id in
            let s = settings[id]!
            if s.weight == nil && s.hard == nil && s.limit == nil && s.hours == nil { return .init(id, .word(s.enabled ? "on" : "off")) }
            var m: [Tree.Entry] = []
            if let w = s.weight { m.append(.init("weight", .integer(w))) }
            if let h = s.hard { m.append(.init("hard", .bool(h))) }
            if let l = s.limit { m.append(.init("limit", .integer(l))) }
            if let h = s.hours { m.append(.init("hours", .text(Shorthand.format(range: h)))) }
            if !s.enabled { m.append(.init("enabled", .bool(false))) }
            return .init(id, .inlineMap(m))
        }
    }
}

/// The value that occurs most often, the earliest one winning a tie.
private func mostCommon<T: Hashable>(_ values: [T]) -> T? {
    var counts: [T: Int] = [:]
    for v in values { counts[v, default: 0] += 1 }
    var best: T?
    var bestCount = 0
    for v in values where counts[v]! > bestCount {
        best = v
        bestCount = counts[v]!
    }
    return best
}

private extension Array where Element == Tree.Entry {
    mutating func optional(_ key: String, _ value: String?) {
        if let value { append(.init(key, .text(value))) }
    }

    mutating func list(_ key: String, _ values: [String]) {
        if !values.isEmpty { append(.init(key, .list(values.map(Tree.text)))) }
    }
}
