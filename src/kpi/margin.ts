/** KPI `margin`: Margin. */
import { ratio } from '../core/decimal.js';
import { fraction } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'margin',
  label: 'Margin',
  labelZh: '毛利率',
  unit: 'ratio',
  formula: 'grossProfit / revenue (exact sums, null when revenue is 0)',
  needs: 'profit',
  default: false,
  inputs: ['profit', 'revenue'],
  value: (c) => {
    const r = ratio(c.cell.profit, c.cell.revenue);
    return r === null ? null : fraction(r);
  },
  sql: (q) => q.ratio(q.cell('profit'), q.cell('revenue')),
});
