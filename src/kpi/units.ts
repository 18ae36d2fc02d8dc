/** KPI `units`: Units. */
import { toNumber } from '../core/decimal.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'units',
  label: 'Units',
  labelZh: '数量',
  unit: 'count',
  formula: 'Σ quantity of won rows − Σ quantity of refund rows',
  needs: 'quantity',
  default: true,
  inputs: ['units'],
  value: (c) => toNumber(c.cell.units),
  sql: (q) => q.exact(q.cell('units')),
});
