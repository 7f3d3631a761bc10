// A fake GitHub REST API on 127.0.0.1: real HTTP, GitHub's shapes, auth, ETags, rate limits,
// pagination and injectable faults, serving a mutable Scenario.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { Scenario } from './scenario';
import { DOCS, HttpError, type RateResource, type Route, type RouteRequest, type RouteResult, parseJsonBody } from './http-kit';
import { type Fault, FaultTable, type RouteMatcher, nullify } from './faults';
import { RateLimiter, type RateLimitOptions, primaryLimitBody, secondaryLimitBody } from './rate-limit';
import { issueRoutes } from './routes-issues';
import { repoRoutes } from './routes-repos';
import { userRoutes } from './routes-user';
import { mergeRoutes } from './routes-merge';
import { githubSchema } from './graphql/schema';

export interface FakeGitHubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Accepted tokens, sent as `token X` or `Bearer X`. Default: `['test-token']`. */
  tokens?: string[];
  rateLimit?: RateLimitOptions;
  /** Base of `html_url`s. Default: the server's own origin, as GitHub Enterprise Server does. */
  webUrl?: string;
  /** Clock for timestamps the server writes (comments, read marks). Default: real time. */
  now?: () => Date;
  /**
   * Build GitHub's GraphQL schema before listening (about 0.3–1 s, once per process) instead of on
   * the first `POST /graphql`, so timing tests and benchmarks do not charge it to a request.
   */
  eagerGraphQL?: boolean;
  /** Fields the GraphQL schema lacks (`['PullRequest.latestReviews']`), as on an older GHES release. */
  graphqlOmitFields?: string[];
}

export interface LoggedRequest {
  method: string;
  /** Path without query and without the `/api/v3` prefix. */
  path: string;
  /** The matched route template (as in GitHub's OpenAPI description), or null for unknown routes. */
  route: string | null;
  query: Record<string, string>;
  /** Response status; null while a request is still pending (delayed or hanging), 0 when the connection was dropped. */
  status: number | null;
  headers: { authorization?: string; 'if-none-match'?: string; 'if-modified-since'?: string; accept?: string; 'user-agent'?: string; 'content-type'?: string };
  /** Parsed JSON body of writes. */
  body: unknown;
  resource: RateResource;
  /** Rate-limit units this request consumed (0 for 304s, 401s and rejected requests). */
  cost: number;
  /** `/api/v3` when the client used a GHES-style base URL, else ''. */
  prefix: string;
}

export interface FakeGitHubStats {
  requests: number;
  notModified: number;
  rateLimitCost: number;
  costByResource: Record<RateResource, number>;
}

export interface FakeGitHub {
  /** Base URL, e.g. `http://127.0.0.1:39123`; the API also answers under `${url}/api/v3`. */
  readonly url: string;
  /** A token the server accepts. */
  readonly token: string;
  /** The live world; mutate it and the next response reflects the change. */
  scenario: Scenario;
  /** Every request received, in order. */
  readonly requests: LoggedRequest[];
  /** Every request other than GET, except GraphQL queries (with its parsed body). */
  writes(): LoggedRequest[];
  stats(): FakeGitHubStats;
  /** Zero the counters and empty the request log. */
  resetStats(): void;
  inject(match: RouteMatcher, fault: Fault): void;
  clearFaults(): void;
  /** Force the remaining primary-limit budget of a resource. */
  setRateLimitRemaining(resource: RateResource, remaining: number): void;
  /** Every route served, as `METHOD /template`. */
  readonly routes: readonly string[];
  close(): Promise<void>;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.template.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return name === 'ref' ? '(.+?)' : '([^/]+)'; // a ref may be a branch name with slashes
  });
  return { ...route, regex: new RegExp(`^${pattern}$`), names };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function etagMatches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
}

function statusText(status: number): string {
  return http.STATUS_CODES[status] ?? 'Error';
}

export async function startFakeGitHub(scenario: Scenario, opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const tokens = new Set(opts.tokens ?? ['test-token']);
  const clock = opts.now ?? (() => new Date());
  const limiter = new RateLimiter(opts.rateLimit, () => clock().getTime());
  const faults = new FaultTable();
  const graphqlOptions = opts.graphqlOmitFields ? { omitFields: opts.graphqlOmitFields } : {};
  const routes = [...issueRoutes, ...repoRoutes, ...mergeRoutes, ...userRoutes(limiter, graphqlOptions)].map(compile);
  if (opts.eagerGraphQL) githubSchema(opts.graphqlOmitFields);
  const pending = new Set<NodeJS.Timeout>();
  let counters = { requests: 0, notModified: 0, cost: { core: 0, search: 0, graphql: 0 } as Record<RateResource, number> };
  let requestSeq = 0;
  let origin = '';

  const fake: FakeGitHub = {
    url: '',
    token: [...tokens][0] ?? 'test-token',
    scenario,
    requests: [],
    // GraphQL queries are POSTs that read: only mutations are writes.
    writes: () => fake.requests.filter((r) => r.method !== 'GET' && !(r.resource === 'graphql' && !/^\s*mutation\b/.test(String((r.body as { query?: unknown } | null)?.query ?? '')))),
    stats: () => ({
      requests: counters.requests,
      notModified: counters.notModified,
      rateLimitCost: counters.cost.core + counters.cost.search + counters.cost.graphql,
      costByResource: { ...counters.cost },
    }),
    resetStats() {
      counters = { requests: 0, notModified: 0, cost: { core: 0, search: 0, graphql: 0 } };
      fake.requests.length = 0;
    },
    inject: (match, fault) => faults.add(match, fault),
    clearFaults: () => faults.clear(),
    setRateLimitRemaining: (resource, remaining) => limiter.setRemaining(resource, remaining),
    routes: routes.map((r) => `${r.method} ${r.template}`),
    close: () => new Promise<void>((resolve) => {
      for (const t of pending) clearTimeout(t);
      server.close(() => resolve());
      server.closeAllConnections(); // also ends hanging requests and idle keep-alive sockets
    }),
  };

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    const t = setTimeout(() => { pending.delete(t); resolve(); }, ms);
    pending.add(t);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): Promise<void> {
    counters.requests += 1;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    let path = url.pathname.replace(/\/+$/, '') || '/';
    let prefix = '';
    if (path === '/api/graphql') { path = '/graphql'; prefix = '/api/v3'; } // GHES serves GraphQL beside /api/v3
    else if (path.startsWith('/api/v3/') || path === '/api/v3') { path = path.slice(7) || '/'; prefix = '/api/v3'; }

    let route: CompiledRoute | undefined;
    const params: Record<string, string> = {};
    for (const r of routes) {
      const m = r.method === method ? r.regex.exec(path) : null;
      if (!m) continue;
      route = r;
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1] ?? ''); });
      break;
    }
    const resource: RateResource = route?.resource ?? 'core';
    const free = route?.template === '/rate_limit'; // GitHub does not charge for checking the limit
    const auth = header(req, 'authorization');
    const entry: LoggedRequest = {
      method, path, route: route?.template ?? null, query: Object.fromEntries(url.searchParams), status: null,
      headers: {}, body: undefined, resource, cost: 0, prefix,
    };
    for (const h of ['authorization', 'if-none-match', 'if-modified-since', 'accept', 'user-agent', 'content-type'] as const) {
      const v = header(req, h);
      if (v !== undefined) entry.headers[h] = v;
    }
    fake.requests.push(entry);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}, raw?: string): void => {
      entry.status = status;
      if (res.destroyed) return;
      requestSeq += 1;
      const out: Record<string, string> = { 'x-github-request-id': `FAKE:${requestSeq}`, 'x-github-media-type': 'github.v3; format=json', ...limiter.headers(resource), ...headers };
      const text = raw ?? (body === undefined ? '' : JSON.stringify(body));
      if (text !== '') out['content-type'] = 'application/json; charset=utf-8';
      out['content-length'] = String(Buffer.byteLength(text));
      res.writeHead(status, out);
      res.end(text);
    };
    const spend = (units = 1): void => {
      if (free || units === 0) return;
      limiter.spend(resource, units);
      entry.cost = units;
      counters.cost[resource] += units;
    };

    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(auth ?? '')?.[1];
    if (!token || !tokens.has(token)) {
      const message = auth ? 'Bad credentials' : 'Requires authentication';
      send(401, { message, documentation_url: DOCS, status: '401' });
      return;
    }
    try {
      entry.body = method === 'GET' ? undefined : parseJsonBody(rawBody);
    } catch (e) {
      if (e instanceof HttpError) { spend(); send(e.status, e.body); return; }
      throw e;
    }

    const fault = faults.take({ method, path, route: route?.template ?? null });
    if (fault?.hang) return; // never answered; close() ends the socket
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (res.destroyed) return;

    if (fault?.secondaryLimit) {
      send(403, secondaryLimitBody(), { 'retry-after': String(fault.retryAfter ?? 60), ...fault.headers });
      return;
    }
    if (!free && limiter.remaining(resource) === 0) {
      const s = fake.scenario;
      const userId = s.users.find((u) => u.login === s.me)?.id ?? 1;
      // GraphQL reports a spent budget inside a 200, as an error of type RATE_LIMITED.
      if (resource === 'graphql') send(200, { errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: `API rate limit already exceeded for user ID ${userId}.` }] });
      else send(limiter.exhaustedStatus, primaryLimitBody(userId));
      return;
    }
    if (fault?.status !== undefined) {
      spend();
      send(fault.status, fault.body ?? { message: statusText(fault.status), documentation_url: DOCS, status: String(fault.status) }, fault.headers);
      return;
    }
    if (!route) {
      spend();
      send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      return;
    }

    const api = `${origin}${prefix}`;
    const routeReq: RouteRequest = {
      method, path, params, query: url.searchParams, url: new URL(`${origin}${prefix}${path}${url.search}`),
      body: entry.body, headers: req.headers, ctx: { scenario: fake.scenario, api, web: opts.webUrl ?? origin }, now: clock(),
      ...(fault ? { fault } : {}),
    };
    let result: RouteResult;
    try {
      result = route.handle(routeReq);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      spend();
      send(e.status, e.body);
      return;
    }

    if (fault?.afterApply !== undefined) {
      // The write happened; the answer is lost on the way back.
      if (fault.afterApply === 'hang') return;
      if (fault.afterApply === 'reset') { entry.status = 0; req.socket.destroy(); return; }
      spend();
      send(fault.afterApply, { message: statusText(fault.afterApply), documentation_url: DOCS, status: String(fault.afterApply) }, fault.headers);
      return;
    }
    let body = result.body;
    if (fault?.incompleteResults && body && typeof body === 'object') body = { ...body, incomplete_results: true };
    if (fault?.nullFields) body = nullify(body, fault.nullFields);
    if (fault?.transform) body = fault.transform(body);
    const headers: Record<string, string> = { ...result.headers, ...fault?.headers };
    const text = body === undefined ? '' : JSON.stringify(body);

    // A truncated body is not the resource: it carries no validator, so it is never answered 304.
    if (method === 'GET' && result.status === 200 && !fault?.malformed) {
      const etag = `"${createHash('sha256').update(text).digest('hex').slice(0, 40)}"`;
      headers['etag'] = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      headers['vary'] = 'Accept, Authorization, Cookie, X-GitHub-OTP';
      if (result.lastModified) headers['last-modified'] = result.lastModified.toUTCString();
      const inm = header(req, 'if-none-match');
      const ims = header(req, 'if-modified-since');
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3). 304s cost nothing.
      const fresh = inm !== undefined ? etagMatches(inm, etag)
        : ims !== undefined && result.lastModified !== undefined
          && Math.floor(result.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
      if (fresh) {
        counters.notModified += 1;
        const keep = ['etag', 'last-modified', 'cache-control', 'vary', 'x-poll-interval'];
        send(304, undefined, Object.fromEntries(Object.entries(headers).filter(([k]) => keep.includes(k))));
        return;
      }
    }
    spend(result.cost ?? 1);
    // Malformed: the JSON is cut off mid-way, like a dropped connection behind a proxy.
    send(result.status, body, headers, fault?.malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : undefined);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        // A bug in the fake must be loud in tests, not a hang.
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `fake-github internal error: ${String(err instanceof Error ? err.stack : err)}` }));
        }
      });
    });
  });
  // Node closes an idle keep-alive socket after 5 s, and a client that picks that socket for its
  // next request at the same moment reads ECONNRESET (seen on a loaded CI machine). GitHub keeps
  // connections far longer; so does the fake. close() ends idle sockets itself.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (fake as { url: string }).url = origin;
  return fake;
}
