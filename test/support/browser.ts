// Real Chromium for end-to-end tests and the UI benchmark: one place that knows how to launch
// it, open the UI with its token, and save screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs the same package); `npx playwright install` cannot run here. */
export const CHROMIUM_PATH = process.env.RINGSIDE_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'dist/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/** The service serves the built UI; without it every page would be a 404. */
export function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The UI is not built (${RENDERER_DIR}/index.html is missing): run \`npm run build:renderer\` first.`);
  }
}

export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set RINGSIDE_CHROMIUM).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The address the service prints: the token travels in the fragment. */
export const uiUrl = (apiUrl: string, apiToken: string): string => `${apiUrl}/#token=${apiToken}`;

export interface UiOptions {
  colorScheme?: 'light' | 'dark';
  /** Accept downloads (CSV export). */
  acceptDownloads?: boolean;
  viewport?: { width: number; height: number };
}

/** A fresh context (own storage, so the token and recent numbers start empty) with the UI loaded. */
export async function openUi(
  browser: Browser,
  service: { apiUrl: string; apiToken: string },
  options: UiOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: options.acceptDownloads ?? false,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  await page.goto(uiUrl(service.apiUrl, service.apiToken));
  return { context, page };
}

/** Saves a full-page PNG into test-results/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/**
 * The few browser globals the tests and the benchmark use inside the page. The node-side
 * TypeScript program has no DOM library (it must not leak into main/), so functions passed to
 * `page.evaluate` take what they need with `globalThis as unknown as PageGlobals`.
 */
export interface PageGlobals {
  document: {
    body: PageElement;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: { subtree?: boolean; childList?: boolean; attributes?: boolean; attributeFilter?: string[] }): void;
    disconnect(): void;
  };
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  performance: { now(): number; timeOrigin: number };
}

export interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  click(): void;
}
