import ForumModel

/// A mapping file for `forum import csv`: which spreadsheet column holds which field, how
/// the spreadsheet's words for formats and themes read as kinds, durations and theme ids,
/// and what separates people in one cell. Read with the programme reader's YAML, so every
/// error names its line and column.
///
/// ```yaml
/// columns: {title: Session Title, theme: Thematic Track, speakers: Speakers}
/// people-separator: "|"
/// kinds: {Panel: workshop, Launch: launch-award}
/// themes: {"Digital divides & inclusion": inclusion}
/// durations: {"Panel - 90 Min": 90}
/// ```
public struct ProposalMap: Sendable {
    /// The fields a column can hold, in the order the docs list them.
    public static let fields = ["id", "title", "format", "kind", "duration", "theme", "themes", "organisers", "speakers",
                                "moderators", "online-moderators", "rapporteurs", "abstract", "description",
                                "policy-questions", "sdgs", "tags", "language", "online", "score", "rank", "note"]

    /// Field → the header of its column.
    public var columns: [String: String] = [:]
    /// What separates people in one cell, besides a line break (default `|`).
    public var peopleSeparator: String?
    /// What separates themes, SDGs and tags in one cell (default `;` or `,`).
    public var listSeparator: String?
    /// A spreadsheet's format or kind text (as written) → a kind id.
    public var kinds: [String: String] = [:]
    /// A spreadsheet's theme text → a theme id of the frame.
    public var themes: [String: String] = [:]
    /// A spreadsheet's format text → minutes.
    public var durations: [String: Int] = [:]

    public init() {}

    /// Reads a mapping file; throws every problem at once, each located.
    public static func read(text: String, file: String) throws -> ProposalMap {
        let diagnostics = Diagnostics(file: file)
        let reader = NodeReader(diagnostics: diagnostics)
        var map = ProposalMap()
        guard let root = try Document.load(text: text, file: file) else { return map }
        let known = ["columns", "people-separator", "list-separator", "kinds", "themes", "durations"]
        guard let top = reader.fields(root, "", known: known, what: "a mapping file") else { throw InputErrors(diagnostics.errors) }
        for (field, node, path) in entries(top, "columns", knownKeys: fields, what: "`columns`", diagnostics) {
            if let header = reader.text(node, path) { map.columns[field] = header }
        }
        for (text, node, path) in entries(top, "kinds", knownKeys: nil, what: "`kinds`", diagnostics) {
            if let kind = reader.text(node, path) { map.kinds[text] = kind }
        }
        for (text, node, path) in entries(top, "themes", knownKeys: nil, what: "`themes`", diagnostics) {
            if let theme = reader.text(node, path) { map.themes[text] = theme }
        }
        for (text, node, path) in entries(top, "durations", knownKeys: nil, what: "`durations`", diagnostics) {
            if let minutes = reader.duration(node, path) { map.durations[text] = minutes }
        }
        for key in ["people-separator", "list-separator"] {
            guard let node = top[key], let text = reader.text(node, key) else { continue }
            if text.isEmpty || text.count > 3 {
                diagnostics.error(node, key, "a separator is one to three characters, not `\(text)`", hint: "e.g. `\(key): \"|\"`")
            } else if key == "people-separator" { map.peopleSeparator = text } else { map.listSeparator = text }
        }
        if !diagnostics.errors.isEmpty { throw InputErrors(diagnostics.errors) }
        return map
    }
}
