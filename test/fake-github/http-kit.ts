// Small pieces shared by the fake's routes: the route contract, GitHub error bodies, pagination.
import type { ShapeContext } from './shapes-base';
import type { Fault } from './faults';

export type RateResource = 'core' | 'search' | 'graphql';

export interface RouteRequest {
  method: string;
  /** Path without the `/api/v3` prefix, e.g. `/repos/acme/api/pulls`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Absolute URL of the request as the client sent it (prefix included): for `Link` headers. */
  url: URL;
  /** Parsed JSON body of a write, or undefined. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  ctx: ShapeContext;
  now: Date;
  /** The fault injected into this request, for routes that fail in their own way (GraphQL's partial errors). */
  fault?: Fault;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as `Last-Modified`; enables `If-Modified-Since` → 304. */
  lastModified?: Date;
  /** Rate-limit units to charge (GraphQL: the query's point cost). Default 1. */
  cost?: number;
}

export interface Route {
  method: string;
  /** Path template exactly as GitHub's OpenAPI description writes it. */
  template: string;
  resource?: RateResource;
  handle(req: RouteRequest): RouteResult;
}

export const DOCS = 'https://docs.github.com/rest';

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {
    super(String(body['message']));
  }
}

export function notFound(): HttpError {
  return new HttpError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
}

export function validationFailed(message: string, field = 'q'): HttpError {
  return new HttpError(422, {
    message: 'Validation Failed',
    errors: [{ resource: 'Search', field, code: 'invalid', message }],
    documentation_url: DOCS,
    status: '422',
  });
}

export function ok(body: unknown, headers?: Record<string, string>): RouteResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

/** Integer query parameter with bounds, GitHub-style (bad values fall back to the default). */
export function intParam(q: URLSearchParams, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const raw = q.get(name);
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/**
 * Slice `all` by `per_page` (default 30, max 100) and `page`, with GitHub's `Link` header.
 * `cap` limits how many results are reachable at all (search stops at 1,000).
 */
export function paginate<T>(req: RouteRequest, all: T[], cap = Infinity, defaultPerPage = 30): Page<T> {
  const perPage = intParam(req.query, 'per_page', defaultPerPage, 1, 100);
  const page = intParam(req.query, 'page', 1, 1);
  const reachable = Math.min(all.length, cap);
  const lastPage = Math.max(1, Math.ceil(reachable / perPage));
  const start = (page - 1) * perPage;
  const items = start < reachable ? all.slice(start, Math.min(start + perPage, reachable)) : [];
  const link = (p: number, rel: string): string => {
    const u = new URL(req.url.toString());
    u.searchParams.set('page', String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { items, headers: links.length ? { link: links.join(', ') } : {} };
}

/** Compare two ISO timestamps / values for sorting, with a direction. */
export function byKey<T>(key: (x: T) => string | number, direction: 'asc' | 'desc'): (a: T, b: T) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign;
  };
}

export function direction(q: URLSearchParams, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
  const d = q.get('direction');
  return d === 'asc' || d === 'desc' ? d : fallback;
}

/** Parse a JSON write body; GitHub answers 400 "Problems parsing JSON" to garbage. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
  }
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
