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
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try data.write(to: temporary)
    if rename(temporary.path, url.path) != 0 {
        let code = errno
        try? FileManager.default.removeItem(at: temporary)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot write \(path): \(String(cString: strerror(code)))"])
    }
}

/// Writes `text` as UTF-8, atomically (see ``writeAtomically(_:to:inputs:)``).
public func writeAtomically(_ text: String, to path: String, inputs: [String] = []) throws {
    try writeAtomically(Data(text.utf8), to: path, inputs: inputs)
}
