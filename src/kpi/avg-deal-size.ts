/** KPI `avgDealSize`: Avg deal. */
import { mulDivRound } from '../core/decimal.js';
import { moneyOrNull } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'avgDealSize',
  label: 'Avg deal',
  labelZh: '平均单额',
  unit: 'money',
  formula: 'revenue / deals',
  default: true,
  inputs: ['revenue', 'deals'],
  value: (c) => moneyOrNull(mulDivRound(c.cell.revenue, 1n, BigInt(c.cell.deals), 2)),
  sql: (q) => q.divRound(q.cell('revenue'), q.cell('deals'), 2),
});
