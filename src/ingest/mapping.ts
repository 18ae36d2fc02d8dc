/**
 * Header → canonical field mapping by synonyms (English and Chinese),
 * insensitive to case, spaces and punctuation, with `--map` overrides.
 * Priority: a field's synonyms are listed best first; the header that matches the
 * earliest synonym wins. Two headers tied at the best synonym stop the run with a
 * message naming both and the `--map` that settles it.
 */
export const FIELDS = [
  'date', 'amount', 'rep', 'customer', 'team', 'region', 'product', 'channel',
  'status', 'dealId', 'createdDate', 'quantity', 'currency',
] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED_FIELDS: readonly Field[] = ['date', 'amount'];

export const SYNONYMS: Record<Field, readonly string[]> = {
  date: [
    'date', 'closedate', 'orderdate', 'saledate', 'salesdate', 'transactiondate', 'invoicedate', 'closeddate',
    'dealclosedate', 'bookingdate', 'postingdate', 'documentdate',
    '日期', '成交日期', '订单日期', '销售日期', '单据日期', '开票日期', '交易日期', '下单日期', '签约日期',
  ],
  amount: [
    'amount', 'sales', 'revenue', 'closevalue', 'salesamount', 'netsales', 'netrevenue', 'dealvalue', 'dealamount',
    'total', 'totalamount', 'totalsales', 'ordertotal', 'value',
    '销售额', '金额', '销售金额', '成交金额', '含税金额', '价税合计', '实收金额', '订单金额', '合计金额', '收入',
  ],
  rep: [
    'rep', 'salesrep', 'salesperson', 'salesagent', 'salesman', 'saleswoman', 'opportunityowner', 'dealowner',
    'accountexecutive', 'accountmanager', 'owner', 'agent', 'seller',
    '业务员', '销售员', '销售代表', '销售人员', '负责人', '经办人', '客户经理',
  ],
  customer: [
    'customerid', 'customerno', 'customernumber', 'customercode', 'clientid', 'accountid',
    'customer', 'client', 'account', 'customername', 'clientname', 'accountname', 'company', 'companyname',
    '客户id', '客户编号', '客户代码', '客户编码', '客户', '客户名称', '客户名', '购买方', '购方名称',
  ],
  team: ['team', 'salesteam', 'group', 'salesgroup', 'department', 'dept', '团队', '销售团队', '小组', '部门', '销售部门', '组别'],
  region: ['region', 'territory', 'salesregion', 'area', 'salesterritory', 'zone', '区域', '大区', '片区', '地区', '销售区域'],
  product: [
    'product', 'productname', 'item', 'itemname', 'productid', 'sku', 'productcode',
    '产品', '商品', '产品名称', '商品名称', '物料名称', '品名', '物料', '产品编号', '商品编号',
  ],
  channel: ['channel', 'saleschannel', 'source', 'leadsource', '渠道', '销售渠道', '来源'],
  status: ['status', 'dealstage', 'stage', 'orderstatus', 'dealstatus', 'opportunitystage', '状态', '阶段', '订单状态', '销售阶段', '单据状态'],
  dealId: [
    'dealid', 'opportunityid', 'orderid', 'orderno', 'ordernumber', 'invoiceid', 'invoiceno', 'invoicenumber', 'deal', 'opportunity',
    '订单号', '订单编号', '单据编号', '单号', '合同编号', '合同号', '发票号',
  ],
  createdDate: ['createddate', 'createdate', 'createdon', 'created', 'engagedate', 'opendate', 'opportunitycreated', 'leaddate', '创建日期', '立项日期', '商机创建日期'],
  quantity: ['quantity', 'qty', 'units', 'unitssold', 'volume', '数量', '销量', '销售数量'],
  currency: ['currency', 'currencycode', 'curr', '币种', '货币', '币别'],
};

/** Case, width, space and punctuation-insensitive header key. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./\\()（）[\]【】#:：'"’,，·]+/g, '');
}

export interface MappingResult {
  /** Column index per mapped field. */
  columns: Partial<Record<Field, number>>;
  /** How each field was found: `auto` (synonym), `map` (flag or config). */
  how: Partial<Record<Field, 'auto' | 'map'>>;
  /** Columns not mapped to a field: kept as text dimensions under their header. */
  extra: number[];
  problems: MappingProblem[];
}

export type MappingProblem =
  | { code: 'MAP_AMBIGUOUS'; field: Field; headers: string[] }
  | { code: 'MAP_MISSING'; field: Field }
  | { code: 'MAP_UNKNOWN_HEADER'; field: Field; header: string; headers: string[] }
  | { code: 'MAP_DUPLICATE_HEADER'; header: string };

/**
 * Map headers to fields. `overrides` (field → header text) win; a header used by
 * an override is not auto-mapped to another field.
 */
export function mapColumns(headers: readonly string[], overrides: Partial<Record<Field, string>> = {}): MappingResult {
  const columns: Partial<Record<Field, number>> = {};
  const how: Partial<Record<Field, 'auto' | 'map'>> = {};
  const problems: MappingProblem[] = [];
  const used = new Set<number>();
  const keys = headers.map(headerKey);

  for (const field of FIELDS) {
    const want = overrides[field];
    if (want === undefined) continue;
    let idx = headers.findIndex((h) => h.trim() === want.trim());
    if (idx < 0) idx = keys.indexOf(headerKey(want));
    if (idx < 0) {
      problems.push({ code: 'MAP_UNKNOWN_HEADER', field, header: want, headers: [...headers] });
      continue;
    }
    columns[field] = idx;
    how[field] = 'map';
    used.add(idx);
  }

  for (const field of FIELDS) {
    if (columns[field] !== undefined || overrides[field] !== undefined) continue;
    const syn = SYNONYMS[field];
    let best = Infinity;
    let hits: number[] = [];
    keys.forEach((k, i) => {
      if (used.has(i)) return;
      const rank = syn.indexOf(k);
      if (rank < 0) return;
      if (rank < best) {
        best = rank;
        hits = [i];
      } else if (rank === best) hits.push(i);
    });
    if (hits.length === 1) {
      columns[field] = hits[0]!;
      how[field] = 'auto';
      used.add(hits[0]!);
    } else if (hits.length > 1) {
      problems.push({ code: 'MAP_AMBIGUOUS', field, headers: hits.map((i) => headers[i]!) });
      hits.forEach((i) => used.add(i));
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (columns[field] === undefined && !problems.some((p) => 'field' in p && p.field === field)) {
      problems.push({ code: 'MAP_MISSING', field });
    }
  }
  const seen = new Map<string, number>();
  headers.forEach((h) => seen.set(h.trim(), (seen.get(h.trim()) ?? 0) + 1));
  for (const [h, n] of seen) if (n > 1 && h !== '') problems.push({ code: 'MAP_DUPLICATE_HEADER', header: h });

  const mappedIdx = new Set(Object.values(columns));
  const extra = headers.map((_, i) => i).filter((i) => !mappedIdx.has(i) && headers[i]!.trim() !== '');
  return { columns, how, extra, problems };
}
