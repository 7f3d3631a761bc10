// Fault injection: make chosen routes fail the ways GitHub (or the network) really fails.
import type { GraphQLFieldFault } from './graphql/endpoint';

/**
 * One fault. Fields combine: `delayMs` delays whatever is sent; `status` replaces the response;
 * `hang` never answers (until the server closes); `malformed` truncates the JSON; `nullFields`
 * and `transform` corrupt the normal body; `secondaryLimit` answers 403 + `retry-after`.
 */
export interface Fault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  malformed?: boolean;
  /** Dotted paths to set to null; `*` walks every array element, e.g. `items.*.user`. */
  nullFields?: string[];
  transform?: (body: unknown) => unknown;
  /** Answer GitHub's secondary-rate-limit 403 with `retry-after: retryAfter` (default 60 s). */
  secondaryLimit?: boolean;
  retryAfter?: number;
  /** For `GET /search/issues`: report `incomplete_results: true` (a search that timed out). */
  incompleteResults?: boolean;
  /**
   * For `POST /graphql`: these fields fail while the rest of the query answers (`data` plus
   * `errors`, each naming its path), e.g. `[{ path: 'reviews' }]` or `[{ path: 'mine.nodes.0.commits' }]`.
   * The null propagates as the schema says (a non-null field nulls its parent), as on GitHub.
   */
  graphqlErrors?: GraphQLFieldFault[];
  /**
   * The route runs (a write is applied to the scenario), then the answer fails: a status (502, as
   * GitHub often answers a comment it stored), `'reset'` (the connection drops after the request
   * was taken) or `'hang'` (no answer: the client times out). For testing that writes are not sent
   * twice and that the client reads back what happened.
   */
  afterApply?: number | 'reset' | 'hang';
  /** Apply only this many times, then the route behaves normally again. */
  times?: number;
}

export interface RequestInfo {
  method: string;
  /** Concrete path without the `/api/v3` prefix, e.g. `/repos/acme/api/pulls`. */
  path: string;
  /** Matched OpenAPI path template, e.g. `/repos/{owner}/{repo}/pulls`, or null. */
  route: string | null;
}

/**
 * Which requests a fault applies to:
 * - a string `"[METHOD ]PATH"` where PATH is a route template (`/repos/{owner}/{repo}/pulls`) or a
 *   concrete path (`/repos/acme/api/pulls`); without METHOD any method matches; `*` matches all;
 * - a RegExp tested against `"METHOD /path"`;
 * - a predicate.
 */
export type RouteMatcher = string | RegExp | ((req: RequestInfo) => boolean);

interface ActiveFault {
  matcher: RouteMatcher;
  fault: Fault;
  remaining: number;
}

function matches(m: RouteMatcher, req: RequestInfo): boolean {
  if (typeof m === 'function') return m(req);
  if (m instanceof RegExp) return m.test(`${req.method} ${req.path}`);
  if (m === '*') return true;
  const space = m.indexOf(' ');
  const method = space > 0 ? m.slice(0, space).toUpperCase() : null;
  const path = (space > 0 ? m.slice(space + 1) : m).split('?')[0];
  if (method && method !== '*' && method !== req.method) return false;
  return path === req.route || path === req.path;
}

export class FaultTable {
  private faults: ActiveFault[] = [];

  add(matcher: RouteMatcher, fault: Fault): void {
    this.faults.push({ matcher, fault, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first live fault for this request, consuming one of its `times`. */
  take(req: RequestInfo): Fault | undefined {
    const hit = this.faults.find((f) => f.remaining > 0 && matches(f.matcher, req));
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.faults = this.faults.filter((f) => f !== hit);
    return hit.fault;
  }
}

/** Set the fields at dotted `paths` to null inside a deep copy of `body`. */
export function nullify(body: unknown, paths: string[]): unknown {
  const copy = structuredClone(body);
  const walk = (node: unknown, parts: string[]): void => {
    if (node === null || typeof node !== 'object' || parts.length === 0) return;
    const [head, ...rest] = parts as [string, ...string[]];
    const targets = head === '*' && Array.isArray(node) ? node.map((_, i) => String(i)) : [head];
    for (const key of targets) {
      const obj = node as Record<string, unknown>;
      if (!(key in obj)) continue;
      if (rest.length === 0) obj[key] = null;
      else walk(obj[key], rest);
    }
  };
  for (const p of paths) walk(copy, p.split('.'));
  return copy;
}
