// What the end-to-end tests do to the UI and ask of the API, named the way an agent would say it.
import type { Locator, Page } from 'playwright-core';
import type { Call, CallPage, CallWithTimeline } from '../../../preload/contract.ts';
import { FINAL_STATUSES } from '../../../preload/contract.ts';
import type { PageGlobals } from '../../support/browser.ts';
import { eventually, type TestService } from '../../support/service.ts';

/** The sandbox's number table (see main/sandbox/numbers.ts). */
export const NUMBERS = {
  answers: '+14155550100',
  busy: '+14155550186',
  noAnswer: '+14155550187',
  failed: '+14155550104',
} as const;

export const board = (page: Page): Locator => page.getByRole('region', { name: 'Live calls' });
export const boardRow = (page: Page, sid: string): Locator => board(page).locator(`[data-call-sid="${sid}"]`);
export const timeline = (page: Page): Locator => page.getByRole('list', { name: 'Timeline' });
export const callDetail = (page: Page): Locator => page.getByRole('dialog');

export async function apiJson<T>(service: TestService, path: string): Promise<T> {
  const response = await service.api(path);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export const getCall = (service: TestService, sid: string): Promise<CallWithTimeline> =>
  apiJson<CallWithTimeline>(service, `/api/calls/${sid}`);

export const listCalls = async (service: TestService, query = ''): Promise<Call[]> =>
  (await apiJson<CallPage>(service, `/api/calls?limit=1000${query ? `&${query}` : ''}`)).calls;

/** Waits (via the API) until the call reaches a final status. */
export function finalCall(service: TestService, sid: string, timeoutMs = 30_000): Promise<CallWithTimeline> {
  return eventually(
    async () => {
      const call = await getCall(service, sid);
      return (FINAL_STATUSES as readonly string[]).includes(call.status) ? call : undefined;
    },
    timeoutMs,
    `call ${sid} to end`,
  );
}

/** Dials through the API (for tests that need stored calls, not the dialer). */
export async function dialByApi(service: TestService, to: string): Promise<Call> {
  const response = await service.api('/api/calls', { method: 'POST', body: JSON.stringify({ to }) });
  if (response.status !== 201) throw new Error(`Dial ${to} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Call;
}

/**
 * Runs `act` (which makes the UI dial) and returns the call the service created, read from the
 * UI's own POST /api/calls response.
 */
export async function callCreatedBy(page: Page, act: () => Promise<void>): Promise<Call> {
  const created = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/calls');
  await act();
  const response = await created;
  if (response.status() !== 201) throw new Error(`The UI's dial answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as Call;
}

/** Types a number into the dialer and clicks "Call"; returns the created call. */
export function dialFromUi(page: Page, number: string): Promise<Call> {
  return callCreatedBy(page, async () => {
    await page.getByLabel('Phone number').fill(number);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
  });
}

/**
 * Records, in the page, every status each board row shows (in the order shown), so a test can
 * assert what the agent saw even when stages pass faster than a poll would notice.
 */
export async function watchBoardStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { document, MutationObserver } = globalThis as unknown as PageGlobals;
    const seen: Record<string, string[]> = {};
    const scan = (): void => {
      for (const row of document.querySelectorAll('[aria-label="Live calls"] [data-call-sid][data-status]')) {
        const sid = row.dataset.callSid ?? '';
        const status = row.dataset.status ?? '';
        const statuses = (seen[sid] ??= []);
        if (statuses.at(-1) !== status) statuses.push(status);
      }
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    (globalThis as unknown as { boardStatuses: typeof seen }).boardStatuses = seen;
  });
}

export function boardStatusesSeen(page: Page, sid: string): Promise<string[]> {
  return page.evaluate((callSid) => (globalThis as unknown as { boardStatuses: Record<string, string[]> }).boardStatuses[callSid] ?? [], sid);
}

export async function showView(page: Page, name: 'Board' | 'History' | 'Analytics' | 'Settings'): Promise<void> {
  await page.getByRole('tab', { name }).click();
}
