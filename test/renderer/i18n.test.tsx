import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/components/App.tsx';
import { resolveLocale } from '../../renderer/i18n/i18n.ts';
import { en, es } from '../../renderer/i18n/messages.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeSettings } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('i18n', () => {
  it('has the same keys and placeholders in English and Spanish, none left empty', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key].trim(), key).not.toBe('');
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('follows the system language unless one is chosen', () => {
    expect(resolveLocale('system', 'es-MX')).toBe('es');
    expect(resolveLocale('system', 'fr-FR')).toBe('en');
    expect(resolveLocale('en', 'es-ES')).toBe('en');
    expect(resolveLocale('es', 'en-US')).toBe('es');
  });

  it('switches every visible text to Spanish when the setting changes, and back', async () => {
    const api = createFakeApi();
    const { stores } = renderWithRingside(<App />, api);
    await screen.findByText('No calls in progress — dial a number to start.');
    expect(screen.getByRole('tab', { name: 'Board' })).toBeTruthy();

    act(() => stores.app.getState().setSettings(makeSettings({ language: 'es' })));
    expect(screen.getByRole('tab', { name: 'Tablero' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Ajustes' })).toBeTruthy();
    expect(screen.getByText('No hay llamadas en curso: marque un número para empezar.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Llamar' })).toBeTruthy();
    expect(screen.getByLabelText('Número de teléfono')).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');

    act(() => stores.app.getState().setSettings(makeSettings({ language: 'en' })));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Board' })).toBeTruthy());
  });

  it('saving the language in Settings re-renders the app in that language', async () => {
    const api = createFakeApi();
    api.saveSettings.mockResolvedValue(makeSettings({ language: 'es' }));
    renderWithRingside(<App />, api);
    await screen.findByText('No calls in progress — dial a number to start.');
    act(() => screen.getByRole('tab', { name: 'Settings' }).click());
    const language = await screen.findByLabelText('Language');
    fireEvent.change(language, { target: { value: 'es' } });
    act(() => screen.getByRole('button', { name: 'Save' }).click());
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ language: 'es' }));
    expect(await screen.findByRole('button', { name: 'Guardar' })).toBeTruthy();
  });
});
