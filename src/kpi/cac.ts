/** KPI `cac`: CAC. */
import { mulDivRound } from '../core/decimal.js';
import { money } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'cac',
  label: 'CAC',
  labelZh: '获客成本',
  unit: 'money',
  formula: 'spend / acquired',
  needs: 'spend',
  default: true,
  inputs: ['spend file', 'acquired'],
  value: (c) => {
    const acq = c.values.acquired ?? null;
    return c.spend === null || acq === null || acq === 0 ? null : money(mulDivRound(c.spend, 1n, BigInt(acq), 2)!);
  },
  sql: (q) => q.divRound(q.spend(), q.kpi('acquired'), 2),
});
