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
    /// default; an empty `SOURCE_DATE_EPOCH` counts as unset). An ``InputError`` on field
    /// `--stamp` (or `SOURCE_DATE_EPOCH`) for text that is not a time, or a time outside
    /// ``stampRange`` (`nan`, `inf`, `1e20`).
    public static func stamp(_ text: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        if let text {
            let location = SourceLocation(file: "command line")
            if let seconds = Double(text) {
                guard stampRange.contains(seconds) else {
                    throw InputError(location: location, field: "--stamp", message: "`\(text)` is not a time between 1970 and 9999",
                                     hint: "write seconds since 1970 from 0 to \(Int(stampRange.upperBound)), or ISO 8601 with a zone, e.g. 2006-10-20T12:00:00Z")
                }
                return Date(timeIntervalSince1970: seconds)
            }
            if let date = ISO8601DateFormatter().date(from: text) {
                guard stampRange.contains(date.timeIntervalSince1970) else {
                    throw InputError(location: location, field: "--stamp", message: "`\(text)` is not a time between 1970 and 9999",
                                     hint: "write ISO 8601 with a zone from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z")
                }
                return date
            }
            throw InputError(location: location, field: "--stamp", message: "`\(text)` is not a time",
                             hint: "write ISO 8601 with a zone, e.g. 2006-10-20T12:00:00Z, or seconds since 1970")
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            // Malformed is an error (reproducible-builds.org: a build should not silently ignore it).
            guard let seconds = Double(epoch), stampRange.contains(seconds) else {
                throw InputError(location: SourceLocation(file: "environment"), field: "SOURCE_DATE_EPOCH",
                                 message: "`\(epoch)` is not a time between 1970 and 9999",
                                 hint: "set it to whole seconds since 1970, from 0 to \(Int(stampRange.upperBound)), or unset it")
            }
            return Date(timeIntervalSince1970: seconds)
        }
        return nil
    }

    /// The stamps a calendar can carry, in seconds since 1970: from 1970-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59Z (iCalendar's four-digit years). Excludes `nan` and the infinities.
    public static let stampRange: ClosedRange<Double> = 0...253_402_300_799

    /// Writes ``split(by:previous:earlier:)`` into `folder`: one calendar per group, then
    /// `index.md`, each atomically and never over one of `inputs`. `previous` (`--previous`) is
    /// the folder of the last split, whose every `.ics` file is updated (the output folder must
    /// then be another one), or one earlier calendar (a whole-programme export) whose
    /// SEQUENCEs the split continues. Returns the calendars written.
    public func writeSplit(by split: CalendarSplit, into folder: String, previous: String? = nil,
                           inputs: [String] = []) throws -> [CalendarFile] {
        let url = URL(fileURLWithPath: folder)
        var files: [String: PreviousCalendar] = [:]
        var earlier: [PreviousCalendar] = []
        var isFolder: ObjCBool = false
        if let previous, FileManager.default.fileExists(atPath: previous, isDirectory: &isFolder), isFolder.boolValue {
            // The previous folder is an input: updating must not overwrite what it compares with.
            if URL(fileURLWithPath: previous).standardizedFileURL.resolvingSymlinksInPath() == url.standardizedFileURL.resolvingSymlinksInPath() {
                throw InputError(location: SourceLocation(file: folder), field: "-o",
                                 message: "the output folder is the --previous folder, whose calendars this update compares with",
                                 hint: "write the update to a new folder (e.g. \(url.lastPathComponent)-2) and publish that")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: previous).filter { $0.lowercased().hasSuffix(".ics") }.sorted()
            for name in names {
                files[name] = try PreviousCalendar(path: URL(fileURLWithPath: previous).appendingPathComponent(name).path)
            }
        } else if let previous {
            earlier.append(try PreviousCalendar(path: previous))
        }
        let (calendars, index) = try self.split(by: split, previous: files, earlier: earlier)
        for calendar in calendars {
            try writeAtomically(calendar.text, to: url.appendingPathComponent(calendar.name).path, inputs: inputs + (previous.map { [$0] } ?? []))
        }
        try writeAtomically(index, to: url.appendingPathComponent("index.md").path, inputs: inputs)
        return calendars
    }
}
