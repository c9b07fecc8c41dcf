import Dispatch
import Foundation
import Testing
import ForumModel

/// `Programme.session(_:)` and its like find by id through an index that must follow every
/// change to the arrays and stay out of equality, hashing and coding.
@Suite struct LookupTests {
    static func programme(sessions: [String]) -> Programme {
        let event = Event(name: "Test", acronym: "test", timeZone: "Europe/Athens",
                          startDate: LocalDate(iso: "2006-10-30")!, endDate: LocalDate(iso: "2006-11-02")!)
        return Programme(event: event, rooms: [Room(id: "hall", name: "Hall"), Room(id: "annex", name: "Annex")],
                         themes: [Theme(id: "access", title: "Access")], people: [Person(id: "ada", name: "Ada")],
                         sessions: sessions.map { Session(id: $0, title: "Title of \($0)") })
    }

    /// The title found for `id`, looked up twice: the index is built on the second lookup.
    func title(_ programme: Programme, _ id: String) -> String? {
        _ = programme.session(id)
        return programme.session(id)?.title
    }

    @Test func findsEverySessionAndNothingElse() {
        let ids = (0..<500).map { "s\($0)" }
        let p = Self.programme(sessions: ids)
        for id in ids { #expect(p.session(id)?.id == id) }
        #expect(p.session("missing") == nil)
        #expect(p.room("annex")?.name == "Annex")
        #expect(p.room("missing") == nil)
        #expect(p.theme("access")?.title == "Access")
        #expect(p.person("ada")?.name == "Ada")
    }

    @Test func followsAppendingRemovingAndRenaming() {
        var p = Self.programme(sessions: ["a", "b", "c"])
        #expect(title(p, "c") == "Title of c")
        p.sessions.append(Session(id: "d", title: "New"))
        #expect(title(p, "d") == "New")
        p.sessions.remove(at: 0)
        #expect(title(p, "a") == nil)
        #expect(title(p, "c") == "Title of c")
        p.sessions[0].id = "renamed"
        #expect(title(p, "b") == nil)
        #expect(title(p, "renamed") == "Title of b")
        p.sessions[1].title = "Changed in place"
        #expect(title(p, "c") == "Changed in place")
        p.sessions = []
        #expect(title(p, "d") == nil)
        p.rooms.removeAll { $0.id == "hall" }
        _ = p.room("hall")
        #expect(p.room("hall") == nil)
        #expect(p.room("annex") != nil)
    }

    @Test func theFirstOfDuplicatesWins() {
        var p = Self.programme(sessions: ["a", "b"])
        p.sessions.append(Session(id: "a", title: "Second a"))
        #expect(title(p, "a") == "Title of a")
        p.sessions.remove(at: 0)
        #expect(title(p, "a") == "Second a")
        p.sessions.insert(Session(id: "a", title: "Third a"), at: 0)
        #expect(title(p, "a") == "Third a")
    }

    @Test func aCopyKeepsItsOwnSessions() {
        let original = Self.programme(sessions: ["a", "b"])
        #expect(title(original, "a") == "Title of a")
        var copy = original
        copy.sessions[0].title = "Copy's a"
        copy.sessions[1].id = "c"
        #expect(title(copy, "a") == "Copy's a")
        #expect(title(original, "a") == "Title of a")
        #expect(title(original, "b") == "Title of b")
        #expect(title(copy, "b") == nil)
    }

    @Test func theIndexTakesNoPartInEqualityHashingOrCoding() throws {
        let looked = Self.programme(sessions: ["a", "b"])
        _ = title(looked, "a")
        _ = looked.room("hall"); _ = looked.room("hall")
        let fresh = Self.programme(sessions: ["a", "b"])
        #expect(looked == fresh)
        #expect(looked.hashValue == fresh.hashValue)
        var changedBack = fresh
        changedBack.sessions[0].title = "Other"
        #expect(changedBack != fresh)
        changedBack.sessions[0].title = "Title of a"
        #expect(changedBack == fresh)
        #expect(Set([looked, fresh, changedBack]).count == 1)

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(looked)
        #expect(json == (try encoder.encode(fresh)))
        // The arrays are coded as plain arrays under their own names, and nothing else is added.
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object.keys.sorted() == ["buildings", "days", "event", "groups", "kinds", "people", "rooms", "ruleSettings", "sessions", "tags", "themes"])
        #expect((object["sessions"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a", "b"])
        let decoded = try JSONDecoder().decode(Programme.self, from: json)
        #expect(decoded == fresh)
        #expect(title(decoded, "b") == "Title of b")
    }

    @Test func concurrentLookupsAgree() {
        let ids = (0..<300).map { "s\($0)" }
        let p = Self.programme(sessions: ids)
        let misses = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for id in ids where p.session(id)?.id != id { misses.add() }
        }
        #expect(misses.value == 0)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
