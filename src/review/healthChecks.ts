/**
 * HTTP health checks run from the extension host. They go to URLs the lead configured, so they
 * carry nothing of ours: no token, no cookie, no Authorization header. A redirect is followed
 * only on the same host (a redirect elsewhere is reported, never followed), and at most 64 KB of
 * a body is read — only a short snippet of it is shown, as text. Free of `vscode`.
 */
import type { HealthCheck } from '../settings';

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
export interface LastPassedStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_SNIPPET = 160;
const MAX_REDIRECTS = 3;
const LAST_PASSED_KEY = 'leadDesk.review.healthLastPassed';

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
  const host = url.host;
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
      const next = new URL(location, url);
      if (next.host !== host || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        return result(response.status, `redirects to another host (${next.host || next.protocol}); not followed`);
      }
      if (hop >= MAX_REDIRECTS) return result(response.status, 'too many redirects');
      url = next;
    }
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return result(null, `timed out after ${check.timeoutMs} ms`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return result(null, `unreachable (${cause?.code ?? cause?.message ?? (e as Error).message})`);
  }
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

/** Runs every check at once; remembers when each last passed. */
export async function runHealthChecks(checks: readonly HealthCheck[], store: LastPassedStore, at = Date.now(), fetchImpl: FetchLike = fetch): Promise<{ result: HealthResult; lastPassed: number | null }[]> {
  const results = await Promise.all(checks.map((c) => runHealthCheck(c, fetchImpl)));
  const lastPassed = { ...store.get<Record<string, number>>(LAST_PASSED_KEY, {}) };
  for (const r of results) if (r.ok) lastPassed[r.name] = at;
  // Checks removed from the settings are forgotten.
  const kept = Object.fromEntries(Object.entries(lastPassed).filter(([name]) => checks.some((c) => c.name === name)));
  await store.update(LAST_PASSED_KEY, kept);
  return results.map((result) => ({ result, lastPassed: kept[result.name] ?? null }));
}
