/** KPI `retentionRate`: Retention. */
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'retentionRate',
  label: 'Retention',
  labelZh: '留存率',
  unit: 'ratio',
  formula: 'retainedCustomers / active customers of the previous period',
  needs: 'customer',
  default: true,
  inputs: ['customers (this and the previous period)'],
  value: (c) => {
    const f = c.flow();
    return f.before === 0 ? null : fraction(f.retained / f.before);
  },
  sql: (q) => q.ratio(q.flow('retained'), q.flow('before')),
});
