// Twilio's list paging: PageSize/Page/PageToken in, `first_page_uri`/`next_page_uri`/… out.
// Page tokens are cursors (PA<sid>: after that item, PB<sid>: before it), so paging stays stable
// while new calls are created, as it does on Twilio.
import { badRequest } from './errors.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const PAGING_PARAMS = ['PageSize', 'Page', 'PageToken'];

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badRequest(20001, `${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** One page of `items` (already filtered and ordered) as Twilio's list JSON under `key`. */
export function pageOf<T>(
  items: T[],
  idOf: (item: T) => string,
  query: URLSearchParams,
  path: string,
  key: string,
  toJson: (item: T) => unknown,
): Record<string, unknown> {
  const pageSize = integerParam(query, 'PageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const page = integerParam(query, 'Page', 0, 0, Number.MAX_SAFE_INTEGER);
  const token = query.get('PageToken');
  let start = page * pageSize;
  const anchor = token ? items.findIndex((item) => idOf(item) === token.slice(2)) : -1;
  if (token?.startsWith('PA') && anchor >= 0) start = anchor + 1;
  else if (token?.startsWith('PB') && anchor >= 0) start = Math.max(0, anchor - pageSize);
  const slice = items.slice(start, start + pageSize);

  const filters = [...query.entries()].filter(([name]) => !PAGING_PARAMS.includes(name));
  const uriFor = (pageNumber: number, pageToken?: string): string => {
    const params = new URLSearchParams(filters);
    params.set('PageSize', String(pageSize));
    params.set('Page', String(pageNumber));
    if (pageToken) params.set('PageToken', pageToken);
    return `${path}?${params.toString()}`;
  };
  const first = slice[0];
  const last = slice.at(-1);
  return {
    [key]: slice.map(toJson),
    first_page_uri: uriFor(0),
    next_page_uri: last !== undefined && start + slice.length < items.length ? uriFor(page + 1, `PA${idOf(last)}`) : null,
    previous_page_uri: first !== undefined && start > 0 ? uriFor(Math.max(0, page - 1), `PB${idOf(first)}`) : null,
    page,
    page_size: pageSize,
    start,
    end: Math.max(start, start + slice.length - 1),
    uri: uriFor(page, token ?? undefined),
  };
}
