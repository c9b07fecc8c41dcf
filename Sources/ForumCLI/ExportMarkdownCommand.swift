import ArgumentParser

/// `forum export markdown` (not built yet).
public struct ExportMarkdownCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "markdown", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum export markdown is not built yet") }
}
