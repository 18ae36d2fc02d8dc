/** KPI `retainedCustomers`: Retained. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'retainedCustomers',
  label: 'Retained',
  labelZh: '留存客户',
  unit: 'count',
  formula: 'customers active in this and the previous period (in the same group)',
  needs: 'customer',
  default: true,
  inputs: ['customers (this and the previous period)'],
  value: (c) => c.flow().retained,
  sql: (q) => q.flow('retained'),
});
