import { describe, expect, it } from 'vitest';
import { backtest, forecastWith } from '../../src/analysis/backtest.js';
import { roundMoney, Z80 } from '../../src/analysis/stats.js';
import { suggestTarget, suggestTargets } from '../../src/analysis/target-suggestion.js';

describe('target suggestions', () => {
  it('by hand: too short to backtest → naive, band = 80% interval, flags outside it', () => {
    // yearly (m = 1), 100 110 105: no origin can be scored → naive: 105; residuals 10, -5 → σ = √62.5 = 7.9057
    // band 105 ± 1.2816·7.9057 = [94.87, 115.13]
    const lo = roundMoney(105 - Z80 * Math.sqrt(62.5));
    const hi = roundMoney(105 + Z80 * Math.sqrt(62.5));
    expect([lo, hi]).toEqual([94.87, 115.13]);
    const base = { key: 'East', values: [100, 110, 105] };
    expect(suggestTarget({ ...base, target: 120 }, 1)).toEqual({
      key: 'East',
      model: 'naive',
      suggested: 105,
      lo80: lo,
      hi80: hi,
      target: 120,
      flag: 'above',
    });
    expect(suggestTarget({ ...base, target: 100 }, 1)!.flag).toBeNull();
    expect(suggestTarget({ ...base, target: 90 }, 1)!.flag).toBe('below');
    expect(suggestTarget(base, 1)!.target).toBeNull();
    expect(suggestTarget({ key: 'x', values: [5] }, 1)).toBeNull();
  });

  it('uses the model the backtest chooses, rounded to cents and floored at 0', () => {
    const y = [
      112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178,
      163, 172, 178, 199, 199,
    ];
    const chosen = backtest(y, 12).chosen!;
    const p = forecastWith(chosen, y, 12, 1)!.points[0]!;
    const s = suggestTarget({ key: 'all', values: y }, 12)!;
    expect(s.model).toBe(chosen);
    expect(s.suggested).toBe(roundMoney(p.mean));
    expect([s.lo80, s.hi80]).toEqual([roundMoney(p.lo80), roundMoney(p.hi80)]);
    // a falling series whose naive band reaches below zero: 30 10 → naive 10, σ = 20, lo80 = 10 - 25.6 → 0
    const down = suggestTarget({ key: 'd', values: [30, 10] }, 1)!;
    expect(down.lo80).toBe(0);
    expect(down.hi80).toBe(roundMoney(10 + Z80 * 20));
    expect(
      suggestTargets(
        [
          { key: 'a', values: [1] },
          { key: 'b', values: [1, 2] },
        ],
        1,
      ).map((t) => t.key),
    ).toEqual(['b']);
  });
});
