#!/usr/bin/env python3
"""The planning board's trial move (POST /api/check) on an IGF-sized programme, timed on
the server (the `milliseconds` each answer carries) and round trip.

    Benchmarks/board/check-latency.py [FORUM]      # FORUM: .build/debug/forum by default

Generates 350 sessions in 18 rooms over 5 days (`forum generate ... --seed 1 --placed`),
starts `forum serve --port 0`, asks 300 checks of random (session, day, slot, room), prints
the median, 95th percentile and maximum, and stops the server by its PID. Stdlib only.
"""
import json, os, random, re, signal, subprocess, sys, tempfile, time, urllib.request

forum = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/forum"
folder = tempfile.mkdtemp(prefix="forum-board-bench-")
programme = os.path.join(folder, "igf-350.yaml")
subprocess.run([forum, "generate", "--sessions", "350", "--rooms", "18", "--days", "5", "--seed", "1", "--placed", "-o", programme],
               check=True, stderr=subprocess.DEVNULL)
log = open(os.path.join(folder, "serve.log"), "w+")
server = subprocess.Popen([forum, "serve", programme, "--port", "0"], stdout=log, stderr=log)
try:
    url = None
    for _ in range(200):
        log.seek(0)
        found = re.search(r"(http://\S+)\?token=(\w+)", log.read())
        if found:
            url, token = found.group(1).rstrip("/"), found.group(2)
            break
        time.sleep(0.05)
    if not url:
        sys.exit("forum serve printed no address")

    def call(method, path, body=None):
        request = urllib.request.Request(url + path, method=method, headers={"X-Forum-Token": token},
                                         data=json.dumps(body).encode() if body is not None else None)
        return json.load(urllib.request.urlopen(request))

    state = call("GET", "/api/state")
    rng = random.Random(1)
    server_ms, round_trip_ms = [], []
    for _ in range(300):
        session, day = rng.choice(state["sessions"]), rng.choice(state["days"])
        body = {"session": session["id"], "day": day["date"], "start": rng.choice(day["slots"])["start"], "room": rng.choice(state["rooms"])["id"]}
        start = time.perf_counter()
        answer = call("POST", "/api/check", body)
        round_trip_ms.append((time.perf_counter() - start) * 1000)
        server_ms.append(answer["milliseconds"])
    for name, values in (("server", server_ms), ("round trip", round_trip_ms)):
        values.sort()
        print("%-10s median %6.2f ms   p95 %6.2f ms   max %6.2f ms   (%d checks, %d sessions)" % (
            name, values[len(values) // 2], values[int(len(values) * 0.95)], values[-1], len(values), len(state["sessions"])))
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
