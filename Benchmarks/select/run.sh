#!/usr/bin/env bash
# forum select's target: 1,200 proposals for 355 places in under 30 s (issue 14).
# Builds the proposals from `forum generate` (1,200 IGF-like sessions), keeps the first 18
# of its rooms as the frame (5 days), gives every unpinned session a seeded score, and
# times a release build of `forum select` (the generator has few organisations and its pinned
# main sessions share people, hence caps of 30 per organisation and 5 per person).
# Then the same with the IGF 2021's 60/40: the first four themes one basket (60%, ±5 points),
# the rest the other.
#   Benchmarks/select/run.sh            (from the package root; builds `forum` in release)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/forum-select-bench}
mkdir -p "$work"
swift build -c release --product forum --package-path "$root" >/dev/null
forum="$root/.build/release/forum"
"$forum" generate --sessions 1200 --rooms 60 --days 5 --seed 1 -o "$work/gen.yaml"
python3 - "$work/gen.yaml" "$work/proposals.yaml" <<'PY'
import random, sys, yaml
p = yaml.safe_load(open(sys.argv[1]))
rooms = p["rooms"][:18]
keep = {r["id"] for r in rooms}
p["rooms"] = rooms
rng = random.Random(1)
for s in p["sessions"]:
    if not s.get("pinned"):
        s["score"] = round(rng.uniform(1, 5), 2)
    elif "placement" in s and str(s["placement"]).split()[-1] not in keep:
        del s["placement"]
yaml.safe_dump(p, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
themes=$(python3 -c "import yaml,sys; t=[x['id'] for x in yaml.safe_load(open(sys.argv[1]))['themes'] if not x.get('cross-cutting')]; print(','.join(t[:4])+' '+','.join(t[4:]))" "$work/proposals.yaml")
a=${themes% *}; b=${themes#* }
run() {
  local name=$1; shift
  echo "== $name"
  /usr/bin/time -v "$forum" select "$work/proposals.yaml" --places 355 --per-organisation 30 --per-person 5 "$@" \
    -o "$work/accepted-$name.yaml" --rejected "$work/rejected-$name.yaml" \
    > "$work/report-$name.txt" 2> "$work/time-$name.txt" || echo "exit $?"
  head -8 "$work/report-$name.txt"
  grep -E "select:|Elapsed|Maximum resident" "$work/time-$name.txt"
}
run caps
run basket --basket "first=60%:$a" --basket "rest=40%:$b"
