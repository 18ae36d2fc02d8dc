/**
 * The weighted pipeline worked by hand: 3 stages, 6 open deals, 8 closed ones (amounts in cents).
 *
 * Closed: product A won 100, 200, 300 (average 200) and lost 1; product B won 50 and lost 3.
 * Won 4, lost 4: the overall win rate is 4 / 8 = 0.5.
 *
 * | deal | stage       | product | amount | close     | value                 |
 * | D1   | Prospecting | A       | 1000   | current   | 1000                  |
 * | D2   | Prospecting | B       | —      | current   | 50 (B's average won)  |
 * | D3   | Proposal    | A       | 400    | next      | 400                   |
 * | D4   | Proposal    | C       | —      | next      | none (C never won)    |
 * | D5   | Negotiation | A       | —      | overdue   | 200 (A's average won) |
 * | D6   | Negotiation | B       | 600    | undated   | 600                   |
 */
import { describe, expect, it } from 'vitest';
import { type ClosedDeals, type OpenDeals, productPrices, stageProbabilities, weightedPipeline } from '../../src/analysis/pipeline.js';

const CLOSED: ClosedDeals[] = [
  { product: 'A', won: 3, lost: 1, wonCents: (100 + 200 + 300) * 100 },
  { product: 'B', won: 1, lost: 3, wonCents: 50 * 100 },
];

const OPEN: OpenDeals[] = [
  { stage: 'Prospecting', bucket: 'current', overdue: false, product: 'A', deals: 1, valued: 1, cents: 100_000 },
  { stage: 'Prospecting', bucket: 'current', overdue: false, product: 'B', deals: 1, valued: 0, cents: 0 },
  { stage: 'Proposal', bucket: 'next', overdue: false, product: 'A', deals: 1, valued: 1, cents: 40_000 },
  { stage: 'Proposal', bucket: 'next', overdue: false, product: 'C', deals: 1, valued: 0, cents: 0 },
  { stage: 'Negotiation', bucket: 'current', overdue: true, product: 'A', deals: 1, valued: 0, cents: 0 },
  { stage: 'Negotiation', bucket: 'undated', overdue: false, product: 'B', deals: 1, valued: 1, cents: 60_000 },
];

const GIVEN = new Map([
  ['Prospecting', 0.1],
  ['Proposal', 0.5],
  ['Negotiation', 0.9],
]);

describe('weighted pipeline by hand', () => {
  it("prices a deal without an amount at its product's average won amount", () => {
    expect(productPrices(CLOSED)).toEqual(
      new Map([
        ['A', 20_000],
        ['B', 5_000],
      ]),
    );
    // half away from zero: 3 won deals of 1, 1 and 2 cents average 1.333… → 1; of 1, 2, 2 → 1.666… → 2; 1 and 2 → 1.5 → 2
    expect(productPrices([{ product: 'X', won: 3, lost: 0, wonCents: 4 }]).get('X')).toBe(1);
    expect(productPrices([{ product: 'X', won: 3, lost: 0, wonCents: 5 }]).get('X')).toBe(2);
    expect(productPrices([{ product: 'X', won: 2, lost: 0, wonCents: 3 }]).get('X')).toBe(2);
  });

  it('with given probabilities: Σ value × P(win) per stage and per close bucket, commit = stages at P ≥ 0.9', () => {
    const r = weightedPipeline(OPEN, CLOSED, { given: GIVEN });
    expect(r.won).toBe(4);
    expect(r.lost).toBe(4);
    expect(r.winRate).toBe(0.5);
    // stages sorted by name (code-unit order)
    expect(r.stages).toEqual([
      // D5 (200 × 0.9 = 180) + D6 (600 × 0.9 = 540) = 720
      {
        stage: 'Negotiation',
        probability: 0.9,
        source: 'given',
        deals: 2,
        valued: 1,
        priced: 1,
        noValue: 0,
        value: 80_000,
        weighted: 72_000,
      },
      // D3 (400 × 0.5 = 200) + D4 (no value) = 200
      { stage: 'Proposal', probability: 0.5, source: 'given', deals: 2, valued: 1, priced: 0, noValue: 1, value: 40_000, weighted: 20_000 },
      // D1 (1000 × 0.1 = 100) + D2 (50 × 0.1 = 5) = 105
      {
        stage: 'Prospecting',
        probability: 0.1,
        source: 'given',
        deals: 2,
        valued: 1,
        priced: 1,
        noValue: 0,
        value: 105_000,
        weighted: expect.closeTo(10_500, 6),
      },
    ]);
    expect(r.buckets).toEqual([
      // D1, D2, D5: best case 1000 + 50 + 200 = 1250; commit D5 = 200; weighted 100 + 5 + 180 = 285
      {
        bucket: 'current',
        deals: 3,
        valued: 1,
        priced: 2,
        noValue: 0,
        overdue: 1,
        bestCase: 125_000,
        commit: 20_000,
        weighted: expect.closeTo(28_500, 6),
      },
      // D3, D4: 400; commit 0; weighted 200
      { bucket: 'next', deals: 2, valued: 1, priced: 0, noValue: 1, overdue: 0, bestCase: 40_000, commit: 0, weighted: 20_000 },
      // D6: 600, commit 600, weighted 540 (no 'later' deal: that bucket is left out)
      { bucket: 'undated', deals: 1, valued: 1, priced: 0, noValue: 0, overdue: 0, bestCase: 60_000, commit: 60_000, weighted: 54_000 },
    ]);
    // the buckets add up to the stages: every open deal once
    const sum = (xs: { weighted: number }[]) => xs.reduce((s, x) => s + x.weighted, 0);
    expect(sum(r.buckets)).toBeCloseTo(sum(r.stages), 6);
  });

  it('without given probabilities every stage gets the overall win rate won / (won + lost) of the closed deals', () => {
    const r = weightedPipeline(OPEN, CLOSED);
    expect(r.stages.map((s) => [s.stage, s.probability, s.source])).toEqual([
      ['Negotiation', 0.5, 'overall'],
      ['Proposal', 0.5, 'overall'],
      ['Prospecting', 0.5, 'overall'],
    ]);
    const cur = r.buckets.find((b) => b.bucket === 'current')!;
    // 1250 × 0.5 = 625; no stage reaches 0.9: commit 0
    expect(cur.weighted).toBe(62_500);
    expect(cur.commit).toBe(0);
    // a lower commit threshold takes in every stage at 0.5
    expect(weightedPipeline(OPEN, CLOSED, { commitAt: 0.5 }).buckets.find((b) => b.bucket === 'current')!.commit).toBe(125_000);
  });

  it('mixes given and estimated stages, and looks stages up by a key', () => {
    const key = (s: string) => s.toLowerCase();
    const p = stageProbabilities(['Engaging', 'Proposal'], 0.25, { given: new Map([['proposal', 0.6]]), key });
    expect([...p]).toEqual([
      ['Engaging', { probability: 0.25, source: 'overall' }],
      ['Proposal', { probability: 0.6, source: 'given' }],
    ]);
  });

  it('without closed deals and without a given probability a stage has none and its deals weigh 0', () => {
    const r = weightedPipeline(OPEN.slice(0, 2), []);
    expect(r.winRate).toBeNull();
    expect(r.stages[0]).toMatchObject({
      stage: 'Prospecting',
      probability: null,
      source: null,
      priced: 0,
      noValue: 1,
      value: 100_000,
      weighted: 0,
    });
  });
});
