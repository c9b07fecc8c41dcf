import Foundation
import ForumModel

// Every output of `forum` (programme files, calendars, pages, reports) is written here, one way.

/// Writes `data` to `path` atomically: a temporary file in the same folder, then a rename,
/// so a reader never sees half a file and a failed run leaves the old file intact.
/// The temporary file has a random name and is created exclusively (`mkstemp`), so nothing
/// planted in the folder is followed or written. A target that is a symbolic link is refused
/// (neither the link nor the file it points to is touched); a device or other special file
/// (`-o /dev/null`) is written in place and never replaced.
/// Refuses to overwrite any of `inputs` (an organiser's source file is never lost), through
/// symbolic and hard links.
/// Throws an ``InputError`` on field `-o` for all of these (exit 2 in `forum`).
public func writeAtomically(_ data: Data, to path: String, inputs: [String] = []) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    try refuse(inputs, path: path, message: "the output would overwrite the input file", suffix: "out", nameFromTarget: false)
    // A failed write is reported like unusable input (exit 2, with a hint), not as a broken rule.
    func cannotWrite(_ reason: String) -> InputError {
        InputError(location: SourceLocation(file: path), field: "-o", message: "cannot write the output: \(reason)",
                   hint: "check that the folder can be created and written to, or choose another path")
    }
    var existing = stat()
    var mode: mode_t = 0o644
    if lstat(url.path, &existing) == 0 {
        switch existing.st_mode & S_IFMT {
        case S_IFREG:
            mode = existing.st_mode & 0o7777
        case S_IFLNK:
            throw InputError(location: SourceLocation(file: path), field: "-o", message: "the output is a symbolic link, which is never replaced or followed",
                             hint: "write to the file it points to by its own path, or remove the link first")
        case S_IFDIR:
            throw InputError(location: SourceLocation(file: path), field: "-o", message: "the output is a folder",
                             hint: "name a file inside it, e.g. \(url.appendingPathComponent("out").path)")
        default:
            // A device, FIFO or socket the user named: written in place, never renamed over.
            return try writeInPlace(data, to: url.path, cannotWrite: cannotWrite)
        }
    }
    let folder = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        throw cannotWrite((error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
    var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw cannotWrite(String(cString: strerror(errno))) }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var failure = writeAll(data, to: fd)
    if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = errno }
    if close(fd) != 0, failure == nil { failure = errno }
    if failure == nil, rename(temporary, url.path) != 0 { failure = errno }
    if let failure {
        unlink(temporary)
        throw cannotWrite(String(cString: strerror(failure)))
    }
}

/// Writes `data` to the existing special file at `path` (a device, FIFO or socket) without
/// creating, truncating or replacing it. Opened non-blocking so a FIFO nobody reads is an
/// error, not a hang.
private func writeInPlace(_ data: Data, to path: String, cannotWrite: (String) -> InputError) throws {
    let fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw cannotWrite(String(cString: strerror(errno))) }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    var failure = writeAll(data, to: fd)
    if close(fd) != 0, failure == nil, errno != EINTR { failure = errno }
    if let failure { throw cannotWrite(String(cString: strerror(failure))) }
}

/// Writes every byte of `data` to `fd`; the `errno` of the first failure, or nil.
private func writeAll(_ data: Data, to fd: Int32) -> Int32? {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
        guard var next = buffer.baseAddress else { return nil }
        var left = buffer.count
        while left > 0 {
            let written = write(fd, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            next += written
            left -= written
        }
        return nil
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
    var target = stat()
    let targetExists = stat(url.path, &target) == 0
    func sameFile(_ input: String) -> Bool {
        if URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == url { return true }
        // A hard link to the input has another path but the same device and inode.
        var other = stat()
        return targetExists && stat(input, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino
            && (target.st_mode & S_IFMT) == S_IFREG
    }
    for input in inputs where sameFile(input) {
        let named = nameFromTarget ? url : given
        throw InputError(location: SourceLocation(file: path), field: "-o", message: message,
                         hint: "write to another file, e.g. \(named.deletingPathExtension().lastPathComponent)-\(suffix).\(named.pathExtension)")
    }
}
