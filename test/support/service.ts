// Starts the real service on a temporary data folder, in sandbox mode, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../main/service/config.ts';
import { startService, type RingsideService, type ServiceDeps } from '../../main/service/service.ts';

export interface TestService {
  service: RingsideService;
  dataDir: string;
  /** Calls the loopback API with the bearer token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
  /** Closes and deletes the data folder. */
  dispose(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ringside-test-'));
}

export async function startTestService(
  options: { dataDir?: string; env?: Record<string, string>; deps?: ServiceDeps } = {},
): Promise<TestService> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig(
    { RINGSIDE_DATA_DIR: dataDir, RINGSIDE_SANDBOX_SPEED: '40', RINGSIDE_SANDBOX_SEED: '7', ...options.env },
    { rendererDir: resolve(import.meta.dirname, '../../dist/renderer') },
  );
  const service = await startService(config, { log: () => {}, ...options.deps });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await service.close();
  };
  return {
    service,
    dataDir,
    api: (path, init = {}) =>
      fetch(`${service.apiUrl}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${service.apiToken}`,
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
      }),
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
