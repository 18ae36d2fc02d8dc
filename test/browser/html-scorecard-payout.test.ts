/**
 * The scorecard and payout HTML pages in a real browser (Debian's chromium driven by
 * playwright-core, found and skipped as in html-report.test.ts): each opens from file:// with no
 * console error and no network request, has its SVG charts, and the numbers the browser shows
 * match the JSON documents. Screenshots (en, zh) go to test-artifacts/browser/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openOffline } from './offline-page.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tmp, writeTmp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// (without chromium, html-report.test.ts says so once, and fails under CI=true)
describe.runIf(HAVE)('the scorecard and payout HTML in headless Chromium', () => {
  const dir = tmp();
  const sales = writeTmp(
    'sales.csv',
    'Date,Deal ID,Rep,Customer,Amount,Status\n2026-03-05,D1,Ann,C1,6000.00,Won\n2026-03-10,D2,Ann,C2,4000.00,Won\n2026-03-12,D3,Bob,C3,9000.00,Won\n2026-03-15,D4,"<img src=x onerror=alert(1)> 蔡",C4,3000.00,Won\n2026-03-20,D5,Bob,C5,500.00,Lost\n',
    dir,
  );
  const targets = writeTmp(
    'targets.csv',
    'Rep,Month,Target\nAnn,2026-03,8000\nBob,2026-03,10000\n<img src=x onerror=alert(1)> 蔡,2026-03,10000\n',
    dir,
  );
  const plan = writeTmp(
    'plan.json',
    JSON.stringify({
      name: 'Test plan',
      tiers: {
        mode: 'marginal',
        tiers: [
          { from: 0, rate: 0.02 },
          { from: 0.8, rate: 0.05 },
          { from: 1, rate: 0.1 },
        ],
      },
      gate: { minAttainment: 0.5 },
      bonuses: [{ type: 'newCustomer', amount: 100 }],
    }),
    dir,
  );
  // revenue attainment 60 and win rate percentile 40: Ann 0.6×120 + 0.4×75 = 102, Bob 54 + 0, 蔡 18 + 30 = 48
  const config = writeTmp(
    'cfg.json',
    JSON.stringify({
      scorecard: {
        kpis: [
          { kpi: 'revenue', weight: 60 },
          { kpi: 'winRate', weight: 40, scoring: { method: 'percentile' } },
        ],
      },
    }),
    dir,
  );
  const common = [sales, '--targets', targets, '--as-of', '2026-04-01', '--grain', 'month', '--quiet'];
  const pages = {
    scorecard: ['scorecard', ...common, '--config', config],
    payout: ['payout', ...common, '--plan', plan],
  };
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'salesperf-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens a page offline (see offline-page.ts); problems are the refused requests, console errors and dialogs. */
  async function open(file: string): Promise<{ page: Page; problems: () => string[] }> {
    const { page, requests, errors } = await openOffline(context, file);
    return { page, problems: () => [...requests.map((u) => `request: ${u}`), ...errors] };
  }

  const scDoc = JSON.parse(runCli([...pages.scorecard, '-f', 'json']).stdout) as { rows: { rep: string; score: number; band: string }[] };
  const payDoc = JSON.parse(runCli([...pages.payout, '-f', 'json']).stdout) as {
    statements: { rep: string; total: number; lines: { amount: number }[] }[];
    totals: { plan: number };
  };
  const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  for (const lang of ['en', 'zh'] as const) {
    it(`scorecard, ${lang}: offline, no console error, 2 SVG charts, scores and bands as in the JSON`, async () => {
      const out = join(dir, `scorecard-${lang}.html`);
      expect(runCli([...pages.scorecard, '-o', out, '--lang', lang])).toMatchObject({ code: 0, stderr: '' });
      const { page, problems } = await open(out);
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await page.locator('svg.chart-svg').count()).toBe(2);
      expect(await page.locator('[role="img"][aria-label][aria-describedby]').count()).toBe(2);
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      const shown = await page.$$eval('table.scorecard tbody tr', (trs) =>
        trs.map((tr) => ['dim', 'score', 'band'].map((f) => tr.querySelector(`[data-field="${f}"]`)!.textContent)),
      );
      expect(shown).toEqual(scDoc.rows.map((r) => [r.rep, r.score.toFixed(2), r.band]));
      expect(shown).toEqual([
        ['Ann', '102.00', 'A'],
        ['Bob', '54.00', 'D'],
        ['<img src=x onerror=alert(1)> 蔡', '48.00', 'D'],
      ]);
      await page.screenshot({ path: join(ARTIFACTS, `scorecard-${lang}.png`), fullPage: true });
      await page.close();
      expect(problems()).toEqual([]);
      expect(
        readFileSync(join(ARTIFACTS, `scorecard-${lang}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }, 60_000);

    it(`payout, ${lang}: offline, no console error, 2 SVG charts, statement totals and lines as in the JSON`, async () => {
      const out = join(dir, `payout-${lang}.html`);
      expect(runCli([...pages.payout, '-o', out, '--lang', lang])).toMatchObject({ code: 0, stderr: '' });
      const { page, problems } = await open(out);
      expect(await page.locator('svg.chart-svg').count()).toBe(2);
      expect(await page.locator('[role="img"][aria-label][aria-describedby]').count()).toBe(2);
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      const statements = await page.$$eval('table.statement', (ts) =>
        ts.map((t) => [
          t.getAttribute('data-rep'),
          [...t.querySelectorAll('[data-field="amount"]')].map((c) => c.textContent),
          t.querySelector('[data-field="total"]')!.textContent,
        ]),
      );
      expect(statements).toEqual(payDoc.statements.map((s) => [s.rep, s.lines.map((l) => money(l.amount)), money(s.total)]));
      expect(statements.map((s) => s[2])).toEqual(['0.00', '608.00', '310.00']); // reps in code-point order: '<' before 'A'
      expect(await page.textContent('table.payout-summary tr.total [data-field="total"]')).toBe(money(payDoc.totals.plan));
      await page.screenshot({ path: join(ARTIFACTS, `payout-${lang}.png`), fullPage: true });
      await page.close();
      expect(problems()).toEqual([]);
    }, 60_000);
  }
});
