// Settings in real Chromium: refusals keep what is stored; Spanish changes the UI; dark mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SettingsView } from '../../preload/contract.ts';
import { en, es } from '../../renderer/i18n/messages.ts';
import { assertRendererBuilt, launchBrowser, openUi, saveScreenshot } from '../support/browser.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { NUMBERS, apiJson, board, boardRow, dialByApi, showView } from './support/ui.ts';

let browser: Browser;
let service: TestService;

beforeAll(async () => {
  assertRendererBuilt();
  // Speed 8: the no-answer call below rings for 7.5 s, long enough to be on the board for a screenshot.
  [browser, service] = await Promise.all([launchBrowser(), startTestService({ env: { RINGSIDE_SANDBOX_SPEED: '8' } })]);
});

afterAll(async () => {
  await browser?.close();
  await service?.dispose();
});

const settingsNow = (): Promise<SettingsView> => apiJson<SettingsView>(service, '/api/settings');

describe('Settings', () => {
  it('refuses invalid values with a message and stores nothing; Spanish then changes the UI texts', async () => {
    const { context, page } = await openUi(browser, service.service);
    await showView(page, 'Settings');
    const stored = await settingsNow();

    // Checked in the form: the field says what is wrong, and nothing is sent.
    const longRing = page.getByLabel(en.longRingSeconds);
    await longRing.fill('2');
    const describedBy = (await longRing.getAttribute('aria-describedby')) ?? '';
    const problemId = describedBy.split(' ').find((id) => id.endsWith('-problem')) ?? '';
    expect(await page.locator(`[id="${problemId}"]`).textContent()).toBe(en.problem_longRingSeconds);
    await page.getByRole('button', { name: en.save }).click();
    await page.getByText(en.fixFields).waitFor();
    expect(await settingsNow()).toEqual(stored);
    await longRing.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'settings-invalid');
    await longRing.fill(String(stored.longRingSeconds));

    // Checked by the service: its plain-language refusal is shown, and nothing is stored.
    await page.getByLabel(en.accountSid).fill('AC123');
    const saved = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/settings' && response.request().method() === 'PATCH');
    await page.getByRole('button', { name: en.save }).click();
    expect((await saved).status()).toBe(400);
    await page.locator('.form-actions .error', { hasText: 'Account SID' }).waitFor();
    expect(await settingsNow()).toEqual(stored);
    await page.getByLabel(en.accountSid).fill('');

    await page.getByLabel(en.language).selectOption('es');
    await page.getByRole('button', { name: en.save }).click();
    await page.getByRole('tab', { name: es.view_board }).waitFor();
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs).toEqual([es.view_board, es.view_history, es.view_analytics, es.view_settings]);
    expect(await page.getByLabel(es.phoneNumber).count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('es');
    expect((await settingsNow()).language).toBe('es');
    await saveScreenshot(page, 'settings-es');

    await page.getByLabel(es.language).selectOption('en');
    await page.getByRole('button', { name: es.save }).click();
    await page.getByRole('tab', { name: en.view_board }).waitFor();
    await context.close();
  });

  it('follows the system dark scheme', async () => {
    const { context, page } = await openUi(browser, service.service, { colorScheme: 'dark' });
    await board(page).waitFor();
    const call = await dialByApi(service, NUMBERS.noAnswer);
    await boardRow(page, call.sid).and(page.locator('[data-status="ringing"]')).waitFor({ timeout: 20_000 });
    const background = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as {
        document: { body: unknown };
        getComputedStyle(element: unknown): { backgroundColor: string };
      };
      return getComputedStyle(document.body).backgroundColor;
    });
    const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(Math.max(red, green, blue)).toBeLessThan(80);
    await saveScreenshot(page, 'board-dark');
    await context.close();
  });
});
