import ArgumentParser

/// `forum import` (not built yet).
public struct ImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "import", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum import is not built yet") }
}
