/** KPI `reactivatedCustomers`: Reactivated. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'reactivatedCustomers',
  label: 'Reactivated',
  labelZh: '回流客户',
  unit: 'count',
  formula: 'active − retained − new: customers back after a gap',
  needs: 'customer',
  default: true,
  inputs: ['customers (this and the previous period)', 'firstWon'],
  value: (c) => {
    const f = c.flow();
    return f.active - f.retained - f.fresh;
  },
  sql: (q) => `(${q.flow('active')} - ${q.flow('retained')} - ${q.flow('fresh')})`,
});
