/*
 * GitHub requests per refresh, in plain Node: the real client (createOctokit + GitHubService with
 * a MemoryResponseCache and a RateBudget, exactly as GitHubConnection builds them) against the fake
 * GitHub serving `bigScenario({ repos: N, pulls: 500 })`, for N = 1, 10, 50.
 *
 * For each N: a first full refresh (the three calls WorkModel makes, concurrently), then a second
 * one with nothing changed. Counted from the fake's own log: requests, 304s, rate-limit cost by
 * resource, and the searches alone (the tree's first level: group counts and the review list).
 * Goal: the second refresh costs 0 primary points beyond the searches.
 * The throttling plugin spaces searches 2 s apart as GitHub asks, so each refresh takes ~20 s.
 *
 *   node dist/bench/github-requests.js [repos=1,10,50] [pulls=500]
 * Prints one JSON line (prefixed `BENCH-JSON `), then a table.
 */
import { performance } from 'node:perf_hooks';
import { createOctokit } from '../src/github/octokit';
import { RateBudget } from '../src/github/rateBudget';
import { MemoryResponseCache } from '../src/github/responseCache';
import { GitHubService } from '../src/github/service';
import { bigScenario, startFakeGitHub, type FakeGitHub } from '../test/fake-github';

const REPO_COUNTS = (process.argv[2] ?? '1,10,50').split(',').map(Number).filter((n) => n > 0);
const PULLS = Number(process.argv[3] ?? 500);

interface RefreshFigures {
  readonly requests: number;
  readonly notModified: number;
  readonly cost: { readonly core: number; readonly search: number; readonly graphql: number; readonly total: number };
  /** Requests to /search/issues: all the tree's first level needs. */
  readonly searchRequests: number;
  readonly searchNotModified: number;
  /** Primary-limit points spent on anything but search. */
  readonly primaryCostBeyondSearches: number;
  readonly byRoute: Record<string, number>;
  /** Wall time of the refresh, and until the last search was answered. */
  readonly ms: number;
  readonly searchesDoneMs: number;
  readonly reviews: number;
  readonly reviewsTotal: number;
  readonly delegatedIssues: number;
  readonly ownPullRequests: number;
}

function figures(fake: FakeGitHub, ms: number, searchesDoneMs: number, result: { reviews: number; reviewsTotal: number; delegatedIssues: number; ownPullRequests: number }): RefreshFigures {
  const s = fake.stats();
  const searches = fake.requests.filter((r) => r.route === '/search/issues');
  const byRoute: Record<string, number> = {};
  for (const r of fake.requests) {
    const key = `${r.method} ${r.route ?? r.path}`;
    byRoute[key] = (byRoute[key] ?? 0) + 1;
  }
  return {
    requests: s.requests,
    notModified: s.notModified,
    cost: { ...s.costByResource, total: s.rateLimitCost },
    searchRequests: searches.length,
    searchNotModified: searches.filter((r) => r.status === 304).length,
    primaryCostBeyondSearches: s.rateLimitCost - s.costByResource.search,
    byRoute,
    ms: Math.round(ms),
    searchesDoneMs: Math.round(searchesDoneMs),
    ...result,
  };
}

async function measure(repos: number): Promise<{ repos: number; pulls: number; first: RefreshFigures; second: RefreshFigures }> {
  const fake = await startFakeGitHub(bigScenario({ repos, pulls: PULLS }));
  try {
    const watched = fake.scenario.repos.map((r) => `${r.owner}/${r.name}`);
    let lastSearchAt = 0;
    const octokit = createOctokit({
      baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench',
      cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20,
      onResponse: (r) => { if (r.url.includes('/search/issues')) lastSearchAt = performance.now(); },
    });
    const service = new GitHubService(octokit, new URL(fake.url).host);
    const refresh = async (): Promise<RefreshFigures> => {
      fake.resetStats();
      const started = performance.now();
      lastSearchAt = started;
      const [pending, delegated, own] = await Promise.all([service.pendingReviews(), service.delegatedIssues(watched), service.myOpenPullRequests()]);
      const ms = performance.now() - started;
      return figures(fake, ms, lastSearchAt - started, {
        reviews: pending.reviews.length, reviewsTotal: pending.total, delegatedIssues: delegated.length, ownPullRequests: own.length,
      });
    };
    const first = await refresh();
    const second = await refresh();
    return { repos, pulls: PULLS, first, second };
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const n of REPO_COUNTS) {
    process.stderr.write(`github-requests: ${n} repo(s), ${PULLS} PRs…\n`);
    results.push(await measure(n));
  }
  const pass = results.every((r) => r.second.primaryCostBeyondSearches === 0);
  console.log(`BENCH-JSON ${JSON.stringify({ bench: 'github-requests', results, goal: 'second refresh: 0 primary cost beyond searches', pass })}`);
  console.log('\nrepos  refresh  requests  304s  cost core  cost search  searches (first level)  cost beyond searches  time (searches done)');
  for (const r of results) {
    for (const [name, f] of [['first', r.first], ['second', r.second]] as const) {
      console.log([String(r.repos).padStart(5), name.padStart(7), String(f.requests).padStart(8), String(f.notModified).padStart(5),
        String(f.cost.core).padStart(9), String(f.cost.search).padStart(11), String(f.searchRequests).padStart(22),
        String(f.primaryCostBeyondSearches).padStart(20), `${(f.ms / 1000).toFixed(1)} s (${(f.searchesDoneMs / 1000).toFixed(1)} s)`.padStart(20)].join('  '));
    }
  }
  console.log(`\nsecond refresh costs nothing beyond searches: ${pass ? 'met' : 'MISSED'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
