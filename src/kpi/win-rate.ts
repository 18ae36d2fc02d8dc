/** KPI `winRate`: Win rate. */
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'winRate',
  label: 'Win rate',
  labelZh: '赢单率',
  unit: 'ratio',
  formula: 'deals / (deals + lostDeals); open deals excluded',
  needs: 'status',
  default: true,
  inputs: ['deals', 'lostDeals'],
  value: (c) => {
    const { deals, lostDeals } = c.cell;
    return deals + lostDeals === 0 ? null : fraction(deals / (deals + lostDeals));
  },
  sql: (q) => q.ratio(q.cell('deals'), `${q.cell('deals')} + ${q.cell('lostDeals')}`),
});
