/** KPI `spend`: Spend. */
import { moneyOrNull } from './values.js';
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'spend',
  label: 'Spend',
  labelZh: '获客花费',
  unit: 'money',
  formula: 'Σ spend (spend file)',
  needs: 'spend',
  default: true,
  inputs: ['spend file'],
  value: (c) => moneyOrNull(c.spend),
  sql: (q) => q.money(q.spend()),
});
