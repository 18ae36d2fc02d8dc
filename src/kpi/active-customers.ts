/** KPI `activeCustomers`: Active cust.. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'activeCustomers',
  label: 'Active cust.',
  labelZh: '活跃客户',
  unit: 'count',
  formula: 'distinct customers with a won row in the period',
  needs: 'customer',
  default: true,
  inputs: ['customers'],
  value: (c) => c.flow().active,
  sql: (q) => q.flow('active'),
});
