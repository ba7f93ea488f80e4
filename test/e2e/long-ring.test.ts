// A call that rings past the long-ring threshold: highlighted on the board, alerted, then no-answer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { en } from '../../renderer/i18n/messages.ts';
import { assertRendererBuilt, launchBrowser, openUi, saveScreenshot } from '../support/browser.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { NUMBERS, board, boardRow, dialFromUi, finalCall } from './support/ui.ts';

// The threshold is measured against the callback Timestamps, which the sandbox stamps in its own
// simulated time (running SPEED× faster than the wall clock from the moment it starts). So the
// service starts right before the dial, and at speed 3 the 60 s no-answer rings 20 s of real time:
// the call passes 5 s well before it ends. (A higher speed would push the sandbox's timestamps so
// far ahead of the wall clock that the threshold is reached late or never.)
const SPEED = '3';
const LONG_RING_SECONDS = '5';

let browser: Browser;
let service: TestService | undefined;

beforeAll(async () => {
  assertRendererBuilt();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await service?.dispose();
});

it('highlights a call ringing past the threshold, raises a long-ring alert, then ends it no-answer (SIP 487)', async () => {
  service = await startTestService({ env: { RINGSIDE_SANDBOX_SPEED: SPEED, RINGSIDE_LONG_RING_SECONDS: LONG_RING_SECONDS } });
  const { page } = await openUi(browser, service.service);
  await board(page).waitFor();
  const call = await dialFromUi(page, NUMBERS.noAnswer);

  const row = boardRow(page, call.sid);
  await row.and(page.locator('[data-status="ringing"]')).waitFor({ timeout: 20_000 });
  expect(await row.getAttribute('data-long-ring')).toBeNull();

  const highlighted = row.and(page.locator('[data-long-ring="true"]'));
  await highlighted.waitFor({ timeout: 30_000 });
  expect(await highlighted.getAttribute('class')).toContain('long-ring');
  expect(await highlighted.locator('.badge').textContent()).toBe(en.longRing);

  const alert = page.getByRole('alert').and(page.locator('.alert-long-ring'));
  await alert.and(page.locator(`[data-call-sid="${call.sid}"]`)).waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toContain('Ringing long');
  await saveScreenshot(page, 'board-long-ring');

  await row.and(page.locator('[data-status="no-answer"]')).waitFor({ timeout: 40_000 });
  expect(await row.getAttribute('data-long-ring')).toBeNull();
  const ended = await finalCall(service, call.sid);
  expect(ended.status).toBe('no-answer');
  expect(ended.sipResponseCode).toBe(487);
  // The long-ring alert is withdrawn once the call stops ringing; the no-answer alert replaces it.
  await page.locator(`.alert-no-answer[data-call-sid="${call.sid}"]`).waitFor({ timeout: 10_000 });
  await expect.poll(() => page.locator(`.alert-long-ring[data-call-sid="${call.sid}"]`).count()).toBe(0);
});
