// Pure board rules: which calls are live, in what order, and which ring too long.
import type { Call } from '../../preload/contract.ts';
import { FINAL_STATUSES } from '../../preload/contract.ts';

export interface BoardEntry {
  sid: string;
  /** 0 for a first leg (or a child whose parent is not on the board), 1 for a child leg. */
  depth: number;
}

export const isFinalStatus = (status: Call['status']): boolean => (FINAL_STATUSES as readonly string[]).includes(status);

/** When the call began, as far as we know: the first stage seen. */
export function startedAt(call: Call): string {
  return call.queuedAt ?? call.initiatedAt ?? call.ringingAt ?? call.answeredAt ?? call.updatedAt;
}

/**
 * First legs newest first; each parent's child legs right under it, oldest first.
 * Twilio's times have whole seconds, so calls started in the same second keep the order the
 * board first saw them in (`arrival`: smaller is earlier).
 */
export function boardOrder(calls: Iterable<Call>, arrival: (sid: string) => number = () => 0): BoardEntry[] {
  const byStart = (a: Call, b: Call): number =>
    Date.parse(startedAt(a)) - Date.parse(startedAt(b)) || arrival(a.sid) - arrival(b.sid) || a.sid.localeCompare(b.sid);
  const all = [...calls];
  const present = new Set(all.map((call) => call.sid));
  const children = new Map<string, Call[]>();
  const roots: Call[] = [];
  for (const call of all) {
    if (call.parentCallSid && present.has(call.parentCallSid)) {
      const siblings = children.get(call.parentCallSid) ?? [];
      siblings.push(call);
      children.set(call.parentCallSid, siblings);
    } else {
      roots.push(call);
    }
  }
  const entries: BoardEntry[] = [];
  for (const root of roots.sort((a, b) => byStart(b, a))) {
    entries.push({ sid: root.sid, depth: 0 });
    for (const child of (children.get(root.sid) ?? []).sort(byStart)) entries.push({ sid: child.sid, depth: 1 });
  }
  return entries;
}

/** Still ringing after the long-ring threshold. */
export function isLongRinging(call: Call, nowMs: number, longRingSeconds: number): boolean {
  return call.status === 'ringing' && call.ringingAt !== null && nowMs - Date.parse(call.ringingAt) >= longRingSeconds * 1000;
}

/** Whether `incoming` is at least as recent as `known` (a stale snapshot must not undo a newer one). */
export function isNewer(incoming: Call, known: Call | undefined): boolean {
  if (!known) return true;
  if (isFinalStatus(known.status) && !isFinalStatus(incoming.status)) return false;
  return Date.parse(incoming.updatedAt) >= Date.parse(known.updatedAt);
}
