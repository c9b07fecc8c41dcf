import Foundation
import ForumModel

/// A document to write: maps keep their order, so the output is the same byte for byte
/// on every run. The writers of programmes and reports build one and emit it as YAML or JSON.
public indirect enum Tree: Hashable, Sendable {
    case text(String)
    /// A word written plain in YAML (`off`), as text in JSON: for values the reader takes
    /// as words where YAML would see booleans.
    case word(String)
    case integer(Int)
    /// A number with a fraction (seconds, rates): its shortest exact decimal form, as Swift
    /// prints it; `null` when not finite.
    case number(Double)
    case bool(Bool)
    case null
    case list([Tree])
    case map([Entry])
    /// A small map written on one line in YAML when it fits (`{weight: 20}`).
    case inlineMap([Entry])

    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: Tree
        public init(_ key: String, _ value: Tree) {
            self.key = key
            self.value = value
        }
    }

    var isScalar: Bool {
        switch self {
        case .list, .map, .inlineMap: return false
        default: return true
        }
    }

    // MARK: YAML

    /// Block-style YAML for people: short lists of plain words inline (`[a, b]`), long
    /// texts as literal blocks, text quoted only where YAML would misread it.
    public func yaml() -> String {
        var out = ""
        switch self {
        case .map(let entries), .inlineMap(let entries): Tree.emitMap(entries, indent: 0, into: &out, topLevel: true)
        case .list(let items): Tree.emitList(items, indent: 0, into: &out)
        default: out = Tree.inline(self) + "\n"
        }
        return out
    }

    private static func emitMap(_ entries: [Entry], indent: Int, into out: inout String, topLevel: Bool = false) {
        let pad = String(repeating: " ", count: indent)
        for (i, entry) in entries.enumerated() {
            if topLevel && i > 0 { out += "\n" }
            if i > 0 || !out.hasSuffix("- ") { out += pad }
            out += yamlKey(entry.key) + ":"
            emitValue(entry.value, indent: indent, into: &out)
        }
    }

    /// Emits a value after `key:` (or `-`), on the same line when it fits there.
    private static func emitValue(_ value: Tree, indent: Int, into out: inout String) {
        switch value {
        case .map(let entries) where !entries.isEmpty, .inlineMap(let entries) where !fitsInline(entries):
            out += "\n"
            emitMap(entries, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty && !fitsInline(items):
            out += "\n"
            emitList(items, indent: indent + 2, into: &out)
        case .text(let text) where literalBlock(text) != nil:
            let (indicator, lines) = literalBlock(text)!
            out += " |\(indicator)\n"
            let pad = String(repeating: " ", count: indent + 2)
            for line in lines { out += line.isEmpty ? "\n" : pad + line + "\n" }
        default:
            out += " " + inline(value) + "\n"
        }
    }

    private static func emitList(_ items: [Tree], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let entries) where !entries.isEmpty, .inlineMap(let entries) where !fitsInline(entries):
                out += pad + "- "
                emitMap(entries, indent: indent + 2, into: &out)
            case .list(let inner) where !inner.isEmpty && !fitsInline(inner):
                out += pad + "-\n"
                emitList(inner, indent: indent + 2, into: &out)
            case .text(let text) where literalBlock(text) != nil:
                out += pad + "-"
                emitValue(item, indent: indent, into: &out)
            default:
                out += pad + "- " + inline(item) + "\n"
            }
        }
    }

    /// A small map of scalars goes on one line, like `{person: ngowing, role: moderator}`.
    private static func fitsInline(_ entries: [Entry]) -> Bool {
        !entries.isEmpty && fitsInline(entries.map(\.value)) && inline(.inlineMap(entries)).count <= 60
    }

    /// A list of short plain scalars goes on one line, like `[interpretation, webcast]`.
    private static func fitsInline(_ items: [Tree]) -> Bool {
        guard items.allSatisfy(\.isScalar) else { return false }
        var width = 0
        for item in items {
            if case .text(let t) = item, t.utf8.contains(10) { return false }
            width += inline(item).count + 2
        }
        return width <= 72
    }

    private static func inline(_ value: Tree, inFlow: Bool = false) -> String {
        switch value {
        case .text(let t): return yamlScalar(t, flow: inFlow)
        case .word(let w): return w
        case .integer(let i): return String(i)
        case .number(let d): return number(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map { inline($0, inFlow: true) }.joined(separator: ", ") + "]"
        case .map(let entries), .inlineMap(let entries):
            return "{" + entries.map { yamlKey($0.key) + ": " + inline($0.value, inFlow: true) }.joined(separator: ", ") + "}"
        }
    }

    private static func yamlKey(_ key: String) -> String { yamlScalar(key) }

    /// Words YAML 1.1 reads as booleans or null.
    private static let specialWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// `text` as a YAML scalar: plain when every YAML reader takes it as this very text,
    /// double-quoted otherwise. Dates (`2006-10-30`) stay plain: they are meant as dates.
    /// Inside `[…]` (`flow`) text with a colon, comma or bracket is quoted too: there they end a scalar.
    static func yamlScalar(_ text: String, flow: Bool = false) -> String {
        plainIsSafe(text) && !(flow && text.contains { ":,[]{}".contains($0) }) ? text : quoted(text)
    }

    static func plainIsSafe(_ text: String) -> Bool {
        // One pass over the scalars (Foundation's substring search is too slow for big files).
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        if scalars.count <= 5, specialWords.contains(text.lowercased()) { return false }
        if first == " " || first == "\t" || last == " " || last == "\t" || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        var previous: Unicode.Scalar = " "
        var numeric = true         // only digits and number punctuation so far
        var firstWordHasColon = false
        var inFirstWord = true
        for s in scalars {
            if s.value < 0x20 || s.value == 0x7f || s == "\u{FEFF}" || s == "\u{2028}" || s == "\u{2029}" || notPrintable(s) { return false }
            if s == " " && previous == ":" { return false }   // `: ` starts a value
            if s == "#" && previous == " " { return false }   // ` #` starts a comment
            if s == " " { inFirstWord = false }
            if inFirstWord && s == ":" { firstWordHasColon = true }
            if numeric && !"0123456789.:+-_eE".unicodeScalars.contains(s) { numeric = false }
            previous = s
        }
        // Numbers, times (sexagesimal in YAML 1.1) and the like, except a plain date.
        if numeric { return isDate(text) }
        // Text that begins with a time (`10:00-13:00 Main morning`) is quoted like a bare
        // time, so slots look alike.
        if firstWordHasColon && ("0"..."9").contains(first) { return false }
        if first == "." || first == "+" || first == "0" {
            let lower = text.lowercased()
            if [".inf", ".nan", "+.inf"].contains(lower) || lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") { return false }
        }
        return true
    }

    private static func isDate(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        return u.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }
    }

    /// C1 controls (U+0080 to U+009F, with U+0085), U+FFFE and U+FFFF: not allowed raw in a
    /// YAML stream (the reader refuses them), so such text is double-quoted, where they are escapes.
    private static func notPrintable(_ s: Unicode.Scalar) -> Bool {
        (0x80...0x9F).contains(s.value) || s.value == 0xFFFE || s.value == 0xFFFF
    }

    /// A double-quoted scalar (YAML and JSON both read it).
    static func quoted(_ text: String) -> String { TextEscaping.doubleQuoted(text) }

    /// For multi-line text: the chomping indicator and the lines of a literal block, or nil
    /// when a literal block would not give back the same text.
    private static func literalBlock(_ text: String) -> (String, [String])? {
        guard text.utf8.contains(10) else { return nil }
        for s in text.unicodeScalars where (s.value < 0x20 && s != "\n") || s.value == 0x7f || notPrintable(s) || s == "\u{2028}" || s == "\u{2029}" || s == "\u{FEFF}" {
            return nil
        }
        var body = Substring(text)
        var trailing = 0
        while body.hasSuffix("\n") { body = body.dropLast(); trailing += 1 }
        guard !body.isEmpty else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The first non-empty line sets the indentation; it must not start with a space.
        guard let firstContent = lines.first(where: { !$0.isEmpty }), !firstContent.hasPrefix(" ") else { return nil }
        // Leading empty lines would be read as less indented than the block; keep it simple.
        guard !lines[0].isEmpty else { return nil }
        // Lines of spaces only would be taken as indentation.
        guard !lines.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == " " } }) else { return nil }
        let indicator = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        return (indicator, lines + Array(repeating: "", count: max(0, trailing - 1)))
    }

    /// `d` as YAML and JSON both read it: `0.25`, `1e-05`; `null` for infinities and NaN.
    private static func number(_ d: Double) -> String { d.isFinite ? d.description : "null" }

    // MARK: JSON

    /// Pretty JSON with two-space indentation; short scalar lists on one line.
    public func json() -> String {
        var out = ""
        Tree.emitJSON(self, indent: 0, into: &out)
        return out + "\n"
    }

    private static func emitJSON(_ value: Tree, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent + 2)
        switch value {
        case .text(let t), .word(let t): out += quoted(t)
        case .integer(let i): out += String(i)
        case .number(let d): out += number(d)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            if fitsInline(items) {
                out += "[" + items.map { item -> String in var s = ""; emitJSON(item, indent: 0, into: &s); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                emitJSON(item, indent: indent + 2, into: &out)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .map(let entries), .inlineMap(let entries):
            if entries.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, entry) in entries.enumerated() {
                out += pad + quoted(entry.key) + ": "
                emitJSON(entry.value, indent: indent + 2, into: &out)
                out += i < entries.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
