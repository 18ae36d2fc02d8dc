/** The unit of a KPI value: what decides how it is formatted (the KPI catalogue sits above core and uses the same union). */
export type KpiUnit = 'money' | 'count' | 'ratio' | 'days';
