// Live calls in real Chromium against the real service on the sandbox: dial, watch, alert, cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../renderer/i18n/messages.ts';
import { assertRendererBuilt, launchBrowser, openUi, saveScreenshot } from '../support/browser.ts';
import { eventually, startTestService, type TestService } from '../support/service.ts';
import {
  NUMBERS,
  board,
  boardRow,
  boardStatusesSeen,
  callCreatedBy,
  callDetail,
  dialFromUi,
  finalCall,
  listCalls,
  timeline,
  watchBoardStatuses,
} from './support/ui.ts';

// Speed 8: a ringing call lasts long enough to click (60 s timeout → 7.5 s), an answered one ends in ~3.5 s.
const SPEED = '8';

let browser: Browser;
let service: TestService;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  assertRendererBuilt();
  [browser, service] = await Promise.all([launchBrowser(), startTestService({ env: { RINGSIDE_SANDBOX_SPEED: SPEED } })]);
  ({ context, page } = await openUi(browser, service.service));
  await board(page).waitFor();
  await watchBoardStatuses(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.dispose();
});

describe('the live board', () => {
  it('shows a dialed call at once as queued, then its timeline through every stage to completed', async () => {
    const call = await dialFromUi(page, NUMBERS.answers);
    expect(call.status).toBe('queued');
    await expect.poll(() => boardStatusesSeen(page, call.sid)).toContain('queued');
    await saveScreenshot(page, 'board');

    await boardRow(page, call.sid).getByRole('button', { name: 'Details' }).click();
    await timeline(page).locator('li[data-status="completed"]').waitFor({ timeout: 30_000 });
    const stages = await timeline(page).locator(':scope > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(stages).toEqual(['queued', 'initiated', 'ringing', 'in-progress', 'completed']);
    await expect.poll(() => callDetail(page).locator('.facts .chip').first().textContent()).toBe(en.status_completed);
    await saveScreenshot(page, 'call-detail');

    // What the board showed, in order: the same stages, none out of order.
    const shown = await boardStatusesSeen(page, call.sid);
    expect(shown[0]).toBe('queued');
    expect(shown.at(-1)).toBe('completed');
    const order = ['queued', 'initiated', 'ringing', 'in-progress', 'completed'];
    expect(shown.map((status) => order.indexOf(status))).toEqual([...shown.map((status) => order.indexOf(status))].sort((a, b) => a - b));
    await page.keyboard.press('Escape');
    await expect.poll(() => callDetail(page).count()).toBe(0);
  });

  it('raises an in-app alert for a busy number, and the detail explains SIP 486', async () => {
    const call = await dialFromUi(page, NUMBERS.busy);
    const alert = page.getByRole('alert').and(page.locator(`[data-call-sid="${call.sid}"]`));
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('class')).toContain('alert-busy');
    expect(await alert.textContent()).toContain('Busy');
    await saveScreenshot(page, 'alert');

    await alert.getByRole('button', { name: /Busy/ }).click();
    const sip = callDetail(page).locator('.code', { hasText: '486' });
    await sip.waitFor();
    expect(await sip.locator('strong').textContent()).toBe('486');
    expect(await sip.locator('.meaning').textContent()).toContain(en.sip_486);
    expect((await finalCall(service, call.sid)).sipResponseCode).toBe(486);
    await callDetail(page).getByRole('button', { name: 'Close' }).click();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('cancels a ringing call from its board row, and the call ends canceled', async () => {
    const call = await dialFromUi(page, NUMBERS.noAnswer);
    const row = boardRow(page, call.sid);
    await row.and(page.locator('[data-status="ringing"]')).waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.and(page.locator('[data-status="canceled"]')).waitFor({ timeout: 20_000 });
    const ended = await finalCall(service, call.sid);
    expect(ended.status).toBe('canceled');
    expect(ended.timeline.some((entry) => entry.source === 'action')).toBe(true);
  });

  it('refuses an invalid number in the dialer with a message, and creates no call', async () => {
    const before = await listCalls(service);
    const posts: string[] = [];
    const onRequest = (request: { method(): string; url(): string }): void => {
      if (request.method() === 'POST') posts.push(request.url());
    };
    page.on('request', onRequest);
    await page.getByLabel('Phone number').fill('12');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const field = page.getByLabel('Phone number');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    // The message is what the field's description reads out.
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(en.invalidNumber);
    page.off('request', onRequest);
    expect(posts).toEqual([]);
    expect(await listCalls(service)).toHaveLength(before.length);
    await field.fill('');
  });

  it('dials with the keyboard alone: "/" to the dialer, type, Enter; then Tab to the call and open it', async () => {
    await page.reload(); // a fresh page: focus on nothing, no pointer involved from here on
    await board(page).waitFor();
    const call = await callCreatedBy(page, async () => {
      await page.keyboard.press('/');
      await page.keyboard.type(NUMBERS.answers);
      await page.keyboard.press('Enter');
    });
    expect(call.to).toBe(NUMBERS.answers);
    await boardRow(page, call.sid).waitFor();

    // Tab from the tab strip into the board until the new row's Details button has focus.
    await page.getByRole('tab', { name: 'Board' }).focus();
    const details = boardRow(page, call.sid).getByRole('button', { name: 'Details' });
    await eventually(
      async () => {
        await page.keyboard.press('Tab');
        return (await details.evaluate((button) => button.ownerDocument.activeElement === button)) || undefined;
      },
      10_000,
      'Tab to reach the call',
    );
    await page.keyboard.press('Enter');
    await callDetail(page).locator('dd.mono', { hasText: call.sid }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => callDetail(page).count()).toBe(0);
    expect((await finalCall(service, call.sid)).status).toBe('completed');
  });
});
