import Foundation
import Testing
import ForumFormats
import ForumModel
import ForumTestSupport
@testable import ForumPublish

@Suite struct MarkdownTests {
    @Test func agendaListsDaysInOrderWithSessionsByTime() throws {
        let text = MarkdownAgenda(programme: Athens.programme).render()
        #expect(text.hasPrefix("# Internet Governance Forum 2006\n"))
        let days = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(days == ["## Monday 30 October 2006 — Opening day", "## Tuesday 31 October 2006 — Openness and Security",
                         "## Wednesday 1 November 2006 — Diversity and Access", "## Thursday 2 November 2006 — Taking stock and closing"])
        #expect(text.contains("All times are local time in Athens (Europe/Athens, UTC+02:00)."))
        #expect(text.contains("""
        ### 10:00

        - **Opening Ceremony** · 10:00–13:00 (08:00–11:00 UTC) · Main Hall · Opening  
          Chair: Michalis Liapis; Speakers: Kostas Karamanlis, Nitin Desai  
          <http://friendsoftheigf.org/session/576>
        """))
        #expect(text.contains("- **Openness** · 10:00–13:00 (08:00–11:00 UTC) · Main Hall · Main session · Openness  \n  Moderator: Nik Gowing\n"))
        // Sessions in the order they start.
        let opening = try #require(text.range(of: "**Opening Ceremony**")), scene = try #require(text.range(of: "**Multistakeholder"))
        let spam = try #require(text.range(of: "**Fighting Spam"))
        #expect(opening.lowerBound < spam.lowerBound && spam.lowerBound < scene.lowerBound)
        #expect(text == MarkdownAgenda(programme: Athens.programme).render())
    }

    @Test func markupInTitlesIsEscaped() {
        let text = MarkdownAgenda(programme: Athens.hostile).render()
        #expect(text.contains("**\\<img src=x onerror=alert(1)\\>**"))
        // Every angle bracket is escaped, so no tag survives.
        #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<img"))
        #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<script"))
        #expect(!text.contains("javascript:"))
        #expect(text.contains("- **Access track** (part 2 of 2) · 13:30–15:00 (11:30–13:00 UTC) · Plato Hall"))
        #expect(text.contains("## Not yet scheduled\n\n- **Workshop without a room yet** · Workshop · Openness\n"))
        #expect(MarkdownAgenda.escape("*bold* _it_ [link](x) `code` a|b &amp; R&D") == "\\*bold\\* \\_it\\_ \\[link\\](x) \\`code\\` a\\|b \\&amp; R&D")
        #expect(MarkdownAgenda.escape("# not a heading") == "\\# not a heading")
    }

    @Test func realAthensFileGivesEverySession() throws {
        let programme = try ProgrammeReader.read(path: Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
        let text = MarkdownAgenda(programme: programme).render()
        for session in programme.sessions where session.isPlaced {
            #expect(text.contains("**\(MarkdownAgenda.escape(session.title))**"), "\(session.id)")
        }
    }

    /// Links only for http, https and mailto addresses that cannot end the autolink early;
    /// the event name in the heading and every text escaped (issue 12).
    @Test func hostileAddressesAndNamesNeverBecomeMarkupOrHTML() {
        var programme = Athens.hostile
        programme.event.name = "# <script>alert(1)</script>"
        programme.event.url = "https://example.org/><script>alert(1)</script>"
        programme.event.city = "1. <img src=x onerror=alert(1)>"
        let text = MarkdownAgenda(programme: programme).render()
        #expect(text.hasPrefix("# \\# \\<script\\>alert(1)\\</script\\>\n"), "\(text.prefix(80))")
        #expect(text.contains("\n1\\. \\<img src=x onerror=alert(1)\\>"))
        let unescaped = text.replacingOccurrences(of: "\\<", with: "")
        #expect(!unescaped.contains("<script") && !unescaped.contains("<img"))
        #expect(!text.contains("javascript:") && !text.contains("<https://example.org/>"))
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "https://a b",
                    "https://x\"onmouseover=alert(1)", "mailto:a@b.org>", "http://a\u{85}b"] {
            #expect(!Text.isSafeLink(url), "\(url)")
        }
        for url in ["https://example.org/a?b=c&d=e", "http://igf.example/s/1", "mailto:team@example.org", " https://trimmed.example "] {
            #expect(Text.isSafeLink(url), "\(url)")
        }
    }

    /// For remote participants: the agenda on another zone's clock, the zone in every heading
    /// and entry, venue time in brackets; days follow that zone (a session can move to the
    /// day before).
    @Test func agendaForAnotherTimeZoneNamesTheZoneAndKeepsVenueTime() throws {
        let utc = MarkdownAgenda(programme: Athens.programme, timeZone: TimeZone(identifier: "UTC")!).render()
        #expect(utc.contains("All times are in UTC; the venue's time (Europe/Athens) is in brackets."))
        #expect(utc.contains("## Monday 30 October 2006 (UTC)\n\n### 08:00 UTC\n\n- **Opening Ceremony** · 08:00–11:00 UTC (10:00–13:00 venue time) · Main Hall · Opening  \n"))
        #expect(!utc.contains("local time in Athens"))
        let times = utc.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(!times.isEmpty && times.allSatisfy { $0.hasSuffix(" UTC") })
        // Los Angeles is ten hours behind Athens that week: the 10:00 opening is at midnight there.
        let la = MarkdownAgenda(programme: Athens.programme, timeZone: TimeZone(identifier: "America/Los_Angeles")!).render()
        #expect(la.contains("in the America/Los\\_Angeles time zone"))
        #expect(la.contains("### 00:00 America/Los\\_Angeles\n\n- **Opening Ceremony** · 00:00–03:00 America/Los\\_Angeles (10:00–13:00 venue time)"))
        let headings = la.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings.first == "## Monday 30 October 2006 (America/Los\\_Angeles)")
        // Every session is still there, once.
        let count = Agenda(Athens.programme).items.count
        #expect(la.components(separatedBy: "\n- **").count - 1 == count)
        #expect(utc.components(separatedBy: "\n- **").count - 1 == count)
        // The venue's own zone gives the ordinary agenda.
        #expect(MarkdownAgenda(programme: Athens.programme, timeZone: TimeZone(identifier: "Europe/Athens")!).render()
                == MarkdownAgenda(programme: Athens.programme).render())
    }

    @Test func exportCommandTakesAZoneAndRefusesAnUnknownOne() throws {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        let athens = Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let utc = try TestProcess.run(forum, ["export", "markdown", athens, "--timezone", "utc"])
        #expect(utc.status == 0)
        #expect(utc.stdout == MarkdownAgenda(programme: try ProgrammeReader.read(path: athens), timeZone: TimeZone(identifier: "UTC")!).render())
        let paris = try TestProcess.run(forum, ["export", "markdown", athens, "--timezone", "Europe/Paris"])
        #expect(paris.status == 0 && paris.stdout.contains("### 09:00 Europe/Paris\n"))
        let unknown = try TestProcess.run(forum, ["export", "markdown", athens, "--timezone", "Mars/Base"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error in `--timezone`: `Mars/Base` is not a time zone"))
        #expect(unknown.stdout.isEmpty)
    }
}
