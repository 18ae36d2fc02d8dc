/** KPI `lostDeals`: Deals lost. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'lostDeals',
  label: 'Deals lost',
  labelZh: '丢单数',
  unit: 'count',
  formula: 'distinct dealId among lost rows (rows when no dealId column)',
  needs: 'status',
  default: true,
  inputs: ['lostDeals'],
  value: (c) => c.cell.lostDeals,
  sql: (q) => q.cell('lostDeals'),
});
