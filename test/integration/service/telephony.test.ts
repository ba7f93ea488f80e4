// The agent's own actions must never queue behind background reconciliation's request pacing.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../main/service/config.ts';
import { startTelephony, type Telephony } from '../../../main/service/telephony.ts';
import { limitTwilioRequests } from '../../../main/calls/rate-limit.ts';

let telephony: Telephony | null = null;
afterEach(async () => {
  await telephony?.close();
  telephony = null;
});

describe('telephony', () => {
  it('gives background work its own client, so a reconciliation stuck on Twilio never queues the agent’s requests', async () => {
    const config = loadConfig({ RINGSIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'ringside-telephony-')) }, { rendererDir: '/ui' });
    telephony = await startTelephony(null, config, () => {});
    // Background work holds its only request slot with a request Twilio never answers.
    const background = telephony.backgroundClient;
    const hanging = Object.create(background.httpClient) as NonNullable<typeof background.httpClient>;
    hanging.request = () => new Promise(() => {});
    background._httpClient = hanging;
    limitTwilioRequests(background, { maxInFlight: 1 });
    void background.calls.list({ limit: 1 });

    const agent = await telephony.client.calls.list({ limit: 1 });
    expect(agent).toEqual([]);
  });
});
