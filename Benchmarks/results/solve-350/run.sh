#!/bin/bash
# Issue 3 quality target: ten 600 s runs (2 at a time) and three 60 s runs, after the ITC runner.
cd /work/main
while [ ! -e /tmp/q2/GO ]; do sleep 5; done
F=.build/release/forum
one() { # seed seconds
  /usr/bin/time -f "cpu %U+%S s, maxrss %M KB, wall %e s" $F solve /tmp/q2/gen350.yaml --seed $1 --time-limit $2 --quiet -o /tmp/q2/s$2-$1.yaml > /tmp/q2/s$2-$1.txt 2>&1
}
for pair in "1 2" "3 4" "5 6" "7 8" "9 10"; do
  set -- $pair
  one $1 600 & one $2 600 & wait
done
one 1 60 & one 2 60 & wait
one 3 60 & one 4 60 & wait
echo done > /tmp/q2/DONE
