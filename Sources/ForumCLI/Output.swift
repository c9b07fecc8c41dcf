import Foundation
import ForumModel

/// Writes to standard error (diagnostics and progress never mix with the report on stdout).
public func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `data` to `path` atomically: a temporary file in the same folder, then a rename,
/// so a reader never sees half a file and a failed run leaves the old file intact.
/// Refuses to overwrite any of `inputs` (an organiser's source file is never lost).
public func writeAtomically(_ data: Data, to path: String, inputs: [String] = []) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == url.resolvingSymlinksInPath() {
        throw InputError(location: SourceLocation(file: path), field: "-o",
                         message: "the output would overwrite the input file",
                         hint: "write to another file, e.g. \(url.deletingPathExtension().lastPathComponent)-out.\(url.pathExtension)")
    }
    // A failed write is reported like unusable input (exit 2, with a hint), not as a broken rule.
    func cannotWrite(_ reason: String) -> InputError {
        InputError(location: SourceLocation(file: path), field: "-o", message: "cannot write the output: \(reason)",
                   hint: "check that the folder can be created and written to, or choose another path")
    }
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: temporary)
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw cannotWrite((error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
    if rename(temporary.path, url.path) != 0 {
        let code = errno
        try? FileManager.default.removeItem(at: temporary)
        throw cannotWrite(String(cString: strerror(code)))
    }
}

/// Writes `text` as UTF-8, atomically (see ``writeAtomically(_:to:inputs:)``).
public func writeAtomically(_ text: String, to path: String, inputs: [String] = []) throws {
    try writeAtomically(Data(text.utf8), to: path, inputs: inputs)
}
