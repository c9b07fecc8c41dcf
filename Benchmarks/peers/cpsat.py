#!/usr/bin/env python3
"""A CP-SAT peer of `forum solve` for the benchmarks (issue 15 part 5). Not part of the product.

    cpsat.py IN.yaml -o OUT.yaml [--time-limit S] [--workers N] [--seed K]

Reads a programme file (docs/programme-format.md), models the rules listed in README.md
here with OR-Tools CP-SAT, writes the programme back with every input line kept and only
`placement:` / `placements:` values set, and prints one JSON line:
{"status", "objective", "bound", "seconds", "workers"}. The objective is the model's own
count; the score to compare is always `forum validate OUT --format json`.
"""
import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict

import yaml
from ortools.sat.python import cp_model

# Default weights (`forum rules`); the programme's `rules:` overrides them.
WEIGHTS = {"theme-parallel": 10, "tag-parallel": 5, "theme-main-clash": 30, "room-size-fit": 1,
           "preference-missed": 5, "order-missed": 20, "person-day-load": 1, "series-spread": 5,
           "series-room-change": 1, "day-balance": 1, "remote-hours": 1,
           "travel-time": 5}
LIMITS = {"person-day-load": 2}
HARD_AS_FILTER = ["room-too-small", "equipment-missing", "language-missing", "room-unavailable",
                  "person-unavailable", "session-unavailable", "kind-policy", "online-room"]
PEOPLE_KEYS = ["organiser", "organisers", "speaker", "speakers", "moderator", "moderators",
               "online-moderator", "online-moderators", "chair", "chairs", "rapporteur",
               "rapporteurs", "facilitator", "facilitators"]
UNPLACED = 100000  # per part left out (only when its domain is empty or the model infeasible)


def as_list(v):
    if v is None or v == "" or v == "~" or v == "null":
        return []
    return v if isinstance(v, list) else [v]


def minutes(hhmm):
    h, m = hhmm.strip().split(":")
    return int(h) * 60 + int(m)


def duration(v):
    v = str(v).strip().replace(" ", "")
    if re.fullmatch(r"\d+", v):
        return int(v)
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)(?:m|min))?", v)
    if not m or not (m.group(1) or m.group(2)):
        raise ValueError("bad duration " + v)
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)


def span(text):
    a, b = re.split(r"[-\u2013]", text.strip(), maxsplit=1)
    return minutes(a), minutes(b)


def slot(v):
    if isinstance(v, dict):
        return minutes(v["start"]), minutes(v["end"])
    return span(str(v).split()[0])


def truthy(v, default=False):
    if v is None:
        return default
    return str(v).strip().lower() in ("true", "yes", "on")


def window(text):
    """(date or None, start, end) from a window."""
    t = str(text).strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?", t)
    if m:
        d = dt.date.fromisoformat(m.group(1))
        if m.group(2):
            a, b = span(m.group(2))
            return d, a, b
        return d, 0, 1440
    a, b = span(t)
    return None, a, b


def hits(windows, day, a, b):
    return any((d is None or d == day) and a < we and ws < b for d, ws, we in windows)


def inside(windows, day, a, b):
    return any((d is None or d == day) and ws <= a and b <= we for d, ws, we in windows)


class Programme:
    def __init__(self, path):
        self.text = open(path, encoding="utf-8").read()
        self.data = yaml.load(self.text, Loader=yaml.BaseLoader)
        d = self.data
        ev = d["event"]
        start, end = dt.date.fromisoformat(ev["start"]), dt.date.fromisoformat(ev["end"])
        grid = [slot(s) for s in as_list(d.get("grid"))]
        dayspec = d.get("days") or {}
        dates = []
        x = start
        while x <= end:
            dates.append(x)
            x += dt.timedelta(days=1)
        for k in dayspec:
            kd = dt.date.fromisoformat(k)
            if kd not in dates:
                dates.append(kd)
        dates.sort()
        self.days = []  # (date, label, [slots])
        for date in dates:
            spec = dayspec.get(date.isoformat()) or {}
            if not isinstance(spec, dict):
                spec = {}
            slots = [slot(s) for s in as_list(spec["slots"])] if "slots" in spec else list(grid)
            for r in as_list(spec.get("remove")):
                slots.remove(slot(r))
            slots += [slot(a) for a in as_list(spec.get("add"))]
            self.days.append((date, spec.get("label"), sorted(set(slots))))
        self.rooms = d.get("rooms") or []
        self.themes = {t["id"]: truthy(t.get("cross-cutting")) for t in (d.get("themes") or [])}
        self.people = {p["id"]: p for p in (d.get("people") or []) if isinstance(p, dict)}
        self.tagw = {t["id"]: int(t.get("weight", 1)) for t in (d.get("tags") or [])}
        self.defaults = d.get("defaults") or {}
        self.sessions = d.get("sessions") or []
        self.groups = d.get("groups") or []
        self.kinds = {k["kind"]: k for k in (d.get("kinds") or [])}
        self.weights = dict(WEIGHTS)
        self.limits = dict(LIMITS)
        self.off = set()
        for rid, v in (d.get("rules") or {}).items():
            if isinstance(v, dict):
                if "weight" in v:
                    self.weights[rid] = int(v["weight"])
                if "limit" in v:
                    self.limits[rid] = int(v["limit"])
                if str(v.get("enabled", "true")).lower() in ("false", "no", "off"):
                    self.off.add(rid)
                if truthy(v.get("hard")) is False and "hard" in v and rid in HARD_AS_FILTER:
                    self.off.add(rid)  # a soft room-too-small etc. no longer filters
            elif str(v).lower() in ("off", "false", "no"):
                self.off.add(rid)

    def w(self, rid):
        return 0 if rid in self.off else self.weights.get(rid, 0)


def session_people(s):
    out = []  # (person, role)
    for k in PEOPLE_KEYS:
        for p in as_list(s.get(k)):
            out.append((p, k.rstrip("s") if k.endswith("s") else k))
    for e in as_list(s.get("people")):
        if isinstance(e, dict):
            out.append((e.get("person"), str(e.get("role", ""))))
    return out


def parse_placement(v):
    if isinstance(v, dict):
        return dt.date.fromisoformat(v["day"]), minutes(v["start"]), v.get("room")
    parts = str(v).split()
    start = parts[1].split("-")[0]
    return dt.date.fromisoformat(parts[0]), minutes(start), (parts[2] if len(parts) > 2 else None)


def build(pg, args):
    m = cp_model.CpModel()
    rooms = pg.rooms
    room_ids = [r["id"] for r in rooms]
    lightning = [r["id"] for r in rooms if "lightning-area" in as_list(r.get("tags"))]
    day_labels = {lab for _, lab, _ in pg.days if lab}
    theme_of = {}
    parts = []  # (session index, part index)
    dom = {}    # part -> list of (dayidx, start, end, room or None)
    pinned_pos = {}
    sessinfo = []
    for si, s in enumerate(pg.sessions):
        dur = duration(s.get("duration", pg.defaults.get("duration", 90)))
        aud = s.get("audience", pg.defaults.get("audience"))
        aud = int(aud) if aud is not None else None
        kind = s.get("kind", pg.defaults.get("kind", "workshop"))
        kp = pg.kinds.get(kind, {})
        equip = set(as_list(s.get("equipment", pg.defaults.get("equipment"))))
        equip |= set(as_list(kp.get("equipment")))
        langs = set(as_list(s.get("languages"))) | set(as_list(kp.get("languages")))
        online = truthy(s.get("online"))
        ppl = session_people(s)
        if not online and any(r == "online-moderator" or
                              (pg.people.get(p) or {}).get("attendance") == "online" for p, r in ppl):
            equip.add("remote")
        unav = [window(x) for x in as_list(s.get("unavailable"))]
        for p, _ in ppl:
            unav += [window(x) for x in as_list((pg.people.get(p) or {}).get("unavailable"))]
        themes = as_list(s.get("themes", s.get("theme")))
        theme_of[si] = themes
        nparts = int(s.get("parts", 1))
        placed = [parse_placement(x) for x in as_list(s.get("placements"))]
        if s.get("placement") is not None and s.get("placement") != "":
            placed = [parse_placement(s["placement"])]
        pinned = truthy(s.get("pinned"))
        info = dict(id=s["id"], dur=dur, aud=aud, kind=kind, themes=themes, ppl=ppl,
                    tags=as_list(s.get("tags")), online=online, parts=nparts, pinned=pinned,
                    exclusive=truthy(s.get("exclusive")) or truthy(kp.get("exclusive")) or kind == "opening",
                    prefer=s.get("prefer") or {}, after=as_list(s.get("after")),
                    mindays=int(s.get("min-days", 1)))
        sessinfo.append(info)
        # room candidates
        cand = []
        if online:
            cand = [r for r in rooms if truthy(r.get("virtual"))] + [None]
        else:
            for r in rooms:
                if truthy(r.get("virtual")):
                    continue
                cap = r.get("capacity")
                if "room-too-small" not in pg.off and cap is not None and aud is not None and aud > int(cap):
                    continue
                if "equipment-missing" not in pg.off and not equip <= set(as_list(r.get("equipment"))):
                    continue
                if "language-missing" not in pg.off:
                    if not langs <= set(as_list(r.get("languages"))):
                        continue
                    if truthy(s.get("captioning")) and not truthy(r.get("captioning")):
                        continue
                kr = as_list(kp.get("rooms"))
                if kind == "lightning-talk" and not kr and lightning:
                    kr = ["lightning-area"]
                if kr and "kind-policy" not in pg.off and r["id"] not in kr and not (set(as_list(r.get("tags"))) & set(kr)):
                    continue
                cand.append(r)
        if args.rooms_per_session and not online and len(cand) > args.rooms_per_session:
            # the rooms nearest the audience (room-size-fit's cost, then capacity): a
            # heuristic cut of the domain, see README
            def fit(r):
                cap = r.get("capacity")
                if cap is None or aud is None:
                    return (0, 0)
                return (max(0, int(cap) - 2 * aud), int(cap))
            keep = {r["id"] for r in sorted(cand, key=fit)[:args.rooms_per_session]}
            for q in as_list((s.get("prefer") or {}).get("rooms")):
                keep.add(q)
            cand = [r for r in cand if r["id"] in keep]
        kdays = as_list(kp.get("days"))
        if kind == "day-zero" and not kdays and "Day 0" in day_labels:
            kdays = ["Day 0"]
        ktimes = [span(t) for t in as_list(kp.get("times"))]
        positions = []
        for di, (date, label, slots) in enumerate(pg.days):
            if kdays and "kind-policy" not in pg.off and date.isoformat() not in kdays and label not in kdays:
                continue
            starts = sorted({a for a, _ in slots})
            for a in starts:
                # reach: run across back-to-back slots from a slot starting at a
                reach, frontier = a, [e for b, e in slots if b == a]
                seen = set()
                while frontier:
                    e = frontier.pop()
                    if e in seen:
                        continue
                    seen.add(e)
                    reach = max(reach, e)
                    frontier += [e2 for b2, e2 in slots if b2 == e]
                end = a + dur
                if end > reach:
                    continue
                if ktimes and "kind-policy" not in pg.off and not any(x <= a and end <= y for x, y in ktimes):
                    continue
                if "session-unavailable" not in pg.off or "person-unavailable" not in pg.off:
                    if hits(unav, date, a, end):
                        continue
                for r in cand:
                    if r is not None and r.get("available") is not None and "room-unavailable" not in pg.off:
                        if not inside([window(x) for x in as_list(r["available"])], date, a, end):
                            continue
                    positions.append((di, a, end, r["id"] if r is not None else None))
        for k in range(nparts):
            p = (si, k)
            parts.append(p)
            if pinned and k < len(placed):
                date, a, room = placed[k]
                di = [x[0] for x in pg.days].index(date)
                dom[p] = [(di, a, a + dur, room)]
                pinned_pos[p] = dom[p][0]
            else:
                dom[p] = positions
    # variables
    x = {}
    unplaced = {}
    for p in parts:
        for pos in dom[p]:
            x[p, pos] = m.NewBoolVar("")
        u = m.NewBoolVar("")
        unplaced[p] = u
        if p in pinned_pos:
            m.Add(u == 0)  # a pinned part stays where it is
        m.AddExactlyOne([x[p, pos] for pos in dom[p]] + [u])
    obj = [UNPLACED * u for u in unplaced.values()]
    # occupancy: which variables cover an instant (day, minute)
    instants = defaultdict(set)
    for di, (_, _, slots) in enumerate(pg.days):
        for a, _ in slots:
            instants[di].add(a)
    by_part_day = defaultdict(list)  # (p, di) -> [(a, end, room, var)]
    for (p, pos), v in x.items():
        by_part_day[p, pos[0]].append((pos[1], pos[2], pos[3], v))

    def covering(ps, di, t, room=False):
        out = []
        for p in ps:
            for a, e, r, v in by_part_day.get((p, di), []):
                if a <= t < e and (room is False or r == room):
                    out.append(v)
        return out

    def penalise_excess(ps, di, limit, weight):
        """weight per part of `ps` placed on day `di` beyond `limit` (a load over a limit)."""
        vs = [v for p in ps for (_, _, _, v) in by_part_day.get((p, di), [])]
        if len(vs) > limit:
            ex = m.NewIntVar(0, len(vs), "")
            m.Add(ex >= sum(vs) - limit)
            obj.append(weight * ex)

    def starting(ps, di, t):
        return [v for p in ps for a, e, r, v in by_part_day.get((p, di), []) if a == t]

    ndays = len(pg.days)
    # hard: room conflict
    room_day = defaultdict(list)  # (room, di) -> [(a, e, v)]
    for (p, pos), v in x.items():
        if pos[3] is not None:
            room_day[pos[3], pos[0]].append((pos[1], pos[2], v))
    for (room, di), lst in room_day.items():
        for t in sorted({a for a, _, _ in lst}):
            cov = [v for a, e, v in lst if a <= t < e]
            if len(cov) > 1:
                m.AddAtMostOne(cov)
    # hard: person conflict and group no-overlap (parts of one session count as one series)
    parts_of = defaultdict(list)
    for p in parts:
        parts_of[p[0]].append(p)
    sets = []
    person_sessions = defaultdict(set)
    for si, info in enumerate(sessinfo):
        for pid, _ in info["ppl"]:
            person_sessions[pid].add(si)
    if "person-conflict" not in pg.off:
        sets += [ss for ss in person_sessions.values() if len(ss) > 1]
    id_index = {info["id"]: si for si, info in enumerate(sessinfo)}
    if "group-conflict" not in pg.off:
        for g in pg.groups:
            if truthy(g.get("no-overlap"), True):
                sets.append({id_index[i] for i in as_list(g.get("sessions")) if i in id_index})
    seen = set()
    for ss in sets:
        key = frozenset(ss)
        if key in seen:
            continue
        seen.add(key)
        ps = [p for si in ss for p in parts_of[si]]
        for di in range(ndays):
            for t in instants[di]:
                cov = covering(ps, di, t)
                if len(cov) > 1:
                    m.AddAtMostOne(cov)
    # hard: exclusive sessions run alone
    if "exclusive-parallel" not in pg.off:
        excl = [p for p in parts if sessinfo[p[0]]["exclusive"]]
        others = [p for p in parts if not sessinfo[p[0]]["exclusive"]]
        for di in range(ndays):
            for t in instants[di]:
                ex = covering(excl, di, t)
                if not ex:
                    continue
                cov = covering(others, di, t)
                # nothing else covers an instant an exclusive session covers, and nothing
                # else runs when an exclusive one starts (covers overlap both ways)
                if cov:
                    m.Add(sum(cov) <= len(cov) * (1 - sum(ex)))
                oth_start = starting(others, di, t)
                if oth_start:
                    m.Add(sum(oth_start) <= len(oth_start) * (1 - sum(ex)))
    # soft: placement-only costs
    pos_cost = defaultdict(int)
    mains = defaultdict(list)  # theme -> pinned main-session positions
    for p in parts:
        info = sessinfo[p[0]]
        if info["kind"] == "main-session" and p in pinned_pos:
            for t in info["themes"]:
                mains[t].append((p[0], pinned_pos[p]))
    # remote-hours: per online person (attendance online, or an online moderator) with a
    # time zone, the clock hours of their local time the placement touches outside waking hours
    wr = pg.w("remote-hours")
    wake, sleep = 7 * 60, 23 * 60
    rh = (pg.data.get("rules") or {}).get("remote-hours")
    if isinstance(rh, dict) and rh.get("hours"):
        wake, sleep = span(rh["hours"])
    from zoneinfo import ZoneInfo
    ev_zone = ZoneInfo(pg.data["event"]["timezone"])
    remote = {}
    for si, info in enumerate(sessinfo):
        lst = []
        for pid, role in info["ppl"]:
            who = pg.people.get(pid) or {}
            if (who.get("attendance") == "online" or role == "online-moderator") and who.get("timezone"):
                if pid not in [q for q, _ in lst]:
                    try:
                        lst.append((pid, ZoneInfo(who["timezone"])))
                    except Exception:
                        pass
        remote[si] = lst
    shift_cache = {}

    def shift(zone, di, minute):
        key = (str(zone), di, minute)
        if key not in shift_cache:
            date = pg.days[di][0]
            t = dt.datetime(date.year, date.month, date.day, tzinfo=ev_zone) + dt.timedelta(minutes=minute)
            shift_cache[key] = int((t.astimezone(zone).utcoffset() - t.utcoffset()).total_seconds() // 60)
        return shift_cache[key]

    def hours_outside(a, b):
        n = 0
        h = a // 60
        while h * 60 < b:
            lo, hi = max(a, h * 60), min(b, h * 60 + 60)
            m0 = lo % 1440
            m1 = m0 + (hi - lo)
            ok = (m0 >= wake and m1 <= sleep) if wake <= sleep else not (m0 < wake and m1 > sleep)
            if not ok:
                n += 1
            h += 1
        return n

    for (p, pos), v in x.items():
        info = sessinfo[p[0]]
        di, a, e, room = pos
        c = 0
        if room is not None and pg.w("room-size-fit") and info["aud"] is not None:
            r = rooms[room_ids.index(room)]
            if r.get("capacity") is not None:
                spare = int(r["capacity"]) - 2 * info["aud"]
                if spare > 0:
                    c += pg.w("room-size-fit") * ((spare + 9) // 10)
        pref = info["prefer"]
        if pref and pg.w("preference-missed"):
            date = pg.days[di][0]
            pd = as_list(pref.get("days"))
            if pd and date.isoformat() not in pd:
                c += pg.w("preference-missed")
            pt = [span(t) for t in as_list(pref.get("times"))]
            if pt and not any(x0 <= a and e <= y0 for x0, y0 in pt):
                c += pg.w("preference-missed")
            pr = as_list(pref.get("rooms"))
            if pr and room not in pr:
                c += pg.w("preference-missed")
        if pg.w("theme-main-clash") and info["kind"] != "main-session":
            clash = set()
            for t in info["themes"]:
                if pg.themes.get(t, False):
                    continue
                for msi, (mdi, ma, me, _) in mains.get(t, []):
                    if msi != p[0] and mdi == di and ma < e and a < me:
                        clash.add(msi)
            c += pg.w("theme-main-clash") * len(clash)
        if wr and remote[p[0]]:
            for _, z in remote[p[0]]:
                d = shift(z, di, a)
                c += wr * hours_outside(a + d, e + d)
        if c:
            pos_cost[p, pos] = c
    for key, c in pos_cost.items():
        obj.append(c * x[key])

    # soft: pairs of overlapping sessions sharing a theme (theme-parallel) or a tag
    # (tag-parallel), counted as C(R_t, 2) at each slot start t (R_t = those running at t),
    # linearised by its tangents k*R - k(k+1)/2 (exact at whole numbers). Exact where no
    # session runs across another slot's start (the generated grids); where it does (Athens'
    # overlapping 3-hour slots) a pair that shares two slot starts counts twice: a proxy.
    def pair_cost(ps, weight):
        if weight == 0 or len(ps) < 2:
            return
        for di in range(ndays):
            for t in sorted(instants[di]):
                cov = covering(ps, di, t)
                if len(cov) < 2:
                    continue
                n = min(len(cov), len(ps))
                R = m.NewIntVar(0, n, "")
                m.Add(R == sum(cov))
                pen = m.NewIntVar(0, n * (n - 1) // 2, "")
                for k in range(1, n):
                    m.Add(pen >= k * R - k * (k + 1) // 2)
                obj.append(weight * pen)

    by_theme = defaultdict(list)
    for p in parts:
        for t in sessinfo[p[0]]["themes"][:]:
            if not pg.themes.get(t, False):
                by_theme[t].append(p)
    for t, ps in by_theme.items():
        pair_cost(ps, pg.w("theme-parallel"))
    by_tag = defaultdict(list)
    for p in parts:
        for t in sessinfo[p[0]]["tags"]:
            by_tag[t].append(p)
    for t, ps in by_tag.items():
        pair_cost(ps, pg.w("tag-parallel") * pg.tagw.get(t, 1))

    # soft: person-day-load (roles other than organiser), per session beyond the limit
    wl = pg.w("person-day-load")
    if wl:
        lim = pg.limits.get("person-day-load", 2)
        pday = defaultdict(set)
        for si, info in enumerate(sessinfo):
            for pid, role in info["ppl"]:
                if role != "organiser":
                    pday[pid].add(si)
        for pid, ss in pday.items():
            ps = [p for si in ss for p in parts_of[si]]
            if len(ps) <= lim:
                continue
            for di in range(ndays):
                penalise_excess(ps, di, lim, wl)
    # soft: travel-time, per onsite person: one part ending in building A and the next
    # starting in building B sooner than the walk between them (either side's `walk`)
    wt = pg.w("travel-time")
    walk = {}
    for b in (pg.data.get("buildings") or []):
        for other, mins in (b.get("walk") or {}).items():
            walk[b["id"], other] = walk[other, b["id"]] = int(mins)
    if wt and walk:
        building = {r["id"]: r.get("building") for r in rooms}
        for pid, ss in person_sessions.items():
            if len(ss) < 2 or (pg.people.get(pid) or {}).get("attendance", "onsite") != "onsite":
                continue
            ps = [p for si in ss for p in parts_of[si]]
            for di in range(ndays):
                ends, starts = defaultdict(list), defaultdict(list)
                for p in ps:
                    for a, e, r, v in by_part_day.get((p, di), []):
                        bld = building.get(r)
                        if bld is not None:
                            ends[bld, e].append(v)
                            starts[bld, a].append(v)
                for (ba, e), ve in ends.items():
                    for (bb, t), vs in starts.items():
                        w = walk.get((ba, bb), 0)
                        if ba != bb and 0 <= t - e < w:
                            late = m.NewBoolVar("")
                            m.Add(late >= sum(ve) + sum(vs) - 1)
                            obj.append(wt * late)

    # soft: series-spread (days short of min-days) and series-room-change (rooms beyond
    # the first) for sessions of several parts
    wsp, wsr = pg.w("series-spread"), pg.w("series-room-change")
    for si, info in enumerate(sessinfo):
        ps = parts_of[si]
        if len(ps) < 2 or all(p in pinned_pos for p in ps):
            continue
        if wsp and info["mindays"] > 1:
            used = []
            for di in range(ndays):
                vs = [v for p in ps for (_, _, _, v) in by_part_day.get((p, di), [])]
                if vs:
                    u = m.NewBoolVar("")
                    m.Add(u <= sum(vs))
                    used.append(u)
            short = m.NewIntVar(0, info["mindays"], "")
            m.Add(short >= info["mindays"] - sum(used))
            obj.append(wsp * short)
        if wsr:
            byroom = defaultdict(list)
            for p in ps:
                for pos in dom[p]:
                    if pos[3] is not None:
                        byroom[pos[3]].append(x[p, pos])
            used = []
            for r, vs in byroom.items():
                u = m.NewBoolVar("")
                for v in vs:
                    m.AddImplication(v, u)
                used.append(u)
            extra = m.NewIntVar(0, len(used), "")
            m.Add(extra >= sum(used) - 1)
            obj.append(wsr * extra)
    # soft: day-balance, parts on a day beyond an even share (all parts placed)
    wb = pg.w("day-balance")
    grid_days = [di for di in range(ndays) if pg.days[di][2]]
    if wb and grid_days:
        bal = [p for p in parts if not sessinfo[p[0]]["pinned"]
               and sessinfo[p[0]]["kind"] not in ("main-session", "opening", "closing")]
        share = (len(bal) + len(grid_days) - 1) // len(grid_days)
        for di in grid_days:
            penalise_excess(bal, di, share, wb)
    # soft: order-missed, a session starting before one it should follow has ended
    wo = pg.w("order-missed")
    if wo:
        def when(p, end):
            return sum(((pos[0] * 1440 + (pos[2] if end else pos[1])) * x[p, pos]) for pos in dom[p])
        for si, info in enumerate(sessinfo):
            for aid in info["after"]:
                if aid not in id_index:
                    continue
                a, b = (si, 0), (id_index[aid], 0)
                if not dom.get(a) or not dom.get(b):
                    continue
                late = m.NewBoolVar("")
                m.Add(when(a, False) >= when(b, True)).OnlyEnforceIf(late.Not())
                obj.append(wo * late)
    m.Minimize(sum(obj))
    hint = greedy_hint(m, x, unplaced, parts, dom, sessinfo, pos_cost, pinned_pos, sets, pg)
    return m, x, unplaced, parts, dom, sessinfo, hint


def greedy_hint(m, x, unplaced, parts, dom, sessinfo, pos_cost, pinned_pos, sets, pg):
    """A first programme for CP-SAT to start from (AddHint): parts with the fewest
    positions first, each at its cheapest position clashing with nothing placed."""
    busy = defaultdict(list)  # resource -> [(di, a, e)]
    member = defaultdict(list)  # session -> resources (people / groups / themes)
    for k, ss in enumerate(sets):
        for si in ss:
            member[si].append(("set", k))
    themes = defaultdict(list)
    for si, info in enumerate(sessinfo):
        for t in info["themes"]:
            if not pg.themes.get(t, False):
                themes[si].append(("theme", t))
    excl = {si for si, info in enumerate(sessinfo) if info["exclusive"]}

    def clash(res, di, a, e):
        return sum(1 for (d, b, f) in busy[res] if d == di and b < e and a < f)

    hint = {}
    def scarcity(p):  # pinned first, then the fewest positions
        return (p not in pinned_pos, len(dom[p]))
    order = sorted(parts, key=scarcity)
    for p in order:
        si = p[0]
        best, bestc = None, None
        for pos in dom[p]:
            di, a, e, room = pos
            if room is not None and clash(("room", room), di, a, e):
                continue
            if any(clash(r, di, a, e) for r in member[si]):
                continue
            if clash(("excl",), di, a, e) or (si in excl and clash(("all",), di, a, e)):
                continue
            c = pos_cost.get((p, pos), 0) + 10 * sum(clash(r, di, a, e) for r in themes[si])
            if bestc is None or c < bestc:
                best, bestc = pos, c
                if c == 0:
                    break
        if best is None:
            continue
        di, a, e, room = best
        iv = (di, a, e)
        if room is not None:
            busy["room", room].append(iv)
        for r in member[si] + themes[si]:
            busy[r].append(iv)
        busy[("all",)].append(iv)
        if si in excl:
            busy[("excl",)].append(iv)
        hint[p] = best
        for pos in dom[p]:
            m.AddHint(x[p, pos], 1 if pos == best else 0)
        m.AddHint(unplaced[p], 0)
    return hint


def write(pg, out_path, chosen, sessinfo):
    """Set `placement:` / `placements:` in the original text; every other byte stays."""
    text = pg.text
    lines = text.split("\n")
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    sess_node = next(v for k, v in root.value if k.value == "sessions")
    edits = []  # (line, col_start, line_end, col_end, replacement) or insert (line, text)
    for si, node in enumerate(sess_node.value):
        info = sessinfo[si]
        if info["pinned"]:
            continue
        pos = chosen.get(si)
        if pos is None:
            continue
        strs = []
        for (date, a, room) in pos:
            s = f"{date.isoformat()} {a // 60:02d}:{a % 60:02d}"
            if room is not None:
                s += " " + room
            strs.append(s)
        key = "placements" if info["parts"] > 1 else "placement"
        value = ("[" + ", ".join(strs) + "]") if key == "placements" else strs[0]
        found = None
        for k, v in node.value:
            if k.value in ("placement", "placements"):
                found = (k, v)
        if found:
            k, v = found
            edits.append(("replace", k.start_mark, v.end_mark, f"{key}: {value}"))
        else:
            idk = next(k for k, v in node.value if k.value == "id")
            idv = next(v for k, v in node.value if k.value == "id")
            edits.append(("insert", idv.end_mark.line, " " * idk.start_mark.column + f"{key}: {value}"))
    # apply from the bottom up
    def keypos(e):
        return (e[1].line, e[1].column) if e[0] == "replace" else (e[1], 10**9)
    for e in sorted(edits, key=keypos, reverse=True):
        if e[0] == "replace":
            a, b = e[1], e[2]
            if a.line == b.line:
                lines[a.line] = lines[a.line][:a.column] + e[3] + lines[a.line][b.column:]
            else:
                tail = lines[b.line][b.column:] if b.column < len(lines[b.line]) else ""
                lines[a.line:b.line + 1] = [lines[a.line][:a.column] + e[3] + tail]
        else:
            lines.insert(e[1] + 1, e[2])
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def complete_hint(m, a):
    """Give every helper variable its value under the hinted placements (a short solve
    with the placements fixed), so that CP-SAT starts from a complete, feasible solution."""
    proto = m.Proto()
    hinted = dict(zip(proto.solution_hint.vars, proto.solution_hint.values))
    if not hinted:
        return None
    c = m.Clone()
    for i, v in hinted.items():
        var = c.GetBoolVarFromProtoIndex(i)
        c.Add(var == v)
    c.ClearHints()
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = 5
    s.parameters.num_workers = 1
    s.parameters.cp_model_probing_level = 0
    s.parameters.symmetry_level = 0
    st = s.Solve(c)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print("hint: the greedy start could not be completed (%s)" % s.StatusName(st), file=sys.stderr)
        return None
    sol = s.ResponseProto().solution
    m.ClearHints()
    for i in range(len(proto.variables)):
        m.AddHint(m.GetIntVarFromProtoIndex(i), sol[i])
    print("hint: greedy start, model objective %d" % s.ObjectiveValue(), file=sys.stderr)
    return list(sol), s.ObjectiveValue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rooms-per-session", type=int, default=8,
                    help="keep only the N rooms nearest each session's audience (0: all)")
    ap.add_argument("--lp", type=int, default=None, help="CP-SAT linearization_level (default: 1 with --search full, 0 with lns)")
    ap.add_argument("--search", choices=["auto", "full", "lns"], default="auto",
                    help="one worker: full = all of CP-SAT's subsolvers in turn (proves optimality on small "
                         "programmes); lns = one light search and the LNS workers (auto: full up to 20,000 placements)")
    ap.add_argument("--log", action="store_true", help="CP-SAT's search log on stderr")
    ap.add_argument("--fresh", action="store_true", help="ignore non-pinned placements as hints")
    a = ap.parse_args()
    t0 = time.time()
    pg = Programme(a.file)
    m, x, unplaced, parts, dom, sessinfo, hint = build(pg, a)
    print(f"model: {len(x)} placements, greedy start places {len(hint)} of {len(parts)} parts, "
          f"built in {time.time() - t0:.1f} s", file=sys.stderr)
    # hint: where non-pinned sessions already are
    if not a.fresh:
        for si, s in enumerate(pg.sessions):
            pl = as_list(s.get("placements")) or as_list(s.get("placement"))
            for k, v in enumerate(pl):
                p = (si, k)
                if p not in dom:
                    continue
                date, st, room = parse_placement(v)
                di = [d[0] for d in pg.days].index(date) if date in [d[0] for d in pg.days] else -1
                for pos in dom[p]:
                    if pos[0] == di and pos[1] == st and pos[3] == room:
                        m.AddHint(x[p, pos], 1)
    start = complete_hint(m, a)
    build_s = time.time() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, a.time_limit - build_s)
    solver.parameters.num_workers = a.workers
    solver.parameters.random_seed = a.seed
    solver.parameters.log_search_progress = a.log
    solver.parameters.symmetry_level = 0
    small = len(x) <= 20000
    search = a.search if a.search != "auto" else ("full" if small else "lns")
    solver.parameters.linearization_level = a.lp if a.lp is not None else (1 if search == "full" else 0)
    solver.parameters.cp_model_probing_level = 0  # probing alone took 10 s of presolve on g350
    if a.workers == 1 and search == "full":
        solver.parameters.interleave_search = True
    elif a.workers == 1:
        # one thread taking turns among CP-SAT's subsolvers (LNS included), as its
        # portfolio does on many workers; without it one worker runs the plain search only
        solver.parameters.interleave_search = True
        # the LP-driven full searches took whole 10 s turns here without a single
        # improvement; one light full search plus the LNS workers share the thread
        for name in ("core", "default_lp", "max_lp", "pseudo_costs", "reduced_costs",
                     "quick_restart", "no_lp"):
            solver.parameters.ignore_subsolvers.append(name)
    solver.parameters.log_to_stdout = False
    if a.log:
        solver.log_callback = lambda line: print(line, file=sys.stderr)
    st = solver.Solve(m)
    name = solver.StatusName(st)
    found = st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found or start is not None:
        # without a solution of its own in the time (presolve can take it all), CP-SAT's
        # answer is the completed greedy start it was given: status "START"
        value = solver.Value if found else (lambda v: start[0][v.Index()])
        chosen = defaultdict(list)
        for p in parts:
            if value(unplaced[p]):
                continue
            for pos in dom[p]:
                if value(x[p, pos]):
                    chosen[p[0]].append((pg.days[pos[0]][0], pos[1], pos[3]))
        write(pg, a.output, chosen, sessinfo)
        if found:
            res = {"status": name, "objective": solver.ObjectiveValue(), "bound": solver.BestObjectiveBound()}
        else:
            res = {"status": "START", "objective": start[1], "bound": None}
    else:
        res = {"status": name, "objective": None, "bound": None}
    res["seconds"] = round(time.time() - t0, 2)
    res["workers"] = a.workers
    res["search"] = search
    print(json.dumps(res))
    return 0 if found or start is not None else 1


if __name__ == "__main__":
    sys.exit(main())
