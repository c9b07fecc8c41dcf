import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ForumTestSupport
import Testing

/// `forum serve` through its HTTP API, on Athens 2006: the token, trial moves with the
/// incremental scorer, undo, saving (and refusing to save over a changed file), the recovery
/// file, place the rest, and bad requests that get a 4xx and leave the server running.
@Suite(.serialized) struct BoardServeTests {
    static let mover = "ws-interconnection-costs"       // Room 1, 30 Oct 13:30
    static let other = "ws-multilingual-internet"       // Kleoniki Room, 30 Oct 13:30
    static let onOther: [String: Any] = ["session": mover, "day": "2006-10-30", "start": "13:30", "room": "kleoniki-room"]

    @Test func requestsWithoutTheTokenAreRefused() async throws {
        let board = try BoardUnderTest()
        #expect(board.url.hasPrefix("http://127.0.0.1:\(board.server.port)/?token="))
        #expect(board.token.count == 64)
        for (method, path) in [("GET", "/api/state"), ("POST", "/api/move"), ("POST", "/api/save"), ("POST", "/api/undo"), ("POST", "/api/solve")] {
            let without = try await board.call(method, path, json: method == "POST" ? Self.onOther : nil, token: false)
            #expect(without.status == 403, "\(method) \(path) without a token: \(without.status)")
            #expect((without.json["error"] as? String)?.contains("token") == true)
            let wrong = try await board.call(method, path, json: method == "POST" ? Self.onOther : nil, token: String(repeating: "0", count: 64))
            #expect(wrong.status == 403)
        }
        // Nothing was moved, saved or solved by those requests.
        let state = try await board.state()
        #expect(state["dirty"] as? Bool == false)
        #expect(BoardUnderTest.placement(state, Self.mover)?["room"] as? String == "room-1")
        // A cross-site page cannot set the header; a token in the address is taken for GET only.
        let viaQuery = try await board.call("POST", "/api/undo?token=\(board.token)", token: false)
        #expect(viaQuery.status == 403)
        #expect(try await board.call("GET", "/api/state?token=\(board.token)", token: false).status == 200)
        // The page and its assets need no token; they hold no programme data.
        let page = try await board.call("GET", "/", token: false)
        #expect(page.status == 200)
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        #expect(!page.text.contains("Internet Governance Forum"))
        // Another Host (DNS rebinding) is refused.
        #expect(try await board.call("GET", "/api/state", headers: ["Host": "attacker.example"]).status == 421)
    }

    @Test func movingAWorkshopOntoAnothersPlaceReportsRoomConflictAndUndoRestores() async throws {
        let board = try BoardUnderTest()
        let before = try await board.state()
        let start = BoardUnderTest.score(before)
        #expect(start.hard == 0)

        let check = try await board.call("POST", "/api/check", json: Self.onOther)
        #expect(check.status == 200, "\(check.text)")
        let added = check.json["added"] as? [[String: Any]] ?? []
        let conflict = try #require(added.first { $0["rule"] as? String == "room-conflict" }, "check added: \(check.text)")
        #expect((conflict["sessions"] as? [String])?.sorted() == [Self.other, Self.mover].sorted())
        #expect(conflict["hard"] as? Bool == true)
        #expect((conflict["sentence"] as? String)?.contains("double-booked") == true)
        #expect(conflict["fix"] as? String != nil)
        let change = BoardUnderTest.score(check.json, "change")
        #expect(change.hard > 0, "the score change before the drop: \(check.text)")
        #expect(BoardUnderTest.score(check.json, "before") == start)
        #expect((check.json["rules"] as? [[String: Any]])?.contains { $0["rule"] as? String == "room-conflict" } == true)
        // The check changed nothing.
        #expect(BoardUnderTest.score(try await board.state()) == start)

        let moved = try await board.call("POST", "/api/move", json: Self.onOther)
        #expect(moved.status == 200)
        #expect(BoardUnderTest.score(moved.json) == BoardUnderTest.score(check.json, "after"))
        #expect(BoardUnderTest.rules(moved.json["violations"]).contains("room-conflict"))
        #expect(moved.json["dirty"] as? Bool == true)
        #expect(BoardUnderTest.session(moved.json, Self.mover)?["hard"] as? Bool == true)

        let undone = try await board.call("POST", "/api/undo")
        #expect(undone.status == 200)
        #expect(BoardUnderTest.score(undone.json) == start)
        #expect(!BoardUnderTest.rules(undone.json["violations"]).contains("room-conflict"))
        #expect(BoardUnderTest.placement(undone.json, Self.mover)?["room"] as? String == "room-1")
        #expect(undone.json["dirty"] as? Bool == false)
        let redone = try await board.call("POST", "/api/redo")
        #expect(BoardUnderTest.placement(redone.json, Self.mover)?["room"] as? String == "kleoniki-room")
        _ = try await board.call("POST", "/api/undo")
        #expect(try await board.call("POST", "/api/redo").status == 200)
        #expect(try await board.call("POST", "/api/redo").status == 409, "nothing left to redo")
    }

    @Test func theSavedFileValidatesWithTheBoardsScore() async throws {
        let forum = try #require(TestProcess.forumExecutable())
        let board = try BoardUnderTest()
        // Move a workshop to a free room on another day (no rule worse off), pin another, then save.
        let move: [String: Any] = ["session": Self.mover, "day": "2006-11-02", "start": "13:30", "room": "room-4"]
        #expect(try await board.call("POST", "/api/move", json: move).status == 200)
        #expect(try await board.call("POST", "/api/pin", json: ["session": Self.other]).status == 200)
        let state = try await board.state()
        let saved = try await board.call("POST", "/api/save")
        #expect(saved.status == 200, "\(saved.text)")
        // Only the changed sessions' lines were edited: every comment and line else is the author's.
        #expect(saved.json["commentsKept"] as? Bool == true)
        #expect(saved.json["rewritten"] as? Bool == false)
        let before = try String(contentsOf: TestProcess.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml"), encoding: .utf8)
        let after = try String(contentsOf: board.programme, encoding: .utf8)
        let difference = after.components(separatedBy: "\n").difference(from: before.components(separatedBy: "\n"))
        let removed = difference.removals.map { change -> String in if case .remove(_, let line, _) = change { return line }; return "" }
        let inserted = difference.insertions.map { change -> String in if case .insert(_, let line, _) = change { return line }; return "" }
        #expect(removed == ["    placement: 2006-10-30 13:30 room-1  # RECONSTRUCTED"])
        #expect(inserted.sorted() == ["    pinned: true", "    placement: 2006-11-02 13:30 room-4  # RECONSTRUCTED"])
        #expect(after.contains("    placement: 2006-10-30 13:30 kleoniki-room   # RECONSTRUCTED (time and room unknown)\n    pinned: true\n"))
        #expect(try await board.state()["dirty"] as? Bool == false)
        #expect(!FileManager.default.fileExists(atPath: board.folder.appendingPathComponent(".athens-2006.yaml.forum-recovery").path))

        let checked = try TestProcess.run(forum, ["validate", board.programme.path, "--format", "json"])
        #expect(checked.status == 0, "\(checked.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect(BoardUnderTest.score(report) == BoardUnderTest.score(state), "forum validate and the board count the same")
        // Saving again with nothing changed on disk is fine.
        #expect(try await board.call("POST", "/api/save").status == 200)
        #expect(try String(contentsOf: board.programme, encoding: .utf8) == after)
    }

    @Test func aLayoutThatCannotBeEditedLineByLineIsRewrittenAndTheOriginalKept() async throws {
        // A placement written as a mapping: the board rewrites the whole file and keeps the original.
        let board = try BoardUnderTest(edit: {
            $0.replacingOccurrences(of: "    placement: 2006-10-30 13:30 room-1  # RECONSTRUCTED",
                                    with: "    placement:\n      day: 2006-10-30\n      start: \"13:30\"\n      room: room-1")
        })
        let original = try String(contentsOf: board.programme, encoding: .utf8)
        let move: [String: Any] = ["session": Self.mover, "day": "2006-11-02", "start": "13:30", "room": "room-4"]
        #expect(try await board.call("POST", "/api/move", json: move).status == 200)
        let saved = try await board.call("POST", "/api/save")
        #expect(saved.status == 200)
        #expect(saved.json["rewritten"] as? Bool == true)
        #expect(saved.json["commentsKept"] as? Bool == false)
        #expect((saved.json["note"] as? String)?.contains("athens-2006.orig.yaml") == true)
        let kept = try #require(saved.json["original"] as? String)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == original)
        let forum = try #require(TestProcess.forumExecutable())
        #expect(try TestProcess.run(forum, ["validate", board.programme.path]).status == 0)
    }

    @Test func savingOverAFileChangedOnDiskIsRefused() async throws {
        let board = try BoardUnderTest()
        #expect(try await board.call("POST", "/api/move", json: Self.onOther).status == 200)
        // Someone edits the file meanwhile.
        let edited = try String(contentsOf: board.programme, encoding: .utf8) + "\n# edited by hand while the board was open\n"
        try edited.write(to: board.programme, atomically: true, encoding: .utf8)
        let refused = try await board.call("POST", "/api/save")
        #expect(refused.status == 409)
        #expect((refused.json["error"] as? String)?.contains("changed on disk") == true)
        #expect((refused.json["hint"] as? String)?.contains("reload") == true)
        #expect(try String(contentsOf: board.programme, encoding: .utf8) == edited, "the file is left as the other editor wrote it")
        // Reload takes the file's version; the board's move stays in the undo history.
        let reloaded = try await board.call("POST", "/api/reload")
        #expect(reloaded.status == 200)
        #expect(BoardUnderTest.placement(reloaded.json, Self.mover)?["room"] as? String == "room-1")
        let back = try await board.call("POST", "/api/undo")
        #expect(BoardUnderTest.placement(back.json, Self.mover)?["room"] as? String == "kleoniki-room")
        #expect(try await board.call("POST", "/api/save").status == 200)
    }

    @Test func unsavedChangesAreKeptInTheRecoveryFileAndCtrlCSaysSo() async throws {
        let board = try BoardUnderTest()
        let recovery = board.folder.appendingPathComponent(".athens-2006.yaml.forum-recovery")
        let untouched = try String(contentsOf: board.programme, encoding: .utf8)
        #expect(!FileManager.default.fileExists(atPath: recovery.path))
        #expect(try await board.call("POST", "/api/move", json: Self.onOther).status == 200)
        let kept = try String(contentsOf: recovery, encoding: .utf8)
        #expect(kept.contains("kleoniki-room"))
        kill(board.server.pid, SIGINT)
        board.server.process.waitUntilExit()
        #expect(board.server.process.terminationStatus == 0)
        #expect(board.server.logTail.contains("unsaved changes"))
        #expect(board.server.logTail.contains(recovery.lastPathComponent))
        #expect(try String(contentsOf: board.programme, encoding: .utf8) == untouched, "Ctrl-C saves nothing")

        // --recover starts from them.
        let forum = try #require(TestProcess.forumExecutable())
        let again = try TestProcess.startServer(forum, ["serve", board.programme.path, "--port", "{port}", "--recover"])
        defer { again.stop() }
        var token = ""
        for _ in 0..<200 where token.isEmpty {
            if let range = again.logTail.range(of: "?token=") { token = String(again.logTail[range.upperBound...].prefix(64)) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        var request = URLRequest(url: URL(string: again.base + "/api/state")!)
        request.setValue(token, forHTTPHeaderField: "X-Forum-Token")
        let (data, _) = try await URLSession.shared.data(for: request)
        let state = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(state["dirty"] as? Bool == true)
        #expect(BoardUnderTest.placement(state, Self.mover)?["room"] as? String == "kleoniki-room")
        again.stop()

        // Recovered changes made on another version of the file: saving refuses until reload.
        try (untouched + "\n# edited after the board stopped\n").write(to: board.programme, atomically: true, encoding: .utf8)
        let third = try TestProcess.startServer(forum, ["serve", board.programme.path, "--port", "{port}", "--recover"])
        defer { third.stop() }
        token = ""
        for _ in 0..<200 where token.isEmpty {
            if let range = third.logTail.range(of: "?token=") { token = String(third.logTail[range.upperBound...].prefix(64)) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(third.logTail.contains("another version"))
        var save = URLRequest(url: URL(string: third.base + "/api/save")!)
        save.httpMethod = "POST"
        save.setValue(token, forHTTPHeaderField: "X-Forum-Token")
        let (_, response) = try await URLSession.shared.data(for: save)
        #expect((response as? HTTPURLResponse)?.statusCode == 409)
    }

    @Test func badRequestsGetAClearFourHundredAndTheServerStaysUp() async throws {
        let board = try BoardUnderTest()
        let cases: [(String, String, String?, Int)] = [
            ("POST", "/api/move", "", 400),
            ("POST", "/api/move", "not json", 400),
            ("POST", "/api/move", "[1,2]", 400),
            ("POST", "/api/move", "{\"session\": 7}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\"}", 400),
            ("POST", "/api/move", "{\"session\": \"no-such\", \"day\": \"2006-10-30\", \"start\": \"09:30\", \"room\": \"room-1\"}", 404),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2006-02-30\", \"start\": \"09:30\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2007-01-01\", \"start\": \"09:30\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2006-10-30\", \"start\": \"9h\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2006-10-30\", \"start\": \"23:59\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2006-10-30\", \"start\": \"09:30\", \"room\": \"plato-hal\"}", 404),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"day\": \"2006-10-30\", \"start\": \"09:30\"}", 400),
            ("POST", "/api/move", "{\"session\": \"ws-spam\", \"part\": -1, \"day\": \"2006-10-30\", \"start\": \"09:30\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/check", "{\"session\": \"ws-spam\", \"part\": 99999999999999999999, \"day\": \"2006-10-30\", \"start\": \"09:30\", \"room\": \"room-1\"}", 400),
            ("POST", "/api/pin", "{}", 400),
            ("POST", "/api/unpin", "{\"session\": \"ws-spam\"}", 409),
            ("POST", "/api/unplace", "{\"session\": \"opening\"}", 409),
            ("POST", "/api/undo", nil, 409),
            ("POST", "/api/solve/accept", nil, 409),
            ("POST", "/api/solve/stop", nil, 409),
            ("POST", "/api/solve", "{\"seconds\": -1}", 400),
            ("POST", "/api/solve", "{\"seconds\": 1e308}", 400),
            ("POST", "/api/move", String(repeating: "[", count: 500_000), 400),
            ("POST", "/api/move", "\u{FF}\u{FE}{\"session\": 1}", 400),
            ("GET", "/api/move", nil, 405),
            ("GET", "/api/export/../../etc/passwd", nil, 404),
            ("GET", "/api/nothing", nil, 404),
            ("GET", "/etc/passwd", nil, 404),
            ("GET", "/../Schedules/athens-2006.yaml", nil, 404),
        ]
        for (method, path, body, status) in cases {
            let reply: BoardUnderTest.Reply
            do { reply = try await board.call(method, path, raw: body) } catch {
                Issue.record("\(method) \(path) \(body?.prefix(60) ?? ""): \(error)")
                continue
            }
            #expect(reply.status == status, "\(method) \(path) \(body ?? ""): \(reply.status) \(reply.text)")
            #expect(reply.json["error"] is String, "\(method) \(path): a JSON message, not \(reply.text)")
        }
        // A hint names the closest id.
        let typo = try await board.call("POST", "/api/move", raw: "{\"session\": \"ws-spamm\", \"day\": \"2006-10-30\", \"start\": \"09:30\", \"room\": \"room-1\"}")
        #expect((typo.json["hint"] as? String)?.contains("ws-spam") == true)
        // A body past the limit.
        let huge = try await board.call("POST", "/api/check", raw: "{\"session\": \"" + String(repeating: "x", count: 2 << 20) + "\"}")
        #expect((400..<500).contains(huge.status))
        #expect(board.server.process.isRunning)
        let state = try await board.state()
        #expect(state["dirty"] as? Bool == false, "no bad request changed the board")
    }

    @Test func aHostileTitleTravelsAsPlainText() async throws {
        let hostile = "<img src=x onerror=\"window.__pwned=1\"> & </script><script>window.__pwned=2</script>"
        let board = try BoardUnderTest(edit: { $0.replacingOccurrences(of: "title: \"Fighting Spam: Policy and Technical Cooperation\"", with: "title: '\(hostile.replacingOccurrences(of: "'", with: "''"))'") })
        let state = try await board.state()
        #expect(BoardUnderTest.session(state, "ws-spam")?["title"] as? String == hostile)
        let script = try await board.call("GET", "/board.js", token: false)
        #expect(script.status == 200)
        #expect(!script.text.contains("innerHTML"), "the page builds its DOM with textContent only")
        #expect(!script.text.contains("insertAdjacentHTML") && !script.text.contains("document.write"))
        #expect(try await board.call("GET", "/", token: false).headers["content-security-policy"]?.contains("script-src 'self'") == true)
    }

    @Test func placeTheRestKeepsPinnedSessionsAndOffersAProposal() async throws {
        let board = try BoardUnderTest()
        #expect(try await board.call("POST", "/api/unplace", json: ["session": Self.mover]).status == 200)
        #expect(try await board.call("POST", "/api/pin", json: ["session": Self.other]).status == 200)
        let pinnedAt = BoardUnderTest.placement(try await board.state(), Self.other)
        let started = try await board.call("POST", "/api/solve", json: ["seconds": 2])
        #expect(started.status == 202, "\(started.text)")
        #expect(try await board.call("POST", "/api/solve", json: ["seconds": 2]).status == 409, "one run at a time")
        // Server-sent events: progress, then done with the proposal.
        var request = URLRequest(url: URL(string: board.server.base + "/api/solve/events?token=\(board.token)")!)
        request.timeoutInterval = 60
        let (events, _) = try await URLSession.shared.data(for: request)
        let stream = String(decoding: events, as: UTF8.self)
        #expect(stream.contains("event: progress") || stream.contains("event: done"))
        #expect(stream.contains("event: done"), "\(stream.suffix(500))")
        var status = try await board.call("GET", "/api/solve").json
        for _ in 0..<100 where status["running"] as? Bool == true {
            try await Task.sleep(nanoseconds: 100_000_000)
            status = try await board.call("GET", "/api/solve").json
        }
        let proposal = try #require(status["proposal"] as? [String: Any], "\(status)")
        let moved = proposal["moved"] as? [[String: Any]] ?? []
        #expect(moved.contains { $0["session"] as? String == Self.mover && $0["from"] == nil && $0["to"] != nil }, "\(moved)")
        #expect(!moved.contains { $0["session"] as? String == Self.other })
        #expect(proposal["feasible"] as? Bool == true)
        // Nothing changes until it is accepted.
        #expect(BoardUnderTest.placement(try await board.state(), Self.mover) == nil)
        let accepted = try await board.call("POST", "/api/solve/accept")
        #expect(accepted.status == 200)
        #expect(BoardUnderTest.placement(accepted.json, Self.mover) != nil)
        #expect(BoardUnderTest.placement(accepted.json, Self.other)?["room"] as? String == pinnedAt?["room"] as? String)
        #expect(BoardUnderTest.placement(accepted.json, Self.other)?["start"] as? String == pinnedAt?["start"] as? String)
        #expect(BoardUnderTest.score(accepted.json).hard == 0)
        // Undo takes the proposal back.
        let undone = try await board.call("POST", "/api/undo")
        #expect(BoardUnderTest.placement(undone.json, Self.mover) == nil)
    }

    @Test func withAPublishedProgrammeEachMoveFromItCostsAndPlaceTheRestKeepsToIt() async throws {
        let published = TestProcess.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let board = try BoardUnderTest(arguments: ["--published", published])
        let move: [String: Any] = ["session": Self.mover, "day": "2006-11-02", "start": "13:30", "room": "room-4"]
        let check = try await board.call("POST", "/api/check", json: move)
        #expect((check.json["rules"] as? [[String: Any]])?.contains { $0["rule"] as? String == "moved-from-published" } == true, "\(check.text)")
        let moved = try await board.call("POST", "/api/move", json: move)
        #expect(BoardUnderTest.rules(moved.json["violations"]).contains("moved-from-published"))
        // The solver, free to move everything unpinned, brings nothing else away from the published programme.
        #expect(try await board.call("POST", "/api/solve", json: ["seconds": 1]).status == 202)
        var status = try await board.call("GET", "/api/solve").json
        for _ in 0..<100 where status["proposal"] == nil {
            try await Task.sleep(nanoseconds: 100_000_000)
            status = try await board.call("GET", "/api/solve").json
        }
        let proposal = try #require(status["proposal"] as? [String: Any])
        let movedParts = (proposal["moved"] as? [[String: Any]] ?? []).compactMap { $0["session"] as? String }
        #expect(movedParts.allSatisfy { $0 == Self.mover }, "only the moved workshop may go (back): \(movedParts)")
    }

    @Test func theBoardPublishesWhatIsOnIt() async throws {
        let board = try BoardUnderTest()
        let move: [String: Any] = ["session": Self.mover, "day": "2006-11-02", "start": "13:30", "room": "room-4"]
        #expect(try await board.call("POST", "/api/move", json: move).status == 200)
        let calendar = try await board.call("GET", "/api/export/ics?token=\(board.token)", token: false)
        #expect(calendar.status == 200)
        #expect(calendar.headers["content-type"]?.hasPrefix("text/calendar") == true)
        #expect(calendar.text.contains("BEGIN:VCALENDAR"))
        #expect(calendar.text.contains("DTSTART;TZID=Europe/Athens:20061102T133000"))
        let html = try await board.call("GET", "/api/export/html", token: true)
        #expect(html.text.contains("<!DOCTYPE html>"))
        #expect(html.headers["content-disposition"]?.contains("attachment") == true)
        let frab = try await board.call("GET", "/api/export/frab.xml")
        #expect(frab.text.contains("<schedule"))
        let json = try await board.call("GET", "/api/export/frab.json")
        #expect(json.status == 200)
        #expect(try await board.call("GET", "/api/export/ics", token: false).status == 403)
    }

    /// Trial moves at IGF size (350 sessions) answer, each with the time it took on the server.
    /// The 50-ms target is measured in Benchmarks/board/check-latency.py, not asserted here
    /// (a timed test fails on a loaded machine without the code being wrong).
    @Test func trialMovesAtIGFSizeAnswerWithTheirServerTime() async throws {
        let forum = try #require(TestProcess.forumExecutable())
        let folder = try TestProcess.temporaryFolder("board-350")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("igf-350.yaml").path
        let generated = try TestProcess.run(forum, ["generate", "--sessions", "350", "--rooms", "18", "--days", "5", "--seed", "1", "--placed", "-o", file])
        #expect(generated.status == 0)
        let board = try BoardUnderTest(file)
        let state = try await board.state()
        let sessions = (state["sessions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let rooms = (state["rooms"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let days = state["days"] as? [[String: Any]] ?? []
        #expect(sessions.count == 350)
        var times: [Double] = []
        var generator = SeededRandom(seed: 1)
        for _ in 0..<120 {
            let day = days[generator.next(days.count)]
            let slots = day["slots"] as? [[String: Any]] ?? []
            let body: [String: Any] = ["session": sessions[generator.next(sessions.count)], "day": day["date"] as? String ?? "",
                                       "start": slots[generator.next(slots.count)]["start"] as? String ?? "", "room": rooms[generator.next(rooms.count)]]
            let reply = try await board.call("POST", "/api/check", json: body)
            #expect(reply.status == 200, "\(reply.text)")
            times.append(reply.json["milliseconds"] as? Double ?? .infinity)
        }
        times.sort()
        let median = times[times.count / 2], p95 = times[times.count * 95 / 100]
        print("board check on 350 sessions: median \(median) ms, p95 \(p95) ms, max \(times.last ?? 0) ms")
        #expect(times.allSatisfy { $0.isFinite && $0 >= 0 })
    }
}

/// A small deterministic generator for the test's random moves (SplitMix64).
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}
