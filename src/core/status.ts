/**
 * Deal/order status → one of four outcomes. Refunds count negative.
 */
export const STATUSES = ['won', 'lost', 'open', 'refund'] as const;
export type Status = (typeof STATUSES)[number];

/** A status as a small integer (its index in STATUSES), for typed columns. */
export const STATUS_CODE: Record<Status, number> = { won: 0, lost: 1, open: 2, refund: 3 };

/** Built-in vocabulary (normalised: lower case, single spaces, `-`/`_` as spaces). */
export const STATUS_WORDS: Record<Status, readonly string[]> = {
  won: [
    'won',
    'closed won',
    'closedwon',
    'win',
    'success',
    '成交',
    '已成交',
    '赢单',
    '签约',
    '已签约',
    'gewonnen',
    'gagné',
    'gagne',
    'gagnée',
    'gagnee',
    'ganado',
    'ganada',
    'vinto',
    'vinta',
    'ganho',
    'ganha',
    '受注',
    '成約',
    '受注済み',
  ],
  lost: [
    'lost',
    'closed lost',
    'closedlost',
    'lose',
    'loss',
    '丢单',
    '输单',
    '失败',
    '已丢单',
    'verloren',
    'perdu',
    'perdue',
    'perdido',
    'perdida',
    'perso',
    'persa',
    '失注',
  ],
  open: [
    'open',
    'pending',
    'prospecting',
    'engaging',
    'qualification',
    'qualified',
    'proposal',
    'negotiation',
    'in progress',
    '跟进中',
    '进行中',
    '洽谈中',
    '待定',
    'offen',
    'in bearbeitung',
    'en cours',
    'ouvert',
    'ouverte',
    'abierto',
    'abierta',
    'en curso',
    'aperto',
    'aperta',
    'in corso',
    'aberto',
    'aberta',
    'em andamento',
    '商談中',
    '進行中',
  ],
  refund: [
    'refund',
    'refunded',
    'returned',
    'return',
    '退款',
    '退货',
    '已退款',
    '已退货',
    'erstattet',
    'rückerstattung',
    'retoure',
    'remboursé',
    'rembourse',
    'remboursement',
    'reembolso',
    'reembolsado',
    'devuelto',
    'rimborso',
    'rimborsato',
    'reso',
    'devolvido',
    'devolução',
    'devolucao',
    '返金',
    '返品',
  ],
};

export function normaliseStatus(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
}

/** A lookup table from normalised text to status, built-ins overridden by the user's lists. */
export function statusTable(user?: Partial<Record<Status, readonly string[]>>): Map<string, Status> {
  const table = new Map<string, Status>();
  for (const s of STATUSES) for (const w of STATUS_WORDS[s]) table.set(normaliseStatus(w), s);
  if (user) for (const s of STATUSES) for (const w of user[s] ?? []) table.set(normaliseStatus(w), s);
  return table;
}
