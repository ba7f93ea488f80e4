import { afterEach, expect, it, vi } from 'vitest';
import { formatDateTime, formatExactTime, formatRelative } from '../../renderer/format/time.ts';

afterEach(() => vi.unstubAllGlobals());

/** Intl, with its formatter constructors counting how often they are called. */
function countingIntl(): { built: { date: number; relative: number } } {
  const built = { date: 0, relative: 0 };
  const { DateTimeFormat, RelativeTimeFormat } = Intl;
  const counting = Object.assign(Object.create(Intl) as typeof Intl, {
    DateTimeFormat: class extends DateTimeFormat {
      constructor(...args: ConstructorParameters<typeof DateTimeFormat>) {
        super(...args);
        built.date += 1;
      }
    },
    RelativeTimeFormat: class extends RelativeTimeFormat {
      constructor(...args: ConstructorParameters<typeof RelativeTimeFormat>) {
        super(...args);
        built.relative += 1;
      }
    },
  });
  vi.stubGlobal('Intl', counting);
  return { built };
}

// History formats a date for every row it scrolls past; building a formatter each time made
// scrolling drop frames (see docs/benchmarks.md, UI).
it('builds one formatter per style and locale, however many dates it formats, and formats as a fresh one would', () => {
  const fresh = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeStyle: 'medium' });
  const { built } = countingIntl();
  const instants = Array.from({ length: 50 }, (_, minute) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString());
  const shown = instants.map((iso) => formatDateTime(iso, 'fr-CA'));
  for (const iso of instants) formatExactTime(iso, 'fr-CA');
  for (const iso of instants) formatRelative(iso, Date.parse('2026-01-01T10:00:00Z'), 'fr-CA');
  expect(built).toEqual({ date: 2, relative: 1 });
  expect(shown).toEqual(instants.map((iso) => fresh.format(new Date(iso))));
});
