/** KPI `growth`: Growth. */
import { growthOf } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'growth',
  label: 'Growth',
  labelZh: '环比',
  unit: 'ratio',
  formula: '(revenue − revenue of the previous period) / |revenue of the previous period|',
  default: true,
  inputs: ['revenue (this and the previous period)'],
  value: (c) => growthOf(c.cell.revenue, c.prev.revenue),
  sql: (q) => q.growth(q.cell('revenue'), q.prev('revenue')),
});
