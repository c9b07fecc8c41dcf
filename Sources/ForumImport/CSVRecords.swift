import ForumModel

/// The records of a CSV file (RFC 4180: quoted fields with `""` for a quote, line breaks
/// inside quotes, CRLF or LF, a BOM), each with the line it starts on.
///
/// Written here rather than taken from SwiftCSV (measured, 0.10): that library keeps no line
/// numbers, reads an unterminated quote as the rest of the file without a word, pads short
/// rows to the longest, and throws quote errors without a position; an organiser needs
/// "row 57 (line 63), column Theme" for each of those.
struct CSVRecords {
    struct Record {
        var line: Int
        var cells: [String]
    }
    var records: [Record]
    var delimiter: Character

    /// Splits `text`; `delimiter` nil counts `;` against `,` (and tabs) on the header line.
    init(text: String, file: String, delimiter: Character?) throws {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let chosen = delimiter ?? CSVRecords.guessDelimiter(body.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" })
        self.delimiter = chosen
        var records: [Record] = []
        var cells: [String] = []
        var cell = ""
        var line = 1, recordLine = 1
        var quoted = false, quoteLine = 1, afterQuote = false
        var iterator = body.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            let isBreak = c == "\n" || c == "\r\n" || c == "\r"
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { cell.append("\""); continue }
                        pending = n
                    }
                    quoted = false
                    afterQuote = true
                    continue
                }
                if isBreak { line += 1; cell.append("\n") } else { cell.append(c) }
                continue
            }
            if c == chosen {
                cells.append(cell); cell = ""; afterQuote = false
            } else if isBreak {
                cells.append(cell); cell = ""; afterQuote = false
                records.append(Record(line: recordLine, cells: cells))
                cells = []
                line += 1
                recordLine = line
            } else if c == "\"" && cell.isEmpty && !afterQuote {
                quoted = true
                quoteLine = line
            } else if afterQuote {
                throw InputError(location: SourceLocation(file: file, line: line), field: "row \(records.count + 1), column \(cells.count + 1)",
                                 message: "text `\(c)` after the closing quote of a field",
                                 hint: "a field that holds a quote is quoted whole, with the quote doubled: \"say \"\"hello\"\"\"")
            } else {
                cell.append(c)
            }
        }
        if quoted {
            throw InputError(location: SourceLocation(file: file, line: quoteLine), field: "row \(records.count + 1), column \(cells.count + 1)",
                             message: "a quoted field that never ends: the quote opened here has no closing quote",
                             hint: "close the field with `\"`, and double every quote inside it (`\"\"`)")
        }
        if !cell.isEmpty || !cells.isEmpty {
            cells.append(cell)
            records.append(Record(line: recordLine, cells: cells))
        }
        self.records = records
    }

    /// `;` when the header line has more semicolons than commas (spreadsheets in locales that
    /// write decimal commas), a tab when it has only tabs, else `,`. Quoted text is not counted.
    static func guessDelimiter(_ header: Substring) -> Character {
        var counts: [Character: Int] = [:]
        var quoted = false
        for c in header {
            if c == "\"" { quoted.toggle() } else if !quoted { counts[c, default: 0] += 1 }
        }
        let commas = counts[",", default: 0], semicolons = counts[";", default: 0], tabs = counts["\t", default: 0]
        if semicolons > commas && semicolons >= tabs { return ";" }
        if tabs > commas { return "\t" }
        return ","
    }
}
