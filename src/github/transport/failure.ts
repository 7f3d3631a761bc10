/**
 * Every way a GitHub call can fail, reduced to what the UI needs to say about it.
 * Pure: no `vscode`, so the mapping is unit tested against real Octokit errors.
 */
import { formatClock } from '../../core/clock';
import type { GraphQLErrorLike } from '../graphqlTypes';

export type FailureKind =
  | 'unauthorized' // 401: token missing, revoked or expired
  | 'rate-limited' // primary limit: 403/429 with x-ratelimit-remaining: 0
  | 'secondary-limit' // abuse/secondary limit: 403/429 with retry-after
  | 'forbidden' // 403 for another reason (SSO, missing scope)
  | 'not-found'
  | 'server' // 5xx
  | 'timeout'
  | 'offline' // connection refused / DNS / reset
  | 'malformed' // a body that is not the JSON shape we asked for
  | 'invalid'; // 422 and other client errors

export class GitHubFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** When the limit resets or a retry makes sense (epoch ms), for rate limits. */
    readonly retryAt?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GitHubFailure';
  }

  /**
   * One line for a notice: "GitHub rate limit reached — resets at 14:05". The sentences are
   * English (not yet in l10n), so by default the time is too; pass a formatter in the display language.
   */
  describe(formatTime: (ms: number) => string = (ms) => formatClock(ms, 'en')): string {
    switch (this.kind) {
      case 'unauthorized': return 'GitHub rejected the sign-in — sign in again';
      case 'rate-limited': return `GitHub rate limit reached${this.retryAt ? ` — resets at ${formatTime(this.retryAt)}` : ''}`;
      case 'secondary-limit': return `GitHub asked Lead Desk to slow down${this.retryAt ? ` — retrying after ${formatTime(this.retryAt)}` : ''}`;
      case 'forbidden': return `GitHub refused access: ${this.message}`;
      case 'not-found': return `Not found on GitHub: ${this.message}`;
      case 'server': return `GitHub had a server error${this.status ? ` (${this.status})` : ''}`;
      case 'timeout': return 'GitHub did not answer in time';
      case 'offline': return 'GitHub unreachable';
      case 'malformed': return 'GitHub sent a response Lead Desk could not read';
      case 'invalid': return `GitHub rejected the request: ${this.message}`;
    }
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  cause?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

const OFFLINE_CODES = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_SOCKET|other side closed/;

/** Maps whatever Octokit / fetch threw to a `GitHubFailure`. */
export function classifyFailure(error: unknown, now = Date.now()): GitHubFailure {
  if (error instanceof GitHubFailure) return error;
  const e = (error ?? {}) as ErrorLike;
  const name = e.name ?? '';
  const message = e.message ?? String(error);
  const causeText = describeCause(e.cause);
  if (name === 'AbortError' || name === 'TimeoutError' || /aborted|timeout/i.test(causeText) && e.status === 500) {
    return new GitHubFailure('timeout', 'GitHub did not answer in time');
  }
  if (name === 'SyntaxError' || error instanceof SyntaxError) return new GitHubFailure('malformed', message);
  const status = e.status;
  const headers = e.response?.headers ?? {};
  // GraphQL says a spent budget with HTTP 200 and `RATE_LIMITED`; the throttling plugin throws it
  // without a status once it decides not to wait for the reset.
  if (graphQLErrorTypes(e).includes('RATE_LIMITED')) {
    const reset = Number(headers['x-ratelimit-reset']);
    return new GitHubFailure('rate-limited', message, Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined, status);
  }
  if (status === 401) return new GitHubFailure('unauthorized', message, undefined, 401);
  if (status === 403 || status === 429) {
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter > 0 || /secondary rate/i.test(message)) {
      return new GitHubFailure('secondary-limit', message, now + (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60) * 1000, status);
    }
    if (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message)) {
      const reset = Number(headers['x-ratelimit-reset']);
      return new GitHubFailure('rate-limited', message, Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined, status);
    }
    return new GitHubFailure('forbidden', message, undefined, status);
  }
  if (status === 404 || status === 410) return new GitHubFailure('not-found', message, undefined, status);
  if (status === 500 && (OFFLINE_CODES.test(causeText) || OFFLINE_CODES.test(message) || /fetch failed/.test(message))) {
    return new GitHubFailure('offline', causeText || message);
  }
  if (status !== undefined && status >= 500) return new GitHubFailure('server', message, undefined, status);
  if (status !== undefined && status >= 400) return new GitHubFailure('invalid', message, undefined, status);
  if (/JSON|Unexpected token|Unexpected end/i.test(message)) return new GitHubFailure('malformed', message);
  if (OFFLINE_CODES.test(causeText) || /fetch failed/.test(message)) return new GitHubFailure('offline', causeText || message);
  return new GitHubFailure('server', message);
}

function graphQLErrorTypes(e: ErrorLike & { data?: unknown }): unknown[] {
  const body = (e.data ?? e.response?.data) as { errors?: unknown } | undefined;
  const errors = body && typeof body === 'object' && Array.isArray(body.errors) ? body.errors : [];
  return errors.map((x) => (typeof x === 'object' && x !== null ? (x as { type?: unknown }).type : undefined));
}

function describeCause(cause: unknown): string {
  const parts: string[] = [];
  for (let c = cause, depth = 0; c && depth < 4; depth++) {
    const x = c as { code?: string; message?: string; name?: string; cause?: unknown };
    parts.push([x.name, x.code, x.message].filter(Boolean).join(' '));
    c = x.cause;
  }
  return parts.join(' / ');
}

/**
 * A failure after which a write may or may not have happened: GitHub answered 5xx, did not answer
 * in time, or the connection dropped once the request was sent. GitHub often applies the write
 * (stores the comment, merges) and still answers 502. A connection that never opened sent nothing.
 */
export function leavesWriteUnknown(f: GitHubFailure): boolean {
  if (f.kind === 'server' || f.kind === 'timeout') return true;
  return f.kind === 'offline' && !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(f.message);
}

/** How the answer to a write was lost, for "GitHub answered 502, but the PR is merged". */
export function lostAnswer(f: GitHubFailure): string {
  if (f.kind === 'timeout') return 'GitHub did not answer in time';
  if (f.kind === 'offline') return 'the connection to GitHub dropped';
  return f.status ? `GitHub answered ${f.status}` : 'GitHub had a server error';
}

/**
 * A write whose answer was lost and whose effect could not be read back either: it may have
 * happened. Never "nothing changed": the lead is asked to look on GitHub before trying again.
 */
export class UnconfirmedWrite extends GitHubFailure {
  constructor(
    /** What may have happened, e.g. "the comment on acme/api#12 was posted". */
    readonly what: string,
    /** The failure of the write itself. */
    readonly writeFailure: GitHubFailure,
  ) {
    super(writeFailure.kind, `${lostAnswer(writeFailure)}, and Lead Desk could not check whether ${what}`, writeFailure.retryAt, writeFailure.status);
    this.name = 'UnconfirmedWrite';
  }

  override describe(): string {
    return `${this.message}: look on GitHub before trying again`;
  }
}

/** Why an answer without data failed, as the failure the UI knows how to say. */
export function failureFromErrors(errors: readonly GraphQLErrorLike[], fallback = 'GitHub sent no data'): GitHubFailure {
  const first = errors[0];
  const message = first?.message ?? fallback;
  const types = errors.map((e) => e.type);
  if (types.includes('RATE_LIMITED')) return new GitHubFailure('rate-limited', message);
  if (types.includes('FORBIDDEN')) return new GitHubFailure('forbidden', message);
  if (types.includes('NOT_FOUND')) return new GitHubFailure('not-found', message);
  if (errors.some((e) => typeof e.extensions?.code === 'string')) return new GitHubFailure('invalid', message);
  return errors.length ? new GitHubFailure('server', message) : new GitHubFailure('malformed', fallback);
}
