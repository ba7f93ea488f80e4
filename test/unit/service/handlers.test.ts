import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/service/config.ts';
import { createHandlers, type HandlerContext } from '../../../main/service/handlers.ts';
import { noSecretStorage } from '../../../main/service/secret-store.ts';
import { SettingsStore, type EffectiveSettings } from '../../../main/service/settings.ts';
import type { Telephony } from '../../../main/service/telephony.ts';

function handlersWith(reconfigure: HandlerContext['reconfigure']) {
  const config = loadConfig({ RINGSIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'ringside-handlers-')) }, { rendererDir: '/nowhere' });
  const settings = new SettingsStore(config, noSecretStorage);
  const context = {
    settings,
    telephony: () => ({ callerIds: [] }) as unknown as Telephony,
    reconfigure,
  } as unknown as HandlerContext;
  return { handlers: createHandlers(context), settings };
}

describe('saveSettings', () => {
  it('applies concurrent saves one after the other, so the service ends up running the last one saved', async () => {
    const runs: number[] = [];
    let running = 0;
    let overlapped = false;
    const { handlers, settings } = handlersWith(async (after: EffectiveSettings) => {
      running += 1;
      overlapped ||= running > 1;
      // The first reconfiguration is the slow one (e.g. starting a sandbox or a tunnel).
      await new Promise((resolve) => setTimeout(resolve, runs.length === 0 ? 30 : 1));
      runs.push(after.longRingSeconds);
      running -= 1;
    });
    await Promise.all([handlers.saveSettings({ longRingSeconds: 40 }), handlers.saveSettings({ longRingSeconds: 50 })]);
    expect(overlapped).toBe(false);
    expect(runs).toEqual([40, 50]);
    expect(settings.current().longRingSeconds).toBe(50);
  });

  it('keeps serving saves after one fails', async () => {
    const { handlers, settings } = handlersWith(async () => {});
    await expect(handlers.saveSettings({ autoRingRule: { afterSeconds: 20, action: 'redirect' } })).rejects.toThrow();
    await handlers.saveSettings({ longRingSeconds: 45 });
    expect(settings.current().longRingSeconds).toBe(45);
  });

  it('refuses a ring rule that redirects while no redirect target is set, saving nothing', async () => {
    const { handlers, settings } = handlersWith(async () => {});
    await expect(handlers.saveSettings({ autoRingRule: { afterSeconds: 20, action: 'redirect' }, longRingSeconds: 45 })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/redirect target/),
    });
    expect(settings.current()).toMatchObject({ autoRingRule: null, longRingSeconds: 30 });
    await handlers.saveSettings({ autoRingRule: { afterSeconds: 20, action: 'redirect' }, redirectTarget: { to: '+14155550100' } });
    expect(settings.current().autoRingRule).toEqual({ afterSeconds: 20, action: 'redirect' });
    await expect(handlers.saveSettings({ redirectTarget: null })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(settings.current().redirectTarget).toEqual({ to: '+14155550100' });
  });
});
