#!/usr/bin/env python3
"""Independent check of `salesperf report` on ../shared/data with SQLite and exact
Python Decimal sums (no code shared with salesperf). Usage: python3 scripts/check-shared.py [DATA_DIR]"""
import csv, json, sqlite3, statistics, subprocess, sys
from datetime import date
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

root = Path(__file__).resolve().parent.parent
data = Path(sys.argv[1] if len(sys.argv) > 1 else root.parent / 'shared' / 'data')
failures = 0

class DSum:
    def __init__(self): self.s = Decimal(0)
    def step(self, v):
        if v is not None and v != '': self.s += Decimal(v)
    def finalize(self): return str(self.s)

def db():
    c = sqlite3.connect(':memory:')
    c.create_aggregate('dsum', 1, DSum)
    return c

def cents(x): return float(Decimal(x).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))

def report(*args):
    out = subprocess.run(['node', str(root / 'bin/salesperf.js'), 'report', *args, '--format', 'json', '--as-of', '2026-11-26', '--quiet'], capture_output=True, text=True)
    if out.returncode not in (0, 1): sys.exit(f'salesperf failed: {out.stderr}')
    return json.loads(out.stdout)

def compare(name, want, got):
    global failures
    bad = [(k, want.get(k), got.get(k)) for k in sorted(set(want) | set(got), key=str) if want.get(k) != got.get(k)]
    print(f'{name}: {len(want)} values, {len(bad)} differences')
    for b in bad[:10]: print('   ', b)
    failures += len(bad)

# --- superstore: revenue by Region × year; active/new/retained customers per year
c = db()
c.execute('create table o (region text, y int, customer text, sales text)')
with open(data / 'superstore_us_2019-2022_orders_ddmmyy.csv', encoding='utf-8-sig', newline='') as f:
    for r in csv.DictReader(f):
        d, m, y = r['Order Date'].split('/')
        c.execute('insert into o values (?,?,?,?)', (r['Region'], 2000 + int(y), r['Customer ID'], r['Sales']))
want = {(reg, str(y)): cents(s) for reg, y, s in c.execute('select region, y, dsum(sales) from o group by 1, 2')}
j = report(str(data / 'superstore_us_2019-2022_orders_ddmmyy.csv'), '--by', 'Region', '--grain', 'year')
compare('superstore revenue by Region and year', want, {(r['region'], r['period']): r['revenue'] for r in j['rows']})
want = {}
for (y,) in c.execute('select distinct y from o order by 1'):
    active = {r[0] for r in c.execute('select distinct customer from o where y = ?', (y,))}
    prev = {r[0] for r in c.execute('select distinct customer from o where y = ?', (y - 1,))}
    new = {r[0] for r in c.execute('select customer from o group by customer having min(y) = ?', (y,))}
    want[str(y)] = (len(active), len(new & active), len(active & prev))
compare('superstore active/new/retained customers per year', want, {t['period']: (t['activeCustomers'], t['newCustomers'], t['retainedCustomers']) for t in j['totals']})
compare('superstore yearly totals', {str(y): cents(s) for y, s in c.execute('select y, dsum(sales) from o group by 1')}, {t['period']: t['revenue'] for t in j['totals']})

# --- maven: per sales_agent per quarter: revenue, won, lost, win rate, median cycle
c = db()
c.execute('create table p (agent text, stage text, engage text, close text, value text)')
with open(data / 'maven_crm_sales_pipeline.csv', newline='') as f:
    for r in csv.DictReader(f):
        c.execute('insert into p values (?,?,?,?,?)', (r['sales_agent'], r['deal_stage'], r['engage_date'], r['close_date'], r['close_value']))
q = "substr(close,1,4) || '-Q' || ((cast(substr(close,6,2) as int) + 2) / 3)"
rows = c.execute(f"select agent, {q}, dsum(case when stage='Won' then value end), sum(stage='Won'), sum(stage='Lost') from p where stage in ('Won','Lost') group by 1, 2").fetchall()
want = {(a, k): (cents(s), w, l, round(w / (w + l), 6)) for a, k, s, w, l in rows}
j = report(str(data / 'maven_crm_sales_pipeline.csv'), '--by', 'rep', '--grain', 'quarter')
got = {(r['rep'], r['period']): (r['revenue'], r['deals'], r['lostDeals'], r['winRate']) for r in j['rows'] if r['deals'] + r['lostDeals'] > 0}
compare('maven revenue, won, lost, win rate per agent per quarter', want, got)
cyc = {}
for a, k, e, cl in c.execute(f"select agent, {q}, engage, close from p where stage = 'Won'"):
    cyc.setdefault((a, k), []).append((date.fromisoformat(cl) - date.fromisoformat(e)).days)
compare('maven median cycle days per agent per quarter', {k: float(statistics.median(v)) for k, v in cyc.items()}, {(r['rep'], r['period']): r['salesCycleDays'] for r in j['rows'] if r['salesCycleDays'] is not None})

# --- fb ads as a spend file: spend, acquired and CAC per xyz_campaign_id per month
c = db()
c.execute('create table s (campaign text, month text, spent text, acq int)')
with open(data / 'fb_ads_conversion_kag.csv', newline='') as f:
    for r in csv.DictReader(f):
        d, m, y = r['Date'].split('-')
        c.execute('insert into s values (?,?,?,?)', (r['xyz_campaign_id'], f'{y}-{m}', r['Spent'], int(r['Approved_Conversion'])))
want = {}
for camp, mo, sp, acq in c.execute('select campaign, month, dsum(spent), sum(acq) from s group by 1, 2'):
    want[(camp, mo)] = (cents(sp), acq, cents(Decimal(sp) / acq) if acq else None)
j = report('--spend', str(data / 'fb_ads_conversion_kag.csv'), '--by', 'xyz_campaign_id')
compare('fb spend, acquired, CAC per campaign', want, {(r['xyz_campaign_id'], r['period']): (r['spend'], r['acquired'], r['cac']) for r in j['rows']})

print('all match' if failures == 0 else f'{failures} differences')
sys.exit(1 if failures else 0)
