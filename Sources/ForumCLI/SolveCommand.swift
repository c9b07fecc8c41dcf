import ArgumentParser

/// `forum solve` (not built yet).
public struct SolveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "solve", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum solve is not built yet") }
}
