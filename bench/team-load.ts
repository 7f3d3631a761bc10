/*
 * GitHub requests for the team's review load (GitHubService.teamLoad: one aliased GraphQL query
 * for every member of `leadDesk.team.members`), and for a sidebar refresh with it, in plain Node
 * against the fake GitHub: `bigScenario({ repos: 10, pulls: 100 })` with each PR also requested
 * of one of 8 teammates (plus a ninth login that is no GitHub user, to show it costs nothing more).
 * Goals: 1 request for the team load of 8 members; a refresh with it = the sidebar's + 1.
 *
 *   node dist/bench/team-load.js
 * Prints one JSON line (prefixed `BENCH-JSON `), then a summary.
 */
import { performance } from 'node:perf_hooks';
import { createOctokit } from '../src/github/transport/octokit';
import { RateBudget } from '../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../src/github/transport/responseCache';
import { GitHubClient } from '../src/github/client';
import { bigScenario, requestReview, startFakeGitHub } from '../test/fake-github';

const MEMBERS = 8;

async function main(): Promise<void> {
  const scenario = bigScenario({ repos: 10, pulls: 100 });
  const members = Array.from({ length: MEMBERS }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);
  scenario.pulls.forEach((p, i) => {
    const who = members[i % MEMBERS]!;
    if (p.author !== who) requestReview(scenario, p, { user: who }, new Date(Date.parse(p.createdAt) + 60_000));
  });
  const fake = await startFakeGitHub(scenario, { eagerGraphQL: true });
  try {
    const watched = fake.scenario.repos.map((r) => `${r.owner}/${r.name}`);
    const service = new GitHubClient(createOctokit({
      baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20,
    }), new URL(fake.url).host);
    await service.teamLoad(members, watched); // warm-up
    fake.resetStats();
    let started = performance.now();
    const load = await service.teamLoad(members, watched);
    const ms = performance.now() - started;
    const teamRequests = fake.requests.length;
    const points = fake.requests.reduce((a, r) => a + r.cost, 0);
    const waiting = load.members.reduce((n, m) => n + (m.reviews?.length ?? 0), 0);
    fake.resetStats();
    await service.teamLoad([...members, 'no-such-user-x'], watched);
    const withUnknown = fake.requests.length;
    fake.resetStats();
    await service.sidebar(watched);
    const sidebarOnly = fake.requests.length;
    fake.resetStats();
    started = performance.now();
    await service.sidebar(watched);
    await service.teamLoad(members, watched);
    const refreshMs = performance.now() - started;
    const withTeam = fake.requests.length;
    const pass = teamRequests === 1 && withUnknown === 1 && withTeam <= sidebarOnly + 1;
    console.log(`BENCH-JSON ${JSON.stringify({
      bench: 'team-load', members: MEMBERS, teamRequests, points, waiting, ms: Math.round(ms), withUnknownMemberRequests: withUnknown,
      sidebarOnlyRequests: sidebarOnly, refreshWithTeamRequests: withTeam, refreshMs: Math.round(refreshMs), goal: '1 request for 8 members; refresh ≤ sidebar + 1', pass,
    })}`);
    console.log(`team load, ${MEMBERS} members: ${teamRequests} request (${points} points, ${waiting} reviews waiting, ${Math.round(ms)} ms); with a misspelled ninth: ${withUnknown}`);
    console.log(`refresh, 100 reviews: sidebar alone ${sidebarOnly} request(s); with the team load ${withTeam} (${Math.round(refreshMs)} ms)`);
    console.log(`goals: ${pass ? 'met' : 'MISSED'}`);
    if (!pass) process.exitCode = 1;
  } finally {
    await fake.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
