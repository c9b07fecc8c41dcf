extension StringProtocol {
    /// The text without leading and trailing white space (newlines included). What
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives for ordinary text, without the
    /// bridge to NSString and back that made that call most of a large import's time.
    public var trimmedWhitespace: String { trimming(while: \.isWhitespace) }

    /// The text without the leading and trailing characters that `predicate` holds for.
    public func trimming(while predicate: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !predicate($0) }) else { return "" }
        let last = lastIndex(where: { !predicate($0) })!
        return String(self[first...last])
    }
}
