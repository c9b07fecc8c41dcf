import Foundation
import ForumFormats
import ForumModel
import Testing

/// Saving the planning board's changes by editing only the changed sessions' lines.
struct PlacementPatchTests {
    static let athens = repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml")

    @Test func aMovedAndPinnedSessionChangesOnlyItsOwnLines() throws {
        let text = try String(contentsOf: Self.athens, encoding: .utf8)
        let old = try ProgrammeReader.read(text: text)
        var new = old
        let i = try #require(new.sessions.firstIndex { $0.id == "ws-spam" })
        new.sessions[i].placements = [Placement(day: LocalDate(year: 2006, month: 11, day: 2), start: TimeOfDay(hour: 15, minute: 0), room: "room-3")]
        new.sessions[i].pinned = true
        let j = try #require(new.sessions.firstIndex { $0.id == "opening" })
        new.sessions[j].pinned = false
        let patched = try #require(PlacementPatch.apply(to: text, from: old, to: new))
        #expect(try ProgrammeReader.read(text: patched) == new)
        let before = text.components(separatedBy: "\n"), after = patched.components(separatedBy: "\n")
        // Line by line: the old placement and the opening's pin removed, the new placement and pin added.
        let difference = after.difference(from: before)
        let removed = difference.removals.map { change -> String in if case .remove(_, let line, _) = change { return line }; return "" }
        let inserted = difference.insertions.map { change -> String in if case .insert(_, let line, _) = change { return line }; return "" }
        #expect(removed.sorted() == ["    pinned: true", "    placement: 2006-10-30 13:30 room-2  # RECONSTRUCTED"].sorted())
        #expect(inserted.sorted() == ["    pinned: true", "    placement: 2006-11-02 15:00 room-3  # RECONSTRUCTED"].sorted())
        #expect(patched.contains("    placement: 2006-11-02 15:00 room-3  # RECONSTRUCTED\n    pinned: true\n"))
        #expect(patched.hasPrefix("# The first Internet Governance Forum"))
    }

    @Test func seriesUnplacedAndNewlyPlacedSessions() throws {
        let text = """
        # a comment that must stay
        event: {name: Test Forum, acronym: tf, timezone: Europe/Athens, start: 2006-10-30, end: 2006-10-31}
        grid: ["09:00-10:00", "10:00-11:00"]
        rooms:
          - id: r1
            name: Room 1   # the small one
        sessions:
          - id: a
            title: A
            duration: 60
            parts: 2
            placements:
              - 2006-10-30 09:00 r1
              - 2006-10-31 09:00 r1
          - id: "b"
            title: B   # keep me
            duration: 60

          # next comes c
          - id: c
            title: C
            duration: 60
            placement: 2006-10-30 10:00 r1
        """
        let old = try ProgrammeReader.read(text: text)
        var new = old
        new.sessions[0].placements = [Placement(day: LocalDate(year: 2006, month: 10, day: 31), start: TimeOfDay(hour: 10, minute: 0), room: "r1")]
        new.sessions[1].placements = [Placement(day: LocalDate(year: 2006, month: 10, day: 30), start: TimeOfDay(hour: 9, minute: 0), room: "r1")]
        new.sessions[1].pinned = true
        new.sessions[2].placements = []
        let patched = try #require(PlacementPatch.apply(to: text, from: old, to: new))
        #expect(try ProgrammeReader.read(text: patched) == new)
        for kept in ["# a comment that must stay", "# the small one", "# keep me", "# next comes c"] { #expect(patched.contains(kept)) }
        #expect(patched.contains("    placements:\n      - 2006-10-31 10:00 r1\n  - id: \"b\""))
        #expect(!patched.contains("2006-10-30 10:00 r1"))
    }

    @Test func anythingButPlacementsAndPinsIsLeftToTheWriter() throws {
        let text = try String(contentsOf: Self.athens, encoding: .utf8)
        let old = try ProgrammeReader.read(text: text)
        var retitled = old
        retitled.sessions[0].title = "Another title"
        #expect(PlacementPatch.apply(to: text, from: old, to: retitled) == nil)
        // A placement written as a mapping is a layout the patch does not edit.
        let mapped = text.replacingOccurrences(of: "    placement: 2006-10-30 13:30 room-1  # RECONSTRUCTED",
                                               with: "    placement:\n      day: 2006-10-30\n      start: \"13:30\"\n      room: room-1")
        let mappedOld = try ProgrammeReader.read(text: mapped)
        var moved = mappedOld
        let i = try #require(moved.sessions.firstIndex { $0.id == "ws-interconnection-costs" })
        moved.sessions[i].placements[0].room = "room-4"
        #expect(PlacementPatch.apply(to: mapped, from: mappedOld, to: moved) == nil)
    }
}
