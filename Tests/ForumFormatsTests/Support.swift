import Foundation
import ForumFormats
import ForumModel
import Testing

/// The repository's root folder (this file is Tests/ForumFormatsTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The first ```yaml block of docs/programme-format.md: the format's own example.
func documentedExample() throws -> String {
    let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/programme-format.md"), encoding: .utf8)
    let start = try #require(doc.range(of: "```yaml\n"))
    let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
    return String(doc[start.upperBound..<end.lowerBound])
}

/// The problems `ProgrammeReader` finds in `text` (empty when it reads).
func readErrors(_ text: String, file: String = "test.yaml") -> [InputError] {
    do {
        _ = try ProgrammeReader.read(text: text, file: file)
        return []
    } catch let error as InputError {
        return [error]
    } catch let errors as InputErrors {
        return errors.errors
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// A minimal valid frame to which tests append sections.
let frame = """
event:
  name: Test Forum 2006
  timezone: Europe/Athens
  start: 2006-10-30
  end: 2006-11-01
grid: ["09:30-11:00", "11:30-13:00"]
rooms:
  - id: main-hall
    capacity: 800
  - id: plato-hall
    capacity: 150
themes:
  - id: openness
    title: Openness
people:
  - id: ndesai
    name: Nitin Desai

"""

/// The 1-based column of the first `needle` on 1-based `line` of `text`.
func column(of needle: String, line: Int, in text: String) -> Int? {
    let lines = text.components(separatedBy: "\n")
    guard line - 1 < lines.count, let range = lines[line - 1].range(of: needle) else { return nil }
    return lines[line - 1].unicodeScalars.distance(from: lines[line - 1].unicodeScalars.startIndex, to: range.lowerBound) + 1
}

/// The 1-based number of the first line of `text` that contains `needle`.
func line(of needle: String, in text: String) -> Int? {
    text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
}
