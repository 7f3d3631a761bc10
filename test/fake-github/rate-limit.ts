// GitHub's primary rate limits, one bucket per resource. Conditional requests answered with 304
// cost nothing, which is the whole point of sending ETags — the fake must honour that rule.
import type { RateResource } from './http-kit';

export interface RateLimitOptions {
  /** Requests per window; GitHub's defaults for a token: core 5000/h, search 30/min, graphql 5000/h. */
  core?: number;
  search?: number;
  graphql?: number;
  /** Status for an exhausted primary limit: GitHub sends 403, sometimes 429. */
  exhaustedStatus?: 403 | 429;
}

interface Bucket {
  limit: number;
  used: number;
  windowMs: number;
  resetAt: number; // epoch ms
}

export class RateLimiter {
  private readonly buckets: Record<RateResource, Bucket>;
  readonly exhaustedStatus: 403 | 429;

  constructor(opts: RateLimitOptions = {}, private readonly clock: () => number = Date.now) {
    const now = clock();
    const bucket = (limit: number, windowMs: number): Bucket => ({ limit, used: 0, windowMs, resetAt: now + windowMs });
    this.buckets = {
      core: bucket(opts.core ?? 5000, 3_600_000),
      search: bucket(opts.search ?? 30, 60_000),
      graphql: bucket(opts.graphql ?? 5000, 3_600_000),
    };
    this.exhaustedStatus = opts.exhaustedStatus ?? 403;
  }

  private bucket(resource: RateResource): Bucket {
    const b = this.buckets[resource];
    const now = this.clock();
    if (now >= b.resetAt) {
      b.used = 0;
      b.resetAt = now + b.windowMs;
    }
    return b;
  }

  remaining(resource: RateResource): number {
    const b = this.bucket(resource);
    return Math.max(0, b.limit - b.used);
  }

  /** Force the remaining budget (tests drive exhaustion with this). */
  setRemaining(resource: RateResource, remaining: number): void {
    const b = this.bucket(resource);
    b.used = Math.max(0, b.limit - remaining);
  }

  /** Spend `units` (one request, or a GraphQL query's points); false when the budget is already exhausted. */
  spend(resource: RateResource, units = 1): boolean {
    const b = this.bucket(resource);
    if (b.used >= b.limit) return false;
    b.used = Math.min(b.limit, b.used + units);
    return true;
  }

  /** The bucket as `GET /rate_limit` reports it (reset in epoch seconds). */
  state(resource: RateResource): { limit: number; used: number; remaining: number; reset: number } {
    const b = this.bucket(resource);
    return { limit: b.limit, used: b.used, remaining: Math.max(0, b.limit - b.used), reset: Math.ceil(b.resetAt / 1000) };
  }

  headers(resource: RateResource): Record<string, string> {
    const b = this.bucket(resource);
    return {
      'x-ratelimit-limit': String(b.limit),
      'x-ratelimit-remaining': String(Math.max(0, b.limit - b.used)),
      'x-ratelimit-used': String(b.used),
      'x-ratelimit-reset': String(Math.ceil(b.resetAt / 1000)),
      'x-ratelimit-resource': resource,
    };
  }

  /** Body of `GET /rate_limit`. */
  snapshot(): Record<string, unknown> {
    const entry = (resource: RateResource): Record<string, number> => {
      const b = this.bucket(resource);
      return { limit: b.limit, used: b.used, remaining: Math.max(0, b.limit - b.used), reset: Math.ceil(b.resetAt / 1000) };
    };
    const core = entry('core');
    return {
      resources: {
        core,
        search: entry('search'),
        graphql: entry('graphql'),
        integration_manifest: { limit: 5000, used: 0, remaining: 5000, reset: core['reset'] },
        code_search: { limit: 10, used: 0, remaining: 10, reset: entry('search')['reset'] },
      },
      rate: core,
    };
  }
}

export const PRIMARY_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
export const SECONDARY_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

export function primaryLimitBody(userId: number): Record<string, string> {
  return {
    message: `API rate limit exceeded for user ID ${userId}. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.`,
    documentation_url: PRIMARY_LIMIT_DOCS,
  };
}

export function secondaryLimitBody(): Record<string, string> {
  // Octokit's throttling plugin recognises this case by the words "secondary rate".
  return {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.',
    documentation_url: SECONDARY_LIMIT_DOCS,
  };
}
