/**
 * The KPI catalogue now lives in src/kpi/ (one file per KPI); this re-export keeps the engine's
 * importers (schema, scorecard, renderers) unchanged.
 */
export { KPIS, KPI_IDS, KPI_BY_ID, DEFAULT_KPIS, availableKpis, kpiIdSchema } from '../kpi/index.js';
export type { KpiDef, KpiId, KpiNeed, KpiUnit } from '../kpi/index.js';
