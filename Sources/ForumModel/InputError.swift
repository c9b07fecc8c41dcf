/// Where in an input file something was found: 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case (let l?, let c?): return "\(file):\(l):\(c)"
        case (let l?, nil): return "\(file):\(l)"
        default: return file
        }
    }
}

/// Input that cannot be used: names the place, the field, what is wrong and what would be right.
/// Every reader (programme files, calendars, benchmark instances) reports problems this way,
/// and the CLI turns it into exit code 2.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// Dotted path of the field, e.g. `sessions[3].room`.
    public var field: String?
    /// What is wrong.
    public var message: String
    /// What would be right, e.g. "did you mean `plato-hall`?".
    public var hint: String?

    public init(location: SourceLocation, field: String? = nil, message: String, hint: String? = nil) {
        self.location = location
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(location): error"
        if let field { text += " in `\(field)`" }
        text += ": \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Several input errors found in one pass, so the organiser fixes them all at once.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// The closest string to `word` among `candidates` by edit distance, for "did you mean" hints.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    let a = Array(word.lowercased())
    for candidate in candidates {
        let b = Array(candidate.lowercased())
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        let distance = a.isEmpty ? b.count : previous[b.count]
        if best == nil || distance < best!.1 { best = (candidate, distance) }
    }
    return best?.0
}
