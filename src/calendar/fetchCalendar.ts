/**
 * Fetches an ICS feed. The address is a secret (Google's "secret address" is a bearer token), so
 * no message here ever contains it: errors name the host at most.
 */

/** A feed larger than this is refused (a year of a busy calendar is a few MB). */
export const CALENDAR_MAX_BYTES = 20 * 1024 * 1024;
/** The whole request, body included, must finish within this. */
export const CALENDAR_DEADLINE_MS = 30_000;
const MAX_REDIRECTS = 5;

export interface FetchValidators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchResult =
  | { readonly status: 'unchanged' }
  | { readonly status: 'fetched'; readonly text: string; readonly etag?: string; readonly lastModified?: string };

export interface FetchOptions {
  readonly maxBytes?: number;
  readonly deadlineMs?: number;
}

/** Why a feed could not be read, in words that never contain the secret address. */
export class CalendarFetchError extends Error {
  override readonly name = 'CalendarFetchError';
}

/** Loopback hosts may be plain http (tests, a local CalDAV server); every other host must be https. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Checks an address the lead typed: a message when it cannot be a calendar feed, else null. */
export function calendarAddressProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    return 'It is not a web address.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'The address must start with https:// (or webcal://).';
}

/** `webcal://` (what "subscribe" links use) is https. */
export function normalizeCalendarAddress(address: string): string {
  return address.trim().replace(/^webcals?:\/\//i, 'https://');
}

/**
 * One conditional GET: `unchanged` on 304 (nothing read), else the text. Redirects are followed
 * only to the same host and never from https to http.
 */
export async function fetchCalendar(address: string, validators: FetchValidators = {}, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? CALENDAR_MAX_BYTES;
  const deadlineMs = options.deadlineMs ?? CALENDAR_DEADLINE_MS;
  const problem = calendarAddressProblem(address);
  if (problem) throw new CalendarFetchError(problem);
  let url = new URL(normalizeCalendarAddress(address));
  const first = url;
  const signal = AbortSignal.timeout(deadlineMs);
  const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS) throw new CalendarFetchError(`The calendar server at ${first.hostname} redirected too often or nowhere.`);
        const next = new URL(location, url);
        const refused = redirectProblem(url, next);
        if (refused) throw new CalendarFetchError(`The calendar server at ${first.hostname} redirected ${refused}; not followed.`);
        url = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'unchanged' };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new CalendarFetchError(`The calendar server at ${first.hostname} answered ${response.status}${response.status === 404 || response.status === 401 || response.status === 403 ? ' (was the address reset?)' : ''}.`);
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel();
        throw tooLarge(first.hostname, maxBytes);
      }
      const text = await readCapped(response, maxBytes, first.hostname);
      const etag = response.headers.get('etag') ?? undefined;
      const lastModified = response.headers.get('last-modified') ?? undefined;
      return { status: 'fetched', text, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    }
  } catch (error) {
    if (error instanceof CalendarFetchError) throw error;
    if (signal.aborted) throw new CalendarFetchError(`The calendar server at ${first.hostname} did not answer within ${Math.round(deadlineMs / 1000)} s.`);
    // Node's fetch errors may quote the URL: keep only the cause's code.
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new CalendarFetchError(`The calendar server at ${first.hostname} could not be reached${typeof code === 'string' ? ` (${code})` : ''}.`);
  }
}

/** Why a redirect from `from` to `to` is not followed, or null: same host only, never https to http. */
export function redirectProblem(from: URL, to: URL): string | null {
  if (to.hostname !== from.hostname) return `to another host (${to.hostname})`;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return 'from https to http';
  if (calendarAddressProblem(to.href)) return 'to an address that is not https';
  return null;
}

async function readCapped(response: Response, maxBytes: number, host: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(host, maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function tooLarge(host: string, maxBytes: number): CalendarFetchError {
  return new CalendarFetchError(`The calendar at ${host} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; not read.`);
}
