import ArgumentParser
import Foundation
import ForumModel

/// Writes to standard error (diagnostics and progress never mix with the report on stdout).
public func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// `forum`: build, check and publish the programme of an IGF or a WSIS Forum.
public struct ForumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "forum",
        abstract: "Build, check and publish the programme of an IGF or a WSIS Forum.",
        discussion: """
        Typical use:
          forum validate Schedules/athens-2006.yaml
          forum solve Schedules/athens-2006.yaml --fresh -o out/athens-solved.yaml
          forum export ics Schedules/athens-2006.yaml -o out/athens.ics

        Exit codes: 0 no hard rule broken, 1 a hard rule broken (or no feasible programme), \
        2 the input cannot be used (or an output cannot be written), 64 a wrong command line.
        """,
        subcommands: [ValidateCommand.self, SolveCommand.self, SelectCommand.self, GenerateCommand.self, ExportCommand.self, ImportCommand.self, RulesCommand.self, ServeCommand.self]
    )

    public init() {}
}

/// Entry point shared by the `forum` executable and tests.
public enum ForumCLI {
    /// Parses `arguments` (the process's own when nil), runs the command and exits the process.
    /// Unusable input (``InputError``) prints its location and hint and exits 2.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try ForumCommand.parseAsRoot(arguments)
            try command.run()
            ForumCommand.exit()
        } catch let error as InputError {
            printError(error.description)
            ForumCommand.exit(withError: ExitCode(2))
        } catch let error as InputErrors {
            printError(error.description)
            ForumCommand.exit(withError: ExitCode(2))
        } catch {
            ForumCommand.exit(withError: error)
        }
    }
}
