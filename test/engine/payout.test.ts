/** Plans worked by hand. Rep A, target 1,000.00 in Jan 2026 unless said otherwise. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/dates.js';
import { parseDecimal } from '../../src/core/parse-number.js';
import { PayoutAggregator, type Credit, type Statement } from '../../src/engine/payout.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import { planSchema } from '../../src/schema/plan.js';

const JAN = 2026 * 12;
const FEB = JAN + 1;
const cal = { grain: 'month' as const, fiscalStart: 1 };
let n = 0;
function rec(amount: string, o: Partial<SalesRecord> & { day?: [number, number] } = {}): SalesRecord {
  const d = parseDecimal(amount)!;
  const [m, day] = o.day ?? [1, 15];
  return {
    source: 0,
    row: ++n,
    date: daysFromCivil(2026, m, day),
    units: d.units,
    scale: d.scale,
    status: 'won',
    rep: 'A',
    customer: null,
    team: null,
    region: null,
    product: null,
    channel: null,
    dealId: `D${n}`,
    currency: null,
    createdDate: null,
    quantity: null,
    extra: [],
    ...o,
  };
}

const TIERS = [
  { from: 0, rate: 0.02 },
  { from: 0.8, rate: 0.05 },
  { from: 1.0, rate: 0.08 },
  { from: 1.2, rate: 0.1 },
];

function pay(
  planJson: unknown,
  records: SalesRecord[],
  o: {
    target?: string | null;
    creditsOf?: (r: SalesRecord) => Credit[];
    kpi?: number | null;
    to?: number;
    costOf?: (r: SalesRecord) => ReturnType<typeof parseDecimal>;
  } = {},
): Statement[] {
  const plan = planSchema.parse(planJson);
  const a = new PayoutAggregator({
    calendar: cal,
    ...(o.creditsOf ? { creditsOf: o.creditsOf } : {}),
    ...(o.costOf ? { costOf: o.costOf } : {}),
  });
  a.add(records);
  const target = o.target === undefined ? '1000' : o.target;
  return a.finish(plan, {
    from: JAN,
    to: o.to ?? JAN,
    target: (_rep, p) => (target === null || p !== JAN ? null : parseDecimal(target)),
    kpi: () => o.kpi ?? null,
  });
}
const total = (s: Statement[], rep = 'A', period = '2026-01') => s.find((x) => x.rep === rep && x.period === period)!.total;

describe('tiers at their edges', () => {
  const marginal = { name: 'M', tiers: { mode: 'marginal', tiers: TIERS } };
  const retro = { name: 'R', tiers: { mode: 'retroactive', tiers: TIERS } };
  it.each([
    ['799.99', 16.0, 16.0], // 799.99 × 2% = 15.9998 → 16.00 either way
    ['800', 16.0, 40.0], //    exactly 80%: marginal 800×2%; retroactive reaches 5% on all
    ['1000', 26.0, 80.0], //   100%: 16 + 200×5%; retro 8% × 1000
    ['1200', 42.0, 120.0], //  120%: 16 + 10 + 200×8%; retro 10% × 1200
    ['1300', 52.0, 130.0], //  16 + 10 + 16 + 100×10%
  ])('revenue %s: marginal %d, retroactive %d', (rev, m, r) => {
    expect(total(pay(marginal, [rec(rev)]))).toBe(m);
    expect(total(pay(retro, [rec(rev)]))).toBe(r);
  });

  it('marginal slices are their own lines, with basis and rate', () => {
    const s = pay(marginal, [rec('1300')])[0]!;
    expect(s.lines.map((l) => [l.label, l.basis, l.rate, l.amount])).toEqual([
      ['tier 0%–80% at 2%', 800, 0.02, 16],
      ['tier 80%–100% at 5%', 200, 0.05, 10],
      ['tier 100%–120% at 8%', 200, 0.08, 16],
      ['tier ≥120% at 10%', 100, 0.1, 10],
    ]);
    expect(s).toMatchObject({ credited: 1300, target: 1000, attainment: 1.3, tier: '≥120%' });
  });

  it('maxAttainment credits revenue up to the cap: 2,000 pays as 1,500', () => {
    expect(total(pay({ ...marginal, caps: { maxAttainment: 1.5 } }, [rec('2000')]))).toBe(72.0); // 16 + 10 + 16 + 300×10%
  });
});

describe('gate', () => {
  const plan = { name: 'G', base: { rate: 0.1 }, gate: { minAttainment: 0.5 } };
  it('just below the threshold pays nothing, shown as its own line', () => {
    const s = pay(plan, [rec('499.99')])[0]!;
    expect(s.lines.map((l) => [l.component, l.amount])).toEqual([
      ['base', 50.0],
      ['gate', -50.0],
    ]); // 49.999 → 50.00
    expect(s.total).toBe(0);
  });
  it('exactly at the threshold pays', () => expect(total(pay(plan, [rec('500')]))).toBe(50.0));
  it('a KPI floor gates too', () => {
    const p = { name: 'K', base: { rate: 0.1 }, gate: { kpi: { id: 'retentionRate', min: 0.6 } } };
    expect(total(pay(p, [rec('1000')], { kpi: 0.59 }))).toBe(0);
    expect(total(pay(p, [rec('1000')], { kpi: 0.6 }))).toBe(100);
  });
});

describe('caps', () => {
  it('per period: binding and not', () => {
    const p = { name: 'C', base: { rate: 0.1 }, caps: { perPeriod: 100 } };
    expect(pay(p, [rec('900')])[0]!.lines.map((l) => l.component)).toEqual(['base']);
    expect(total(pay(p, [rec('900')]))).toBe(90);
    const s = pay(p, [rec('1500')])[0]!;
    expect(s.lines.map((l) => [l.component, l.amount])).toEqual([
      ['base', 150],
      ['cap', -50],
    ]);
    expect(s.total).toBe(100);
  });
  it('per deal: 10% of 300 and of 800 capped at 50 is 30 + 50', () => {
    expect(total(pay({ name: 'D', base: { rate: 0.1 }, caps: { perDeal: 50 } }, [rec('300'), rec('800')]))).toBe(80);
  });
});

describe('clawback across periods', () => {
  it("a refund in Feb of a deal paid in Jan is clawed back at Jan's rate, as its own line", () => {
    const won = rec('1000', { dealId: 'D1' });
    const refund = rec('-200', { dealId: 'D1', status: 'refund', day: [2, 10] });
    const s = pay({ name: 'B', base: { rate: 0.1 } }, [won, refund], { to: FEB });
    expect(total(s)).toBe(100);
    const feb = s.find((x) => x.period === '2026-02')!;
    expect(feb.lines.map((l) => [l.component, l.label, l.amount])).toEqual([
      ['base', 'base 10% of revenue', 0],
      ['clawback', 'clawback: refund of D1 (paid in 2026-01)', -20],
    ]);
    expect(feb.total).toBe(-20);
  });
  it('with tiers, the clawback uses the effective rate paid: 26.00 on 1,000 → −2.60 for 100', () => {
    const s = pay(
      { name: 'M', tiers: { mode: 'marginal', tiers: TIERS } },
      [rec('1000', { dealId: 'D9' }), rec('-100', { dealId: 'D9', status: 'refund', day: [2, 3] })],
      { to: FEB },
    );
    expect(total(s)).toBe(26);
    expect(s.find((x) => x.period === '2026-02')!.lines.find((l) => l.component === 'clawback')!.amount).toBe(-2.6);
  });
  it('a refund in the same period lowers the credited revenue instead', () => {
    const s = pay({ name: 'B', base: { rate: 0.1 } }, [
      rec('1000', { dealId: 'D2' }),
      rec('-200', { dealId: 'D2', status: 'refund', day: [1, 20] }),
    ]);
    expect(s[0]).toMatchObject({ credited: 800, total: 80 });
  });
});

describe('split credit and bonuses', () => {
  it('a 60/40 split credits 600 and 400; the credits add up to the deal', () => {
    const split = (): Credit[] => [
      { rep: 'A', share: parseDecimal('0.6')! },
      { rep: 'B', share: parseDecimal('0.4')! },
    ];
    const s = pay({ name: 'B', base: { rate: 0.1 } }, [rec('1000')], { creditsOf: split, target: null });
    expect(s.map((x) => [x.rep, x.credited, x.total])).toEqual([
      ['A', 600, 60],
      ['B', 400, 40],
    ]);
  });
  it('a bonus per new customer counts customers whose first win is in the period', () => {
    const recs = [
      rec('10', { customer: 'C1' }),
      rec('10', { customer: 'C2' }),
      rec('10', { customer: 'C1', day: [2, 1] }),
      rec('10', { customer: 'C3', day: [2, 2] }),
    ];
    const s = pay({ name: 'N', bonuses: [{ type: 'newCustomer', amount: 100 }] }, recs, { to: FEB, target: null });
    expect([total(s), total(s, 'A', '2026-02')]).toEqual([200, 100]);
  });
  it('product bonus per deal or as a rate, and a SPIFF on a KPI', () => {
    const recs = [rec('500', { product: 'Pro' }), rec('300', { product: 'Pro' }), rec('100', { product: 'Basic' })];
    expect(total(pay({ name: 'P', bonuses: [{ type: 'product', product: 'Pro', amount: 25 }] }, recs, { target: null }))).toBe(50);
    expect(total(pay({ name: 'P', bonuses: [{ type: 'product', product: 'Pro', rate: 0.01 }] }, recs, { target: null }))).toBe(8);
    expect(
      total(pay({ name: 'S', bonuses: [{ type: 'spiff', kpi: 'winRate', min: 0.6, amount: 500 }] }, recs, { target: null, kpi: 0.6 })),
    ).toBe(500);
  });
});

describe('base on margin', () => {
  it('pays the rate on amount − cost: 10% of (1000 − 600) + 10% of (500 − 450) = 45', () => {
    const cost: Record<string, string> = { '1000': '600', '500': '450' };
    const recs = [rec('1000'), rec('500')];
    const s = pay({ name: 'Margin', base: { rate: 0.1, on: 'margin' } }, recs, {
      target: null,
      costOf: (r) => parseDecimal(cost[String(Number(r.units) / 10 ** r.scale)]!),
    });
    expect(s[0]!.lines.map((l) => [l.label, l.basis, l.amount])).toEqual([['base 10% of margin', 450, 45]]);
  });
});

describe('plan validation', () => {
  it('names the bad key', () => {
    const r = planSchema.safeParse({
      name: 'X',
      tiers: {
        mode: 'marginal',
        tiers: [
          { from: 0.1, rate: 0.02 },
          { from: 0.05, rate: 0.03 },
        ],
      },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['tiers.tiers.0.from', 'tiers.tiers.1.from']);
  });
});

describe('payout properties', () => {
  const plans = [
    { name: 'M', base: { rate: 0.01 }, tiers: { mode: 'marginal', tiers: TIERS }, gate: { minAttainment: 0.5 }, caps: { perPeriod: 150 } },
    { name: 'R', tiers: { mode: 'retroactive', tiers: TIERS }, caps: { maxAttainment: 1.5 } },
  ];
  it('never decreases as revenue rises (no decelerators); never exceeds the cap; lines add up to the total', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...plans),
        fc.array(fc.integer({ min: 1, max: 80000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 50000 }),
        (plan, deals, extra) => {
          const recs = deals.map((c) => rec((c / 100).toFixed(2)));
          const before = pay(plan, recs)[0]!;
          const after = pay(plan, [...recs, rec((extra / 100).toFixed(2))])[0]!;
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          for (const s of [before, after]) {
            if (plan.caps.perPeriod !== undefined) expect(s.total).toBeLessThanOrEqual(plan.caps.perPeriod);
            expect(s.lines.reduce((a, l) => a + Math.round(l.amount * 100), 0)).toBe(Math.round(s.total * 100));
          }
        },
      ),
    );
  });
  it('split credits add up to the deal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 10_000_000 }), (pctA, cents) => {
        const shares = (): Credit[] => [
          { rep: 'A', share: parseDecimal(String(pctA / 100))! },
          { rep: 'B', share: parseDecimal(String((100 - pctA) / 100))! },
        ];
        const s = pay({ name: 'B', base: { rate: 0.1 } }, [rec((cents / 100).toFixed(2))], { creditsOf: shares, target: null });
        expect(Math.round(s.reduce((a, x) => a + x.credited * 100, 0))).toBe(cents);
      }),
    );
  });
});

describe('statement notes are coded data (rendered in src/render/payout.ts)', () => {
  it('attainment capped: 1,800 on a target of 1,000 with maxAttainment 1.5 pays tiers on 1,500', () => {
    const s = pay({ name: 'C', tiers: { mode: 'retroactive', tiers: TIERS }, caps: { maxAttainment: 1.5 } }, [rec('1800')]);
    expect(s[0]!.notes).toEqual([{ code: 'PAYOUT_NOTE_ATTAINMENT_CAPPED', params: { max: 150 } }]);
    expect(total(s)).toBe(150); // 10% × 1,500
  });
  it('no target: tiers not applied, as a code without parameters', () => {
    const s = pay({ name: 'M', tiers: { mode: 'marginal', tiers: TIERS } }, [rec('500')], { target: null });
    expect(s[0]!.notes).toEqual([{ code: 'PAYOUT_NOTE_NO_TARGET', params: {} }]);
    expect(s[0]!.lines).toEqual([]);
  });
  it('a refund credited to a rep who was paid nothing on the deal: no clawback line, a note naming deal and rep', () => {
    const won = rec('1000', { dealId: 'D7' });
    const refund = rec('-200', { dealId: 'D7', status: 'refund', rep: 'B', day: [2, 10] });
    const a = new PayoutAggregator({ calendar: cal });
    a.add([won, refund]);
    const target = parseDecimal('1000');
    const s = a.finish(planSchema.parse({ name: 'B', base: { rate: 0.1 } }), {
      from: JAN,
      to: FEB,
      target: (_r, p) => (p === JAN ? target : null),
      kpi: () => null,
      reps: ['B'],
    });
    const feb = s.find((x) => x.rep === 'B' && x.period === '2026-02')!;
    expect(feb.notes).toEqual([{ code: 'PAYOUT_NOTE_NO_CLAWBACK', params: { deal: 'D7', rep: 'B' } }]);
    expect(feb.lines.filter((l) => l.component === 'clawback')).toEqual([]);
    expect(total(s)).toBe(100);
  });
});
