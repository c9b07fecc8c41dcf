#!/usr/bin/env bash
# The thread target in seconds: two threads for 30 s against one thread for 60 s (seeds 1 and 2),
# on the programmes of run.sh (run it first: it writes them to $WORK).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/forum-threads-bench}
forum="$root/.build/release/forum"
score() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%d/%d (%.0fM moves)' % (d['score']['hard'], d['score']['soft'], d['stats']['moves']/1e6))" "$1"; }
printf '%-16s %-5s %-26s %-26s\n' programme seed "1 thread, 60 s" "2 threads, 30 s"
for p in ${PROGRAMMES:-g350 dense350-75}; do
  for seed in 1 2; do
    "$forum" solve "$work/$p.yaml" --seed $seed --threads 1 --time-limit 60 --quiet --format json -o "$work/w1.yaml" > "$work/$p-$seed-w1.json" || true
    "$forum" solve "$work/$p.yaml" --seed $seed --threads 2 --time-limit 30 --quiet --format json -o "$work/w2.yaml" > "$work/$p-$seed-w2.json" || true
    printf '%-16s %-5s %-26s %-26s\n' "$p" "$seed" "$(score "$work/$p-$seed-w1.json")" "$(score "$work/$p-$seed-w2.json")"
  done
done
