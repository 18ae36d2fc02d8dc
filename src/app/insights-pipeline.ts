/**
 * The weighted pipeline of `insights` (issue 13): open deals and closed deals gathered while the
 * files are read (`PipelineLedger`), the user's stage probabilities (`--stage-probabilities FILE`,
 * JSON or CSV, checked with zod) and the pipeline section of the document. Pure: the CLI reads the
 * probability file and passes its text.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { round, unitsAt } from '../core/decimal.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { normaliseStatus } from '../core/status.js';
import { type Calendar, periodKey, periodOf } from '../engine/periods.js';
import { usageError } from '../errors.js';
import type { SalesRecord } from '../ingest/record.js';
import { type ClosedDeals, type OpenDeals, type PipelineBucket, weightedPipeline } from '../analysis/pipeline.js';
import { roundMoney, roundRatio } from '../analysis/stats.js';
import type { InsightsDoc } from '../schema/insights-output.js';

const SEP = '\u0001';

/**
 * Open deals by (stage, expected close period or none, product, valued, created day) and closed deals
 * by (close day, product): memory one entry per distinct key, at most one per open or closed row.
 */
export class PipelineLedger {
  readonly open = new Map<string, { deals: number; cents: number }>();
  readonly closed = new Map<string, { won: number; lost: number; wonCents: number }>();
  constructor(private readonly calendar: Calendar) {}

  add(batch: readonly SalesRecord[]): void {
    for (const r of batch) {
      if (r.status === 'open') {
        const cents = Number(unitsAt(round({ units: r.units, scale: r.scale }, 2), 2));
        const close = r.undatedClose ? '' : String(periodOf(r.date, this.calendar));
        const key = [r.stage ?? '', close, r.product ?? '', cents !== 0 ? 1 : 0, r.createdDate ?? ''].join(SEP);
        const e = this.open.get(key) ?? { deals: 0, cents: 0 };
        e.deals++;
        e.cents += cents;
        this.open.set(key, e);
      } else if (r.status === 'won' || r.status === 'lost') {
        const key = `${r.date}${SEP}${r.product ?? ''}`;
        const e = this.closed.get(key) ?? { won: 0, lost: 0, wonCents: 0 };
        if (r.status === 'won') {
          e.won++;
          e.wonCents += Number(unitsAt(round({ units: r.units, scale: r.scale }, 2), 2));
        } else e.lost++;
        this.closed.set(key, e);
      }
    }
  }
}

/** The open deals as of a day, bucketed against the forecast period `p0` (a period ordinal). */
export function openDealsAsOf(ledger: PipelineLedger, asOf: number | null, p0: number): OpenDeals[] {
  const out: OpenDeals[] = [];
  for (const key of [...ledger.open.keys()].sort()) {
    const e = ledger.open.get(key)!;
    const [stage, close, product, valued, created] = key.split(SEP) as [string, string, string, string, string];
    // a deal created after the as-of date was not open yet
    if (asOf !== null && created !== '' && Number(created) > asOf) continue;
    const ord = close === '' ? null : Number(close);
    const bucket: PipelineBucket = ord === null ? 'undated' : ord <= p0 ? 'current' : ord === p0 + 1 ? 'next' : 'later';
    const has = valued === '1';
    out.push({
      stage: stage || '(none)',
      bucket,
      overdue: ord !== null && ord < p0,
      product: product || null,
      deals: e.deals,
      valued: has ? e.deals : 0,
      cents: has ? e.cents : 0,
    });
  }
  return out;
}

/** Closed deals up to the as-of date, per product. */
export function closedDealsAsOf(ledger: PipelineLedger, asOf: number | null): ClosedDeals[] {
  const by = new Map<string, ClosedDeals>();
  for (const key of [...ledger.closed.keys()].sort()) {
    const [day, product] = key.split(SEP) as [string, string];
    if (asOf !== null && Number(day) > asOf) continue;
    const e = ledger.closed.get(key)!;
    const c = by.get(product) ?? { product: product || null, won: 0, lost: 0, wonCents: 0 };
    c.won += e.won;
    c.lost += e.lost;
    c.wonCents += e.wonCents;
    by.set(product, c);
  }
  return [...by.values()];
}

const probabilitySchema = z.number().min(0).max(1);

/**
 * Stage → P(win) from a `--stage-probabilities` file: a JSON object `{"Engaging": 0.4}` or a CSV
 * with a header row and two columns (stage, probability). Keys are matched as statuses are
 * (case, spaces, `-`/`_` ignored). Every bad entry is named (file, key or row) in one usage error.
 */
export function parseStageProbabilities(text: string, file: string): Map<string, number> {
  text = text.replace(/^\uFEFF/, '');
  const entries: [string, unknown, string][] = [];
  const problems: string[] = [];
  const isJson = /\.json$/i.test(file) || /^\s*[{[]/.test(text);
  if (isJson) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw usageError('STAGE_PROBABILITIES', msg('STAGE_PROB_JSON', { file, reason: (e as Error).message }));
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw usageError('STAGE_PROBABILITIES', msg('STAGE_PROB_SHAPE', { file }));
    for (const [k, v] of Object.entries(data)) entries.push([k, v, JSON.stringify(k)]);
  } else {
    let rows: string[][];
    try {
      rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
    } catch (e) {
      throw usageError('STAGE_PROBABILITIES', msg('STAGE_PROB_JSON', { file, reason: (e as Error).message }));
    }
    const num = (v: string | undefined) => v !== undefined && /^[0-9]*\.?[0-9]+$/.test(v);
    // the first row is a header unless its probability is a number
    const skip = num(rows[0]?.[1]) ? 0 : 1;
    rows.slice(skip).forEach((r, i) => {
      const v = r[1] ?? '';
      entries.push([r[0] ?? '', num(v) ? Number(v) : v, `row ${i + 1 + skip}`]);
    });
  }
  const out = new Map<string, number>();
  for (const [stage, value, where] of entries) {
    const key = normaliseStatus(stage);
    const ok = probabilitySchema.safeParse(value);
    if (key === '') problems.push(`${where}: ${JSON.stringify(stage)}`);
    else if (!ok.success) problems.push(`${where}: ${JSON.stringify(value)}`);
    else if (out.has(key)) problems.push(`${where}: ${JSON.stringify(stage)} (twice)`);
    else out.set(key, ok.data);
  }
  if (problems.length) throw usageError('STAGE_PROBABILITIES', msg('STAGE_PROB_INVALID', { file, list: problems.slice(0, 10).join('; ') }));
  if (out.size === 0) throw usageError('STAGE_PROBABILITIES', msg('STAGE_PROB_SHAPE', { file }));
  return out;
}

export interface PipelineInput {
  ledger: PipelineLedger;
  calendar: Calendar;
  asOf: number | null;
  /** The forecast period's ordinal: the as-of date's period in progress, else the one after the current. */
  p0: number;
  /** Revenue won so far in the forecast period, and its run-rate forecast (null without one). */
  toDate: number;
  runRate: number | null;
  given: Map<string, number> | null;
  /** Open deals without any date, not read (OPEN_UNDATED). */
  unreadOpen: number;
  note: (m: Msg) => void;
}

/** The pipeline section: null (with a note) when there is no open deal. */
export function pipelineSection(p: PipelineInput): NonNullable<InsightsDoc['pipeline']> | null {
  const open = openDealsAsOf(p.ledger, p.asOf, p.p0);
  if (p.unreadOpen) p.note(msg('INS_PIPELINE_UNREAD', { deals: p.unreadOpen }));
  if (!open.length) {
    p.note(msg('INS_NO_PIPELINE'));
    return null;
  }
  const r = weightedPipeline(open, closedDealsAsOf(p.ledger, p.asOf), { ...(p.given ? { given: p.given } : {}), key: normaliseStatus });
  const sources = new Set(r.stages.map((s) => s.source));
  if (sources.has('overall'))
    p.note(msg('INS_PIPELINE_OVERALL', { rate: r.winRate === null ? '—' : `${(r.winRate * 100).toFixed(1)}%`, won: r.won, lost: r.lost }));
  if (sources.has(null)) p.note(msg('INS_PIPELINE_NO_RATE'));
  const noValue = r.stages.reduce((n, s) => n + s.noValue, 0);
  const priced = r.stages.reduce((n, s) => n + s.priced, 0);
  if (priced) p.note(msg('INS_PIPELINE_PRICED', { deals: priced }));
  if (noValue) p.note(msg('INS_PIPELINE_NO_VALUE', { deals: noValue }));
  const undated = r.buckets.find((b) => b.bucket === 'undated');
  if (undated) p.note(msg('INS_PIPELINE_UNDATED', { deals: undated.deals }));
  const periodOfBucket = (b: PipelineBucket) =>
    b === 'current' ? periodKey(p.p0, p.calendar) : b === 'next' ? periodKey(p.p0 + 1, p.calendar) : null;
  const cur = r.buckets.find((b) => b.bucket === 'current');
  const c = (x: number) => roundMoney(x / 100);
  const toDate = Math.round(p.toDate * 100);
  return {
    period: periodKey(p.p0, p.calendar),
    commitAt: r.commitAt,
    estimator: sources.has('given') ? (sources.size > 1 ? 'mixed' : 'given') : 'overall',
    closedWon: r.won,
    closedLost: r.lost,
    winRate: r.winRate === null ? null : roundRatio(r.winRate),
    stages: r.stages.map((s) => ({
      stage: s.stage,
      probability: s.probability === null ? null : roundRatio(s.probability),
      source: s.source,
      deals: s.deals,
      valued: s.valued,
      priced: s.priced,
      noValue: s.noValue,
      value: c(s.value),
      weighted: c(s.weighted),
    })),
    buckets: r.buckets.map((b) => ({
      bucket: b.bucket,
      period: periodOfBucket(b.bucket),
      deals: b.deals,
      valued: b.valued,
      priced: b.priced,
      noValue: b.noValue,
      overdue: b.overdue,
      bestCase: c(b.bestCase),
      commit: c(b.commit),
      weighted: c(b.weighted),
    })),
    current: {
      period: periodKey(p.p0, p.calendar),
      toDate: roundMoney(p.toDate),
      runRate: p.runRate === null ? null : roundMoney(p.runRate),
      commit: c(toDate + (cur?.commit ?? 0)),
      weighted: c(toDate + (cur?.weighted ?? 0)),
      bestCase: c(toDate + (cur?.bestCase ?? 0)),
    },
  };
}
