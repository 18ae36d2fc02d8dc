/**
 * A page of an HTML report opened offline in the browser tests: every request but
 * the page itself is refused and recorded, as are console errors, page errors
 * and dialogs (an HTML report has no script, so none should happen).
 */
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

export async function openOffline(context: BrowserContext, file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors };
}
