// `npm start`: the desktop app when Electron's binary is installed, else browser mode.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../main/electron/electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '..');

export const BROWSER_FALLBACK_NOTICE =
  "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD), so Ringside opens in your browser instead.";

export interface Launch {
  command: string;
  args: string[];
  /** Said once before launching, when the desktop app cannot be used. */
  notice: string | null;
}

/** What to run: Electron on the project (passing on arguments such as a tel: link), or the service with --open. */
export function planLaunch(root: string, electronBinary: string | null, extraArgs: readonly string[], nodePath: string): Launch {
  if (electronBinary !== null) return { command: electronBinary, args: [root, ...extraArgs], notice: null };
  return { command: nodePath, args: [resolve(root, 'main', 'serve.ts'), '--open'], notice: BROWSER_FALLBACK_NOTICE };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function run(launch: Launch): void {
  if (launch.notice !== null) console.log(launch.notice);
  const child = spawn(launch.command, launch.args, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of SIGNALS) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Ringside could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal === null ? 0 : (SIGNAL_NUMBERS[signal] ?? 0)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run(planLaunch(ROOT, findElectronBinary(ROOT), process.argv.slice(2), process.execPath));
}
