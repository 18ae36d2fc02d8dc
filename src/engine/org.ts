/**
 * The sales organisation: rep → team/manager → region, from an org file
 * (e.g. sales_agent, manager, regional_office). Pure over a side table.
 */
import { msg, type Msg } from '../core/message-catalog.js';
import { headerKey, SYNONYMS } from '../ingest/mapping.js';
import type { SideTable } from './side-tables.js';

export interface Org {
  file: string;
  /** Org columns other than the rep, by header. */
  columns: string[];
  /** Which org column plays team and region (index into columns). */
  roles: { team?: number; region?: number };
  /** rep → values of `columns`. */
  byRep: Map<string, (string | null)[]>;
}

const TEAM_EXTRA = ['manager', 'salesmanager', 'teamlead', 'supervisor', '经理', '销售经理', '主管'];
const REGION_EXTRA = ['regionaloffice', 'office', 'branch', '分公司', '办事处'];

export function buildOrg(t: SideTable): { org: Org | null; notes: Msg[]; fatal: Msg | null } {
  const keys = t.headers.map(headerKey);
  const repCol = keys.findIndex((k) => SYNONYMS.rep.includes(k));
  if (repCol < 0)
    return {
      org: null,
      notes: [],
      fatal: msg('ORG_NO_REP', { file: t.file, headers: t.headers.map((h) => JSON.stringify(h)).join(', ') }),
    };
  const cols = t.headers.map((_, i) => i).filter((i) => i !== repCol && t.headers[i]!.trim() !== '');
  const find = (syn: readonly string[]) => {
    for (const s of syn) {
      const i = cols.findIndex((c) => keys[c] === s);
      if (i >= 0) return i;
    }
    return undefined;
  };
  const team = find([...SYNONYMS.team, ...TEAM_EXTRA]);
  const region = find([...SYNONYMS.region, ...REGION_EXTRA]);
  const byRep = new Map<string, (string | null)[]>();
  const notes: Msg[] = [];
  let dup = 0;
  for (const r of t.rows) {
    const rep = typeof r[repCol] === 'string' ? (r[repCol] as string).trim() : '';
    if (rep === '') continue;
    if (byRep.has(rep)) dup++;
    byRep.set(
      rep,
      cols.map((c) => (typeof r[c] === 'string' && (r[c] as string).trim() !== '' ? (r[c] as string).trim() : null)),
    );
  }
  if (dup) notes.push(msg('ORG_DUPLICATES', { file: t.file, count: dup }));
  const roles: Org['roles'] = {};
  if (team !== undefined) roles.team = team;
  if (region !== undefined) roles.region = region;
  notes.push(
    msg('ORG_READ', {
      file: t.file,
      count: byRep.size,
      team: team !== undefined ? msg('ORG_TEAM', { header: JSON.stringify(t.headers[cols[team]!]) }) : '',
      region: region !== undefined ? msg('ORG_REGION', { header: JSON.stringify(t.headers[cols[region]!]) }) : '',
    }),
  );
  return { org: { file: t.file, columns: cols.map((c) => t.headers[c]!.trim()), roles, byRep }, notes, fatal: null };
}

/** Which org column a --by name means: a header, or the team/region role. */
export function orgColumn(org: Org, name: string): number | undefined {
  const lower = name.toLowerCase();
  const i = org.columns.findIndex((c) => c.toLowerCase() === lower);
  if (i >= 0) return i;
  if (lower === 'team') return org.roles.team;
  if (lower === 'region') return org.roles.region;
  return undefined;
}
