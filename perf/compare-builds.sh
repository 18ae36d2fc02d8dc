#!/usr/bin/env bash
# Old build against new, alternated (old, new, old, new, …) on the bench's 1M-row CSV, so machine
# load falls on both alike: user+sys CPU seconds, wall seconds and peak RSS of
#   salesperf report perf/data/sales-1m.csv --by rep --format json -o FILE  (every default KPI)
# and whether the two JSON outputs are byte-identical.
# Usage: perf/compare-builds.sh OLD_CHECKOUT [RUNS]   (OLD_CHECKOUT: a built clone or worktree)
# Run `npm run bench` once first (it generates perf/data/sales-1m.csv).
set -u
old=${1:?usage: perf/compare-builds.sh OLD_CHECKOUT [RUNS]}
runs=${2:-3}
data=perf/data/sales-1m.csv
[ -f "$data" ] || { echo "no $data: run npm run bench first" >&2; exit 2; }
tmp=$(mktemp -d)
one() { # label bin out
  /usr/bin/time -f "%U %S %e %M" -o "$tmp/t" node "$2" report "$data" --by rep --format json --as-of 2026-01-15 -o "$3" 2>/dev/null
  read -r u s e m <"$tmp/t"
  printf '%-4s cpu %6.2f s  wall %6.2f s  peak %5d MiB\n' "$1" "$(echo "$u + $s" | bc)" "$e" $((m / 1024))
}
for i in $(seq "$runs"); do
  one old "$old/bin/salesperf.js" "$tmp/old.json"
  one new bin/salesperf.js "$tmp/new.json"
done
cmp -s "$tmp/old.json" "$tmp/new.json" && echo "outputs: byte-identical" || echo "outputs: DIFFER ($tmp)"
