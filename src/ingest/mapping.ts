/**
 * Header → canonical field mapping by synonyms (English and Chinese first, then
 * German, French, Spanish, Italian, Portuguese and Japanese),
 * insensitive to case, spaces and punctuation, with `--map` overrides.
 * Priority: a field's synonyms are listed best first; the header that matches the
 * earliest synonym wins. Two headers tied at the best synonym stop the run with a
 * message naming both and the `--map` that settles it.
 */
export const FIELDS = [
  'date',
  'amount',
  'rep',
  'customer',
  'team',
  'region',
  'product',
  'channel',
  'status',
  'dealId',
  'createdDate',
  'quantity',
  'currency',
  'profit',
  'cost',
] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED_FIELDS: readonly Field[] = ['date', 'amount'];

/** The words as written and without their accents (Verkäufer → verkaufer, Quantité → quantite), each once. */
export function withPlainForms(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    out.add(
      w
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .normalize('NFC')
        .replace(/ß/g, 'ss'),
    );
  }
  return [...out];
}

export const SYNONYMS: Record<Field, readonly string[]> = {
  date: [
    'date',
    'closedate',
    'orderdate',
    'saledate',
    'salesdate',
    'transactiondate',
    'invoicedate',
    'closeddate',
    'dealclosedate',
    'bookingdate',
    'postingdate',
    'documentdate',
    '日期',
    '成交日期',
    '订单日期',
    '销售日期',
    '单据日期',
    '开票日期',
    '交易日期',
    '下单日期',
    '签约日期',
    // de, fr, es, it, pt, ja (after the English and Chinese ones, so existing exports map as before)
    ...withPlainForms([
      'datum',
      'belegdatum',
      'rechnungsdatum',
      'auftragsdatum',
      'bestelldatum',
      'abschlussdatum',
      'verkaufsdatum',
      'buchungsdatum',
      'datedecommande',
      'datedefacture',
      'datedevente',
      'datedeclôture',
      'fecha',
      'fechadepedido',
      'fechadefactura',
      'fechadeventa',
      'fechadecierre',
      'data',
      'dataordine',
      'datadellordine',
      'datafattura',
      'datavendita',
      'datadichiusura',
      'datadopedido',
      'datadavenda',
      'datadefechamento',
      'datadafatura',
      '日付',
      '売上日',
      '受注日',
      '注文日',
      '成約日',
      '請求日',
      '計上日',
      '取引日',
    ]),
  ],
  amount: [
    'amount',
    'sales',
    'revenue',
    'closevalue',
    'salesamount',
    'netsales',
    'netrevenue',
    'dealvalue',
    'dealamount',
    'total',
    'totalamount',
    'totalsales',
    'ordertotal',
    'value',
    '销售额',
    '金额',
    '销售金额',
    '成交金额',
    '含税金额',
    '价税合计',
    '实收金额',
    '订单金额',
    '合计金额',
    '收入',
    ...withPlainForms([
      'umsatz',
      'betrag',
      'nettoumsatz',
      'umsatzbetrag',
      'gesamtbetrag',
      'nettobetrag',
      'auftragswert',
      'erlös',
      'erloes',
      'summe',
      'wert',
      'chiffredaffaires',
      'montant',
      'montantht',
      'montantttc',
      'montanttotal',
      'ventes',
      'valeur',
      'ventas',
      'importe',
      'importetotal',
      'monto',
      'montototal',
      'ingresos',
      'valor',
      'fatturato',
      'importo',
      'importototale',
      'vendite',
      'ricavi',
      'totale',
      'valore',
      'vendas',
      'faturamento',
      'receita',
      'valortotal',
      'montante',
      '売上',
      '売上高',
      '売上金額',
      '金額',
      '受注金額',
      '税込金額',
      '請求金額',
    ]),
  ],
  rep: [
    'rep',
    'salesrep',
    'salesperson',
    'salesagent',
    'salesman',
    'saleswoman',
    'opportunityowner',
    'dealowner',
    'accountexecutive',
    'accountmanager',
    'owner',
    'agent',
    'seller',
    '业务员',
    '销售员',
    '销售代表',
    '销售人员',
    '负责人',
    '经办人',
    '客户经理',
    ...withPlainForms([
      'vertriebsmitarbeiter',
      'verkäufer',
      'verkaeufer',
      'verkäuferin',
      'verkaeuferin',
      'vertriebler',
      'kundenbetreuer',
      'außendienst',
      'aussendienst',
      'betreuer',
      'vendeur',
      'vendeuse',
      'commercial',
      'représentant',
      'représentantcommercial',
      'vendedor',
      'vendedora',
      'ejecutivodeventas',
      'ejecutivo',
      'comercial',
      'representante',
      'asesor',
      'agente',
      'venditore',
      'commerciale',
      'rappresentante',
      'responsabile',
      'consultor',
      'executivodevendas',
      'responsável',
      '担当者',
      '営業担当者',
      '営業担当',
      '販売担当',
      '担当',
    ]),
  ],
  customer: [
    'customerid',
    'customerno',
    'customernumber',
    'customercode',
    'clientid',
    'accountid',
    'customer',
    'client',
    'account',
    'customername',
    'clientname',
    'accountname',
    'company',
    'companyname',
    '客户id',
    '客户编号',
    '客户代码',
    '客户编码',
    '客户',
    '客户名称',
    '客户名',
    '购买方',
    '购方名称',
    ...withPlainForms([
      'kundennummer',
      'kundennr',
      'kundenid',
      'debitorennummer',
      'kunde',
      'kundenname',
      'firma',
      'auftraggeber',
      'debitor',
      'numéroclient',
      'codeclient',
      'idclient',
      'nomduclient',
      'nomclient',
      'société',
      'raisonsociale',
      'códigodecliente',
      'códigocliente',
      'idcliente',
      'númerodecliente',
      'cliente',
      'nombredelcliente',
      'nombrecliente',
      'empresa',
      'cuenta',
      'codicecliente',
      'nomecliente',
      'ragionesociale',
      'azienda',
      'códigodocliente',
      'nomedocliente',
      '顧客id',
      '顧客コード',
      '得意先コード',
      '顧客',
      '顧客名',
      '得意先',
      '得意先名',
      '取引先',
      '取引先名',
      '会社名',
    ]),
  ],
  team: [
    'team',
    'salesteam',
    'group',
    'salesgroup',
    'department',
    'dept',
    '团队',
    '销售团队',
    '小组',
    '部门',
    '销售部门',
    '组别',
    ...withPlainForms([
      'vertriebsteam',
      'gruppe',
      'abteilung',
      'équipe',
      'équipecommerciale',
      'groupe',
      'equipo',
      'grupo',
      'departamento',
      'squadra',
      'gruppo',
      'reparto',
      'equipa',
      'チーム',
      'グループ',
      '部署',
      '部門',
      '課',
    ]),
  ],
  region: [
    'region',
    'territory',
    'salesregion',
    'area',
    'salesterritory',
    'zone',
    '区域',
    '大区',
    '片区',
    '地区',
    '销售区域',
    ...withPlainForms([
      'gebiet',
      'vertriebsgebiet',
      'bezirk',
      'région',
      'territoire',
      'región',
      'zona',
      'territorio',
      'regione',
      'região',
      'território',
      '地域',
      'エリア',
    ]),
  ],
  product: [
    'product',
    'productname',
    'item',
    'itemname',
    'productid',
    'sku',
    'productcode',
    '产品',
    '商品',
    '产品名称',
    '商品名称',
    '物料名称',
    '品名',
    '物料',
    '产品编号',
    '商品编号',
    ...withPlainForms([
      'produkt',
      'produktname',
      'artikel',
      'artikelname',
      'artikelnummer',
      'produit',
      'nomduproduit',
      'article',
      'producto',
      'nombredelproducto',
      'artículo',
      'prodotto',
      'nomeprodotto',
      'articolo',
      'produto',
      'nomedoproduto',
      '製品',
      '商品名',
      '製品名',
      '品目',
      '品番',
      '商品コード',
    ]),
  ],
  channel: [
    'channel',
    'saleschannel',
    'source',
    'leadsource',
    '渠道',
    '销售渠道',
    '来源',
    ...withPlainForms([
      'kanal',
      'vertriebskanal',
      'canal',
      'canaldevente',
      'canaldeventa',
      'canale',
      'canaledivendita',
      'canaldevendas',
      'チャネル',
      'チャンネル',
      '販売チャネル',
      '流入元',
    ]),
  ],
  status: [
    'status',
    'dealstage',
    'stage',
    'orderstatus',
    'dealstatus',
    'opportunitystage',
    '状态',
    '阶段',
    '订单状态',
    '销售阶段',
    '单据状态',
    ...withPlainForms([
      'phase',
      'vertriebsphase',
      'statut',
      'état',
      'étape',
      'estado',
      'etapa',
      'fase',
      'stato',
      'situação',
      'ステータス',
      '状態',
      '状況',
      '段階',
      'フェーズ',
    ]),
  ],
  dealId: [
    'dealid',
    'opportunityid',
    'orderid',
    'orderno',
    'ordernumber',
    'invoiceid',
    'invoiceno',
    'invoicenumber',
    'deal',
    'opportunity',
    '订单号',
    '订单编号',
    '单据编号',
    '单号',
    '合同编号',
    '合同号',
    '发票号',
    ...withPlainForms([
      'auftragsnummer',
      'auftragsnr',
      'bestellnummer',
      'bestellnr',
      'rechnungsnummer',
      'rechnungsnr',
      'belegnummer',
      'belegnr',
      'auftrag',
      'numérodecommande',
      'ndecommande',
      'numérodefacture',
      'commande',
      'facture',
      'númerodepedido',
      'nodepedido',
      'pedido',
      'númerodefactura',
      'factura',
      'numeroordine',
      'ordine',
      'numerofattura',
      'fattura',
      'númerodopedido',
      '受注番号',
      '注文番号',
      '伝票番号',
      '請求書番号',
      '商談id',
      '案件id',
    ]),
  ],
  createdDate: [
    'createddate',
    'createdate',
    'createdon',
    'created',
    'engagedate',
    'opendate',
    'opportunitycreated',
    'leaddate',
    '创建日期',
    '立项日期',
    '商机创建日期',
    ...withPlainForms([
      'erstelltam',
      'erstellungsdatum',
      'anlagedatum',
      'datedecréation',
      'créele',
      'fechadecreación',
      'datadicreazione',
      'datacreazione',
      'datadecriação',
      'criadoem',
      '作成日',
      '登録日',
      '商談作成日',
    ]),
  ],
  quantity: [
    'quantity',
    'qty',
    'units',
    'unitssold',
    'volume',
    '数量',
    '销量',
    '销售数量',
    ...withPlainForms([
      'menge',
      'anzahl',
      'stückzahl',
      'stueckzahl',
      'quantité',
      'qté',
      'cantidad',
      'unidades',
      'quantità',
      'qtà',
      'quantidade',
      'qtd',
      'qtde',
      '個数',
      '販売数',
    ]),
  ],
  currency: [
    'currency',
    'currencycode',
    'curr',
    '币种',
    '货币',
    '币别',
    ...withPlainForms(['währung', 'waehrung', 'devise', 'monnaie', 'moneda', 'divisa', 'valuta', 'moeda', '通貨']),
  ],
  // profit and cost: the grossProfit and margin KPIs (profit = amount − cost when only a cost column is mapped)
  profit: [
    'profit',
    'grossprofit',
    'netprofit',
    'profitamount',
    '利润',
    '毛利',
    '毛利润',
    '毛利额',
    '利润额',
    ...withPlainForms([
      'gewinn',
      'rohertrag',
      'bruttogewinn',
      'deckungsbeitrag',
      'marge',
      'margebrute',
      'bénéfice',
      'beneficio',
      'beneficiobruto',
      'utile',
      'utilelordo',
      'lucro',
      'lucrobruto',
      '粗利',
      '粗利益',
      '利益',
    ]),
  ],
  cost: [
    'cogs',
    'cost',
    'costofgoodssold',
    'costofsales',
    'totalcost',
    'costamount',
    '成本',
    '销售成本',
    '营业成本',
    '成本金额',
    ...withPlainForms([
      'kosten',
      'wareneinsatz',
      'herstellkosten',
      'selbstkosten',
      'coût',
      'coûtdesventes',
      'coûtdachat',
      'costo',
      'coste',
      'costodeventas',
      'costodelvenduto',
      'custo',
      'custodasvendas',
      '原価',
      '売上原価',
    ]),
  ],
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

  // profit and cost columns stay dimensions too, as before they were mapped (`--by Profit` keeps working)
  const mappedIdx = new Set(
    Object.entries(columns)
      .filter(([f]) => f !== 'profit' && f !== 'cost')
      .map(([, i]) => i),
  );
  const extra = headers.map((_, i) => i).filter((i) => !mappedIdx.has(i) && headers[i]!.trim() !== '');
  return { columns, how, extra, problems };
}
