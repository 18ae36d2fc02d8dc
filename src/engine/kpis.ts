/**
 * The KPI catalogue: ids (JSON keys), labels, units and formulas. `salesperf
 * kpis` prints it and the README lists it.
 */
export type KpiUnit = 'money' | 'count' | 'ratio' | 'days';

export interface KpiDef {
  id: string;
  label: string;
  labelZh: string;
  unit: KpiUnit;
  formula: string;
  /** What must be present for the KPI to be computed. */
  needs?: 'customer' | 'createdDate' | 'quantity' | 'targets' | 'spend' | 'status';
}

export const KPIS: readonly KpiDef[] = [
  { id: 'revenue', label: 'Revenue', labelZh: '销售额', unit: 'money', formula: 'Σ amount of won rows + Σ amount of refund rows (refunds are negative)' },
  { id: 'refunds', label: 'Refunds', labelZh: '退款', unit: 'money', formula: 'Σ amount of refund rows (negative)' },
  { id: 'deals', label: 'Deals won', labelZh: '成交单数', unit: 'count', formula: 'distinct dealId among won rows (rows when no dealId column)' },
  { id: 'lostDeals', label: 'Deals lost', labelZh: '丢单数', unit: 'count', formula: 'distinct dealId among lost rows (rows when no dealId column)', needs: 'status' },
  { id: 'avgDealSize', label: 'Avg deal', labelZh: '平均单额', unit: 'money', formula: 'revenue / deals' },
  { id: 'units', label: 'Units', labelZh: '数量', unit: 'count', formula: 'Σ quantity of won rows − Σ quantity of refund rows', needs: 'quantity' },
  { id: 'winRate', label: 'Win rate', labelZh: '赢单率', unit: 'ratio', formula: 'deals / (deals + lostDeals); open deals excluded', needs: 'status' },
  { id: 'growth', label: 'Growth', labelZh: '环比', unit: 'ratio', formula: '(revenue − revenue of the previous period) / |revenue of the previous period|' },
  { id: 'yoyGrowth', label: 'YoY', labelZh: '同比', unit: 'ratio', formula: '(revenue − revenue a year earlier) / |revenue a year earlier|' },
  { id: 'activeCustomers', label: 'Active cust.', labelZh: '活跃客户', unit: 'count', formula: 'distinct customers with a won row in the period', needs: 'customer' },
  { id: 'newCustomers', label: 'New cust.', labelZh: '新客户', unit: 'count', formula: 'active customers whose first-ever won row (over all loaded data) is in the period', needs: 'customer' },
  { id: 'retainedCustomers', label: 'Retained', labelZh: '留存客户', unit: 'count', formula: 'customers active in this and the previous period (in the same group)', needs: 'customer' },
  { id: 'reactivatedCustomers', label: 'Reactivated', labelZh: '回流客户', unit: 'count', formula: 'active − retained − new: customers back after a gap', needs: 'customer' },
  { id: 'retentionRate', label: 'Retention', labelZh: '留存率', unit: 'ratio', formula: 'retainedCustomers / active customers of the previous period', needs: 'customer' },
  { id: 'churnRate', label: 'Churn', labelZh: '流失率', unit: 'ratio', formula: '1 − retentionRate', needs: 'customer' },
  { id: 'retentionRateClassic', label: 'Retention (E−N)/S', labelZh: '留存率(E−N)/S', unit: 'ratio', formula: '(E − N) / S: E active this period, N new this period, S active the previous period (counts reactivated customers as retained)', needs: 'customer' },
  { id: 'salesCycleDays', label: 'Cycle days', labelZh: '成交周期(天)', unit: 'days', formula: 'median over won deals of (latest date − earliest createdDate among the deal\'s rows)', needs: 'createdDate' },
  { id: 'spend', label: 'Spend', labelZh: '获客花费', unit: 'money', formula: 'Σ spend (spend file)', needs: 'spend' },
  { id: 'acquired', label: 'Acquired', labelZh: '获客数', unit: 'count', formula: 'Σ acquired count (spend file), else newCustomers', needs: 'spend' },
  { id: 'cac', label: 'CAC', labelZh: '获客成本', unit: 'money', formula: 'spend / acquired', needs: 'spend' },
  { id: 'target', label: 'Target', labelZh: '目标', unit: 'money', formula: 'Σ target (targets file) for the group and period', needs: 'targets' },
  { id: 'attainment', label: 'Attainment', labelZh: '达成率', unit: 'ratio', formula: 'revenue / target', needs: 'targets' },
  { id: 'gap', label: 'Gap', labelZh: '差额', unit: 'money', formula: 'revenue − target', needs: 'targets' },
  { id: 'expectedToDate', label: 'Expected', labelZh: '应完成', unit: 'money', formula: 'target × elapsed share of the period (only the period containing --as-of)', needs: 'targets' },
  { id: 'pace', label: 'Pace', labelZh: '进度', unit: 'ratio', formula: 'revenue / expectedToDate (only the period containing --as-of)', needs: 'targets' },
  { id: 'forecast', label: 'Forecast', labelZh: '预测', unit: 'money', formula: 'revenue / elapsed share of the period: the run rate (only the period containing --as-of)' },
];

export const KPI_IDS = KPIS.map((k) => k.id);
export type KpiId = (typeof KPIS)[number]['id'];
export const KPI_BY_ID = new Map(KPIS.map((k) => [k.id, k]));
