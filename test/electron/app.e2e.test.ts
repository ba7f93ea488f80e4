// The real desktop app, driven by Playwright, when the Electron binary is installed. Where it
// is not (ELECTRON_SKIP_BINARY_DOWNLOAD, no network), the test reports as skipped, saying why.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';
import { APP_ENTRY_URL } from '../../main/electron/security.ts';
import { REQUEST_METHODS, type RingsideApi } from '../../preload/contract.ts';
import { buildElectron } from '../../scripts/build-electron.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const binary = findElectronBinary(ROOT);
const hasElectron = binary !== null;
const title = hasElectron
  ? 'launches the packaged entry point with a sandboxed window on the app scheme and the contract bridge'
  : 'launches the real app — SKIPPED: the Electron binary is missing (node_modules/electron/dist, not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD)';

type Page = typeof globalThis & { ringside: RingsideApi; require?: unknown; process?: unknown };

describe('Ringside desktop app (real Electron)', () => {
  it.skipIf(!hasElectron)(title, async () => {
    if (binary === null) return;
    expect(existsSync(join(ROOT, 'dist', 'renderer', 'index.html')), 'run `npm run build:renderer` first').toBe(true);
    await buildElectron();
    const app = await electron.launch({
      executablePath: binary,
      // Containers running as root have no user namespace for Chromium's own sandbox.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
      env: { ...process.env, RINGSIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'ringside-e2e-')) },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe(APP_ENTRY_URL);
      const exposed = await page.evaluate(() => Object.keys((globalThis as Page).ringside).sort());
      expect(exposed).toEqual([...REQUEST_METHODS, 'subscribe'].sort());
      expect(await page.evaluate(() => typeof (globalThis as Page).require + typeof (globalThis as Page).process)).toBe('undefinedundefined');
      const health = await page.evaluate(() => (globalThis as Page).ringside.getHealth());
      expect(health.mode).toBe('sandbox');
      const refused = await page.evaluate(() =>
        (globalThis as Page).ringside.getCall('not-a-sid').then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
      );
      expect(refused).toContain('getCall');
    } finally {
      await app.close();
    }
  });
});
