/** KPI `forecast`: Forecast. */
import { mulDivRound } from '../core/decimal.js';
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'forecast',
  label: 'Forecast',
  labelZh: '预测',
  unit: 'money',
  formula: 'revenue / elapsed share of the period: the run rate (only the period containing --as-of)',
  default: true,
  inputs: ['revenue', 'as-of date'],
  value: (c) => (c.elapsed === null ? null : money(mulDivRound(c.cell.revenue, BigInt(c.span), BigInt(c.elapsed), 2)!)),
  sql: (q) => q.divRound(`${q.cell('revenue')} * ${q.span()}`, q.elapsed(), 2),
});
