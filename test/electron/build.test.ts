// Runs the real esbuild build, then loads the main bundle under Node with a stand-in `electron`
// to prove every require in it resolves (native modules stay external) and it starts up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { buildElectron, type BuildResult } from '../../scripts/build-electron.ts';
import { startWriteWorker } from '../../main/store/write-worker.ts';
import { callback } from '../unit/store/store-fixture.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

// Quits at once, as a second instance would: enough to load and run the entry module.
const ELECTRON_STAND_IN = `
const noop = () => {};
module.exports = {
  app: {
    requestSingleInstanceLock: () => { console.log('single-instance-lock'); return false; },
    quit: () => console.log('quit'),
    exit: (code) => process.exit(code),
    on: noop,
    whenReady: () => new Promise(noop),
  },
  dialog: { showErrorBox: (title, message) => console.log('error-box: ' + message) },
  protocol: { registerSchemesAsPrivileged: noop, handle: noop },
  BrowserWindow: class {}, ipcMain: {}, Notification: class {}, Tray: class {},
  Menu: {}, clipboard: {}, shell: {}, safeStorage: {},
};
`;

describe('scripts/build-electron.ts', () => {
  // Inside the project, so the bundles resolve their external packages from its node_modules, as in the app.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'electron-build-'));
  let result: BuildResult;

  beforeAll(async () => {
    result = await buildElectron(outDir);
    mkdirSync(join(outDir, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(outDir, 'node_modules', 'electron', 'index.js'), ELECTRON_STAND_IN);
  });

  const runMain = (env: Record<string, string>) =>
    spawnSync(process.execPath, [result.main], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), RINGSIDE_DATA_DIR: join(outDir, 'data'), ...env },
    });

  it('produces the main bundle, the write worker and the preload, with the runtime icons', () => {
    expect(result.main).toBe(join(outDir, 'main.cjs'));
    expect(result.writeWorker).toBe(join(outDir, 'write-worker-thread.cjs'));
    expect(result.preload).toBe(join(outDir, 'preload.cjs'));
    for (const icon of ['icon.png', 'tray.png', 'trayTemplate.png']) expect(existsSync(join(outDir, 'icons', icon)), icon).toBe(true);
  });

  it('runs the bundled write worker thread, which the service commits callbacks through', async () => {
    const writer = startWriteWorker(join(outDir, 'worker.db'), { entry: pathToFileURL(result.writeWorker) });
    const sid = `CA${'e'.repeat(32)}`;
    const [recorded] = await writer.recordEvents([callback(sid, 'ringing', 1, 0)]);
    await writer.close();
    expect(recorded).toMatchObject({ inserted: true, call: { sid, status: 'ringing' } });
  });

  it('keeps electron and native modules out of the main bundle', () => {
    const main = readFileSync(result.main, 'utf8');
    expect(main).toMatch(/require\("electron"\)/);
    expect(main).toMatch(/require\("better-sqlite3"\)/);
    expect(main).not.toMatch(/import\.meta/);
  });

  it('leaves the sandboxed preload nothing to require but electron', () => {
    const preload = readFileSync(result.preload, 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('loads and runs the main bundle (a second instance quits at once)', () => {
    const run = runMain({});
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(expect.arrayContaining(['single-instance-lock', 'quit']));
    expect(run.status).toBe(0);
  });

  it('explains a bad environment in one sentence and exits with 1', () => {
    const run = runMain({ RINGSIDE_API_PORT: 'eighty' });
    expect(run.stdout).toContain('error-box: RINGSIDE_API_PORT must be a port number');
    expect(run.status).toBe(1);
  });
});
