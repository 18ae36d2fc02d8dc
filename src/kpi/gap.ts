/** KPI `gap`: Gap. */
import { subtract } from '../core/decimal.js';
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'gap',
  label: 'Gap',
  labelZh: '差额',
  unit: 'money',
  formula: 'revenue − target',
  needs: 'targets',
  default: true,
  inputs: ['revenue', 'targets file'],
  value: (c) => (c.target === null ? null : money(subtract(c.cell.revenue, c.target))),
  sql: (q) => q.money(`${q.cell('revenue')} - ${q.target()}`),
});
