import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueTable, didYouMeanOf, MESSAGES, msg, orList, placeholders, renderMsg } from '../../src/core/message-catalog.js';
import { ISSUE_CODES, ISSUE_MEANINGS_ZH, issueMeaning } from '../../src/ingest/issues.js';
import { ROOT } from '../helpers.js';
import { LIMITS } from '../../src/io/limits.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the message catalogue', () => {
  it('every id has English and Chinese with the same placeholders', () => {
    const bad: string[] = [];
    for (const [id, t] of Object.entries(MESSAGES)) {
      if (!t.en.trim() || !t.zh.trim()) bad.push(`${id}: empty`);
      if (placeholders(t.en).join() !== placeholders(t.zh).join()) bad.push(`${id}: en {${placeholders(t.en)}} zh {${placeholders(t.zh)}}`);
    }
    expect(bad).toEqual([]);
    expect(Object.keys(MESSAGES).length).toBeGreaterThan(150);
  });

  it('the Chinese is a translation, not a copy: never the English as it is, and Chinese text but where only punctuation changes', () => {
    const real = Object.entries(MESSAGES).filter(([, t]) => t.en.replace(/\{[^}]*\}/g, '').trim() !== '');
    expect(real.filter(([, t]) => t.zh === t.en).map(([id]) => id)).toEqual([]);
    // `{file}: {message}` and the like: only the colon and brackets become full-width
    expect(
      real
        .filter(([, t]) => !/[\u4e00-\u9fff]/.test(t.zh))
        .map(([id]) => id)
        .sort(),
    ).toEqual([
      'AT_PLACE',
      'CONFIG_INVALID_ONE',
      'ERR_CODE_PROBLEM',
      'ERR_FILE_PROBLEM',
      'HTML_INS_HEADLINE_VALUE',
      'HTML_INS_SEP',
      'HTML_SC_KPI_HEAD',
      'LIMIT_SEEN',
      'OUT_WRITE',
      'SCORE_ITEM',
      'V_FILE',
      'V_UNREADABLE_ITEM',
      'ZOD_PROBLEM',
    ]);
  });

  it('every msg(ID) in src names an id in the catalogue', () => {
    const missing: string[] = [];
    for (const f of sources(join(ROOT, 'src'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bmsg\('([A-Z0-9_]+)'/g)) if (!MESSAGES[m[1]!]) missing.push(`${f.slice(ROOT.length)}: ${m[1]}`);
      // validate-text names its ids in t('V_…') and in small tables
      if (f.endsWith('validate-text.ts'))
        for (const m of text.matchAll(/'(V_[A-Z0-9_]+)'/g)) if (!MESSAGES[m[1]!]) missing.push(`${f.slice(ROOT.length)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('renders parameters, nested messages, plurals and lists in each language', () => {
    expect(renderMsg(msg('INPUT_NOT_FOUND', { file: 'a.csv' }), 'en')).toBe('a.csv: no such file');
    expect(renderMsg(msg('INPUT_NOT_FOUND', { file: 'a.csv' }), 'zh')).toBe('a.csv：文件不存在');
    const summary = (files: number, errors: string) =>
      msg('V_SUMMARY', { files, read: '1,000', accepted: '999', rejected: '1', excluded: '', errors, warnings: '0', unreadable: '' });
    expect(renderMsg(summary(1, '1'), 'en')).toBe('1 file: 1,000 rows read, 999 accepted, 1 rejected; 1 error, 0 warnings');
    expect(renderMsg(summary(2, '1,001'), 'en')).toBe('2 files: 1,000 rows read, 999 accepted, 1 rejected; 1,001 errors, 0 warnings');
    expect(renderMsg(summary(2, '1,001'), 'zh')).toBe('2 个文件：读取 1,000 行，接受 999，拒绝 1；1,001 个错误，0 个警告');
    const choice = msg('FLAG_CHOICE', {
      flag: 'grain',
      value: '"mnth"',
      choices: orList(['week', 'month', 'quarter', 'year']),
      suggest: didYouMeanOf('mnth', ['week', 'month', 'quarter', 'year']),
    });
    expect(renderMsg(choice, 'en')).toBe('--grain "mnth": expected week, month, quarter or year; did you mean "month"?');
    expect(renderMsg(choice, 'zh')).toBe('--grain "mnth"：应为 week, month, quarter 或 year；是否要用 "month"？');
    expect(renderMsg(msg('LINES', { lines: [msg('NONE'), 'x'] }), 'zh')).toBe('无\nx');
    expect(renderMsg('plain text stays', 'zh')).toBe('plain text stays');
    expect(renderMsg(msg('NO_SUCH_ID', { a: 1 }), 'en')).toBe('NO_SUCH_ID {"a":1}');
  });

  it('every issue code has a Chinese meaning, and only those codes', () => {
    expect(Object.keys(ISSUE_MEANINGS_ZH).sort()).toEqual(Object.keys(ISSUE_CODES).sort());
    expect(issueMeaning('AMOUNT_INVALID', 'zh')).toBe('金额不是数字');
    expect(issueMeaning('AMOUNT_INVALID', 'en')).toBe('the amount is not a number');
  });

  it('every limit has its what and unit in both languages, the English the same as the limits table', () => {
    for (const [name, l] of Object.entries(LIMITS)) {
      expect(MESSAGES[`LIMIT_WHAT_${name}`]?.en).toBe(l.what);
      expect(MESSAGES[`LIMIT_UNIT_${l.unit}`]).toBeDefined();
    }
  });

  it('every column a KPI needs has its words for the threshold hint', async () => {
    const { KPIS } = await import('../../src/engine/kpis.js');
    for (const k of KPIS)
      if (k.needs && k.needs !== 'targets' && k.needs !== 'spend') expect(MESSAGES[`HINT_COLUMN_${k.needs}`]).toBeDefined();
  });

  it('gives the rows of a docs table: id, en, zh, sorted by id', () => {
    const rows = catalogueTable();
    expect(rows.length).toBe(Object.keys(MESSAGES).length);
    expect(rows.find((r) => r[0] === 'INPUT_NOT_FOUND')).toEqual(['INPUT_NOT_FOUND', '{file}: no such file', '{file}：文件不存在']);
    const ids = rows.map((r) => r[0]!);
    expect(ids).toEqual([...ids].sort());
  });
});
