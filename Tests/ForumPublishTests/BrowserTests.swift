import Foundation
import Testing
import ForumFormats
import ForumModel
@testable import ForumPublish

/// The page as headless Chromium (Debian package) renders it, script and all.
@Suite(.serialized) struct BrowserTests {
    /// Runs headless Chromium on `page` with `arguments` (e.g. `--dump-dom`), in a profile of its own.
    static func chromium(_ page: URL, query: String = "", _ arguments: [String]) throws -> ProcessResult {
        let chromium = try Tools.require("chromium")
        let profile = try Tools.temporaryFolder("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        let result = try Tools.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--user-data-dir=\(profile.path)", "--virtual-time-budget=3000"] + arguments
                                   + [page.absoluteString + query], timeout: 120)
        try #require(result.status == 0, "chromium failed: \(result.stderr)")
        return result
    }

    static func write(_ programme: Programme, to name: String) throws -> (URL, URL) {
        let folder = try Tools.temporaryFolder("browser")
        let file = folder.appendingPathComponent(name)
        try HTMLProgramme(programme: programme).render().write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    static func athens() throws -> Programme {
        try ProgrammeReader.read(path: Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
    }

    @Test func everyAthensSessionTitleIsInTheRenderedPage() throws {
        let programme = try Self.athens()
        let (folder, file) = try Self.write(programme, to: "athens-2006.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dom = try Self.chromium(file, ["--dump-dom"]).stdout
        let agenda = Agenda(programme)
        #expect(agenda.items.count >= 40)
        for item in agenda.items {
            #expect(dom.contains(">\(Text.escapeMarkup(item.session.title).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\""))</h3>"),
                    "missing \(item.session.id)")
        }
        #expect(dom.components(separatedBy: "<article class=\"s ").count - 1 == agenda.items.count)
        // The script ran under the page's Content-Security-Policy: filters shown and counting.
        #expect(dom.contains("<form id=\"filters\" class=\"filters\" aria-label=\"Filter the programme\">"))
        #expect(dom.contains("\(agenda.items.count) of \(agenda.items.count) sessions shown"))
        for day in agenda.days { #expect(dom.contains(">\(Text.longDate(day.date))")) }
    }

    @Test func hostileTitlesAreShownAsTextAndNeverRun() throws {
        let (folder, file) = try Self.write(Athens.hostile, to: "hostile.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dom = try Self.chromium(file, ["--dump-dom"]).stdout
        // Shown as text: the serialised DOM holds the escaped title inside the heading.
        #expect(dom.contains("<h3 id=\"s-ws-xss-t\">&lt;img src=x onerror=alert(1)&gt;</h3>"))
        #expect(dom.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;</h3>"))
        #expect(dom.contains("\"&gt;&lt;img src=x onerror=\"document.title='pwned'\"&gt;</h3>"))
        // Never run: no injected element exists and nothing it would have done happened.
        #expect(!dom.contains("<img"))
        #expect(dom.components(separatedBy: "<script").count == 2)
        #expect(!dom.contains("data-pwned=\"1\""))
        #expect(dom.contains("<title>Internet Governance Forum 2006: programme</title>"))
        // The page's own script did run.
        #expect(dom.contains("sessions shown</output>"))
    }

    @Test func filtersFromTheAddressHideOtherSessions() throws {
        let (folder, file) = try Self.write(Athens.programme, to: "athens.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dom = try Self.chromium(file, query: "?theme=security&room=main-hall&room=room-2", ["--dump-dom"]).stdout
        let articles = dom.components(separatedBy: "<article ").dropFirst().map { String($0.prefix { $0 != ">" }) }
        #expect(articles.count == Athens.programme.sessions.count)
        let shown = articles.filter { !$0.contains(" hidden") }
        // Security sessions in the main hall or room 2: the Security main session, Setting the
        // Scene and Taking Stock (all four themes each) and the spam workshop.
        #expect(shown.count == 4)
        #expect(shown.allSatisfy { $0.contains("security") && ($0.contains("data-room=\"main-hall\"") || $0.contains("data-room=\"room-2\"")) })
        #expect(dom.contains("4 of \(articles.count) sessions shown"))
    }

    @Test func printsOneDayPerPage() throws {
        let (folder, file) = try Self.write(Athens.programme, to: "athens.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("athens.pdf")
        _ = try Self.chromium(file, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"])
        let data = try Data(contentsOf: pdf)
        #expect(data.prefix(5) == Data("%PDF-".utf8))
        // Page objects ("/Type /Page", not "/Pages"): each of the four days starts a page and fits on it.
        let text = String(decoding: data, as: UTF8.self)
        let pages = try Regex(#"/Type\s*/Page(?![a-z])"#)
        #expect(text.matches(of: pages).count == Athens.programme.days.count)
    }

    /// The first day as a person sees it, on a desktop and on a phone. Run with
    /// FORUM_UPDATE_EXAMPLES=1 to refresh Examples/athens-2006-day1.png and athens-2006-phone.png.
    @Test func firstDayScreenshotIsAPictureOfTheGrid() throws {
        let (folder, file) = try Self.write(try Self.athens(), to: "athens-2006.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let shot = folder.appendingPathComponent("day1.png")
        _ = try Self.chromium(file, ["--hide-scrollbars", "--window-size=1600,1300", "--screenshot=\(shot.path)"])
        let png = try Data(contentsOf: shot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 1600 && be32(20) == 1300)
        // A page of coloured sessions compresses far worse than an empty or failed page.
        #expect(png.count > 60_000)
        // On a phone the grid becomes a list in time order.
        let phone = folder.appendingPathComponent("phone.png")
        _ = try Self.chromium(file, ["--hide-scrollbars", "--window-size=390,1400", "--screenshot=\(phone.path)"])
        let phonePNG = try Data(contentsOf: phone)
        #expect(phonePNG.prefix(8) == png.prefix(8) && phonePNG.count > 30_000)
        if ProcessInfo.processInfo.environment["FORUM_UPDATE_EXAMPLES"] == "1" {
            let examples = Tools.packageRoot.appendingPathComponent("Examples")
            try FileManager.default.createDirectory(at: examples, withIntermediateDirectories: true)
            try png.write(to: examples.appendingPathComponent("athens-2006-day1.png"))
            try phonePNG.write(to: examples.appendingPathComponent("athens-2006-phone.png"))
        }
    }
}
