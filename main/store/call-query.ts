// Translates a CallQuery into SQL over the calls table: filters, keyset cursor, limit.
import type { CallQuery } from '../../preload/contract.ts';
import { CALL_STATUSES } from '../core/model.ts';
import { digitsOf } from './call-rows.ts';
import { InvalidEventError, storedInstant } from './event-input.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
}

export interface CallFilter {
  /** SQL conditions joined with AND; every value is a bound parameter. */
  where: string;
  params: (string | number)[];
}

/** A keyset cursor: the creation time and SID of the last call of the previous page. */
export const encodeCursor = (createdAt: string, sid: string): string => `${createdAt}|${sid}`;

function decodeCursor(cursor: string): [string, string] {
  const [createdAt, sid, extra] = cursor.split('|');
  if (createdAt === undefined || !sid || extra !== undefined || instantOrNull(createdAt) !== createdAt) {
    throw new InvalidQueryError(`Invalid page cursor: ${cursor}`);
  }
  return [createdAt, sid];
}

function instantOrNull(value: string): string | null {
  try {
    return storedInstant(value, 'instant');
  } catch (error) {
    if (error instanceof InvalidEventError) return null;
    throw error;
  }
}

export function queryInstant(value: string, field: string): string {
  const stored = instantOrNull(value);
  if (stored === null) throw new InvalidQueryError(`${field} is not a valid instant: ${value}`);
  return stored;
}

const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function searchCondition(search: string, params: (string | number)[]): string | null {
  const term = search.trim().toLowerCase();
  if (term === '') return null;
  params.push(`%${likeEscaped(term)}%`);
  // A number typed with spaces, dashes, dots or parentheses also matches by its digits.
  const digits = digitsOf(term);
  if (digits === '' || !/^[\d\s()+.-]+$/.test(term) || digits === term) return "search_text LIKE ? ESCAPE '\\'";
  params.push(`%${digits}%`);
  return "(search_text LIKE ? ESCAPE '\\' OR search_text LIKE ? ESCAPE '\\')";
}

/** The filter of a query, without the cursor: what `total` counts. */
export function callFilter(query: CallQuery): CallFilter {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (query.status === 'live' || query.status === 'ended') {
    conditions.push(`is_final = ${query.status === 'ended' ? 1 : 0}`);
  } else if (query.status !== undefined) {
    if (!CALL_STATUSES.includes(query.status)) throw new InvalidQueryError(`Unknown status filter: ${String(query.status)}`);
    conditions.push('status = ?');
    params.push(query.status);
  }
  if (query.since !== undefined) {
    conditions.push('created_at >= ?');
    params.push(queryInstant(query.since, 'since'));
  }
  if (query.until !== undefined) {
    conditions.push('created_at < ?');
    params.push(queryInstant(query.until, 'until'));
  }
  if (query.search !== undefined) {
    const condition = searchCondition(query.search, params);
    if (condition) conditions.push(condition);
  }
  return { where: conditions.length === 0 ? '1' : conditions.join(' AND '), params };
}

/** The filter plus the keyset cursor: the rows of one page. */
export function pageFilter(query: CallQuery): CallFilter {
  const filter = callFilter(query);
  if (query.before === undefined) return filter;
  return { where: `${filter.where} AND (created_at, sid) < (?, ?)`, params: [...filter.params, ...decodeCursor(query.before)] };
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidQueryError(`limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_LIMIT);
}
