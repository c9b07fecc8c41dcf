import ArgumentParser

/// `forum export frab` (not built yet).
public struct ExportFrabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "frab", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum export frab is not built yet") }
}
