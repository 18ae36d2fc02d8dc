/** KPI `churnRate`: Churn. */
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'churnRate',
  label: 'Churn',
  labelZh: '流失率',
  unit: 'ratio',
  formula: '1 − retentionRate',
  needs: 'customer',
  default: true,
  inputs: ['customers (this and the previous period)'],
  value: (c) => {
    const f = c.flow();
    return f.before === 0 ? null : fraction(1 - f.retained / f.before);
  },
  sql: (q) => q.ratio(`${q.flow('before')} - ${q.flow('retained')}`, q.flow('before')),
});
