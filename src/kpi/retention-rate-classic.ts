/** KPI `retentionRateClassic`: Retention (E−N)/S. */
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'retentionRateClassic',
  label: 'Retention (E−N)/S',
  labelZh: '留存率(E−N)/S',
  unit: 'ratio',
  formula: '(E − N) / S: E active this period, N new this period, S active the previous period (counts reactivated customers as retained)',
  needs: 'customer',
  default: true,
  inputs: ['customers (this and the previous period)', 'firstWon'],
  value: (c) => {
    const f = c.flow();
    return f.before === 0 ? null : fraction((f.active - f.fresh) / f.before);
  },
  sql: (q) => q.ratio(`${q.flow('active')} - ${q.flow('fresh')}`, q.flow('before')),
});
