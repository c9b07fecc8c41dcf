import ForumModel

/// Loads YAML (or JSON, which is YAML) into nodes that remember their line and column.
/// Tags are never resolved: every scalar is read as the text the author wrote, because
/// YAML 1.1 would turn an unquoted `10:00` into the integer 600 and `no` into false.
enum Document {
    static func load(text: String, file: String) throws -> YAMLNode? {
        try LibYAML.compose(text, file: file)
    }
}

/// Collects the problems of one file while it is read, so all of them are reported at once.
final class Diagnostics {
    let file: String
    private(set) var errors: [InputError] = []

    init(file: String) { self.file = file }

    /// Where `node` starts, moved `offset` Unicode scalars into its text when it is a
    /// one-line scalar (so an error can point at one word of `2006-10-31 10:00 plato-hal`).
    func location(_ node: YAMLNode?, offset: Int = 0) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        var column = mark.column
        if offset > 0, case .scalar(let scalar)? = node, !scalar.string.contains("\n") {
            switch scalar.style {
            case .plain: column += offset
            case .quoted:
                // Escapes change the width; only point inside quoted text without them.
                if !scalar.string.contains("'") && !scalar.string.contains("\\") && !scalar.string.contains("\"") {
                    column += offset + 1
                }
            default: break
            }
        }
        return SourceLocation(file: file, line: mark.line, column: column)
    }

    func error(_ node: YAMLNode?, _ field: String, _ message: String, hint: String? = nil, offset: Int = 0) {
        errors.append(InputError(location: location(node, offset: offset), field: field, message: message, hint: hint))
    }

    func error(_ node: YAMLNode?, _ field: String, _ problem: TextProblem) {
        error(node, field, problem.message, hint: problem.hint, offset: problem.offset)
    }

    func add(_ error: InputError) { errors.append(error) }
}

/// A YAML map's entries with their key nodes, checked against the keys a place allows.
struct Fields {
    let node: YAMLNode
    let path: String
    let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]

    /// The value of `key` unless it is absent or null (`key:`, `key: ~`, `key: null`).
    subscript(key: String) -> YAMLNode? {
        for i in entries.indices where entries[i].key == key {
            return entries[i].value.isNullScalar ? nil : entries[i].value
        }
        return nil
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// `path.key`, the field path used in errors.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// A YAML node as the reader needs it: the author's text for scalars (never a resolved
/// type), its quoting style, and where it starts. Anchors and aliases are already resolved.
indirect enum YAMLNode {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    struct Scalar {
        enum Style { case plain, quoted, block }
        var string: String
        var style: Style
        var mark: TextMark?
    }

    struct Mapping {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: TextMark?
    }

    struct Sequence {
        var items: [YAMLNode]
        var mark: TextMark?
    }

    var mark: TextMark? {
        switch self {
        case .scalar(let s): return s.mark
        case .mapping(let m): return m.mark
        case .sequence(let q): return q.mark
        }
    }

    /// A plain `~`, `null` or empty scalar: YAML's "no value".
    var isNullScalar: Bool {
        guard case .scalar(let s) = self, s.style == .plain else { return false }
        return s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL"
    }

    /// How an error names what it found: "a list", "a map", "the text `x`".
    var kindDescription: String {
        switch self {
        case .scalar(let s): return "`\(s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string)`"
        case .mapping: return "a map"
        case .sequence: return "a list"
        }
    }
}

/// Typed reading of nodes; each failure is recorded in `diagnostics` and yields nil.
struct NodeReader {
    let diagnostics: Diagnostics

    /// The entries of a map, reporting keys that `known` does not list (with the closest one).
    func fields(_ node: YAMLNode, _ path: String, known: [String], what: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            diagnostics.error(node, path.isEmpty ? "(top level)" : path, "expected \(what) (a map of `key: value`), found \(node.kindDescription)",
                              hint: "keys here: \(known.joined(separator: ", "))")
            return nil
        }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (keyNode, value) in mapping.pairs {
            guard case .scalar(let key) = keyNode else {
                diagnostics.error(keyNode, path, "a key must be a word, found \(keyNode.kindDescription)")
                continue
            }
            guard known.contains(key.string) else {
                let close = closestMatch(to: key.string, in: known)
                diagnostics.error(keyNode, path.isEmpty ? key.string : "\(path).\(key.string)", "unknown key `\(key.string)` in \(what)",
                                  hint: (close.map { "did you mean `\($0)`?" } ?? "")
                                      + (known.count <= 10 ? " (keys here: \(known.joined(separator: ", ")))" : " (docs/programme-format.md lists the keys)"))
                continue
            }
            entries.append((key.string, keyNode, value))
        }
        return Fields(node: node, path: path, entries: entries)
    }

    /// The value of a required key, or an error at the map naming what is missing.
    func required(_ fields: Fields, _ key: String, example: String) -> YAMLNode? {
        if let value = fields[key] { return value }
        diagnostics.error(fields.node, fields.path(key), "missing `\(key)`", hint: "add `\(key): \(example)`")
        return nil
    }

    func text(_ node: YAMLNode, _ path: @autoclosure () -> String) -> String? {
        guard case .scalar(let s) = node else {
            diagnostics.error(node, path(), "expected text, found \(node.kindDescription)")
            return nil
        }
        return s.string
    }

    /// A whole number from `minimum` to `maximum`; anything else, including a number too large
    /// for any integer type, is an error naming the allowed range.
    func integer(_ node: YAMLNode, _ path: @autoclosure () -> String, minimum: Int = 0, maximum: Int = 1_000_000) -> Int? {
        guard let text = text(node, path()) else { return nil }
        let plain = text.filter { $0 != "_" }
        guard let value = Int(text) ?? Int(plain) else {
            let digits = plain.hasPrefix("-") || plain.hasPrefix("+") ? plain.dropFirst() : Substring(plain)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                diagnostics.error(node, path(), "`\(text)` is too \(plain.hasPrefix("-") ? "small" : "large")",
                                  hint: "use a whole number from \(minimum) to \(maximum)")
            } else {
                diagnostics.error(node, path(), "expected a whole number, found \(node.kindDescription)", hint: "e.g. \(max(minimum, 1) * 100)")
            }
            return nil
        }
        guard value >= minimum else {
            diagnostics.error(node, path(), "\(value) is too small", hint: "use \(minimum) or more")
            return nil
        }
        guard value <= maximum else {
            diagnostics.error(node, path(), "\(value) is too large", hint: "use a whole number from \(minimum) to \(maximum)")
            return nil
        }
        return value
    }

    /// A finite decimal number (`3.75`, `4`) from `minimum` to `maximum`.
    func decimal(_ node: YAMLNode, _ path: @autoclosure () -> String, minimum: Double, maximum: Double) -> Double? {
        guard let text = text(node, path()) else { return nil }
        guard let value = Double(text.filter { $0 != "_" }), value.isFinite, !text.contains(where: { $0.isLetter }) else {
            diagnostics.error(node, path(), "expected a number, found \(node.kindDescription)", hint: "e.g. 3.75")
            return nil
        }
        guard value >= minimum, value <= maximum else {
            diagnostics.error(node, path(), "\(text) is out of range", hint: "use a number from \(Int(minimum)) to \(Int(maximum))")
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode, _ path: @autoclosure () -> String) -> Bool? {
        guard let text = text(node, path()) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.error(node, path(), "expected true or false, found \(node.kindDescription)")
            return nil
        }
    }

    /// An id: letters, digits, `-`, `_`, `.`.
    func id(_ node: YAMLNode, _ path: @autoclosure () -> String) -> String? {
        guard let text = text(node, path()) else { return nil }
        guard !text.isEmpty else {
            diagnostics.error(node, path(), "an empty id", hint: "ids are letters, digits, `-`, `_` and `.`, e.g. `ws-12`")
            return nil
        }
        if let bad = Shorthand.badIdCharacter(text) {
            let character = String(text.unicodeScalars[text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: bad)])
            diagnostics.error(node, path(), "`\(text)` is not an id: it contains `\(character)`",
                              hint: "ids are letters, digits, `-`, `_` and `.`, e.g. `\(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }.reduce("") { $0 + String($1) })`",
                              offset: bad)
            return nil
        }
        return text
    }

    /// The items of a list; a single scalar counts as a list of one where `single` allows it
    /// (`speakers: ndesai` for `speakers: [ndesai]`); null is the empty list.
    func list(_ node: YAMLNode, _ path: String, single: Bool = true) -> [(node: YAMLNode, path: String)] {
        if node.isNullScalar { return [] }
        switch node {
        case .sequence(let sequence):
            return sequence.items.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        case .scalar where single:
            return [(node, path)]
        default:
            diagnostics.error(node, path, "expected a list, found \(node.kindDescription)", hint: "write `[a, b]` or one `- item` per line")
            return []
        }
    }

    func parse<T>(_ node: YAMLNode, _ path: @autoclosure () -> String, _ parser: (String) -> Result<T, TextProblem>) -> T? {
        guard let text = text(node, path()) else { return nil }
        switch parser(text) {
        case .success(let value): return value
        case .failure(let problem):
            diagnostics.error(node, path(), problem)
            return nil
        }
    }

    func date(_ node: YAMLNode, _ path: @autoclosure () -> String) -> LocalDate? { parse(node, path()) { Shorthand.date($0) } }
    func time(_ node: YAMLNode, _ path: @autoclosure () -> String) -> TimeOfDay? { parse(node, path()) { Shorthand.time($0) } }
    func range(_ node: YAMLNode, _ path: @autoclosure () -> String) -> TimeRange? { parse(node, path()) { Shorthand.range($0) } }
    func duration(_ node: YAMLNode, _ path: @autoclosure () -> String) -> Int? { parse(node, path()) { Shorthand.duration($0) } }
    func window(_ node: YAMLNode, _ path: @autoclosure () -> String) -> TimeWindow? { parse(node, path()) { Shorthand.window($0) } }

    func windows(_ node: YAMLNode?, _ path: String) -> [TimeWindow] {
        guard let node else { return [] }
        return list(node, path).compactMap { window($0.node, $0.path) }
    }

    func texts(_ node: YAMLNode?, _ path: String) -> [String] {
        guard let node else { return [] }
        return list(node, path).compactMap { text($0.node, $0.path) }
    }
}

extension ProposalMap {
    /// The `text: value` entries of the map under `key`, each with its error path.
    static func entries(_ top: Fields, _ key: String, knownKeys: [String]?, what: String,
                                _ diagnostics: Diagnostics) -> [(String, YAMLNode, String)] {
        guard let node = top[key] else { return [] }
        guard case .mapping(let mapping) = node else {
            diagnostics.error(node, key, "expected a map of `text: value`, found \(node.kindDescription)")
            return []
        }
        var out: [(String, YAMLNode, String)] = []
        for pair in mapping.pairs {
            guard case .scalar(let k) = pair.key else {
                diagnostics.error(pair.key, key, "a key must be text, found \(pair.key.kindDescription)")
                continue
            }
            if let knownKeys, !knownKeys.contains(k.string) {
                diagnostics.error(pair.key, "\(key).\(k.string)", "unknown field `\(k.string)` in \(what)",
                                  hint: (closestMatch(to: k.string, in: knownKeys).map { "did you mean `\($0)`? " } ?? "") + "fields: \(knownKeys.joined(separator: ", "))")
                continue
            }
            out.append((k.string, pair.value, "\(key).\(k.string)"))
        }
        return out
    }
}
