import { describe, expect, it } from 'vitest';
import { headerKey, mapColumns } from '../../src/ingest/mapping.js';

const fieldsOf = (headers: string[], over = {}) => {
  const m = mapColumns(headers, over);
  return Object.fromEntries(Object.entries(m.columns).map(([f, i]) => [f, headers[i!]]));
};

describe('mapColumns', () => {
  it('maps English exports (superstore-like), preferring Customer ID over Customer Name and skipping Ship Date', () => {
    expect(
      fieldsOf([
        'Row ID',
        'Order ID',
        'Order Date',
        'Ship Date',
        'Customer ID',
        'Customer Name',
        'Region',
        'Product ID',
        'Product Name',
        'Sales',
        'Quantity',
        'Profit',
      ]),
    ).toEqual({
      date: 'Order Date',
      amount: 'Sales',
      customer: 'Customer ID',
      region: 'Region',
      product: 'Product Name',
      dealId: 'Order ID',
      quantity: 'Quantity',
      profit: 'Profit',
    });
  });

  it('maps CRM pipelines (snake_case)', () => {
    expect(
      fieldsOf(['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value']),
    ).toEqual({
      date: 'close_date',
      amount: 'close_value',
      rep: 'sales_agent',
      customer: 'account',
      product: 'product',
      status: 'deal_stage',
      dealId: 'opportunity_id',
      createdDate: 'engage_date',
    });
  });

  it('maps Chinese headers', () => {
    expect(fieldsOf(['单据日期', '业务员', '客户编号', '客户名称', '大区', '物料名称', '价税合计', '状态', '发货日期'])).toEqual({
      date: '单据日期',
      rep: '业务员',
      customer: '客户编号',
      region: '大区',
      product: '物料名称',
      amount: '价税合计',
      status: '状态',
    });
    expect(fieldsOf(['日期', '销售额', '客户 ID', '客户'])).toEqual({ date: '日期', amount: '销售额', customer: '客户 ID' });
  });

  it('is insensitive to case, spaces, full-width forms and punctuation', () => {
    expect(headerKey(' Customer  ID ')).toBe('customerid');
    expect(headerKey('CLOSE_VALUE')).toBe('closevalue');
    expect(headerKey('客户（ID）')).toBe('客户id');
    expect(fieldsOf(['ＤＡＴＥ', ' Sales'])).toEqual({ date: 'ＤＡＴＥ', amount: ' Sales' });
  });

  it('picks by priority: Sales beats Total, Close Date beats Order Date', () => {
    expect(fieldsOf(['Close Date', 'Order Date', 'Total', 'Sales'])).toMatchObject({ date: 'Close Date', amount: 'Sales' });
  });

  it('stops on two columns tied for a field, naming both', () => {
    const m = mapColumns(['Date', 'Sales', 'sales']);
    expect(m.problems).toContainEqual({ code: 'MAP_AMBIGUOUS', field: 'amount', headers: ['Sales', 'sales'] });
    expect(mapColumns(['Date', 'Sales', 'sales'], { amount: 'sales' }).columns.amount).toBe(2);
  });

  it('reports missing required fields and unknown --map headers', () => {
    expect(mapColumns(['when', 'what']).problems.map((p) => p.code)).toEqual(['MAP_MISSING', 'MAP_MISSING']);
    const m = mapColumns(['Date', 'Spent'], { amount: 'Spend' });
    expect(m.problems[0]).toMatchObject({ code: 'MAP_UNKNOWN_HEADER', field: 'amount', header: 'Spend' });
    expect(mapColumns(['Date', 'Spent'], { amount: 'spent' }).columns).toEqual({ date: 0, amount: 1 });
  });

  it('keeps every other column as a dimension', () => {
    expect(mapColumns(['Date', 'Sales', 'Category', 'Segment']).extra).toEqual([2, 3]);
  });
});
