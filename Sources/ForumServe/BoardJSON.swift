import Foundation
import ForumModel
import ForumRules
import ForumSolver

// The shapes of the board's JSON API (see README, "The planning board: forum serve").
// Every text from the programme travels as a JSON string; the page puts it into the
// document with textContent only.

/// A score: hard penalties first, then soft.
public struct ScoreJSON: Codable, Sendable, Equatable {
    public var hard: Int
    public var soft: Int
    init(_ score: Score) { hard = score.hard; soft = score.soft }
    public init(hard: Int, soft: Int) { self.hard = hard; self.soft = soft }
}

/// One placement of one part of a session.
public struct PlacementJSON: Codable, Sendable, Equatable {
    public var part: Int
    public var day: String
    public var start: String
    public var end: String
    /// nil: an online session placed in time only.
    public var room: String?
}

/// One broken rule as `forum validate` words it.
public struct ViolationJSON: Codable, Sendable, Equatable {
    public var rule: String
    public var title: String
    public var hard: Bool
    public var penalty: Int
    /// The violation in words: sessions, room, time, person.
    public var sentence: String
    /// What the rule asks, in one sentence (the catalogue's).
    public var ruleSentence: String
    public var fix: String?
    public var sessions: [String]
    public var room: String?
    public var person: String?
    public var day: String?
    public var start: String?
    public var end: String?

    init(_ v: Violation) {
        let definition = v.rule.definition
        rule = v.rule.rawValue
        title = definition.title
        hard = v.hard
        penalty = v.penalty
        sentence = v.message
        ruleSentence = definition.sentence
        fix = v.fix
        sessions = v.sessions
        room = v.room
        person = v.person
        day = v.day?.description
        start = v.start?.description
        end = v.end?.description
    }
}

/// A rule's share of the score.
public struct RuleScoreJSON: Codable, Sendable, Equatable {
    public var rule: String
    public var title: String
    public var hard: Bool
    public var count: Int
    public var penalty: Int
    public var sentence: String
}

/// A rule whose units a trial move changes, with the penalty it adds (negative: removes).
public struct RuleChangeJSON: Codable, Sendable, Equatable {
    public var rule: String
    public var title: String
    public var hard: Bool
    public var change: Int
}

/// The answer to POST /api/check: what a move would do, without making it.
public struct CheckJSON: Codable, Sendable {
    public var session: String
    public var part: Int
    public var target: PlacementJSON
    public var before: ScoreJSON
    public var after: ScoreJSON
    public var change: ScoreJSON
    public var rules: [RuleChangeJSON]
    /// Violations of the moved session that the move adds, and those it clears.
    public var added: [ViolationJSON]
    public var cleared: [ViolationJSON]
    /// Time the server spent on the check, in milliseconds.
    public var milliseconds: Double
}

public struct DayJSON: Codable, Sendable {
    public var date: String
    public var title: String
    public var label: String?
    public var slots: [SlotJSON]
}

public struct SlotJSON: Codable, Sendable {
    public var start: String
    public var end: String
    public var label: String?
}

public struct RoomJSON: Codable, Sendable {
    public var id: String
    public var name: String
    public var capacity: Int?
}

public struct ThemeJSON: Codable, Sendable {
    public var id: String
    public var title: String
    /// The style sheet's class for its colours (the exported page's classes).
    public var colourClass: String
}

public struct SessionJSON: Codable, Sendable {
    public var id: String
    public var title: String
    public var kind: String
    public var themes: [String]
    public var colourClass: String
    public var duration: Int
    public var parts: Int
    public var pinned: Bool
    public var online: Bool
    public var people: String
    public var placements: [PlacementJSON]
    /// Whether a listed violation of a hard / soft rule involves it.
    public var hard: Bool
    public var soft: Bool
}

/// A part the solver moved, placed or took off.
public struct MovedJSON: Codable, Sendable {
    public var session: String
    public var title: String
    public var part: Int
    public var from: PlacementJSON?
    public var to: PlacementJSON?
}

/// The solver's result, offered to accept or discard.
public struct ProposalJSON: Codable, Sendable {
    public var score: ScoreJSON
    public var before: ScoreJSON
    public var feasible: Bool
    public var moved: [MovedJSON]
    public var unplaced: [String]
    public var explanation: [String]
    public var seconds: Double
    public var stopReason: String
}

/// Progress of "place the rest".
public struct SolveStatusJSON: Codable, Sendable {
    public var running: Bool
    public var elapsed: Double
    public var best: ScoreJSON?
    public var current: ScoreJSON?
    public var phase: String?
    public var proposal: ProposalJSON?
}

/// GET /api/state: everything the page draws.
public struct BoardStateJSON: Codable, Sendable {
    public var revision: Int
    public var file: String
    public var dirty: Bool
    public var canUndo: Bool
    public var canRedo: Bool
    public var undoLabel: String?
    public var redoLabel: String?
    public var event: String
    public var timeZone: String
    public var days: [DayJSON]
    public var rooms: [RoomJSON]
    public var themes: [ThemeJSON]
    public var sessions: [SessionJSON]
    public var score: ScoreJSON
    public var hardBroken: Bool
    public var rules: [RuleScoreJSON]
    public var violations: [ViolationJSON]
    public var unlisted: Int
    public var solve: SolveStatusJSON
    public var recoveryFile: String
    /// What saving does to the file's comments.
    public var savingNote: String
}

/// The answer to POST /api/save.
public struct SaveJSON: Codable, Sendable {
    public var saved: String
    public var commentsKept: Bool
    /// Whether the whole file was rewritten by the writer (false: only changed lines edited).
    public var rewritten: Bool
    public var note: String
    /// Where the file as it was before the first save (with its comments) was kept, if anywhere.
    public var original: String?
}

/// An error's body.
public struct ErrorJSON: Codable, Sendable {
    public var error: String
    public var hint: String?
    public var status: Int
}
