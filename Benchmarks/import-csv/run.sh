#!/usr/bin/env bash
# `forum import csv`'s target: a 5,000-row spreadsheet imported in under 2 s (issue 14).
# Writes 5,000 IGF-style proposals (scripts/make-igf-proposals.py --rows 5000: the columns
# of Examples/igf-proposals.csv, multi-line people cells, a BOM, CRLF), then times a release
# build of `forum import csv` into the Examples frame, three runs, with peak memory.
#   Benchmarks/import-csv/run.sh            (from the package root; builds `forum` in release)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/forum-import-csv-bench}
rows=${ROWS:-5000}
mkdir -p "$work"
swift build -c release --product forum --package-path "$root" >/dev/null
forum="$root/.build/release/forum"
python3 "$root/scripts/make-igf-proposals.py" --rows "$rows" -o "$work/proposals.csv"
printf 'rows: %s, file: %s bytes\n' "$rows" "$(stat -c %s "$work/proposals.csv")"
for run in 1 2 3; do
  rm -f "$work/programme.yaml"
  /usr/bin/time -f "run $run: %e s elapsed, %U s user, %M KB peak" \
    "$forum" import csv "$work/proposals.csv" --frame "$root/Examples/igf-proposals-frame.yaml" \
    -o "$work/programme.yaml" > "$work/report.txt"
done
cat "$work/report.txt"
