import ForumImport
import ForumModel
import Testing

@Suite struct ImportWarningTests {
    @Test func warningNamesPlaceAndField() {
        let warning = ImportWarning(location: SourceLocation(file: "proposals.csv", line: 12), field: "Theme",
                                    message: "`Cybersecurity` is not a theme of the frame; the session has none")
        #expect(warning.description == "proposals.csv:12: warning in `Theme`: `Cybersecurity` is not a theme of the frame; the session has none")
    }
}
