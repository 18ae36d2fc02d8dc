/** KPI `pace`: Pace. */
import { isZero, toNumber } from '../core/decimal.js';
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'pace',
  label: 'Pace',
  labelZh: '进度',
  unit: 'ratio',
  formula: 'revenue / expectedToDate (only the period containing --as-of)',
  needs: 'targets',
  default: true,
  inputs: ['revenue', 'targets file', 'as-of date'],
  // from exact values: revenue × days / (target × elapsed days)
  value: (c) =>
    c.target === null || c.elapsed === null || isZero(c.target)
      ? null
      : fraction((toNumber(c.cell.revenue) * c.span) / (toNumber(c.target) * c.elapsed)),
  sql: (q) => q.ratio(`${q.cell('revenue')} * ${q.span()}`, `${q.target()} * ${q.elapsed()}`),
});
