/** KPI `expectedToDate`: Expected. */
import { mulDivRound } from '../core/decimal.js';
import { moneyOrNull } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'expectedToDate',
  label: 'Expected',
  labelZh: '应完成',
  unit: 'money',
  formula: 'target × elapsed share of the period (only the period containing --as-of)',
  needs: 'targets',
  default: true,
  inputs: ['targets file', 'as-of date'],
  value: (c) => (c.target === null || c.elapsed === null ? null : moneyOrNull(mulDivRound(c.target, BigInt(c.elapsed), BigInt(c.span), 2))),
  sql: (q) => q.divRound(`${q.target()} * ${q.elapsed()}`, q.span(), 2),
});
