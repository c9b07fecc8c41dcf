import Foundation
import Testing
import ForumFormats
import ForumModel
@testable import ForumPublish

/// The page as headless Chromium (Debian package) renders it, script and all.
@Suite(.serialized) struct BrowserTests {
    /// Runs headless Chromium on `page` with `arguments` (e.g. `--dump-dom`), in a profile of its own.
    static func chromium(_ page: URL, query: String = "", environment: [String: String]? = nil, _ arguments: [String]) throws -> ProcessResult {
        let chromium = try Tools.require("chromium")
        let profile = try Tools.temporaryFolder("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        let result = try Tools.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--user-data-dir=\(profile.path)", "--virtual-time-budget=3000"] + arguments
                                   + [page.absoluteString + query],
                               environment: environment.map { ProcessInfo.processInfo.environment.merging($0) { $1 } }, timeout: 120)
        try #require(result.status == 0, "chromium failed: \(result.stderr)")
        return result
    }

    static func write(_ programme: Programme, to name: String, options: HTMLOptions = HTMLOptions()) throws -> (URL, URL) {
        let folder = try Tools.temporaryFolder("browser")
        let file = folder.appendingPathComponent(name)
        try HTMLProgramme(programme: programme, options: options).render().write(to: file, atomically: true, encoding: .utf8)
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

    // MARK: IGF size (350 sessions, 18 rooms)

    /// A 350-session, 18-room, 5-day programme as `forum generate --placed` writes it.
    static let igf: Result<Programme, Error> = Result { try ProgrammeGenerator.generate(GeneratorOptions(placed: true)) }

    /// A session late on the second day in one of the rooms far right: the address
    /// `#<anchor>` scrolls the day's grid down and sideways to it.
    static func farSession(_ page: HTMLProgramme) throws -> String {
        let day = page.agenda.days[1]
        let order = Dictionary(uniqueKeysWithValues: page.agenda.rooms.enumerated().map { ($1.id, $0) })
        let item = try #require(day.items.first { (order[$0.roomKey] ?? 0) >= 9 && $0.range.start.minutes >= 15 * 60 })
        return page.anchors[item.key]!
    }

    /// Writes `programme`'s page into a new folder, and a copy of it (`measured.html`) whose
    /// Content-Security-Policy also lets `script` run; `script` ends by putting a JSON object
    /// into `<pre id="measure">`. Chromium shows the copy in a `width`×`height` frame (a
    /// headless window is at least 500 px wide, so phones are measured in a frame) and the
    /// JSON is returned.
    static func measure(_ programme: Programme, address: String = "", width: Int, height: Int, script: String,
                        environment: [String: String]? = nil) throws -> [String: Any] {
        let (folder, file) = try write(programme, to: "programme.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        var page = try String(contentsOf: file, encoding: .utf8)
        let csp = try #require(page.firstRange(of: try Regex(#"<meta http-equiv="Content-Security-Policy"[^>]*>"#)))
        page.replaceSubrange(csp, with: "")
        page = page.replacingOccurrences(of: "</body>", with: "<script>addEventListener(\"load\",function(){var r={};try{\(script)}catch(e){r.error=String(e)}var p=document.createElement(\"pre\");p.id=\"measure\";p.textContent=JSON.stringify(r);document.body.appendChild(p)})</script>\n</body>")
        try page.write(to: folder.appendingPathComponent("measured.html"), atomically: true, encoding: .utf8)
        let frame = """
        <!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="measured.html\(address)" style="width:\(width)px;height:\(height)px;border:0;display:block"></iframe><pre id="out"></pre>
        <script>document.getElementById("f").addEventListener("load",function(){var m=this.contentDocument.getElementById("measure");document.getElementById("out").textContent=m?m.textContent:"{}"})</script></body></html>
        """
        let wrapper = folder.appendingPathComponent("frame.html")
        try frame.write(to: wrapper, atomically: true, encoding: .utf8)
        let dom = try chromium(wrapper, environment: environment, ["--allow-file-access-from-files", "--window-size=\(max(width, 500) + 20),\(height + 100)", "--dump-dom"]).stdout
        let json = try #require(dom.firstRange(of: "<pre id=\"out\">").map { String(dom[$0.upperBound...].prefix { $0 != "<" }) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&").utf8)) as? [String: Any])
        #expect(object["error"] == nil, "\(object["error"] ?? "")")
        return object
    }

    /// On a 1,400 × 900 laptop screen, scrolled 1,200 px down and 900 px right inside a day's
    /// grid: the room headings are still at the top of the grid and the times at its left, and
    /// nothing paints over them; one day is shown; the page itself is no wider than the window.
    static let laptopScript = """
    var de=document.documentElement;r.vw=innerWidth;r.sw=de.scrollWidth;r.days=document.querySelectorAll("section.day:not([hidden])").length;\
    var box=document.querySelector("section.day:not([hidden]) .scroll");box.scrollIntoView();var b=box.getBoundingClientRect();\
    r.boxClientWidth=box.clientWidth;r.boxScrollWidth=box.scrollWidth;r.boxRight=b.right;\
    var h=box.querySelector(".rh:not([hidden])");r.headBefore=h.getBoundingClientRect().top-b.top;\
    box.scrollTop=1200;box.scrollLeft=900;r.scrolledDown=box.scrollTop;r.scrolledRight=box.scrollLeft;\
    var hr=h.getBoundingClientRect();r.headAfter=hr.top-b.top;\
    var mid=[].filter.call(box.querySelectorAll(".rh"),function(x){var q=x.getBoundingClientRect();return q.left<b.left+b.width/2&&q.right>b.left+b.width/2})[0],mr=mid.getBoundingClientRect();\
    r.midHeadAfter=mr.top-b.top;var e=document.elementFromPoint(mr.left+mr.width/2,mr.top+mr.height/2);r.headOnTop=!!e&&(e===mid||mid.contains(e));\
    var marks=[].filter.call(box.querySelectorAll(".tm"),function(t){var x=t.getBoundingClientRect();return x.top>hr.bottom+4&&x.bottom<b.bottom-4});\
    var t=marks[0],tr=t.querySelector("time").getBoundingClientRect();r.markLeft=tr.left-b.left;r.markText=t.textContent;r.markWidth=tr.width;\
    var clear=0,covered=[];for(var x=tr.left+1;x<tr.right-1;x+=3){var y=tr.top+tr.height/2,el=document.elementFromPoint(x,y);if(el&&(el===t||t.contains(el)))clear++;else covered.push(el?el.tagName+"."+el.className:"none")}\
    r.markPointsClear=clear;r.markCoveredBy=covered.join(",");\
    var card=[].filter.call(box.querySelectorAll("article.s"),function(a){return a.getBoundingClientRect().left<b.left+20&&a.getBoundingClientRect().right>b.left+80})[0];r.cardUnderTimes=!!card;
    """

    @Test func igfGridOnALaptopKeepsRoomHeadingsAndTimesReadableAfterScrolling() throws {
        let programme = try Self.igf.get()
        #expect(programme.sessions.count == 350 && programme.rooms.count == 18)
        let r = try Self.measure(programme, width: 1400, height: 900, script: Self.laptopScript)
        // The page fits the window; the day's grid scrolls inside its own box.
        #expect(r["sw"] as? Double ?? .infinity <= 1400)
        #expect(r["boxRight"] as? Double ?? .infinity <= 1400)
        #expect(r["days"] as? Int == 1)
        #expect(r["scrolledDown"] as? Double == 1200 && r["scrolledRight"] as? Double == 900)
        // Sticky: the headings stay at the box's top edge, the times at its left edge…
        #expect(abs(r["headBefore"] as? Double ?? 99) <= 1)
        #expect(abs(r["headAfter"] as? Double ?? 99) <= 1 && abs(r["midHeadAfter"] as? Double ?? 99) <= 1)
        #expect(r["headOnTop"] as? Bool == true)
        #expect(abs((r["markLeft"] as? Double ?? 99) - 6.4) <= 6)
        // …and no card paints over a time, though cards have scrolled under the column.
        #expect(r["cardUnderTimes"] as? Bool == true)
        #expect((r["markPointsClear"] as? Int ?? 0) >= 8, "covered by \(r["markCoveredBy"] ?? "")")
        #expect(r["markCoveredBy"] as? String == "")
        #expect((r["markText"] as? String ?? "").wholeMatch(of: try Regex(#"\d\d:\d\d"#)) != nil)
    }

    @Test func roomFilterFitsTheChosenRoomsIntoALaptopWindow() throws {
        let programme = try Self.igf.get()
        let all = try Self.measure(programme, width: 1400, height: 900, script: Self.laptopScript)
        #expect((all["boxScrollWidth"] as? Double ?? 0) > 2 * 1400, "18 rooms are wider than the window")
        let seven = programme.rooms.prefix(7).map { "room=\($0.id)" }.joined(separator: "&")
        let r = try Self.measure(programme, address: "?" + seven, width: 1400, height: 900, script: """
        var box=document.querySelector("section.day:not([hidden]) .scroll");r.clientWidth=box.clientWidth;r.scrollWidth=box.scrollWidth;\
        r.heads=[].filter.call(box.querySelectorAll(".rh"),function(h){return !h.hidden}).length;\
        r.cards=[].filter.call(box.querySelectorAll("article.s"),function(a){return !a.hidden}).length;
        """)
        #expect(r["heads"] as? Int ?? 99 <= 7)
        #expect((r["cards"] as? Int ?? 0) > 0)
        #expect((r["scrollWidth"] as? Double ?? .infinity) <= (r["clientWidth"] as? Double ?? 0) + 1, "seven rooms fit: \(r)")
    }

    @Test func igfListOnAPhoneHasTimeHeadingsAndNoSidewaysScrolling() throws {
        let programme = try Self.igf.get()
        let r = try Self.measure(programme, width: 390, height: 844, script: """
        var de=document.documentElement;r.vw=innerWidth;r.sw=de.scrollWidth;r.height=de.scrollHeight;\
        r.days=document.querySelectorAll("section.day:not([hidden])").length;\
        var day=document.querySelector("section.day:not([hidden])");\
        r.headings=[].filter.call(day.querySelectorAll(".at"),function(a){return getComputedStyle(a).display!=="none"}).length;\
        r.wider=[].filter.call(document.querySelectorAll("body *"),function(e){var x=e.getBoundingClientRect();return x.width>0&&x.right>innerWidth+0.5}).map(function(e){return e.tagName+"."+e.className}).slice(0,5).join(",");\
        scrollTo(0,6000);var e=document.elementFromPoint(200,8);var at=e&&e.closest?e.closest(".at"):null;r.stuck=at?at.textContent:"";r.stuckTop=at?at.getBoundingClientRect().top:-1;
        """)
        #expect(r["vw"] as? Double == 390)
        #expect((r["sw"] as? Double ?? .infinity) <= 390, "wider: \(r["wider"] ?? "")")
        #expect(r["wider"] as? String == "")
        #expect(r["days"] as? Int == 1)
        let firstDay = Agenda(programme).days[0]
        #expect(r["headings"] as? Int == Set(firstDay.items.map(\.range.start)).count)
        // One day at a time: far shorter than the 58,739 px list of all five days.
        #expect((r["height"] as? Double ?? .infinity) < 25_000)
        // Scrolled down, the current start time is pinned at the top of the screen.
        #expect((r["stuck"] as? String ?? "").wholeMatch(of: try Regex(#"\d\d:\d\d"#)) != nil, "\(r)")
        #expect(abs(r["stuckTop"] as? Double ?? 99) <= 1)
    }

    @Test func dayTabsShowOneDayAndFollowTheAddress() throws {
        let programme = Athens.programme
        let script = """
        r.shown=[].filter.call(document.querySelectorAll("section.day"),function(s){return !s.hidden}).map(function(s){return s.id}).join(" ");\
        var c=document.querySelector("nav.days a[aria-current]");r.current=c?c.getAttribute("data-day"):"";
        """
        let first = try Self.measure(programme, width: 1400, height: 900, script: script)
        #expect(first["shown"] as? String == "d2006-10-30" && first["current"] as? String == "d2006-10-30")
        let third = try Self.measure(programme, address: "#d2006-11-01", width: 1400, height: 900, script: script)
        #expect(third["shown"] as? String == "d2006-11-01")
        // A session's address opens its day.
        let page = HTMLProgramme(programme: programme)
        let item = try #require(page.agenda.days[3].items.first)
        let session = try Self.measure(programme, address: "#" + page.anchors[item.key]!, width: 1400, height: 900, script: script)
        #expect(session["shown"] as? String == "d2006-11-02")
        let all = try Self.measure(programme, address: "#all-days", width: 1400, height: 900, script: script)
        #expect(all["shown"] as? String == page.agenda.days.map { "d\($0.date)" }.joined(separator: " "))
    }

    /// The switch shows times on the viewer's clock (Chromium's zone from TZ) or in UTC,
    /// from the instants in the page; venue time stays in brackets.
    @Test func timeZoneSwitchShowsTheViewersClockAndUTC() throws {
        let script = """
        var p=document.querySelector("#s-opening .when");r.when=p.querySelector("time").textContent;r.bracket=p.querySelector(".utc").textContent;\
        r.mark=document.querySelector("#d2006-10-30 .tm time").textContent;r.say=document.getElementById("tzsay").textContent;\
        r.option=document.querySelector("#tz option[value=local]").textContent;r.value=document.getElementById("tz").value;r.zonesHidden=document.getElementById("zones").hidden;\
        var w=[].filter.call(document.querySelectorAll("#d2006-10-30 .when"),function(x){return x.querySelector("time").getAttribute("datetime").indexOf("T13:30")>0})[0];r.afternoon=w?w.querySelector("time").textContent:"";
        """
        let kiritimati = ["TZ": "Pacific/Kiritimati"]
        let venue = try Self.measure(Athens.programme, width: 1400, height: 900, script: script, environment: kiritimati)
        #expect(venue["zonesHidden"] as? Bool == false && venue["value"] as? String == "venue")
        #expect(venue["when"] as? String == "10:00–13:00" && venue["bracket"] as? String == "(08:00–11:00 UTC)")
        #expect(venue["option"] as? String == "your time zone (Pacific/Kiritimati)")
        // UTC+14: the 10:00 opening in Athens (UTC+2) is 22:00 there, the 13:30 workshops the next day.
        let mine = try Self.measure(Athens.programme, address: "?tz=local", width: 1400, height: 900, script: script, environment: kiritimati)
        #expect(mine["when"] as? String == "22:00–01:00")
        #expect(mine["bracket"] as? String == "(venue 10:00–13:00)")
        #expect(mine["mark"] as? String == "22:00")
        #expect(mine["afternoon"] as? String == "Tue 31 Oct 01:30–03:00")
        #expect(mine["say"] as? String == "Times in your time zone, Pacific/Kiritimati; venue time in brackets.")
        let utc = try Self.measure(Athens.programme, address: "?tz=utc", width: 1400, height: 900, script: script, environment: kiritimati)
        #expect(utc["when"] as? String == "08:00–11:00 UTC" && utc["mark"] as? String == "08:00")
    }

    /// The 350-session page as a person sees it after scrolling: on a 1,400 px laptop, and on
    /// a 390 px phone (top of the page, and scrolled to a session). Run with
    /// FORUM_UPDATE_EXAMPLES=1 to refresh Examples/igf-350-desktop.png and igf-350-phone.png.
    @Test func igfScreenshotsAfterScrolling() throws {
        let programme = try Self.igf.get()
        // With the "Add to calendar" links that `forum export html` gives each session.
        let calendars = Dictionary(uniqueKeysWithValues: programme.sessions.map { ($0.id, "sessions/\($0.id).ics") })
        let (folder, file) = try Self.write(programme, to: "igf-350.html", options: HTMLOptions(sessionCalendars: calendars))
        defer { try? FileManager.default.removeItem(at: folder) }
        let anchor = try Self.farSession(HTMLProgramme(programme: programme))
        func frames(_ frames: [(String, Int, Int)], width: Int, height: Int, name: String) throws -> Data {
            let body = frames.map { "<iframe src=\"\(file.lastPathComponent)\($0.0)\" style=\"width:\($0.1)px;height:\($0.2)px;border:0;flex:none\"></iframe>" }.joined()
            let wrapper = folder.appendingPathComponent(name + ".html")
            try "<!DOCTYPE html><html><body style=\"margin:0;overflow:hidden;background:#888;display:flex;gap:20px\">\(body)</body></html>".write(to: wrapper, atomically: true, encoding: .utf8)
            let shot = folder.appendingPathComponent(name + ".png")
            _ = try Self.chromium(wrapper, ["--allow-file-access-from-files", "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(shot.path)"])
            let png = try Data(contentsOf: shot)
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
            func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            #expect(be32(16) == width && be32(20) == height)
            return png
        }
        let desktop = try frames([("#" + anchor, 1400, 900)], width: 1400, height: 900, name: "desktop")
        let phone = try frames([("", 390, 844), ("#" + anchor, 390, 844)], width: 800, height: 844, name: "phone")
        // Pages of coloured sessions compress far worse than an empty or failed page.
        #expect(desktop.count > 100_000 && phone.count > 60_000)
        if ProcessInfo.processInfo.environment["FORUM_UPDATE_EXAMPLES"] == "1" {
            let examples = Tools.packageRoot.appendingPathComponent("Examples")
            try desktop.write(to: examples.appendingPathComponent("igf-350-desktop.png"))
            try phone.write(to: examples.appendingPathComponent("igf-350-phone.png"))
        }
    }
}
