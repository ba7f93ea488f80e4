// History (filter, search, CSV export) and Analytics in real Chromium, checked against the API.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AnalyticsReport, Call } from '../../preload/contract.ts';
import { en } from '../../renderer/i18n/messages.ts';
import { assertRendererBuilt, launchBrowser, openUi, saveScreenshot } from '../support/browser.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { parseCsv } from './support/csv.ts';
import { NUMBERS, apiJson, dialByApi, finalCall, listCalls, showView } from './support/ui.ts';

// Two answered, two busy, one failed: every filter below has something to keep and something to drop.
const DIALED = [NUMBERS.answers, NUMBERS.busy, NUMBERS.failed, NUMBERS.answers, NUMBERS.busy];

let browser: Browser;
let service: TestService;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  assertRendererBuilt();
  [browser, service] = await Promise.all([launchBrowser(), startTestService()]);
  const dialed = await Promise.all(DIALED.map((to) => dialByApi(service, to)));
  await Promise.all(dialed.map((call) => finalCall(service, call.sid)));
  ({ context, page } = await openUi(browser, service.service, { acceptDownloads: true }));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.dispose();
});

const historyRows = (page: Page) => page.locator('.history-row[data-call-sid]');
const shownSids = (page: Page): Promise<string[]> =>
  historyRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call-sid') ?? ''));
const sidsOf = (calls: readonly Call[]): string[] => calls.map((call) => call.sid);

describe('History', () => {
  it('lists every stored call, filters by outcome, searches, and exports exactly the filtered set as CSV', async () => {
    await showView(page, 'History');
    const all = await listCalls(service);
    expect(all).toHaveLength(DIALED.length);
    await page.getByText(en.callsFound.replace('{n}', String(all.length))).waitFor();
    await expect.poll(() => shownSids(page)).toEqual(sidsOf(all));
    await saveScreenshot(page, 'history');

    await page.getByLabel(en.outcome).selectOption('busy');
    const busy = await listCalls(service, 'status=busy');
    expect(busy).toHaveLength(2);
    await expect.poll(() => shownSids(page)).toEqual(sidsOf(busy));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: en.exportCsv }).click();
    const file = await (await download).path();
    const records = parseCsv(await readFile(file, 'utf8'));
    expect(records.map((record) => record.sid)).toEqual(sidsOf(busy));
    for (const [index, call] of busy.entries()) {
      for (const [column, value] of Object.entries(records[index] ?? {})) {
        expect(value, `${call.sid} ${column}`).toBe(String(call[column as keyof Call] ?? ''));
      }
    }

    await page.getByLabel(en.outcome).selectOption('');
    const fragment = NUMBERS.failed.slice(-4);
    await page.getByLabel(en.search).fill(fragment);
    const found = await listCalls(service, `search=${fragment}`);
    expect(found.map((call) => call.to)).toEqual([NUMBERS.failed]);
    await expect.poll(() => shownSids(page)).toEqual(sidsOf(found));
    await page.getByLabel(en.search).fill('');
  });
});

describe('Analytics', () => {
  const statValue = (label: string): Promise<string | null> =>
    page.locator('.stat').filter({ has: page.getByText(label, { exact: true }) }).locator('.value').getAttribute('data-value');

  it('shows exactly the figures the API computes for the same range, and they agree with the stored calls', async () => {
    await showView(page, 'Analytics');
    await page.getByRole('button', { name: en.range_custom }).click();
    // The sandbox stamps calls in its own (faster) time, so the range spans yesterday to tomorrow.
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(en.since).fill(day(-1));
    await page.getByLabel(en.until).fill(day(1));
    const asked = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/analytics');
    await page.getByRole('button', { name: en.apply }).click();
    const url = new URL((await asked).url());
    const range = { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' };
    const report = await apiJson<AnalyticsReport>(
      service,
      `/api/analytics?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`,
    );

    await page.locator('.report').waitFor();
    expect(await statValue(en.calls)).toBe(String(report.calls));
    expect(await statValue(en.answered)).toBe(String(report.answered));
    expect(await statValue(en.answerRate)).toBe(String(report.answerRate));
    expect(await statValue(en.timeToAnswerMedian)).toBe(String(report.timeToAnswerSeconds.median));
    expect(await statValue(en.timeToAnswerP90)).toBe(String(report.timeToAnswerSeconds.p90));
    const outcomes = await page
      .getByRole('table', { name: en.outcomes })
      .locator('tr')
      .evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]));
    expect(outcomes).toEqual(report.outcomes.map((outcome) => [en[`status_${outcome.status}`], String(outcome.count)]));
    await saveScreenshot(page, 'analytics');

    // The report itself agrees with the calls the API lists.
    const calls = await listCalls(service);
    expect(report.calls).toBe(calls.length);
    expect(report.answered).toBe(calls.filter((call) => call.answeredAt !== null).length);
    expect(report.answered).toBe(2);
  });
});
