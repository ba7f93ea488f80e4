import { useCallback } from 'react';
import type { Language } from '../../preload/contract.ts';
import { useApp } from '../context.tsx';
import { messages, type Locale, type MessageKey } from './messages.ts';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function resolveLocale(language: Language | undefined, systemLanguage: string): Locale {
  const chosen = language && language !== 'system' ? language : systemLanguage.slice(0, 2).toLowerCase();
  return chosen === 'es' ? 'es' : 'en';
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[locale][key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
}

export function useLocale(): Locale {
  const language = useApp((state) => state.settings?.language);
  return resolveLocale(language, typeof navigator === 'undefined' ? 'en' : navigator.language);
}

/** The translation function for the agent's language, and that language. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useLocale();
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  return { t, locale };
}
