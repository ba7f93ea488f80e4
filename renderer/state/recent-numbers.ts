// Recently dialled numbers, newest first, kept in localStorage across sessions.
const KEY = 'ringside.recentNumbers';
const MAX = 8;

export function loadRecentNumbers(storage: Pick<Storage, 'getItem'>): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberNumber(storage: Pick<Storage, 'getItem' | 'setItem'>, number: string): string[] {
  const next = [number, ...loadRecentNumbers(storage).filter((known) => known !== number)].slice(0, MAX);
  storage.setItem(KEY, JSON.stringify(next));
  return next;
}
