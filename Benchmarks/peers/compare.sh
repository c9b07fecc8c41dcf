#!/bin/sh
# forum solve against the CP-SAT peer on the same programmes, both scored by the judge
# (`forum validate --format json`). Usage: compare.sh [T ...] (seconds; default 10)
#   WORKERS=N  threads for both (default 1; the machine is shared, keep to 1)
#   OUT=DIR    where the programmes and results go (default Benchmarks/peers/work)
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
forum="$root/.build/release/forum"
py="$here/.venv/bin/python"
out=${OUT:-$here/work}
workers=${WORKERS:-1}
[ -x "$forum" ] || { echo "missing $forum: build it with swift build -c release" >&2; exit 2; }
[ -x "$py" ] || { echo "missing $py: run $here/setup.sh" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10
mkdir -p "$out"

"$forum" generate --sessions 350 --rooms 18 --days 5 --seed 1 -o "$out/g350.yaml" >/dev/null 2>&1
"$forum" generate --sessions 350 --days 5 --fill 0.75 --seed 1 -o "$out/dense350.yaml" >/dev/null 2>&1
cp "$root/Schedules/athens-2006.yaml" "$out/athens.yaml"

score() {  # file -> "hard soft"
    "$forum" validate "$1" --format json 2>/dev/null |
        python3 -c 'import json,sys; s=json.load(sys.stdin)["score"]; print(s["hard"], s["soft"])' 2>/dev/null ||
        echo "- -"
}

printf '| programme | T (s) | workers | forum solve hard | soft | CP-SAT hard | soft | CP-SAT status | model objective | bound | CP-SAT s |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for t in "$@"; do
    for p in athens g350 dense350; do
        in="$out/$p.yaml"
        "$forum" solve "$in" --fresh --threads "$workers" --time-limit "$t" --seed 1 --quiet \
            -o "$out/$p.forum.$t.yaml" >/dev/null 2>&1 || true
        set -- $(score "$out/$p.forum.$t.yaml"); fh=$1; fs=$2
        line=$("$py" "$here/cpsat.py" "$in" --fresh --workers "$workers" --time-limit "$t" --seed 1 \
            -o "$out/$p.cpsat.$t.yaml" 2>"$out/$p.cpsat.$t.log" | tail -1)
        set -- $(score "$out/$p.cpsat.$t.yaml"); ch=$1; cs=$2
        info=$(echo "$line" | python3 -c 'import json,sys
try:
    d=json.loads(sys.stdin.read()); print(d["status"], d["objective"], d["bound"], d["seconds"])
except Exception: print("failed - - -")')
        set -- $info
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$p" "$t" "$workers" "$fh" "$fs" "$ch" "$cs" "$1" "$2" "$3" "$4"
    done
done
