import Foundation

/// A request the board refuses: an HTTP status in the 4xx range and a message for the
/// organiser (with a hint when there is something to do about it). Every handler answers
/// with one of these instead of trapping.
public struct BoardError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    public var hint: String?

    public init(_ status: Int, _ message: String, hint: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
    }

    static func badRequest(_ message: String, hint: String? = nil) -> BoardError { BoardError(400, message, hint: hint) }
    static func notFound(_ message: String, hint: String? = nil) -> BoardError { BoardError(404, message, hint: hint) }
    static func conflict(_ message: String, hint: String? = nil) -> BoardError { BoardError(409, message, hint: hint) }
}
