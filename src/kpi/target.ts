/** KPI `target`: Target. */
import { moneyOrNull } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'target',
  label: 'Target',
  labelZh: '目标',
  unit: 'money',
  formula: 'Σ target (targets file) for the group and period',
  needs: 'targets',
  default: true,
  inputs: ['targets file'],
  value: (c) => moneyOrNull(c.target),
  sql: (q) => q.money(q.target()),
});
