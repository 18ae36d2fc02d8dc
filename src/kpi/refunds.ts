/** KPI `refunds`: Refunds. */
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'refunds',
  label: 'Refunds',
  labelZh: '退款',
  unit: 'money',
  formula: 'Σ amount of refund rows (negative)',
  default: true,
  inputs: ['refunds'],
  value: (c) => money(c.cell.refunds),
  sql: (q) => q.money(q.cell('refunds')),
});
