/** Exact time of day with milliseconds, in the agent's locale. */
export function formatExactTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
  }).format(new Date(iso));
}

/** An hour on a chart axis: "14:00", or "4 Dec, 14:00" when the range covers several days. */
export function formatHour(iso: string, locale: string, withDate: boolean): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(locale, withDate ? { ...options, day: 'numeric', month: 'short' } : options).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
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
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
