import ArgumentParser

/// `forum validate` (not built yet).
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum validate is not built yet") }
}
