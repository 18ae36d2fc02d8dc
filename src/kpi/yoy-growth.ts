/** KPI `yoyGrowth`: YoY. */
import { growthOf } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'yoyGrowth',
  label: 'YoY',
  labelZh: '同比',
  unit: 'ratio',
  formula: '(revenue − revenue a year earlier) / |revenue a year earlier|',
  default: true,
  inputs: ['revenue (this period and a year earlier)'],
  value: (c) => (c.ago === null ? null : growthOf(c.cell.revenue, c.ago.revenue)),
  sql: (q) => q.growth(q.cell('revenue'), q.ago('revenue')),
});
