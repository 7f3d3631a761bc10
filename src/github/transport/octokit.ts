/**
 * The only place that builds an Octokit. Adds to @octokit/rest: throttling and retry (GitHub's
 * recommended plugins), a timeout on every request (Octokit has none), conditional requests
 * answered from the cache on 304, and the budget read from every response's headers.
 * Reads are retried; writes never are (see `sendOnce` in writeOnce.ts, which reads back instead).
 */
import { classifyFailure, type FailureKind, type GitHubFailure } from './failure';
import type { RateBudget } from './rateBudget';
import type { ResponseCache } from './responseCache';
import type * as OctokitLibrary from './octokitLibrary';

type LeadDeskOctokit = typeof OctokitLibrary.LeadDeskOctokit;
export type GitHubOctokit = InstanceType<LeadDeskOctokit> & {
  /**
   * Calls `listener` for every attempt that failed in a way GitHub is failing (5xx, rate limit,
   * unreachable, timeout), before any retry: callers can say so at once while the retries go on.
   * Returns the unsubscribe function.
   */
  onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void;
};

/** Kinds an attempt reports early: GitHub or the network failing, not an answer about this request. */
const EARLY_KINDS: ReadonlySet<FailureKind> = new Set(['server', 'offline', 'timeout', 'rate-limited', 'secondary-limit']);

export interface ClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly cache: ResponseCache;
  readonly budget: RateBudget;
  /** Waits longer than this are not worth holding a refresh for: fail and show the notice instead. */
  readonly maxRetryWaitSeconds?: number;
  /** Base of the retry back-off in ms (1,000 in use; tests shorten it). */
  readonly retryBaseMs?: number;
  /** Counts every request that reached the network, with whether it came back 304. */
  readonly onResponse?: (info: { method: string; url: string; status: number }) => void;
}

/** A stand-in for the plugin's write limiter that never waits (see `throttle.write`). */
const UNSPACED = { key: () => ({ schedule: <T>(_options: unknown, fn: () => Promise<T>) => fn() }) };

/** Process-wide, as the plugin's limiters are: when the last write or mutation may start. */
let nextWriteAt = 0;
const WRITE_SPACING_MS = 1000;

/** GitHub asks for a second between writes (REST writes, GraphQL mutations) of one user. */
async function spaceWrite(): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextWriteAt);
  nextWriteAt = at + WRITE_SPACING_MS;
  if (at > now) await new Promise((r) => setTimeout(r, at - now));
}

/** A GraphQL request that reads (`query`, not `mutation`): `/graphql`, or `/api/graphql` on GHES. */
function isGraphQLQuery(key: string, options: Record<string, unknown>): boolean {
  if (!/\/graphql$/.test(key)) return false;
  return typeof options.query === 'string' && !/^\s*mutation\b/.test(options.query);
}

let octokitClass: LeadDeskOctokit | undefined;

/**
 * Octokit's code, loaded at the first client rather than at activation. In the extension's bundle
 * this require is of the file dist/octokitLibrary.js (esbuild.mjs); in the test bundles the module
 * is bundled in, and runs at this first call all the same.
 */
function loadOctokit(): LeadDeskOctokit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at the first client, not at activation
  octokitClass ??= (require('./octokitLibrary') as typeof OctokitLibrary).LeadDeskOctokit;
  return octokitClass;
}

export function createOctokit(opts: ClientOptions): GitHubOctokit {
  const LeadDeskOctokit = loadOctokit();
  const maxWait = opts.maxRetryWaitSeconds ?? 10;
  const attemptListeners = new Set<(failure: GitHubFailure) => void>();
  const attemptFailed = (failure: GitHubFailure) => {
    if (!EARLY_KINDS.has(failure.kind)) return;
    for (const listener of [...attemptListeners]) listener(failure);
  };
  const octokit = new LeadDeskOctokit({
    baseUrl: opts.baseUrl,
    auth: opts.token,
    userAgent: opts.userAgent,
    // A deadline on each attempt, applied at the fetch itself: time spent waiting in the
    // throttling queue (GitHub asks for 2 s between searches) does not count against it.
    request: {
      fetch: (url: string, init: RequestInit = {}) => {
        const deadline = AbortSignal.timeout(opts.timeoutMs);
        // A deadline fires a TimeoutError, which Octokit would wrap as a 500 and retry twice;
        // as an AbortError it is passed through unretried: a hung GitHub fails in one timeout.
        // This fetch runs once per attempt (the retry and throttling plugins sit above it).
        return fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline }).then((response) => {
          if (response.status >= 500 || response.status === 429 || response.status === 403) {
            attemptFailed(classifyFailure({ status: response.status, message: response.statusText, response: { headers: Object.fromEntries(response.headers) } }));
          }
          return response;
        }, (e: unknown) => {
          const error = (e as Error)?.name === 'TimeoutError' ? Object.assign(new Error('GitHub did not answer in time'), { name: 'AbortError', cause: e }) : e;
          attemptFailed(classifyFailure(error));
          throw error;
        });
      },
    },
    // The throttling plugin queues and paces requests; we only agree to short waits so a refresh
    // never hangs for an hour on an exhausted budget — the UI shows the reset time instead.
    throttle: {
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= maxWait,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= maxWait,
      retryAfterBaseValue: opts.retryBaseMs ?? 1000,
      // The plugin spaces every GraphQL request 1 s apart, as it does writes; GitHub asks that of
      // mutations and REST writes only, and a paged sidebar would wait 1 s per page. Writes and
      // mutations are spaced in the hook below instead; queries go at once (one at a time per refresh).
      write: UNSPACED as never,
    },
    // The plugin's list plus 405 (not mergeable) and 409 (head moved): a client error that a retry
    // cannot change. Writes are not retried at all (the hook below).
    retry: { retries: 2, retryAfterBaseValue: opts.retryBaseMs ?? 1000, doNotRetry: [400, 401, 403, 404, 405, 409, 410, 422, 451] },
    // Octokit logs every failed request at info level; the UI reports failures instead.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => console.warn(`[lead-desk] ${m}`), error: (m: string) => {
      // Octokit reports every 304 as an error; for us it is the cheap, good answer.
      if (!/ - 304 with id /.test(m)) console.error(`[lead-desk] ${m}`);
    } },
  });

  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method ?? 'GET').toUpperCase();
    const key = `${method} ${octokit.request.endpoint.parse(options).url}`;
    const write = method !== 'GET' && method !== 'HEAD' && !isGraphQLQuery(key, options);
    if (write) {
      await spaceWrite();
      // GitHub often applies a write and still answers 502, or the answer is lost on the way: a
      // retry would comment or re-run twice. Sent once; the caller reads back what happened.
      // (A new object: `options.request` may be shared with other requests.)
      options.request = { ...options.request, retries: 0 };
    }
    const cached = method === 'GET' ? opts.cache.get(key) : undefined;
    // before-after-hook hands every inner hook the same options object and ignores what an outer
    // hook passes on: headers and the signal must be set on `options` itself.
    const headers = options.headers as Record<string, string>;
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    else if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    try {
      const response = await request(options);
      opts.budget.observe(response.headers as Record<string, string>);
      opts.onResponse?.({ method, url: key, status: response.status });
      // Only parsed JSON is kept: Octokit hands back a truncated body as text, and caching it with
      // its validator would replay the damage on every later 304.
      const parsed = typeof response.data === 'object' && response.data !== null;
      if (method === 'GET' && parsed && (response.headers.etag || response.headers['last-modified'])) {
        opts.cache.set(key, { etag: response.headers.etag, lastModified: response.headers['last-modified'], data: response.data, fetchedAt: Date.now() });
      }
      return response;
    } catch (error) {
      const e = error as { status?: number; response?: { headers: Record<string, string>; status: number } };
      if (e.response?.headers) opts.budget.observe(e.response.headers);
      // The retry plugin retries GraphQL's "Something went wrong" partial failures as 500s; when
      // they persist, the answer still carries the data that did come: hand it back, so the
      // caller shows it and names what is missing (`GraphqlResponseError`).
      const body = e.response?.status === 200 ? (e.response as { data?: unknown }).data : undefined;
      if (e.status === 500 && /\/graphql$/.test(key) && typeof body === 'object' && body !== null && (body as { data?: unknown }).data) {
        opts.onResponse?.({ method, url: key, status: 200 });
        return e.response as Awaited<ReturnType<typeof request>>;
      }
      if (e.status === 304 && cached) {
        // Octokit throws on 304; for us it means "unchanged": hand back the cached body.
        opts.onResponse?.({ method, url: key, status: 304 });
        return { status: 200, url: key, headers: e.response?.headers ?? {}, data: cached.data } as Awaited<ReturnType<typeof request>>;
      }
      opts.onResponse?.({ method, url: key, status: e.status ?? 0 });
      throw classifyFailure(error);
    }
  });
  return Object.assign(octokit, {
    onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void {
      attemptListeners.add(listener);
      return () => attemptListeners.delete(listener);
    },
  });
}
