import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';
import { BROWSER_FALLBACK_NOTICE, planLaunch } from '../../scripts/start.ts';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ringside-start-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('findElectronBinary', () => {
  it('finds the binary named in path.txt', () => {
    const root = project({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(findElectronBinary(root, {})).toBe(join(root, 'node_modules/electron/dist/electron'));
  });

  it('returns null when the download was skipped (no path.txt) or the binary is gone', () => {
    expect(findElectronBinary(project({ 'node_modules/electron/index.js': '' }), {})).toBeNull();
    expect(findElectronBinary(project({ 'node_modules/electron/path.txt': 'electron' }), {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = project({ 'node_modules/electron/path.txt': 'electron', 'custom/electron': '' });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'custom') })).toBe(join(root, 'custom/electron'));
  });
});

describe('planLaunch', () => {
  it('runs Electron on the project, passing arguments on', () => {
    expect(planLaunch('/repo', '/repo/node_modules/electron/dist/electron', ['tel:+14155550100'], '/usr/bin/node')).toEqual({
      command: '/repo/node_modules/electron/dist/electron',
      args: ['/repo', 'tel:+14155550100'],
      notice: null,
    });
  });

  it('falls back to browser mode with one sentence saying why', () => {
    expect(planLaunch('/repo', null, [], '/usr/bin/node')).toEqual({
      command: '/usr/bin/node',
      args: ['/repo/main/serve.ts', '--open'],
      notice: BROWSER_FALLBACK_NOTICE,
    });
    expect(BROWSER_FALLBACK_NOTICE.split('. ')).toHaveLength(1);
  });
});
