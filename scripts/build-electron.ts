// Bundles the Electron main process and the preload with esbuild (npm run build:electron).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/** Loaded from node_modules at run time: native addons (and their optional helpers) and Electron itself. */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', '@ngrok/ngrok', '@ngrok/*', 'bufferutil', 'utf-8-validate'];

/** The icons the running app uses (window and tray); the packagers' icons stay in build/. */
const RUNTIME_ICONS = ['icon.png', 'tray.png', 'tray@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png'];

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

export interface BuildResult {
  main: string;
  preload: string;
  /** The callback write worker's thread, loaded beside main.cjs (main/store/write-worker.ts). */
  writeWorker: string;
}

/** ESM sources may use import.meta; in a CommonJS bundle it maps onto the bundle's own location. */
const importMetaAsCommonJs: BuildOptions = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: {
    'import.meta.url': '__importMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};

export async function buildElectron(outDir = join(ROOT, 'dist', 'electron')): Promise<BuildResult> {
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  const writeWorker = join(outDir, 'write-worker-thread.cjs');
  await Promise.all([
    build({
      ...shared,
      entryPoints: [join(ROOT, 'main', 'electron', 'main.ts')],
      outfile: main,
      external: MAIN_EXTERNALS,
      ...importMetaAsCommonJs,
    }),
    build({
      ...shared,
      entryPoints: [join(ROOT, 'main', 'store', 'write-worker-thread.ts')],
      outfile: writeWorker,
      external: MAIN_EXTERNALS,
      ...importMetaAsCommonJs,
    }),
    // A sandboxed preload may require only `electron` and a few polyfills: everything else is inlined.
    build({
      ...shared,
      entryPoints: [join(ROOT, 'preload', 'electron-preload.ts')],
      outfile: preload,
      external: ['electron'],
      minify: true, // the preload runs on every page load
    }),
  ]);
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const icon of RUNTIME_ICONS) copyFileSync(join(ROOT, 'build', icon), join(outDir, 'icons', icon));
  return { main, preload, writeWorker };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildElectron().then(
    ({ main, preload }) => console.log(`Built ${main} and ${preload}.`),
    (error: unknown) => {
      console.error(`The Electron bundles could not be built: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
