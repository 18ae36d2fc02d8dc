/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. Each report
 * opens from file:// with no console error and no network request, has its SVG charts and
 * tables, and its totals match the JSON report. Screenshots (en, zh) go to test-artifacts/
 * (gitignored) for a person to look at. Without chromium the test is skipped, with the reason,
 * unless CI=true, where that is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { openOffline } from './offline-page.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tmp, writeTmp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
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

if (!HAVE && !IN_CI)
  console.warn(
    `test/browser: skipped: no chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium; under CI=true this is a failure)`,
  );

describe.runIf(!HAVE && IN_CI)('browser (CI)', () => {
  it('needs chromium under CI=true', () => {
    expect.fail(`no chromium at ${CHROMIUM}: .ci/chromium.sh installs it (CHROMIUM_PATH to use another)`);
  });
});

describe.runIf(HAVE)('the HTML report in headless Chromium', () => {
  const dir = tmp();
  // three regions, two months; one group name tries to inject markup
  const sales = writeTmp(
    'sales.csv',
    [
      'Date,Region,Customer,Amount,Status',
      '2026-01-05,North,C1,100.00,Won',
      '2026-01-09,"<img src=x onerror=alert(1)> & ""Q""",C2,300.50,Won',
      '2026-01-20,南区,C3,1000.10,Won',
      '2026-02-02,North,C1,250.25,Won',
      '2026-02-20,南区,C4,49.75,Won',
      '2026-02-21,南区,C4,10.00,Lost',
    ].join('\n') + '\n',
    dir,
  );
  const targets = writeTmp(
    'targets.csv',
    'Region,Month,Target\nNorth,2026-01,200\nNorth,2026-02,200\n南区,2026-01,900\n南区,2026-02,100\n',
    dir,
  );
  const args = ['report', sales, '--by', 'region', '--targets', targets, '--as-of', '2026-03-01', '--quiet'];
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

  const json = runCli([...args, '-f', 'json']);
  const doc = JSON.parse(json.stdout) as {
    totals: { period: string; revenue: number }[];
    rows: { period: string; region: string; revenue: number }[];
  };

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: opens offline with no console error, has 2 charts and 3 tables, totals match the JSON`, async () => {
      const out = join(dir, `report-${lang}.html`);
      const r = runCli([...args, '-f', 'html', '-o', out, '--lang', lang]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const { page, requests, errors } = await openOffline(context, out);
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await page.locator('svg.chart-svg').count()).toBe(2);
      expect(await page.locator('[role="img"][aria-label]').count()).toBe(2);
      expect(await page.locator('table').count()).toBe(3); // the report, and one per chart
      expect(await page.locator('script, img').count()).toBe(0);
      // the chart text's style attribute parses (ECharts lays the text out for Arial's widths)
      expect(await page.$eval('svg.chart-svg text', (el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontFamily)).toMatch(
        /^Arial, Helvetica, "?Liberation Sans"?/,
      );
      // the page's totals, as text, against the JSON report and against the fixture by hand
      const shown = await page.$$eval('table.report tr.total', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-period'), tr.querySelector('td[data-kpi="revenue"]')!.textContent]),
      );
      expect(shown).toEqual(
        doc.totals.map((t) => [t.period, t.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })]),
      );
      expect(shown).toEqual([
        ['2026-01', '1,400.60'],
        ['2026-02', '300.00'],
      ]);
      // a group's revenue per period, found by its (escaped) name
      const south = await page.$$eval('table.report tbody tr:not(.total)', (trs) =>
        trs.filter((tr) => tr.children[0]!.textContent === '南区').map((tr) => tr.querySelector('td[data-kpi="revenue"]')!.textContent),
      );
      expect(south).toEqual(doc.rows.filter((x) => x.region === '南区').map((x) => x.revenue.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ',')));
      expect(south).toEqual(['1,000.10', '49.75']);
      expect(await page.locator('table.report td', { hasText: '<img src=x onerror=alert(1)> & "Q"' }).count()).toBe(2);
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}.png`), fullPage: true });
      await page.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(
        readFileSync(join(ARTIFACTS, `report-${lang}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }, 60_000);
  }
});

describe.runIf(HAVE)('the insights HTML page in headless Chromium', () => {
  const dir = tmp();
  // two regions, four months, six customers; one region name tries to inject markup
  const NASTY = '<img src=x onerror=alert(1)> & "Q"';
  const sales = writeTmp(
    'sales.csv',
    [
      'Date,Region,Customer,Amount,Status',
      '2026-01-05,North,A,100.00,Won',
      '2026-01-10,North,B,50.00,Won',
      `2026-01-15,"${NASTY.replace(/"/g, '""')}",C,200.00,Won`,
      '2026-01-20,南区,D,10.00,Won',
      '2026-02-03,North,A,60.00,Won',
      '2026-02-10,南区,E,40.00,Won',
      '2026-03-05,North,A,30.00,Won',
      `2026-03-06,"${NASTY.replace(/"/g, '""')}",C,70.00,Won`,
      '2026-03-07,南区,E,20.00,Won',
      '2026-04-02,North,F,25.00,Won',
      '2026-04-09,North,B,15.00,Won',
    ].join('\n') + '\n',
    dir,
  );
  const targets = writeTmp('targets.csv', 'Region,Month,Target\nNorth,2026-04,50\n南区,2026-04,100\n', dir);
  const args = ['insights', sales, '--by', 'region', '--targets', targets, '--as-of', '2026-04-30', '--quiet'];
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

  const json = runCli([...args, '-f', 'json']);
  const doc = JSON.parse(json.stdout) as {
    headline: { kpi: string; value: number }[];
    forecast: { points: { period: string; mean: number }[] };
    cohorts: { rows: { cohort: string; size: number }[] };
    concentration: { overall: { customers: number; total: number; paretoCount: number } };
  };
  const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: opens offline with no console error, has its 6 SVG charts, and its tables say what the JSON says`, async () => {
      const out = join(dir, `insights-${lang}.html`);
      const r = runCli([...args, '-f', 'html', '-o', out, '--lang', lang]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const { page, requests, errors } = await openOffline(context, out);
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await page.locator('svg.chart-svg').count()).toBe(6);
      expect(await page.locator('[role="img"][aria-label]').count()).toBe(6);
      expect(await page.locator('script, img').count()).toBe(0);
      // each chart drew something: more than a background rectangle
      const drawn = await page.$$eval('svg.chart-svg', (svgs) => svgs.map((s) => s.querySelectorAll('path').length));
      expect(drawn.every((n) => n > 5)).toBe(true);
      // the page's text against the JSON (the cell texts, as a reader copies them)
      const cells = (sel: string) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      const headline = await cells('#ins-headline-table');
      expect(headline[0]!.slice(1, 2)).toEqual([money(doc.headline.find((h) => h.kpi === 'revenue')!.value)]);
      expect((await cells('#ins-forecast-points')).map((x) => [x[0], x[1]])).toEqual(
        doc.forecast.points.map((p) => [p.period, money(p.mean)]),
      );
      expect((await cells('#chart-cohorts')).map((x) => [x[0], x[1]])).toEqual(doc.cohorts.rows.map((c) => [c.cohort, String(c.size)]));
      const total = (await cells('#ins-concentration-table'))[0]!;
      expect([total[1], total[2]]).toEqual([String(doc.concentration.overall.customers), money(doc.concentration.overall.total)]);
      expect(total.at(-2)).toMatch(new RegExp(`^${doc.concentration.overall.paretoCount} \\(`));
      // the group name is text, not markup, in the tables and in the charts
      expect(await page.locator('td, th', { hasText: NASTY }).count()).toBeGreaterThan(0);
      expect(await page.locator('svg text', { hasText: '<img src=x onerror=alert(' }).count()).toBeGreaterThan(0); // cut to fit the chart
      await page.screenshot({ path: join(ARTIFACTS, `insights-${lang}.png`), fullPage: true });
      await page.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(
        readFileSync(join(ARTIFACTS, `insights-${lang}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }, 60_000);
  }
});
