/**
 * The only place that builds an Octokit. Adds to @octokit/rest: throttling and retry (GitHub's
 * recommended plugins), a timeout on every request (Octokit has none), conditional requests
 * answered from the cache on 304, and the budget read from every response's headers.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { classifyFailure } from './failure';
import type { RateBudget } from './rateBudget';
import type { ResponseCache } from './responseCache';

const LeadDeskOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof LeadDeskOctokit>;

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

export function createOctokit(opts: ClientOptions): GitHubOctokit {
  const maxWait = opts.maxRetryWaitSeconds ?? 10;
  const octokit = new LeadDeskOctokit({
    baseUrl: opts.baseUrl,
    auth: opts.token,
    userAgent: opts.userAgent,
    // The throttling plugin queues and paces requests; we only agree to short waits so a refresh
    // never hangs for an hour on an exhausted budget — the UI shows the reset time instead.
    throttle: {
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= maxWait,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= maxWait,
      retryAfterBaseValue: opts.retryBaseMs ?? 1000,
    },
    retry: { retries: 2, retryAfterBaseValue: opts.retryBaseMs ?? 1000 },
  });

  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method ?? 'GET').toUpperCase();
    const key = `${method} ${octokit.request.endpoint.parse(options).url}`;
    const cached = method === 'GET' ? opts.cache.get(key) : undefined;
    const headers = { ...options.headers } as typeof options.headers & Record<string, string>;
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    else if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    // One deadline for the request and its retries: a hung GitHub ends in a timeout notice.
    const signal = AbortSignal.timeout(opts.timeoutMs);
    try {
      const response = await request({ ...options, headers, request: { ...options.request, signal } });
      opts.budget.observe(response.headers as Record<string, string>);
      opts.onResponse?.({ method, url: key, status: response.status });
      if (method === 'GET' && (response.headers.etag || response.headers['last-modified'])) {
        opts.cache.set(key, { etag: response.headers.etag, lastModified: response.headers['last-modified'], data: response.data, fetchedAt: Date.now() });
      }
      return response;
    } catch (error) {
      const e = error as { status?: number; response?: { headers: Record<string, string>; status: number } };
      if (e.response?.headers) opts.budget.observe(e.response.headers);
      if (e.status === 304 && cached) {
        // Octokit throws on 304; for us it means "unchanged": hand back the cached body.
        opts.onResponse?.({ method, url: key, status: 304 });
        return { status: 200, url: key, headers: e.response?.headers ?? {}, data: cached.data } as Awaited<ReturnType<typeof request>>;
      }
      opts.onResponse?.({ method, url: key, status: e.status ?? 0 });
      throw classifyFailure(error);
    }
  });
  return octokit;
}
