import Foundation
import ForumFormats
import ForumModel

// Calendars from and to files: what `forum export ics` does around the exporter.

extension PreviousCalendar {
    /// Reads the earlier export at `path` (`--previous`); an ``InputError`` when it cannot be read.
    public convenience init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(location: SourceLocation(file: path), field: "--previous", message: "cannot read the previous calendar",
                             hint: "give the .ics file written by the last export")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), file: path)
    }
}

extension CalendarExporter {
    /// DTSTAMP from `text` (ISO 8601 with a zone, or seconds since 1970), else from
    /// `SOURCE_DATE_EPOCH` in `environment` (reproducible builds), else nil (the exporter's
    /// default). An ``InputError`` on field `--stamp` for text that is not a time.
    public static func stamp(_ text: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        if let text {
            if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
            if let date = ISO8601DateFormatter().date(from: text) { return date }
            throw InputError(location: SourceLocation(file: "command line"), field: "--stamp", message: "`\(text)` is not a time",
                             hint: "write ISO 8601 with a zone, e.g. 2006-10-20T12:00:00Z, or seconds since 1970")
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return nil
    }

    /// Writes ``split(by:previous:)`` into `folder`: one calendar per group, then `index.md`,
    /// each atomically and never over one of `inputs`. With `previousFolder` (the folder of
    /// the last split), each calendar is updated against the file of the same name there; the
    /// output folder must then be another one. Returns the calendars written.
    public func writeSplit(by split: CalendarSplit, into folder: String, previousFolder: String? = nil,
                           inputs: [String] = []) throws -> [CalendarFile] {
        let (calendars, index) = try self.split(by: split) { name in
            guard let previousFolder else { return nil }
            let path = URL(fileURLWithPath: previousFolder).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try PreviousCalendar(path: path)
        }
        let url = URL(fileURLWithPath: folder)
        // The previous folder is an input: updating must not overwrite what it compares with.
        if let previousFolder, URL(fileURLWithPath: previousFolder).standardizedFileURL.resolvingSymlinksInPath()
            == url.standardizedFileURL.resolvingSymlinksInPath() {
            throw InputError(location: SourceLocation(file: folder), field: "-o",
                             message: "the output folder is the --previous folder, whose calendars this update compares with",
                             hint: "write the update to a new folder (e.g. \(url.lastPathComponent)-2) and publish that")
        }
        for calendar in calendars {
            try writeAtomically(calendar.text, to: url.appendingPathComponent(calendar.name).path, inputs: inputs)
        }
        try writeAtomically(index, to: url.appendingPathComponent("index.md").path, inputs: inputs)
        return calendars
    }
}
