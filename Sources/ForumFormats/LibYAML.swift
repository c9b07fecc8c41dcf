// libyaml (the system library, module CLibYAML): reading its events directly builds the
// reader's nodes with their line and column, without a YAML library's own node tree, whose
// tags, resolvers and duplicate-key dictionaries cost more than the parse itself on a
// 10,000-session file. Yams' public API was not used: its parser reports a duplicate key at
// the first occurrence (the reader names the second, and where the first was).
import CLibYAML
import ForumModel

/// Where a node starts: 1-based line and column (columns count Unicode scalars, as libyaml does).
struct TextMark: Hashable {
    var line: Int
    var column: Int
}

/// Composes YAML (or JSON) text into ``YAMLNode``s from libyaml's events.
enum LibYAML {
    static func compose(_ text: String, file: String) throws -> YAMLNode? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer -> YAMLNode? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw InputError(location: SourceLocation(file: file), message: "cannot start the YAML reader (out of memory)")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            var composer = Composer(file: file)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(parser, text: text, file: file)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try composer.take(event)
            }
            return composer.root
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t, text: String, file: String) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset; count lines and columns up to it.
            var line = 1, column = 1, offset = 0
            for scalar in text.unicodeScalars {
                if offset >= parser.problem_offset { break }
                offset += String(scalar).utf8.count
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            return InputError(location: SourceLocation(file: file, line: line, column: column),
                              message: "unreadable text: \(problem)", hint: "save the file as UTF-8 without control characters")
        }
        var message = "YAML syntax: \(problem)"
        if let context = parser.context {
            message += " (\(String(cString: context)) at \(parser.context_mark.line + 1):\(parser.context_mark.column + 1))"
        }
        return InputError(location: SourceLocation(file: file, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1),
                          message: message,
                          hint: "check the indentation (spaces, not tabs), and quote text that contains `: ` or ` #` or starts with one of - ? : , [ ] { } # & * ! | > ' \" % @ `")
    }
}

/// Builds the node tree from events with a stack of open collections.
private struct Composer {
    let file: String
    var root: YAMLNode?
    var documents = 0
    var anchors: [String: YAMLNode] = [:]

    /// An open collection: its items, its mark, its anchor, and whether it is a map.
    struct Open {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var mark: TextMark
        var anchor: String?
    }
    var stack: [Open] = []

    init(file: String) { self.file = file }

    static func mark(_ m: yaml_mark_t) -> TextMark { TextMark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    mutating func take(_ event: yaml_event_t) throws {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw InputError(location: SourceLocation(file: file, line: Self.mark(event.start_mark).line, column: Self.mark(event.start_mark).column),
                                 message: "YAML syntax: a second document (`---`) in one file",
                                 hint: "a programme file holds one document; remove the `---` line or split the file")
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
            let style: YAMLNode.Scalar.Style
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
            default: style = .plain
            }
            let node = YAMLNode.scalar(.init(string: text, style: style, mark: Self.mark(event.start_mark)))
            if let anchor = Self.string(s.anchor) { anchors[anchor] = node }
            try add(node)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                let m = Self.mark(event.start_mark)
                throw InputError(location: SourceLocation(file: file, line: m.line, column: m.column),
                                 message: "YAML syntax: the alias `*\(name)` names no anchor", hint: "define `&\(name)` before using `*\(name)`")
            }
            try add(node)
        case YAML_SEQUENCE_START_EVENT:
            stack.append(Open(isMapping: false, mark: Self.mark(event.start_mark), anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            stack.append(Open(isMapping: true, mark: Self.mark(event.start_mark), anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let open = stack.removeLast()
            let node: YAMLNode
            if open.isMapping {
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                pairs.reserveCapacity(open.items.count / 2)
                var i = 0
                while i + 1 < open.items.count {
                    pairs.append((open.items[i], open.items[i + 1]))
                    i += 2
                }
                try checkDuplicates(pairs)
                node = .mapping(.init(pairs: pairs, mark: open.mark))
            } else {
                node = .sequence(.init(items: open.items, mark: open.mark))
            }
            if let anchor = open.anchor { anchors[anchor] = node }
            try add(node)
        default:
            break
        }
    }

    mutating func add(_ node: YAMLNode) throws {
        if stack.isEmpty { root = node } else { stack[stack.count - 1].items.append(node) }
    }

    /// A key given twice in one map: the later would silently replace the earlier.
    func checkDuplicates(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws {
        var seen = Set<String>()
        seen.reserveCapacity(pairs.count)
        for pair in pairs {
            guard case .scalar(let key) = pair.key else { continue }
            if !seen.insert(key.string).inserted {
                let first = pairs.first { if case .scalar(let k) = $0.key { return k.string == key.string } else { return false } }?.key.mark
                throw InputError(location: SourceLocation(file: file, line: key.mark?.line, column: key.mark?.column),
                                 message: "YAML syntax: the key `\(key.string)` appears more than once in one map"
                                     + (first.map { " (first at line \($0.line))" } ?? ""),
                                 hint: "keep one of them (a later one would silently replace the earlier)")
            }
        }
    }
}
