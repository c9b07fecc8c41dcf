import ArgumentParser

/// `forum generate` (not built yet).
public struct GenerateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "generate", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum generate is not built yet") }
}
