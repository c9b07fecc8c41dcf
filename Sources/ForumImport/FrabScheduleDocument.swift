import Foundation
import ForumModel

/// A frab schedule (`schedule.xml` or c3voc's `schedule.json`) as read, before it becomes a
/// programme: the same fields whichever syntax carried them, each event with its line.
struct FrabScheduleDocument {
    var file: String
    var version: String?
    var acronym: String?
    var title: String?
    var start: String?
    var end: String?
    var timeZoneName: String?
    var baseURL: String?
    var tracks: [Track] = []
    /// Rooms the conference lists (JSON `conference.rooms`) or the days name (`<room name>`), in order.
    var rooms: [RoomInfo] = []
    var days: [DayInfo] = []

    struct Track {
        var name: String
        var slug: String?
        var colour: String?
    }

    struct RoomInfo {
        var name: String
        var guid: String?
        var capacity: Int?
    }

    struct DayInfo {
        var index: Int?
        var date: String?
        var location: SourceLocation
        var events: [EventInfo] = []
    }

    struct Person {
        var id: String?
        var guid: String?
        var code: String?
        var name: String
        var role: String?
    }

    struct EventInfo {
        var location: SourceLocation
        /// e.g. `day[1].room[Hall A].event[2]` (XML) or `schedule.conference.days[0].rooms.Hall A[2]` (JSON).
        var path: String
        /// Line of each field that was found, for errors about it.
        var fieldLines: [String: Int] = [:]
        var id: String?
        var guid: String?
        var code: String?
        var date: String?
        var start: String?
        var duration: String?
        var room: String?
        var slug: String?
        var url: String?
        var title: String?
        var subtitle: String?
        var track: String?
        var type: String?
        var language: String?
        var abstract: String?
        var description: String?
        var persons: [Person] = []

        func location(of field: String) -> SourceLocation {
            SourceLocation(file: location.file, line: fieldLines[field] ?? location.line)
        }
    }
}
