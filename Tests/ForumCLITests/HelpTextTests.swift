import ArgumentParser
import ForumCLI
import Testing

/// ArgumentParser re-wraps each line of a `discussion` on its own, so a paragraph written with
/// hard line breaks comes out ragged. These commands' help must read well at 80 columns.
@Suite struct HelpTextTests {
    static let commands: [(String, ParsableCommand.Type)] = [
        ("forum", ForumCommand.self), ("validate", ValidateCommand.self), ("generate", GenerateCommand.self),
        ("export ics", ExportICSCommand.self), ("export frab", ExportFrabCommand.self),
        ("export html", ExportHTMLCommand.self), ("export markdown", ExportMarkdownCommand.self),
        ("import ics", ImportICSCommand.self), ("rules", RulesCommand.self), ("solve", SolveCommand.self),
    ]

    @Test func paragraphsHaveNoHardBreaks() {
        for (name, command) in Self.commands {
            let lines = command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) {
                // Prose starts at the margin; example lines are indented and stay lines.
                let isProse = { (l: Substring) in !l.isEmpty && !l.hasPrefix(" ") }
                #expect(!(isProse(line) && isProse(next)), "\(name): a hard break after “\(line)”")
            }
        }
    }

    @Test func helpFitsInEightyColumns() {
        for (name, command) in Self.commands {
            let help = ForumCommand.helpMessage(for: command, columns: 80)
            // The usage line is ArgumentParser's own and is not wrapped.
            for line in help.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(name): \(line)")
            }
        }
    }
}
