/** Number formatting for humans (table, Markdown). */
import type { KpiUnit } from '../engine/kpis.js';

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', RMB: '¥', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

export function currencySymbol(code: string | null | undefined): string {
  if (!code) return '';
  return SYMBOLS[code.toUpperCase()] ?? `${code} `;
}

function group(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatValue(v: number | null, unit: KpiUnit, currency = ''): string {
  if (v === null) return '—';
  switch (unit) {
    case 'money': {
      const neg = v < 0;
      const [i, f] = Math.abs(v).toFixed(2).split('.');
      return `${neg ? '-' : ''}${currency}${group(i!)}.${f}`;
    }
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    case 'count':
      return Number.isInteger(v) ? group(String(v)) : group(v.toFixed(2).split('.')[0]!) + '.' + v.toFixed(2).split('.')[1];
    case 'days':
      return v.toFixed(1);
  }
}

const DIM_ZH: Record<string, string> = { rep: '业务员', team: '团队', region: '区域', product: '产品', customer: '客户', channel: '渠道', status: '状态', dealId: '单号', currency: '币种' };

/** A dimension's column label: canonical fields in the report's language, other columns by their header. */
export function dimLabel(name: string, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? (DIM_ZH[name] ?? name) : name;
}
