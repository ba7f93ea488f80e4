// Where the Electron binary is, without `require('electron')`: that require tries to download
// the binary when it is missing, which cannot work offline or under ELECTRON_SKIP_BINARY_DOWNLOAD.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable installed in the project, or null when its download was skipped. */
export function findElectronBinary(projectRoot: string, env: Record<string, string | undefined> = process.env): string | null {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), executable);
  return existsSync(binary) ? binary : null;
}
