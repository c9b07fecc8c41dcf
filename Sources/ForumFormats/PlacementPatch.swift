import ForumModel

/// Saving a programme whose sessions changed only where and whether they are pinned (what the
/// planning board changes) by editing those lines of the author's YAML, so that every comment,
/// the key order and the layout stay as the author wrote them.
///
/// For each changed session it finds the block `- id: ID` in `sessions:` and replaces its
/// `placement:`/`placements:` and `pinned:` entries (a trailing comment on a one-line
/// `placement:` or `pinned:` stays). The result is read back and must give exactly the new
/// programme; anything else (another field changed, a layout this does not know, flow style,
/// JSON) returns nil, and the caller writes the whole file instead.
public enum PlacementPatch {
    /// `original` edited so that it reads as `new`, or nil when that cannot be done safely.
    /// `old` is the programme `original` reads as.
    public static func apply(to original: String, from old: Programme, to new: Programme) -> String? {
        // Only placements and pins may differ.
        var expected = old
        guard old.sessions.count == new.sessions.count else { return nil }
        for i in old.sessions.indices {
            guard old.sessions[i].id == new.sessions[i].id else { return nil }
            expected.sessions[i].placements = new.sessions[i].placements
            expected.sessions[i].pinned = new.sessions[i].pinned
        }
        guard expected == new else { return nil }

        var lines = original.components(separatedBy: "\n")
        for (before, after) in zip(old.sessions, new.sessions) where before.placements != after.placements || before.pinned != after.pinned {
            guard let edited = patch(&lines, session: after, pinnedBefore: before.pinned) else { return nil }
            lines = edited
        }
        let text = lines.joined(separator: "\n")
        guard let reread = try? ProgrammeReader.read(text: text), reread == new else { return nil }
        return text
    }

    /// The indentation of a line (spaces only; a tab makes the layout unknown: nil).
    private static func indent(_ line: String) -> Int? {
        var n = 0
        for c in line {
            if c == " " { n += 1 } else if c == "\t" { return nil } else { break }
        }
        return n
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let t = line.drop { $0 == " " }
        return t.isEmpty || t.hasPrefix("#")
    }

    /// The value and trailing comment of `key: value  # comment` (nil: not that key).
    private static func entry(_ line: String, key: String, at column: Int) -> (value: String, comment: String)? {
        guard indent(line) == column else { return nil }
        let body = line.dropFirst(column)
        guard body.hasPrefix(key + ":") else { return nil }
        let rest = body.dropFirst(key.count + 1)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var value = String(rest), comment = ""
        if let hash = rest.range(of: " #") {
            // The comment keeps the spaces the author put before it.
            let before = rest[..<hash.lowerBound]
            let spaces = before.reversed().prefix { $0 == " " }.count
            value = String(before.dropLast(spaces))
            comment = String(repeating: " ", count: spaces) + String(rest[hash.lowerBound...])
        }
        return (value.trimmingCharacters(in: .whitespaces), comment)
    }

    private static func format(_ p: Placement) -> String {
        let time = p.end.map { p.start.description + "-" + $0.description } ?? p.start.description
        return p.day.description + " " + time + (p.room.map { " " + $0 } ?? "")
    }

    private static func patch(_ lines: inout [String], session: Session, pinnedBefore: Bool) -> [String]? {
        // The session's `- id: ID` line, quoted or not.
        let forms = [session.id, "\"\(session.id)\"", "'\(session.id)'"]
        var start: Int?
        var dash = 0
        for (i, line) in lines.enumerated() {
            guard let n = indent(line) else { continue }
            let body = line.dropFirst(n)
            guard body.hasPrefix("- id:") else { continue }
            var value = String(body.dropFirst(5))
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            if forms.contains(value.trimmingCharacters(in: .whitespaces)) {
                guard start == nil else { return nil }   // the id twice: leave it to the writer
                start = i
                dash = n
            }
        }
        guard let first = start else { return nil }
        let column = dash + 2
        // The block: every following line indented deeper than the dash, or blank, or a comment.
        var end = first + 1
        while end < lines.count {
            let line = lines[end]
            if isBlankOrComment(line) { end += 1; continue }
            guard let n = indent(line), n > dash else { break }
            end += 1
        }
        // Trailing blank and comment lines belong to what follows.
        var last = end - 1
        while last > first && isBlankOrComment(lines[last]) { last -= 1 }

        var block = Array(lines[first...last])
        // Remove the placement entries, remembering where they were and a one-line comment.
        var insertAt: Int?
        var keptComment = ""
        var i = 1
        while i < block.count {
            if let one = entry(block[i], key: "placement", at: column) {
                guard !one.value.isEmpty else { return nil }   // a mapping below: unknown layout
                keptComment = one.comment
                block.remove(at: i)
                insertAt = insertAt ?? i
                continue
            }
            if let many = entry(block[i], key: "placements", at: column) {
                block.remove(at: i)
                insertAt = insertAt ?? i
                if !many.value.isEmpty { continue }   // a flow list on the line
                // Its items: deeper lines, or `- ` at the key's own column.
                while i < block.count {
                    let line = block[i]
                    if isBlankOrComment(line) { break }
                    guard let n = indent(line) else { return nil }
                    if n > column || (n == column && line.dropFirst(n).hasPrefix("- ")) { block.remove(at: i) } else { break }
                }
                continue
            }
            i += 1
        }
        // The pin.
        var pinLine: Int?
        var pinComment = ""
        for j in block.indices.dropFirst() {
            if let pin = entry(block[j], key: "pinned", at: column) { pinLine = j; pinComment = pin.comment }
        }
        let pad = String(repeating: " ", count: column)
        var placementLines: [String] = []
        if session.parts == 1 && session.placements.count == 1 {
            placementLines = [pad + "placement: " + format(session.placements[0]) + keptComment]
        } else if !session.placements.isEmpty {
            placementLines = [pad + "placements:"] + session.placements.map { pad + "  - " + format($0) }
        }
        let at = insertAt ?? pinLine ?? block.count
        block.insert(contentsOf: placementLines, at: at)
        if let old = pinLine {
            let shifted = old >= at ? old + placementLines.count : old
            if session.pinned { block[shifted] = pad + "pinned: true" + pinComment } else { block.remove(at: shifted) }
        } else if session.pinned {
            block.insert(pad + "pinned: true", at: at + placementLines.count)
        }
        var out = lines
        out.replaceSubrange(first...last, with: block)
        return out
    }
}
