/// Where bytes stop being UTF-8, for an input error that names the line and the byte
/// ("the file is not UTF-8 text" alone leaves the organiser searching a 30 KB file).
public struct UTF8Position: Hashable, Sendable {
    /// Zero-based byte offset of the first byte that is not part of a well-formed sequence.
    public var offset: Int
    /// One-based line and column (in characters) of that byte.
    public var line: Int
    public var column: Int
    /// The offending bytes, in hex ("0xE9"), for the message.
    public var bytes: String

    /// The first place `data` is not well-formed UTF-8, or nil when all of it is.
    public static func firstInvalid<Bytes: Collection>(in data: Bytes) -> UTF8Position? where Bytes.Element == UInt8 {
        let bytes = Array(data)
        var i = 0, line = 1, column = 1
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var ok = length > 0 && i + length <= bytes.count
            if ok && length > 1 {
                for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { ok = false }
                // Overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
                let second = bytes[i + 1]
                if b == 0xE0 && second < 0xA0 { ok = false }
                if b == 0xED && second > 0x9F { ok = false }
                if b == 0xF0 && second < 0x90 { ok = false }
                if b == 0xF4 && second > 0x8F { ok = false }
            }
            if !ok {
                // The bad byte and the continuation bytes that follow it (as far as a character goes).
                var end = i + 1
                while end < bytes.count && end < i + max(1, length) && bytes[end] & 0xC0 == 0x80 { end += 1 }
                let shown = bytes[i..<end]
                return UTF8Position(offset: i, line: line, column: column,
                                    bytes: shown.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " "))
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return nil
    }

    /// The message of an input error at this position.
    public var message: String { "the file is not UTF-8 text: byte \(offset) (\(bytes)) at line \(line), column \(column) is not part of a UTF-8 character" }
}
