// Building an Intl formatter costs far more than formatting with one, and History formats a date
// for every row it scrolls past: each style gets one formatter per locale, built on first use.
const DATE_STYLES = {
  exactTime: { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false },
  hour: { hour: '2-digit', minute: '2-digit', hour12: false },
  hourWithDate: { hour: '2-digit', minute: '2-digit', hour12: false, day: 'numeric', month: 'short' },
  dateTime: { dateStyle: 'medium', timeStyle: 'medium' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

const dateFormat = (style: keyof typeof DATE_STYLES, locale: string): Intl.DateTimeFormat =>
  cached(dateFormats, `${style}|${locale}`, () => new Intl.DateTimeFormat(locale, DATE_STYLES[style]));

const relativeFormat = (locale: string): Intl.RelativeTimeFormat =>
  cached(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

/** Exact time of day with milliseconds, in the agent's locale. */
export function formatExactTime(iso: string, locale: string): string {
  return dateFormat('exactTime', locale).format(new Date(iso));
}

/** An hour on a chart axis: "14:00", or "4 Dec, 14:00" when the range covers several days. */
export function formatHour(iso: string, locale: string, withDate: boolean): string {
  return dateFormat(withDate ? 'hourWithDate' : 'hour', locale).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
  return dateFormat('dateTime', locale).format(new Date(iso));
}

/** 0:07, 12:34, 1:02:03 */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** +1.250 s: the gap between two timeline stages. */
export function formatGap(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}

/** "2 minutes ago". Never in the future: the UI's clock ticks a little behind the instant it shows. */
export function formatRelative(iso: string, nowMs: number, locale: string): string {
  const seconds = Math.min(0, Math.round((Date.parse(iso) - nowMs) / 1000));
  const format = relativeFormat(locale);
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
