import Foundation
import Testing
import ForumModel

@Suite struct TextEscapingTests {
    /// Strings that need every kind of escape, and some that need none.
    static let samples = ["plain", "", "say \"hi\"", "back\\slash", "two\nlines\r\n\ttab", "bell\u{7}del\u{7F}",
                          "nel\u{85}ls\u{2028}ps\u{2029}bom\u{FEFF}", "</script><b>", "Genève – 東京 🎉"]

    @Test func doubleQuotedReadsBackAsJSON() throws {
        for text in Self.samples {
            for lessThan in [false, true] {
                let quoted = TextEscaping.doubleQuoted(text, escapingLessThan: lessThan)
                let value = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: [.fragmentsAllowed])
                #expect(value as? String == text, "\(quoted)")
                #expect(quoted.contains("<") == (!lessThan && text.contains("<")))
                // Line breaks other than \n must not reach the output as they are.
                #expect(!quoted.unicodeScalars.contains { [0x0A, 0x0D, 0x85, 0x2028, 0x2029, 0xFEFF].contains($0.value) })
            }
        }
        #expect(TextEscaping.doubleQuoted("plain") == "\"plain\"")
        #expect(TextEscaping.doubleQuoted("a<b", escapingLessThan: true) == "\"a\\u003cb\"")
    }

    @Test func markdownNeutralisesMarkupButKeepsPunctuation() {
        #expect(TextEscaping.markdown("[Access](x) *now*") == "\\[Access\\](x) \\*now\\*")
        #expect(TextEscaping.markdown("- item\nnext") == "\\- item next")
        #expect(TextEscaping.markdown("R&D, &amp; 1-2, 3+4!") == "R&D, \\&amp; 1-2, 3+4!")
        // Line starts that Markdown reads as a list, a heading or an underline.
        #expect(TextEscaping.markdown("2006. A year") == "2006\\. A year")
        #expect(TextEscaping.markdown("1) first") == "1\\) first")
        #expect(TextEscaping.markdown("=== 1.5") == "\\=== 1.5")
        #expect(TextEscaping.markdown("IGF 2.0 (draft)") == "IGF 2.0 (draft)")
    }
}
