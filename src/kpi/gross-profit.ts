/** KPI `grossProfit`: Gross profit. */
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'grossProfit',
  label: 'Gross profit',
  labelZh: '毛利',
  unit: 'money',
  formula: 'Σ profit of won rows + Σ profit of refund rows (a profit column, or amount − cost)',
  needs: 'profit',
  default: false,
  inputs: ['profit'],
  value: (c) => money(c.cell.profit),
  sql: (q) => q.money(q.cell('profit')),
});
