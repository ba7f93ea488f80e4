// The analytics time ranges an agent can pick.
import type { AnalyticsRange } from '../../preload/contract.ts';

export const PRESETS = ['today', 'week', 'month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
const DAY_MS = 86_400_000;

/** The instants a preset covers, ending now; `custom` uses local calendar days, `to` inclusive. */
export function rangeFor(preset: Preset, nowMs: number, custom: { from: string; to: string }): AnalyticsRange | null {
  const now = new Date(nowMs);
  switch (preset) {
    case 'today':
      return { from: new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString(), to: now.toISOString() };
    case 'week':
      return { from: new Date(nowMs - 7 * DAY_MS).toISOString(), to: now.toISOString() };
    case 'month':
      return { from: new Date(nowMs - 30 * DAY_MS).toISOString(), to: now.toISOString() };
    case 'custom': {
      if (!custom.from || !custom.to) return null;
      const from = new Date(`${custom.from}T00:00:00`);
      const to = new Date(new Date(`${custom.to}T00:00:00`).getTime() + DAY_MS);
      return from < to ? { from: from.toISOString(), to: to.toISOString() } : null;
    }
  }
}
