import ArgumentParser
import Foundation
import ForumFormats
import ForumImport
import ForumModel

/// `forum import csv PROPOSALS.csv --frame FRAME.yaml [--map MAP.yaml] -o PROGRAMME.yaml`.
public struct ImportCSVCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Turn a proposal spreadsheet (one row a proposal) into the sessions of a programme.",
        discussion: """
        The frame (event, grid, rooms, themes, rules) comes from a programme file; each row of \
        the spreadsheet becomes a session, unplaced, and the people it names become people of \
        the programme (one person for the same e-mail, or the same name and organisation). \
        Columns are found by their headers (Title, Session Type or Format, Duration, Theme, \
        Organisers, Speakers, Moderator, Online Moderator, Rapporteur, Abstract, Description, \
        Policy Questions, SDGs, Language, Online, Score, Rank, ID); a mapping file (--map) names \
        others. A format such as "Panel - 90 Min" gives the kind and the duration. People in a \
        cell go one per line (or separated by `|`): \
        `Ana Silva (ISOC; Civil Society; GRULAC; female; online) <ana@example.org>`. \
        Quoted cells, line breaks inside them, a BOM and `;` separators read. Every problem \
        names the row, the column and the value; nothing is written unless the whole file reads.

        Examples:
          forum import csv Examples/igf-proposals.csv --frame Examples/igf-proposals-frame.yaml -o out/proposals.yaml
          forum import csv export.csv --frame frame.yaml --map columns.yaml -o out/proposals.yaml
        """
    )

    @Argument(help: "The spreadsheet, saved as CSV (UTF-8).")
    public var file: String

    @Option(name: .long, help: "The programme file whose event, grid, rooms and themes the sessions go into.")
    public var frame: String

    @Option(name: .long, help: "A mapping file: columns, kinds, themes, durations and separators (docs/programme-format.md).")
    public var map: String?

    @Option(name: .long, help: "The column separator (one character); by default `;` when the header has more of them than commas, else `,`.")
    public var delimiter: String?

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    public init() {}

    /// The file's text, or an error naming the first byte that is not UTF-8.
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(location: SourceLocation(file: path), message: "no such file, or it cannot be read", hint: "check the path")
        }
        if let bad = UTF8Position.firstInvalid(in: data) {
            throw InputError(location: SourceLocation(file: path, line: bad.line, column: bad.column), message: bad.message,
                             hint: "save the spreadsheet as \"CSV UTF-8\" (Excel) or with the UTF-8 character set (LibreOffice)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    public func run() throws {
        var separator: Character?
        if let delimiter {
            guard delimiter.count == 1, let c = delimiter.first, c != "\"", !c.isNewline else {
                throw ValidationError("--delimiter wants one character such as `;` or `,`, not `\(delimiter)`")
            }
            separator = c
        }
        let programme = try ProgrammeInput.load(path: frame)
        let mapping = try map.map { try ProposalMap.read(text: Self.text($0), file: $0) } ?? ProposalMap()
        let imported = try ProposalSpreadsheet.read(text: Self.text(file), file: file, frame: programme, map: mapping, delimiter: separator)
        for warning in imported.warnings.prefix(50) { printError(warning.description) }
        if imported.warnings.count > 50 { printError("… and \(imported.warnings.count - 50) more warnings") }
        let text = ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output))
        try writeAtomically(text, to: output, inputs: [file, frame] + (map.map { [$0] } ?? []))
        let added = imported.programme.sessions.count - programme.sessions.count
        let people = imported.programme.people.count - programme.people.count
        print("wrote \(output): \(added) proposals as sessions, \(people) people, into the frame of \(imported.programme.event.name)")
    }
}
