/** KPI `deals`: Deals won. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'deals',
  label: 'Deals won',
  labelZh: '成交单数',
  unit: 'count',
  formula: 'distinct dealId among won rows (rows when no dealId column)',
  default: true,
  inputs: ['deals'],
  value: (c) => c.cell.deals,
  sql: (q) => q.cell('deals'),
});
