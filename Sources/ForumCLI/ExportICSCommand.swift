import ArgumentParser

/// `forum export ics` (not built yet).
public struct ExportICSCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "ics", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum export ics is not built yet") }
}
