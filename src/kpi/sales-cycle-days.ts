/** KPI `salesCycleDays`: Cycle days. */
import { median } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'salesCycleDays',
  label: 'Cycle days',
  labelZh: '成交周期(天)',
  unit: 'days',
  formula: "median over won deals of (latest date − earliest createdDate among the deal's rows)",
  needs: 'createdDate',
  default: true,
  inputs: ['cycle'],
  value: (c) => (c.cell.cycle ? median(c.cell.cycle) : null),
  sql: (q) => q.cycleMedian(),
});
