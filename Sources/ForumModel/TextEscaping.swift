/// Escaping shared by the modules that write programme text into other formats, so that
/// each format is escaped one way only.
public enum TextEscaping {
    /// A double-quoted string that JSON and YAML both read back as `text`. With
    /// `escapingLessThan`, `<` is written `\u003c` too, so the JSON can be inlined in a web
    /// page without ending a script. Works on UTF-8 bytes, and text with nothing to escape is
    /// copied whole: reports and exports quote every string.
    public static func doubleQuoted(_ text: String, escapingLessThan: Bool = false) -> String {
        var clean = true
        for b in text.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF
            || (escapingLessThan && b == 0x3C) {
            clean = false
            break
        }
        if clean { return "\"" + text + "\"" }
        let u = Array(text.utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(u.count + 8)
        var i = 0
        while i < u.count {
            let b = u[i]
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0..<0x20, 0x7F: appendEscape(UInt32(b), to: &out)
            case 0x3C where escapingLessThan: appendEscape(0x3C, to: &out)
            // U+0085, U+2028, U+2029 and U+FEFF: line breaks and a byte-order mark that some
            // readers take for what they are, so written as escapes; the other C1 controls
            // (U+0080 to U+009F) and U+FFFE, U+FFFF, which YAML does not allow raw, too.
            case 0xC2 where i + 1 < u.count && (0x80...0x9F).contains(u[i + 1]):
                appendEscape(UInt32(u[i + 1]), to: &out); i += 1
            case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                appendEscape(u[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out); i += 2
            case 0xEF where i + 2 < u.count && u[i + 1] == 0xBB && u[i + 2] == 0xBF:
                appendEscape(0xFEFF, to: &out); i += 2
            case 0xEF where i + 2 < u.count && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF):
                appendEscape(u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF, to: &out); i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `\uXXXX`.
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)
        for shift in [12, 8, 4, 0] { out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
    }

    /// Whether `scalars[i]` (a `.` or `)`) follows only digits from the start: `1.` or `1)`.
    private static func startsAnOrderedList(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        i > 0 && scalars[..<i].allSatisfy { ("0"..."9").contains($0) }
    }

    /// Text that Markdown shows as written: emphasis, code, links, HTML, tables and entities
    /// are neutralised with backslashes; line breaks become spaces; ordinary punctuation
    /// stays readable.
    public static func markdown(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&":
                // Only where it would start an entity such as `&lt;` or `&#60;`.
                var j = i + 1
                if j < scalars.count && scalars[j] == "#" { j += 1 }
                let nameStart = j
                while j < scalars.count && (("a"..."z").contains(scalars[j]) || ("A"..."Z").contains(scalars[j]) || ("0"..."9").contains(scalars[j])) { j += 1 }
                if j > nameStart && j < scalars.count && scalars[j] == ";" { out += "\\" }
                out += "&"
            case "#" where i == 0, "+" where i == 0, "-" where i == 0, "=" where i == 0,
                 "!" where i + 1 < scalars.count && scalars[i + 1] == "[",
                 // `1.` or `1)` at the start: an ordered list.
                 "." where startsAnOrderedList(scalars, i), ")" where startsAnOrderedList(scalars, i):
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r":
                out += " "
            default:
                if scalar.value >= 0x20 || scalar == "\t" { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
