/**
 * The scorecard and payout JSON documents have one zod source of truth each
 * (src/app/scorecard-output.ts, src/app/payout-output.ts): the CLI's `--format json` output, on
 * the bundled sample and on small files worked out by hand, parses with every field present and
 * typed (parsing strips undeclared keys, so `parse(doc)` equal to `doc` also says there is no key
 * the schema does not name), and a document with a wrong field does not parse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  payout,
  payoutResultSchema,
  payoutSchema,
  scorecard,
  scorecardResultSchema,
  scorecardSchema,
  type PayoutDoc,
  type ScorecardDoc,
} from '../../src/index.js';
import { ROOT, runCli, tmp, writeTmp } from '../helpers.js';

const sample = (f: string) => join(ROOT, 'fixtures', f);

/** Ann sold 100 a month for three months and has a target of 1000 in April (10× her average): flagged; Bob's April is 90 of 300. */
const SALES = [
  'Date,Rep,Amount,Status',
  '2026-01-10,Ann,100,Won',
  '2026-02-10,Ann,100,Won',
  '2026-03-10,Ann,100,Won',
  '2026-04-10,Ann,120,Won',
  '2026-01-10,Bob,300,Won',
  '2026-02-10,Bob,300,Won',
  '2026-03-10,Bob,300,Won',
  '2026-04-10,Bob,90,Won',
  '',
].join('\n');
const TARGETS = [
  'Rep,Month,Target',
  'Ann,2026-01,100',
  'Ann,2026-02,100',
  'Ann,2026-03,100',
  'Ann,2026-04,1000',
  'Bob,2026-04,300',
  '',
].join('\n');

function json(args: string[]): unknown {
  const r = runCli([...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** The keys of a row besides the schema's own: exactly the document's dimensions. */
function dimensionKeys(row: Record<string, unknown>, own: string[]): string[] {
  return Object.keys(row).filter((k) => !own.includes(k));
}

function checkScorecard(raw: unknown): ScorecardDoc {
  const doc = scorecardSchema.parse(raw);
  expect(doc).toEqual(raw);
  for (const row of doc.rows) expect(dimensionKeys(row, ['rank', 'score', 'band', 'feedback', 'kpis'])).toEqual(doc.meta.dimensions);
  for (const c of doc.targetChecks)
    expect(dimensionKeys(c, ['period', 'target', 'trailingAverage', 'trailingPeriods', 'lastYear', 'ratio', 'direction'])).toEqual(
      doc.meta.dimensions,
    );
  return doc;
}

function checkPayout(raw: unknown): PayoutDoc {
  const doc = payoutSchema.parse(raw);
  expect(doc).toEqual(raw);
  return doc;
}

/** A parsed JSON document, changed at a known path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shape, on purpose: the test breaks it
type Json = any;

/** Where a document with one field changed fails to parse. */
function failsAt(schema: typeof scorecardSchema | typeof payoutSchema, doc: unknown, change: (d: Json) => void): string[] {
  const copy = structuredClone(doc);
  change(copy);
  const r = schema.safeParse(copy);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => i.path.join('.'));
}

describe('scorecard JSON: scorecardSchema', () => {
  it('parses the scorecard of a small file, with values worked out by hand and a target check', () => {
    const dir = tmp();
    const s = writeTmp('sales.csv', SALES, dir);
    const t = writeTmp('targets.csv', TARGETS, dir);
    const doc = checkScorecard(json(['scorecard', s, '--targets', t, '--period', '2026-04', '--as-of', '2026-05-01']));
    expect(doc.meta).toMatchObject({ schemaVersion: 1, command: 'scorecard', period: '2026-04', grain: 'month', dimensions: ['rep'] });
    // revenue alone is left (no customer column, win rate 100% for both): attainment, capped at 120%
    expect(doc.meta.kpis).toEqual([
      { kpi: 'revenue', weight: 100, configuredWeight: 50, direction: 'higher', method: 'attainment', cap: 1.2, target: null },
    ]);
    // Bob 90 of 300 = 30%, Ann 120 of 1000 = 12%
    expect(doc.rows.map((r) => [r.rank, r.rep, r.score, r.kpis.revenue!.attainment])).toEqual([
      [1, 'Bob', 30, 0.3],
      [2, 'Ann', 12, 0.12],
    ]);
    // Ann's April target is 1000 against a trailing average of 100 over three months
    expect(doc.targetChecks).toEqual([
      {
        rep: 'Ann',
        period: '2026-04',
        target: 1000,
        trailingAverage: 100,
        trailingPeriods: 3,
        lastYear: null,
        ratio: 10,
        direction: 'high',
      },
    ]);
  });

  it('parses the scorecard of the bundled sample, by region and by rep', () => {
    const byRegion = checkScorecard(
      json(['scorecard', sample('sample/sales.csv'), '--targets', sample('sample/targets.csv'), '--by', 'region', '--as-of', '2026-09-20']),
    );
    expect(byRegion.meta.dimensions).toEqual(['region']);
    expect(byRegion.rows.length).toBe(4);
    const byRep = checkScorecard(json(['scorecard', sample('sample/sales.csv'), '--as-of', '2026-09-20', '--period', '2026-08']));
    expect(byRep.meta.dimensions).toEqual(['rep']);
    expect(byRep.rows.length).toBeGreaterThan(3);
    expect(byRep.rows.every((r) => typeof r.rep === 'string' && Object.keys(r.kpis).length === byRep.meta.kpis.length)).toBe(true);
  });

  it('does not parse a document with a field of the wrong type, a missing field or an unknown version', () => {
    const dir = tmp();
    const doc = json([
      'scorecard',
      writeTmp('sales.csv', SALES, dir),
      '--targets',
      writeTmp('targets.csv', TARGETS, dir),
      '--period',
      '2026-04',
      '--as-of',
      '2026-05-01',
    ]);
    expect(failsAt(scorecardSchema, doc, (d) => (d.rows[0].score = '30'))).toEqual(['rows.0.score']);
    expect(failsAt(scorecardSchema, doc, (d) => (d.rows[1].rep = 7))).toEqual(['rows.1.rep']);
    expect(failsAt(scorecardSchema, doc, (d) => ((d.rows[0].kpis.revenue.points = null), delete d.rows[0].kpis.revenue.weight))).toEqual([
      'rows.0.kpis.revenue.weight',
    ]);
    expect(failsAt(scorecardSchema, doc, (d) => (d.targetChecks[0].direction = 'up'))).toEqual(['targetChecks.0.direction']);
    expect(failsAt(scorecardSchema, doc, (d) => (d.meta.schemaVersion = 2))).toEqual(['meta.schemaVersion']);
    expect(failsAt(scorecardSchema, doc, (d) => delete d.meta.bands)).toEqual(['meta.bands']);
  });

  it('types what scorecard() returns: the CLI document plus notes', async () => {
    const dir = tmp();
    const s = writeTmp('sales.csv', SALES, dir);
    const t = writeTmp('targets.csv', TARGETS, dir);
    const r = await scorecard({ files: [s], targets: t, period: '2026-04', asOf: '2026-05-01' });
    expect(scorecardResultSchema.parse(r)).toEqual(r);
    const { notes, ...doc } = r;
    expect(doc).toEqual(json(['scorecard', s, '--targets', t, '--period', '2026-04', '--as-of', '2026-05-01']));
    expect(notes.map((n) => n.code)).toContain('NOTE_DEFAULT_SCORECARD');
  });
});

describe('payout JSON: payoutSchema', () => {
  const plan = sample('plans/base-10.json');

  it('parses the statements of a small file: 10% of each rep’s credited revenue', () => {
    const doc = checkPayout(json(['payout', sample('kpi/deals.csv'), '--plan', plan, '--as-of', '2026-06-30', '--period', '2026-01']));
    expect(doc.meta).toEqual({
      schemaVersion: 1,
      tool: 'salesperf',
      command: 'payout',
      plan: JSON.parse(readFileSync(plan, 'utf8')).name,
      compare: null,
      grain: 'month',
    });
    // January: Ann won D1 (100.00), Bob won D2 (200.00), Cat lost D3
    const byRep = Object.fromEntries(
      doc.statements.map((s) => [s.rep, [s.credited, s.total, s.lines.map((l) => [l.component, l.amount])]]),
    );
    expect(byRep.Ann).toEqual([100, 10, [['base', 10]]]);
    expect(byRep.Bob).toEqual([200, 20, [['base', 20]]]);
    expect(doc.totals).toEqual({ plan: doc.statements.reduce((a, s) => a + s.total, 0), compare: null });
    expect(doc.comparison).toBeNull();
  });

  it('parses the bundled sample under the three-tier plan, and a comparison of two plans', () => {
    const tiers = checkPayout(
      json(['payout', sample('sample/sales.csv'), '--plan', sample('plans/three-tier.json'), '--as-of', '2026-09-20']),
    );
    expect(tiers.statements.length).toBeGreaterThan(10);
    expect(tiers.statements.some((s) => s.notes.length > 0 && s.lines.length > 1)).toBe(true);
    const cmp = checkPayout(
      json(['payout', sample('sample/sales.csv'), '--plan', plan, '--compare', sample('plans/base-5-bonus.json'), '--as-of', '2026-09-20']),
    );
    expect(cmp.meta.compare).not.toBeNull();
    expect(cmp.comparison!.length).toBeGreaterThan(3);
    for (const c of cmp.comparison!) expect(Math.round((c.b - c.a) * 100)).toBe(Math.round(c.delta * 100));
  });

  it('does not parse a document with a field of the wrong type, a missing field or an unknown component', () => {
    const doc = json(['payout', sample('kpi/deals.csv'), '--plan', plan, '--as-of', '2026-06-30']);
    expect(failsAt(payoutSchema, doc, (d) => (d.statements[0].total = '10.00'))).toEqual(['statements.0.total']);
    expect(failsAt(payoutSchema, doc, (d) => (d.statements[0].lines[0].component = 'salary'))).toEqual(['statements.0.lines.0.component']);
    expect(failsAt(payoutSchema, doc, (d) => delete d.totals.compare)).toEqual(['totals.compare']);
    expect(failsAt(payoutSchema, doc, (d) => (d.meta.command = 'report'))).toEqual(['meta.command']);
  });

  it('types what payout() returns: the CLI document plus notes, issue counts and the exit code', async () => {
    const r = await payout({ files: [sample('kpi/deals.csv')], plan: JSON.parse(readFileSync(plan, 'utf8')), asOf: '2026-06-30' });
    expect(payoutResultSchema.parse(r)).toEqual(r);
    const { notes: _n, issues: _i, exitCode, ...doc } = r;
    expect(exitCode).toBe(0);
    expect(doc).toEqual(json(['payout', sample('kpi/deals.csv'), '--plan', plan, '--as-of', '2026-06-30']));
  });
});
