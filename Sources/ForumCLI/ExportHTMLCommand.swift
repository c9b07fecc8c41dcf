import ArgumentParser

/// `forum export html` (not built yet).
public struct ExportHTMLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "html", abstract: "(not built yet)")
    public init() {}
    public func run() throws { throw ValidationError("forum export html is not built yet") }
}
