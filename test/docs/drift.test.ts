import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { KPIS } from '../../src/engine/kpis.js';
import { ISSUE_CODES } from '../../src/ingest/issues.js';

describe('generated docs', () => {
  it('match the code (node scripts/gen-docs.mjs --check)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('list every KPI and every issue code', () => {
    const kpis = readFileSync(join(ROOT, 'docs/kpis.md'), 'utf8');
    for (const k of KPIS) expect(kpis).toContain(`| \`${k.id}\` | ${k.unit} |`);
    const problems = readFileSync(join(ROOT, 'docs/data-problems.md'), 'utf8');
    for (const [code, d] of Object.entries(ISSUE_CODES)) expect(problems).toContain(`| \`${code}\` | ${d.severity} |`);
  });

  it('README stays a front door: at most 250 lines, the two set-up commands, links that resolve', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    for (const [, link] of readme.matchAll(/\]\((docs\/[^)#]+)\)/g)) expect(() => readFileSync(join(ROOT, link!))).not.toThrow();
  });
});
