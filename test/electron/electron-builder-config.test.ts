// Packaging cannot run here (electron-builder downloads Electron), so the configuration is
// checked the way electron-builder itself checks it: its loader, then its schema validation.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** electron-builder normalises the list into file sets. */
  files?: { filter: string[] }[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  protocols?: { name: string; schemes: string[] }[];
  mac?: { target?: unknown; category?: string; icon?: string };
  win?: { target?: unknown; icon?: string };
  linux?: { target?: unknown; category?: string; icon?: string };
  extraMetadata?: unknown;
}

const { getConfig, validateConfiguration } = requireFromBuilder('./util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** A fresh copy each time: validation normalises the object it is given. */
const loadConfig = async (): Promise<BuilderConfig> => structuredClone(await getConfig(ROOT, resolve(ROOT, 'electron-builder.yml'), null));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packages the app for every desktop platform, with tel: and callto: and unpacked native modules', async () => {
    const config = await loadConfig();
    expect(config).toMatchObject({
      appId: 'app.ringside.desktop',
      productName: 'Ringside',
      npmRebuild: false,
      protocols: [{ schemes: ['tel', 'callto'] }],
      mac: { target: 'dmg', category: 'public.app-category.business' },
      win: { target: 'nsis' },
      linux: { target: ['AppImage', 'deb'], category: 'Office;Telephony' },
    });
    expect(config.files?.flatMap((set) => set.filter)).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/**', 'node_modules/@ngrok/**/*.node']));
  });

  it('rejects a configuration with a mistake, so the check above means something', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, categroy: 'x' } as BuilderConfig['mac'] }, new DebugLogger(false))).rejects.toThrow(
      /configuration\.mac should be/,
    );
  });
});
