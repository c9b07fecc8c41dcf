#!/usr/bin/env bash
# Runs the libFuzzer targets of Fuzz/ for a bounded time each and prints their figures.
#   scripts/fuzz.sh [SECONDS] [TARGET…]   SECONDS per target (default 60); targets:
#                                         programme calendar itc (default: all)
#   scripts/fuzz.sh ci                    what `make test` runs: from the seeds only, a fixed
#                                         seed and number of inputs per target (about 15 s
#                                         each), so a clean clone always runs the same inputs
# Builds Fuzz/ with -sanitize=fuzzer into .build-fuzz/. Each target's corpus grows in
# .build-fuzz/corpus/TARGET, seeded from Schedules/, Examples/, Fuzz/seeds/TARGET and the
# ITC-2007 instances in ../shared/data/itc2007 when present. Fuzz/regressions/TARGET holds
# every input that once crashed a target: it is run first and must pass. A crash or a
# timeout (an input taking over 10 s) is saved under .build-fuzz/crashes/ and fails the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(programme calendar itc)
ci=no
if [ "$seconds" = ci ]; then ci=yes; seconds=0; fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 64;; esac
scratch="$root/.build-fuzz"
# libFuzzer, not Swift's backtracer, must catch a trap (SIGILL), so it saves the input.
export SWIFT_BACKTRACE=enable=no

swift build -c release --package-path "$root/Fuzz" --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer >/dev/null
bin=$(swift build -c release --package-path "$root/Fuzz" --scratch-path "$scratch" --show-bin-path)

status=0
for t in "${targets[@]}"; do
  case "$t" in
    programme) seeds=("$root"/Schedules/*.yaml "$root"/Examples/*.yaml) ;;
    calendar) seeds=() ;;
    itc) seeds=("$root"/../shared/data/itc2007/*.ctt) ;;
    *) echo "fuzz: no target '$t' (programme, calendar, itc)" >&2; exit 64 ;;
  esac
  corpus="$scratch/corpus/$t" crashes="$scratch/crashes/$t"
  [ $ci = no ] || corpus="$scratch/corpus-ci/$t"
  [ $ci = no ] || rm -rf "$corpus"
  mkdir -p "$corpus" "$crashes"
  for f in "${seeds[@]}" "$root/Fuzz/seeds/$t"/*; do [ -f "$f" ] && cp -n "$f" "$corpus/"; done
  log="$scratch/fuzz-$t.log"
  regressions="$root/Fuzz/regressions/$t"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    if ! "$bin/fuzz-$t" -timeout=10 "$regressions"/* >"$log" 2>&1; then
      echo "fuzz $t: a regression input fails again (see $log)"; status=1; continue
    fi
  fi
  # Inputs per target in CI (about 15 s each on a 2-core machine).
  case "$t" in programme) runs=12000 ;; calendar) runs=5000 ;; *) runs=12000 ;; esac
  bound=(-max_total_time="$seconds")
  [ $ci = no ] || bound=(-runs=$runs -seed=1)
  began=$SECONDS
  # -max_len keeps inputs near the size of a real programme's file while the fuzzer explores.
  if "$bin/fuzz-$t" "$corpus" -dict="$root/Fuzz/dictionaries/$t.dict" "${bound[@]}" \
      -timeout=10 -rss_limit_mb=4096 -max_len=32768 -print_final_stats=1 \
      -artifact_prefix="$crashes/" >"$log" 2>&1; then
    result=ok
  else
    result="FOUND A CRASH OR TIMEOUT: $(ls -t "$crashes" | head -1) (see $log)"; status=1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  echo "fuzz $t: $result; $runs inputs in $((SECONDS - began)) s; corpus $(ls "$corpus" | wc -l) files; ${cov:-no coverage line}"
done
exit $status
