import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../renderer/components/Settings.tsx';
import { draftFrom, patchFrom } from '../../renderer/state/settings-form.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeSettings } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

async function renderSettings(api = createFakeApi()) {
  const harness = renderWithRingside(<Settings />, api);
  await screen.findByLabelText('Long ring after (seconds)');
  return harness;
}
const save = (): void => screen.getByRole('button', { name: 'Save' }).click();

describe('settings', () => {
  it('shows every field, secrets only as set / not set, the data folder read-only', async () => {
    await renderSettings();
    const token = screen.getByLabelText('Auth token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(token.getAttribute('aria-describedby')).toContain(token.id);
    expect(screen.getAllByText('set').length).toBeGreaterThan(0);
    expect(screen.getAllByText('not set').length).toBe(2);
    expect((screen.getByLabelText('Data folder') as HTMLInputElement).readOnly).toBe(true);
    for (const label of [
      'Account SID',
      'API key SID',
      'API key secret',
      'Caller ID',
      'Dial mode',
      'Agent number',
      'Default country',
      'ngrok authtoken',
      'ngrok domain',
      'Public URL',
      'Language',
      'Redirect target',
    ]) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    for (const label of ['Do not disturb', 'Start at login', 'Act automatically on long rings', 'Busy', 'Long ring']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
  });

  it('sends only what changed, and the new secret', async () => {
    const { api } = await renderSettings();
    fireEvent.change(screen.getByLabelText('Long ring after (seconds)'), { target: { value: '45' } });
    fireEvent.change(screen.getByLabelText('ngrok authtoken'), { target: { value: 'tok_1234567890' } });
    fireEvent.click(screen.getByLabelText('Do not disturb'));
    save();
    await waitFor(() =>
      expect(api.saveSettings).toHaveBeenCalledWith({ longRingSeconds: 45, ngrokAuthtoken: 'tok_1234567890', doNotDisturb: true }),
    );
  });

  it('shows the message the service refused with, keeping what was typed', async () => {
    const api = createFakeApi();
    api.saveSettings.mockRejectedValue({
      code: 'invalid-argument',
      message: 'twilioAccountSid: must be an Account SID (AC followed by 32 hex digits)',
    });
    await renderSettings(api);
    fireEvent.change(screen.getByLabelText('Account SID'), { target: { value: 'AC-nope' } });
    save();
    expect(await screen.findByText('twilioAccountSid: must be an Account SID (AC followed by 32 hex digits)')).toBeTruthy();
    expect((screen.getByLabelText('Account SID') as HTMLInputElement).value).toBe('AC-nope');
  });

  it('refuses an out-of-range long-ring threshold in the form, without a request', async () => {
    const { api } = await renderSettings();
    fireEvent.change(screen.getByLabelText('Long ring after (seconds)'), { target: { value: '2' } });
    expect(screen.getByText('Between 5 and 600 seconds.')).toBeTruthy();
    expect(screen.getByLabelText('Long ring after (seconds)').getAttribute('aria-invalid')).toBe('true');
    save();
    expect(await screen.findByText('Some fields need fixing.')).toBeTruthy();
    expect(api.saveSettings).not.toHaveBeenCalled();
  });

  it('turns the draft into a patch: empty text clears, empty secret keeps, removal clears a secret', () => {
    const view = makeSettings({ publicUrl: 'https://example.ngrok.app', redirectTarget: { url: 'https://example.com/hold.xml' } });
    const draft = draftFrom(view);
    expect(patchFrom(view, draft)).toEqual({});
    draft.text.publicUrl = ' ';
    draft.clearSecrets.twilioAuthToken = true;
    draft.redirectKind = 'to';
    draft.redirectValue = '+14155550199';
    draft.autoRingEnabled = true;
    draft.autoRingAfterSeconds = '90';
    draft.autoRingAction = 'redirect';
    expect(patchFrom(view, draft)).toEqual({
      publicUrl: null,
      twilioAuthToken: null,
      redirectTarget: { to: '+14155550199' },
      autoRingRule: { afterSeconds: 90, action: 'redirect' },
    });
  });
});
