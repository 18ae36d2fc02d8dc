/** KPI `acquired`: Acquired. */
import { defineKpi } from './types.js';

export default defineKpi({
  id: 'acquired',
  label: 'Acquired',
  labelZh: '获客数',
  unit: 'count',
  formula: 'Σ acquired count (spend file), else newCustomers',
  needs: 'spend',
  default: true,
  inputs: ['spend file', 'newCustomers'],
  value: (c) => {
    if (c.spend === null) return null;
    if (c.acquiredFromFile !== undefined) return c.acquiredFromFile;
    return c.has.customer ? c.flow().fresh : null;
  },
  sql: (q) => `CASE WHEN ${q.spend()} IS NULL THEN NULL ELSE ${q.acquiredFromFile() ?? (q.has.customer ? q.flow('fresh') : 'NULL')} END`,
});
