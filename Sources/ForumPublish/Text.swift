import Foundation
import ForumModel

/// Escaping and formatting shared by the exporters. Every piece of text from a programme
/// file goes through one of the escapers before it reaches an output.
enum Text {
    /// Whether XML 1.0 allows `scalar` in a document at all (most C0 controls it does not,
    /// even escaped); such characters are dropped rather than making the file unreadable.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Text for XML or HTML element content and attribute values: `& < > " '` escaped,
    /// characters XML cannot carry dropped.
    static func escapeMarkup(_ text: String) -> String {
        // Most text needs nothing: return it as it is (the exporters escape every string).
        if !text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A lower-case slug of letters, digits and single hyphens (`Openness & Access` → `openness-access`).
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// `HH:MM` for a number of minutes (durations may exceed 24 hours; clock times are the same
    /// thing counted from midnight), as the model writes times of day.
    static func hoursMinutes(_ minutes: Int) -> String { TimeOfDay(minutes: minutes).description }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// `Monday 30 October 2006`: English names, independent of the machine's locale.
    static func longDate(_ date: LocalDate) -> String {
        "\(weekdays[date.weekday - 1]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// `Mon 30 Oct`.
    static func shortDate(_ date: LocalDate) -> String {
        "\(weekdays[date.weekday - 1].prefix(3)) \(date.day) \(months[date.month - 1].prefix(3))"
    }

    /// `30 October – 2 November 2006`, `30 October 2006`, `14–18 May 2012`.
    static func dateSpan(_ start: LocalDate, _ end: LocalDate) -> String {
        if start == end { return "\(start.day) \(months[start.month - 1]) \(start.year)" }
        if start.year == end.year && start.month == end.month {
            return "\(start.day)–\(end.day) \(months[end.month - 1]) \(end.year)"
        }
        if start.year == end.year {
            return "\(start.day) \(months[start.month - 1]) – \(end.day) \(months[end.month - 1]) \(end.year)"
        }
        return "\(start.day) \(months[start.month - 1]) \(start.year) – \(end.day) \(months[end.month - 1]) \(end.year)"
    }

    /// `UTC+02:00` for an offset in seconds.
    static func utcOffset(_ seconds: Int) -> String {
        "UTC" + Event.offsetText(seconds)
    }

    /// Whether `url` may become a link: web and mail addresses only, never `javascript:`,
    /// `data:` or anything else a browser would run; and no space, control character, quote
    /// or angle bracket, which could end a Markdown autolink (`<…>`) or an attribute early.
    static func isSafeLink(_ url: String) -> Bool {
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return false }
        return !lower.unicodeScalars.contains { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || "<>\"`\\".unicodeScalars.contains($0) }
            && !lower.contains(where: \.isWhitespace)
    }

    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.contains(where: \.isWhitespace)
    }
}

extension Role {
    /// `Moderator`, or `Moderators` for several.
    func title(plural: Bool) -> String {
        let word: String
        switch self {
        case .organiser: word = "Organiser"
        case .speaker: word = "Speaker"
        case .moderator: word = "Moderator"
        case .chair: word = "Chair"
        case .rapporteur: word = "Rapporteur"
        case .facilitator: word = "Facilitator"
        case .onlineModerator: word = "Online moderator"
        }
        return plural ? word + "s" : word
    }
}

extension Theme {
    /// The id when it is a code people use, such as WSIS action lines (`C1` … `C11`), and the
    /// title does not already start with it; nil for ids like `openness`.
    var code: String? {
        let scalars = Array(id.unicodeScalars)
        let letters = scalars.prefix { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }.count
        let digits = scalars.count - letters
        guard (1...3).contains(letters), (1...3).contains(digits),
              scalars[letters...].allSatisfy({ ("0"..."9").contains($0) }), !title.hasPrefix(id) else { return nil }
        return id
    }

    /// `C2 Information and communication infrastructure`, or the title alone.
    var label: String { code.map { "\($0) \(title)" } ?? title }

    /// `C2`, or the title: for places with little room (session cards).
    var shortLabel: String { code ?? title }
}
