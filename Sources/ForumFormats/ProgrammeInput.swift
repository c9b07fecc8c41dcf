import Foundation
import ForumModel

/// Reads a programme from any file `forum` understands, choosing the reader by extension.
/// A new input format is one more case here.
public enum ProgrammeInput {
    /// The extensions with a reader, for error hints.
    public static let extensions = ["yaml", "yml", "json"]

    /// The programme in the file at `path`; an ``InputError`` for an unknown extension or a
    /// file that cannot be read.
    public static func load(path: String) throws -> Programme {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "yaml", "yml", "json":
            return try ProgrammeReader.read(path: path)
        default:
            throw InputError(location: SourceLocation(file: path), message: "cannot read `.\(ext)` files",
                             hint: "give a programme file ending in \(extensions.map { ".\($0)" }.joined(separator: ", "))")
        }
    }
}
