/** KPI `revenue`: Revenue. */
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'revenue',
  label: 'Revenue',
  labelZh: '销售额',
  unit: 'money',
  formula: 'Σ amount of won rows + Σ amount of refund rows (refunds are negative)',
  default: true,
  inputs: ['revenue'],
  value: (c) => money(c.cell.revenue),
  sql: (q) => q.money(q.cell('revenue')),
});
