/**
 * HTTP health checks run from the extension host. They go to URLs the lead configured, so they
 * carry nothing of ours: no token, no cookie, no Authorization header. A redirect is followed
 * only on the same host and never from `https:` down to `http:` (anything else is reported, never
 * followed), and at most 64 KB of a body is read — only a short snippet of it is shown, as text.
 * Free of `vscode`.
 */
import type { HealthCheck } from '../settings';
import { describeError } from '../util/errors';
import { StateKeys } from '../ids';
import { readState, writeState, type MementoLike } from '../util/state';

export interface HealthResult {
  readonly name: string;
  readonly url: string;
  /** The final HTTP status, or null when no response came. */
  readonly status: number | null;
  readonly latencyMs: number;
  readonly ok: boolean;
  /** What went wrong ("timed out after 5000 ms", "redirects to another host (x)"), or null. */
  readonly problem: string | null;
  readonly snippet: string;
}

/** The part of a Memento the checks keep "last passed" in. */
export type LastPassedStore = MementoLike;

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_SNIPPET = 160;
const MAX_REDIRECTS = 3;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export async function runHealthCheck(check: HealthCheck, fetchImpl: FetchLike = fetch, now: () => number = performance.now.bind(performance)): Promise<HealthResult> {
  const started = now();
  const result = (status: number | null, problem: string | null, snippet = ''): HealthResult => ({
    name: check.name, url: check.url, status, latencyMs: Math.round(now() - started),
    ok: problem === null && status === check.expectedStatus, problem, snippet,
  });
  let url: URL;
  try {
    url = new URL(check.url);
  } catch {
    return result(null, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return result(null, 'not an http(s) URL');
  if (url.username !== '' || url.password !== '') return result(null, 'the URL carries credentials; not sent');
  const signal = AbortSignal.timeout(check.timeoutMs);
  const first = url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(url.toString(), {
        method: 'GET', redirect: 'manual', signal, credentials: 'omit',
        headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.5', 'user-agent': 'lead-desk-health-check' },
      });
      const location = response.headers.get('location');
      const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
      if (!isRedirect || response.status === check.expectedStatus) {
        const snippet = await readSnippet(response);
        const mismatch = response.status === check.expectedStatus ? null : `expected ${check.expectedStatus}`;
        return result(response.status, mismatch, snippet);
      }
      await response.body?.cancel().catch(() => undefined);
      const next = redirectTarget(first, url, location);
      if (typeof next === 'string') return result(response.status, next);
      if (hop >= MAX_REDIRECTS) return result(response.status, 'too many redirects');
      url = next;
    }
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return result(null, `timed out after ${check.timeoutMs} ms`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return result(null, `unreachable (${cause?.code ?? cause?.message ?? describeError(e)})`);
  }
}

/**
 * Where a redirect from `current` (reached from the check's own URL `first`) to `location` may
 * go: a URL on the same host and port as `first`, or why it is not followed. `https:` never
 * drops to `http:`: on the default ports both have the same `host`, and the downgrade would let
 * anyone on the path answer for the service.
 */
export function redirectTarget(first: URL, current: URL, location: string): URL | string {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    return 'redirects to something that is not a URL; not followed';
  }
  if (next.host !== first.host || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
    return `redirects to another host (${next.host || next.protocol}); not followed`;
  }
  if (current.protocol === 'https:' && next.protocol === 'http:') return `redirects from https to plain http (${next.origin}); not followed`;
  if (next.username !== '' || next.password !== '') return 'redirects to a URL with credentials; not followed';
  return next;
}

/** At most `MAX_BODY_BYTES` of the body, decoded, squeezed to one short line without control characters. */
export async function readSnippet(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > MAX_SNIPPET ? `${line.slice(0, MAX_SNIPPET - 1)}…` : line;
}

/** What the memento keeps: `[check name, epoch ms]` pairs. A name is data, never a property key. */
export type LastPassedEntries = readonly (readonly [string, number])[];

/**
 * "Last passed" as saved, whatever was saved: the pairs, or the object an older version wrote
 * (its own keys only, so `constructor` or `__proto__` is just a name). Anything malformed is skipped.
 */
export function readLastPassed(saved: unknown): Map<string, number> {
  const pairs: unknown[] = Array.isArray(saved) ? saved
    : typeof saved === 'object' && saved !== null ? Object.entries(saved) : [];
  const out = new Map<string, number>();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const [name, at] = pair as unknown[];
    if (typeof name === 'string' && typeof at === 'number' && Number.isFinite(at)) out.set(name, at);
  }
  return out;
}

/** Runs every check at once; remembers when each last passed. */
export async function runHealthChecks(checks: readonly HealthCheck[], store: LastPassedStore, at = Date.now(), fetchImpl: FetchLike = fetch): Promise<{ result: HealthResult; lastPassed: number | null }[]> {
  const results = await Promise.all(checks.map((c) => runHealthCheck(c, fetchImpl)));
  const lastPassed = readLastPassed(readState(store, StateKeys.healthLastPassed));
  for (const r of results) if (r.ok) lastPassed.set(r.name, at);
  // Checks removed from the settings are forgotten.
  const names = new Set(checks.map((c) => c.name));
  for (const name of lastPassed.keys()) if (!names.has(name)) lastPassed.delete(name);
  const saved: LastPassedEntries = [...lastPassed];
  await writeState(store, StateKeys.healthLastPassed, saved);
  return results.map((result) => ({ result, lastPassed: lastPassed.get(result.name) ?? null }));
}
