// `npm run serve`: the headless service. `--open` also opens the UI in the default browser
// (browser mode, `npm run start:web`).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './service/config.ts';
import { startService } from './service/service.ts';

const rendererDir = resolve(import.meta.dirname, '../dist/renderer');

function openInBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  const child = spawn(command as string, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser: open the UI address above yourself.'));
  child.unref();
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, { rendererDir });
  const service = await startService(config);
  const health = await service.handlers.getHealth();
  // The token travels in the URL fragment, which browsers never send to the server.
  const uiUrl = `${service.apiUrl}/#token=${service.apiToken}`;
  console.log(
    [
      `Ringside is running in ${health.mode === 'sandbox' ? 'sandbox' : 'live'} mode (data: ${config.dataDir}).`,
      `  UI:        ${uiUrl}`,
      `  API:       ${service.apiUrl}/api (Authorization: Bearer <token from the UI address>)`,
      `  Callbacks: ${health.publicUrl}/twilio/status`,
      ...(health.sandboxUrl ? [`  Sandbox:   ${health.sandboxUrl} (Twilio-compatible REST API)`] : []),
      ...health.problems.map((problem) => `  ! ${problem}`),
    ].join('\n'),
  );
  if (process.argv.includes('--open')) openInBrowser(uiUrl);

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Ringside cannot start: ${error.message}`);
    process.exit(2);
  }
  console.error('Ringside cannot start:', error);
  process.exit(1);
});
