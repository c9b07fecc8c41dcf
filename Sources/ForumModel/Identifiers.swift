/// Ids made from other tools' text (calendar locations, spreadsheet names, frab rooms).

/// Whether `text` can be a programme id as it is: ASCII letters, digits, `-`, `_` and `.`.
public func isValidID(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
}

/// A lower-case ASCII id made of `text`: other characters become `-`, runs collapse; at
/// most 60 characters; `fallback` when nothing is left.
public func slug(_ text: String, fallback: String) -> String {
    var result = ""
    var dash = false
    for scalar in text.lowercased().unicodeScalars {
        if (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == "." || scalar == "_" {
            if dash && !result.isEmpty { result.append("-") }
            result.unicodeScalars.append(scalar)
            dash = false
        } else {
            dash = true
        }
    }
    return result.isEmpty ? fallback : String(result.prefix(60))
}

/// `base`, or `base-2`, `base-3`… the first not in `used`, which then holds it.
public func uniqueID(_ base: String, in used: inout Set<String>) -> String {
    var id = base
    var n = 2
    while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
    used.insert(id)
    return id
}
