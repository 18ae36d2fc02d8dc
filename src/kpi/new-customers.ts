/** KPI `newCustomers`: New cust.. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'newCustomers',
  label: 'New cust.',
  labelZh: '新客户',
  unit: 'count',
  formula: 'active customers whose first-ever won row (over all loaded data) is in the period',
  needs: 'customer',
  default: true,
  inputs: ['customers', 'firstWon'],
  value: (c) => c.flow().fresh,
  sql: (q) => q.flow('fresh'),
});
