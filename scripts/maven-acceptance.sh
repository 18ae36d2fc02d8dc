#!/usr/bin/env bash
# Issue 4's acceptance run on the shared Maven CRM files (not in this repository):
# a targets file written here (100,000 per agent per quarter of 2017), scorecards
# per agent and per manager, a payout under fixtures/plans/three-tier.json, and the
# scorecard XLSX converted to PDF by LibreOffice and to PNG pages to look at.
# Usage: scripts/maven-acceptance.sh [DATA_DIR] [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data}
out=${2:-$(mktemp -d)}
sp="node $root/bin/salesperf.js"
{
  echo "Agent,Quarter,Target"
  tail -n +2 "$data/maven_crm_sales_teams.csv" | cut -d, -f1 | while read -r a; do
    for q in 2017-Q1 2017-Q2 2017-Q3 2017-Q4; do echo "$a,$q,100000"; done
  done
} > "$out/targets.csv"
common=("$data/maven_crm_sales_pipeline.csv" --org "$data/maven_crm_sales_teams.csv" --targets "$out/targets.csv" --as-of 2026-11-26 --grain quarter)
$sp scorecard "${common[@]}" --period 2017-Q4 --quiet > "$out/scorecard-agents.txt"
$sp scorecard "${common[@]}" --period 2017-Q4 --by manager --quiet > "$out/scorecard-managers.txt"
$sp scorecard "${common[@]}" --period 2017-Q4 --format json --quiet > "$out/scorecard-agents.json"
$sp scorecard "${common[@]}" --period 2017-Q4 --out "$out/scorecard.xlsx" --quiet
$sp scorecard "${common[@]}" --period 2017-Q4 --lang zh --out "$out/scorecard-zh.xlsx" --quiet
$sp payout "${common[@]}" --plan "$root/fixtures/plans/three-tier.json" --period 2017-Q4 --quiet > "$out/payout.txt"
$sp payout "${common[@]}" --plan "$root/fixtures/plans/three-tier.json" --period 2017-Q4 --format json --quiet > "$out/payout.json"
if command -v soffice > /dev/null; then
  (cd "$out" && soffice --headless --convert-to pdf scorecard.xlsx > /dev/null 2>&1 && soffice --headless --convert-to pdf scorecard-zh.xlsx > /dev/null 2>&1)
  command -v pdftoppm > /dev/null && pdftoppm -r 60 -png "$out/scorecard.pdf" "$out/scorecard-page" && pdftoppm -r 60 -png "$out/scorecard-zh.pdf" "$out/scorecard-zh-page"
fi
echo "$out"
