/*
 * GitHub requests for the review turnaround (issue 20, item 4), in plain Node against the fake
 * GitHub: 8 teammates opening 3 PRs a week each over 8 weeks in 10 repositories, asking each other
 * (and an AI reviewer) for reviews. Measures the daily read (`loadTurnaroundHistories`, through
 * `ReviewTurnaroundSource` and the store), then an ordinary sidebar refresh that shows the
 * turnaround again the same day.
 * Goals: the daily read ≤ 3 requests and ≤ 30 points; an ordinary refresh asks 0 for it.
 *
 *   node dist/bench/turnaround.js
 * Prints one JSON line (prefixed `BENCH-JSON `), then a summary.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOctokit } from '../src/github/transport/octokit';
import { RateBudget } from '../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../src/github/transport/responseCache';
import { GitHubClient } from '../src/github/client';
import { loadTurnaroundHistories } from '../src/github/api';
import { TurnaroundStore } from '../src/store/turnaroundStore';
import { ReviewTurnaroundSource } from '../src/turnaround/reviewTurnaroundSource';
import { addTurnaroundHistories, bigScenario, startFakeGitHub } from '../test/fake-github';

const MEMBERS = 8;
const REPOS = 10;
const WEEKS = 8;
const HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

async function main(): Promise<void> {
  const now = Date.now();
  const scenario = bigScenario({ repos: REPOS, pulls: 100, now: new Date(now) });
  const members = Array.from({ length: MEMBERS }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);
  const watched = scenario.repos.map((r) => `${r.owner}/${r.name}`);
  const made = addTurnaroundHistories(scenario, { now: new Date(now), repos: watched, members, weeks: WEEKS });
  const fake = await startFakeGitHub(scenario, { eagerGraphQL: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-turnaround-'));
  try {
    const service = new GitHubClient(createOctokit({
      baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20,
    }), new URL(fake.url).host);
    const scope = { origin: fake.url, account: 'lead', repos: watched };
    const store = await TurnaroundStore.open(dir);
    const source = new ReviewTurnaroundSource(store, (repos, since, at) => loadTurnaroundHistories(service, repos, since, at), () => now);
    await service.sidebar(watched); // warm-up (the schema, the connection)
    fake.resetStats();

    let started = performance.now();
    const daily = await source.turnaround(scope, members, HOURS);
    const dailyMs = performance.now() - started;
    const dailyRequests = fake.requests.length;
    const points = fake.requests.reduce((a, r) => a + r.cost, 0);
    const storedKb = Math.round(fs.statSync(store.path).size / 102.4) / 10;

    fake.resetStats();
    await service.sidebar(watched);
    const sidebarOnly = fake.requests.length;
    fake.resetStats();
    started = performance.now();
    await service.sidebar(watched);
    const again = await source.turnaround(scope, members, HOURS);
    const refreshMs = performance.now() - started;
    const refreshRequests = fake.requests.length;
    const turnaroundOnRefresh = refreshRequests - sidebarOnly;
    started = performance.now();
    await source.turnaround(scope, members, HOURS);
    const fromStoreMs = performance.now() - started;

    const team = daily?.turnaround.team.current;
    const pass = daily !== null && daily.complete && dailyRequests <= 3 && points <= 30 && turnaroundOnRefresh === 0 && again !== null;
    console.log(`BENCH-JSON ${JSON.stringify({
      bench: 'turnaround', members: MEMBERS, repos: REPOS, weeks: WEEKS, pulls: made.pulls,
      dailyRequests, points, complete: daily?.complete ?? false, dailyMs: Math.round(dailyMs), storedKb,
      sidebarOnlyRequests: sidebarOnly, refreshRequests, turnaroundOnRefresh, refreshMs: Math.round(refreshMs), fromStoreMs: Math.round(fromStoreMs * 10) / 10,
      teamReviewed: team?.reviewed ?? 0, teamMedianHours: team?.medianMs == null ? null : Math.round(team.medianMs / 360_000) / 10,
      goal: '≤ 3 requests and ≤ 30 points once a day; 0 on an ordinary refresh', pass,
    })}`);
    console.log(`turnaround, ${MEMBERS} teammates, ${WEEKS} weeks, ${REPOS} repos (${made.pulls} PRs): daily read ${dailyRequests} request(s), ${points} points, ${Math.round(dailyMs)} ms; stored ${storedKb} KB`);
    console.log(`ordinary refresh: ${refreshRequests} request(s) (sidebar alone ${sidebarOnly}) → ${turnaroundOnRefresh} for the turnaround; from the store ${fromStoreMs.toFixed(1)} ms`);
    console.log(`goals: ${pass ? 'met' : 'MISSED'}`);
    if (!pass) process.exitCode = 1;
    store.dispose();
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
