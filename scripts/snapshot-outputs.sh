#!/usr/bin/env bash
# Saves the JSON outputs of a fixed set of commands on ../shared/data into DIR, so a
# refactor can be shown to preserve behaviour: run it before and after, then
#   diff -r BEFORE AFTER   (or compare values with scripts/compare-json.mjs)
# Usage: scripts/snapshot-outputs.sh DIR   (run from the repository root, after npm run build)
set -u
out=${1:?usage: scripts/snapshot-outputs.sh DIR}
# the shared data sits next to the clone (../shared/data); from a worktree elsewhere set SHARED_DATA
d=${SHARED_DATA:-../shared/data}
if [ ! -d "$d" ]; then echo "snapshot-outputs: no shared data at $d (set SHARED_DATA=/path/to/shared/data)" >&2; exit 2; fi
mkdir -p "$out"
s() { # name, args...
  local name=$1; shift
  node bin/salesperf.js "$@" >"$out/$name.json" 2>"$out/$name.stderr"
  echo $? >"$out/$name.exit"
}
ss=$d/superstore_us_2019-2022_orders_ddmmyy.csv
mv=$d/maven_crm_sales_pipeline.csv
teams=$d/maven_crm_sales_teams.csv
s superstore-validate validate "$ss" --format json --as-of 2026-11-26
s superstore-region-quarter report "$ss" --by region --grain quarter --format json --as-of 2026-11-26
s superstore-total-month report "$ss" --format json --as-of 2026-11-26
s superstore-segment-year report "$ss" --by Segment --grain year --format json --as-of 2026-11-26
s maven-validate validate "$mv" --format json --as-of 2026-11-26
s maven-agent-quarter report "$mv" --by rep --grain quarter --format json --as-of 2026-11-26
s maven-manager-month report "$mv" --org "$teams" --by manager --format json --as-of 2026-11-26
s maven-scorecard scorecard "$mv" --org "$teams" --period 2017-Q4 --format json --as-of 2026-11-26
s powerbi-validate validate "$d/powerbi_financial_sample.xlsx" --format json --as-of 2026-11-26
s powerbi-country-quarter report "$d/powerbi_financial_sample.xlsx" --by Country --grain quarter --format json --as-of 2026-11-26
s fb-spend report --spend "$d/fb_ads_conversion_kag.csv" --by xyz_campaign_id --format json --as-of 2026-11-26
s sample-start report fixtures/sample/sales.csv --by region --targets fixtures/sample/targets.csv --spend fixtures/sample/spend.csv --as-of 2026-09-20 --from 2026-07 --format json
s sample-payout payout fixtures/sample/sales.csv --plan fixtures/plans/three-tier.json --format json --as-of 2026-09-20
ls "$out" | wc -l
