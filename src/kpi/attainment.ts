/** KPI `attainment`: Attainment. */
import { isZero, ratio } from '../core/decimal.js';
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'attainment',
  label: 'Attainment',
  labelZh: '达成率',
  unit: 'ratio',
  formula: 'revenue / target',
  needs: 'targets',
  default: true,
  inputs: ['revenue', 'targets file'],
  value: (c) => (c.target === null || isZero(c.target) ? null : fraction(ratio(c.cell.revenue, c.target)!)),
  sql: (q) => q.ratio(q.cell('revenue'), q.target()),
});
