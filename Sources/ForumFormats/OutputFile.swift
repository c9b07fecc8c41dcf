import Foundation
import ForumModel

// Every output of `forum` (programme files, calendars, pages, reports) is written here, one way.

/// Writes `data` to `path` atomically: a temporary file in the same folder, then a rename,
/// so a reader never sees half a file and a failed run leaves the old file intact.
/// Refuses to overwrite any of `inputs` (an organiser's source file is never lost).
/// Throws an ``InputError`` on field `-o` for both (exit 2 in `forum`).
public func writeAtomically(_ data: Data, to path: String, inputs: [String] = []) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    try refuse(inputs, path: path, message: "the output would overwrite the input file", suffix: "out", nameFromTarget: false)
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

/// Throws an ``InputError`` (field `-o`) when `path` is one of `inputs`, symbolic links
/// resolved: for a command that checks its output before a long run (`forum solve`).
/// The hint names another file, `NAME-suffix.EXT`.
public func refuseOverwriting(_ inputs: [String], with path: String,
                              message: String = "the output would overwrite an input file", suffix: String = "solved") throws {
    try refuse(inputs, path: path, message: message, suffix: suffix, nameFromTarget: true)
}

/// The hint's file name comes from `path` as given, or from the file it links to (`nameFromTarget`).
private func refuse(_ inputs: [String], path: String, message: String, suffix: String, nameFromTarget: Bool) throws {
    let given = URL(fileURLWithPath: path).standardizedFileURL
    let url = given.resolvingSymlinksInPath()
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == url {
        let named = nameFromTarget ? url : given
        throw InputError(location: SourceLocation(file: path), field: "-o", message: message,
                         hint: "write to another file, e.g. \(named.deletingPathExtension().lastPathComponent)-\(suffix).\(named.pathExtension)")
    }
}
