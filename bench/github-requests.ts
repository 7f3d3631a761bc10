/*
 * GitHub requests, GraphQL points and time per full sidebar refresh, in plain Node: the real
 * client (createOctokit + GitHubClient.sidebar, exactly as GitHubConnection builds them) against
 * the fake GitHub serving `bigScenario({ repos: R, pulls: N })` — N reviews waiting on the lead
 * (half through a team) over R repos — for N = 25, 100, 500 and R = 1, 10, 50.
 *
 * Each case runs one refresh with the fake answering at once (requests, REST and GraphQL, points
 * from the fake's own GitHub cost computation), and one with every request delayed 100 ms by the
 * fake (refresh → data ready for the tree: the time the tree waits for; building the tree itself
 * is the in-host "Tree build" benchmark).
 * Goals: 1 request up to 100 per list, at most ⌈N/100⌉ + 2 beyond; ≤ 10 points at 100 reviews;
 * ≤ 1.5 s at 100 and ≤ 3 s at 500 with the 100 ms delay.
 *
 *   node dist/bench/github-requests.js [repos=1,10,50] [reviews=25,100,500]
 * Prints one JSON line (prefixed `BENCH-JSON `), then a table.
 */
import { performance } from 'node:perf_hooks';
import { createOctokit } from '../src/github/transport/octokit';
import { RateBudget } from '../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../src/github/transport/responseCache';
import { GitHubClient } from '../src/github/client';
import { bigScenario, startFakeGitHub } from '../test/fake-github';

const REPO_COUNTS = (process.argv[2] ?? '1,10,50').split(',').map(Number).filter((n) => n > 0);
const REVIEW_COUNTS = (process.argv[3] ?? '25,100,500').split(',').map(Number).filter((n) => n > 0);
const DELAY_MS = 100;

export interface RefreshCase {
  readonly repos: number;
  readonly reviews: number;
  readonly requests: number;
  readonly graphqlRequests: number;
  readonly restRequests: number;
  readonly points: number;
  readonly reviewsLoaded: number;
  /** Refresh → data ready, no delay / with every request delayed 100 ms. */
  readonly ms: number;
  readonly delayedMs: number;
  readonly requestGoal: number;
  readonly pass: boolean;
}

async function measure(repos: number, reviews: number): Promise<RefreshCase> {
  const fake = await startFakeGitHub(bigScenario({ repos, pulls: reviews }), { eagerGraphQL: true });
  try {
    const watched = fake.scenario.repos.map((r) => `${r.owner}/${r.name}`);
    const service = new GitHubClient(createOctokit({
      baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench',
      cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20,
    }), new URL(fake.url).host);
    await service.sidebar(watched); // warm-up: JIT, connection
    fake.resetStats();
    let started = performance.now();
    const data = await service.sidebar(watched);
    const ms = performance.now() - started;
    const log = [...fake.requests];
    fake.resetStats();
    fake.inject('*', { delayMs: DELAY_MS });
    started = performance.now();
    await service.sidebar(watched);
    const delayedMs = performance.now() - started;
    const graphql = log.filter((r) => r.resource === 'graphql');
    const requestGoal = reviews <= 100 ? 1 : Math.ceil(reviews / 100) + 2;
    const points = graphql.reduce((a, r) => a + r.cost, 0);
    const timeGoal = reviews <= 100 ? 1500 : 3000;
    return {
      repos, reviews, requests: log.length, graphqlRequests: graphql.length, restRequests: log.length - graphql.length, points,
      reviewsLoaded: data.reviews.length, ms: Math.round(ms), delayedMs: Math.round(delayedMs), requestGoal,
      pass: log.length <= requestGoal && (reviews !== 100 || points <= 10) && delayedMs <= timeGoal && data.reviews.length === reviews,
    };
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const results: RefreshCase[] = [];
  for (const repos of REPO_COUNTS) {
    for (const reviews of REVIEW_COUNTS) {
      process.stderr.write(`github-requests: ${reviews} reviews over ${repos} repo(s)…\n`);
      results.push(await measure(repos, reviews));
    }
  }
  const pass = results.every((r) => r.pass);
  console.log(`BENCH-JSON ${JSON.stringify({ bench: 'github-requests', delayMs: DELAY_MS, results, goal: '1 request ≤ 100 per list, ≤ ⌈n/100⌉+2 beyond; ≤ 10 points at 100; ≤ 1.5 s at 100 and ≤ 3 s at 500 with 100 ms per request', pass })}`);
  console.log('\nrepos  reviews  requests (goal)  GraphQL  REST  points  loaded  time  time at 100 ms/request');
  for (const r of results) {
    console.log([String(r.repos).padStart(5), String(r.reviews).padStart(7), `${r.requests} (≤ ${r.requestGoal})`.padStart(15), String(r.graphqlRequests).padStart(7),
      String(r.restRequests).padStart(4), String(r.points).padStart(6), String(r.reviewsLoaded).padStart(6), `${r.ms} ms`.padStart(7), `${r.delayedMs} ms`.padStart(10)].join('  '));
  }
  console.log(`\ngoals: ${pass ? 'met' : 'MISSED'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
