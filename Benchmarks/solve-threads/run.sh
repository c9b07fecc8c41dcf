#!/usr/bin/env bash
# Issue 15's thread target, measured in moves so that the figures repeat on a noisy machine:
# one thread making M moves against two threads making M/2 moves each (the same work, which
# two cores do in half the time), on the generated 350-session programme and the dense set
# (forum generate --fill), two seeds each; then the moves per second of one and of two
# threads (seconds, so they vary) on the 350-session programme.
#   Benchmarks/solve-threads/run.sh          (from the package root; M=${MOVES:-60000000})
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/forum-threads-bench}
moves=${MOVES:-60000000}
mkdir -p "$work"
swift build -c release --product forum --package-path "$root" >/dev/null
forum="$root/.build/release/forum"
"$forum" generate --sessions 350 --rooms 18 --days 5 --seed 1 -o "$work/g350.yaml" 2>/dev/null
"$forum" generate --sessions 350 --days 5 --fill 0.75 --seed 1 -o "$work/dense350-75.yaml" 2>/dev/null
"$forum" generate --sessions 1000 --days 5 --fill 0.75 --seed 1 -o "$work/dense1000-73.yaml" 2>/dev/null
"$forum" generate --sessions 1000 --days 5 --rooms 34 --fill 0.85 --seed 1 -o "$work/dense1000-82.yaml" 2>/dev/null
score() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%d/%d bound %d %.1fs' % (d['score']['hard'], d['score']['soft'], d['stats']['lowerBound']['soft'], d['stats']['seconds']))" "$1"; }
printf '%-16s %-5s %-34s %-34s\n' programme seed "1 thread x $moves" "2 threads x $((moves / 2))"
for p in g350 dense350-75 dense1000-73 dense1000-82; do
  for seed in 1 2; do
    "$forum" solve "$work/$p.yaml" --seed $seed --threads 1 --max-moves "$moves" --quiet --format json -o "$work/$p-1.yaml" > "$work/$p-$seed-1.json" || true
    "$forum" solve "$work/$p.yaml" --seed $seed --threads 2 --max-moves $((moves / 2)) --quiet --format json -o "$work/$p-2.yaml" > "$work/$p-$seed-2.json" || true
    printf '%-16s %-5s %-34s %-34s\n' "$p" "$seed" "$(score "$work/$p-$seed-1.json")" "$(score "$work/$p-$seed-2.json")"
  done
done
echo "moves per second, 20 s runs on g350:"
for t in 1 2; do
  "$forum" solve "$work/g350.yaml" --threads $t --time-limit 20 --quiet --format json -o "$work/rate.yaml" \
    | python3 -c "import json,sys; d=json.load(sys.stdin)['stats']; print('  threads %d: %.2f M moves/s (%d moves)' % (d['threads'], d['movesPerSecond']/1e6, d['moves']))"
done
