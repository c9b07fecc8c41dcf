import ForumModel

/// A programme read from another tool's file (a proposal spreadsheet, a frab or pretalx
/// schedule), with what the file said that the programme could not hold as it was.
///
/// Problems that make the file unusable are thrown as `InputError`s (located by file, line,
/// and the row, column or field); warnings are kept here so the command can print them and
/// still write the programme.
public struct ImportedProgramme: Sendable {
    /// The programme, ready for `forum validate`, `select`, `solve` or `export`.
    public var programme: Programme
    /// What was changed, guessed or left out while reading, each located.
    public var warnings: [ImportWarning]

    public init(programme: Programme, warnings: [ImportWarning] = []) {
        self.programme = programme
        self.warnings = warnings
    }
}

/// Something an importer changed, guessed or left out, with where it was found.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// The row's column, the schedule's field or the API's key, e.g. `Theme` or `event[12].room`.
    public var field: String?
    public var message: String

    public init(location: SourceLocation, field: String? = nil, message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = "\(location): warning"
        if let field { text += " in `\(field)`" }
        return text + ": \(message)"
    }
}
