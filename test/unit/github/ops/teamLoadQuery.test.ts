/**
 * Team review load and review requests against the fake GitHub over real HTTP: one GraphQL request
 * for the whole team (run against GitHub's schema), unknown logins, watched repos, and GitHub's
 * 422 in words. Issue 17, item 9: the team load counts review requests in the watched repositories
 * only, in the search itself (chunked so each query fits GitHub's limits), and counts what GitHub
 * counts (`issueCount`) rather than the length of a list that may be cut. Through the fake's
 * GraphQL.
 */
import assert from 'node:assert/strict';
import { addPull, demoScenario, startFakeGitHub, type FakeGitHub, requestReview } from '../../../fake-github';
import type { GitHubFailure } from '../../../../src/github/transport/failure';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { removeReviewRequest, requestReviewers, reviewAccess, reviewRequestFailure } from '../../../../src/github/ops/reviewRequests';
import { GitHubClient } from '../../../../src/github/client';
import { isTeamLoadList, loadCountsText, teamLoad } from '../../../../src/core/teamLoad';
import { readTeamLoad, teamLoadRequest, memberSearches, TEAM_PAGE_SIZE } from '../../../../src/github/ops/teamLoadQuery';
import { fullName, nextId, type Scenario } from '../../../fake-github/scenario';
import { MAX_QUERY_LENGTH } from '../../../fake-github/search';
import type { BusinessHours } from '../../../../src/core/businessHours';

const REPOS = ['acme/api', 'acme/web', 'acme/infra'];

describe('team load and review requests (fake GitHub)', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  const service = () => new GitHubClient(createOctokit({
    baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5,
  }), new URL(fake.url).host);

  beforeEach(async () => {
    const s = demoScenario(new Date());
    s.users.push({ login: 'outsider', id: 999, name: 'Not On The Team' });
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
  });
  afterEach(async () => { await fake.close(); });

  it('loads 8 members in one GraphQL request, with counts, and marks a misspelled login', async () => {
    const members = ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena', 'outsider', 'tomass'];
    fake.resetStats();
    const d = await service().teamLoad(members, REPOS);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['POST /graphql']);
    const by = Object.fromEntries(d.members.map((m) => [m.login, m]));
    assert.deepEqual(by['tomas']!.reviews!.map((r) => r.title).sort(), ['Extract billing client into its own package', 'Tighten CORS policy for admin routes']);
    assert.equal(by['mira']!.reviews!.length, 1);
    assert.equal(by['jun']!.reviews!.length, 0);
    assert.equal(by['tomass']!.exists, false);
    assert.equal(by['outsider']!.exists, true);
    const cors = by['tomas']!.reviews!.find((r) => r.title.startsWith('Tighten'))!;
    assert.ok(cors.requestedAt < Date.now() - 86_400_000, 'the wait begins at the request to tomas, from the timeline');
    assert.ok(d.rateLimit && d.rateLimit.cost <= 10, `cost ${d.rateLimit?.cost}`);
  });

  it('a failed search (which nulls the whole answer) is asked again without it: that member is "not loaded", the rest load', async () => {
    fake.inject('POST /graphql', { graphqlErrors: [{ path: 's1_0', message: 'Timeout on validation of query' }], times: 1 });
    fake.resetStats();
    const d = await service().teamLoad(['mira', 'tomas', 'nobody-here'], REPOS);
    assert.deepEqual(d.members.map((m) => [m.login, m.exists, m.reviews?.length ?? null]), [['mira', true, 1], ['tomas', true, null], ['nobody-here', false, 0]]);
    assert.equal(fake.requests.length, 2, 'one more request, only then');
    assert.ok(!String((fake.requests[1]!.body as { query: string }).query).includes('s1_0:'));
  });

  it('counts only the watched repositories', async () => {
    const d = await service().teamLoad(['tomas'], ['acme/web']);
    assert.deepEqual(d.members[0]!.reviews, []);
  });

  it('builds one variable per alias and no login in the query text', () => {
    const req = teamLoadRequest(['a-b', 'c'], ['acme/api', 'acme/web']);
    assert.match(req.query, /u1: user\(login: \$m1\)/);
    assert.equal(req.variables.q0_0, 'is:pr is:open archived:false user-review-requested:a-b sort:created-asc repo:acme/api repo:acme/web');
    assert.equal(teamLoadRequest(['a-b'], []).variables.q0_0, 'is:pr is:open archived:false user-review-requested:a-b sort:created-asc', 'no watched repo: every repo');
    assert.ok(!req.query.includes('a-b'));
  });

  it('reads a partial answer: a failed search is "not loaded", a failed user lookup is not called misspelled', () => {
    const req = teamLoadRequest(['ana', 'bo', 'cy'], []);
    const node = { __typename: 'PullRequest', number: 3, title: 'T', url: 'https://github.com/a/b/pull/3', createdAt: '2026-11-02T10:00:00Z', repository: { nameWithOwner: 'a/b' }, author: { login: 'x' },
      timelineItems: { nodes: [{ __typename: 'ReviewRequestedEvent', createdAt: '2026-11-03T10:00:00Z', requestedReviewer: { __typename: 'User', login: 'ANA' } }] } };
    const d = readTeamLoad(req, { u0: { login: 'ana' }, s0_0: { issueCount: 1, nodes: [node, node, { __typename: 'Issue' }, null] }, u1: null, s1_0: { issueCount: 0, nodes: [] }, u2: null, s2_0: null },
      [{ path: ['u1'], type: 'NOT_FOUND' }, { path: ['u2'], message: 'timeout' }, { path: ['s2_0'], message: 'timeout' }], 'github.com');
    assert.deepEqual(d.members.map((m) => [m.login, m.exists, m.reviews?.length ?? null]), [['ana', true, 1], ['bo', false, 0], ['cy', true, null]]);
    assert.equal(d.members[0]!.reviews![0]!.requestedAt, Date.parse('2026-11-03T10:00:00Z'), 'the member\'s own request, case-insensitively');
    assert.ok(isTeamLoadList(d.members));
    assert.ok(!isTeamLoadList([{ login: 'a', exists: true, reviews: [{ repo: 1 }] }]));
    assert.throws(() => readTeamLoad(req, null, [{ message: 'boom' }], 'github.com'));
    const noCount = readTeamLoad(req, { u0: { login: 'ana' }, s0_0: { nodes: [node] }, u1: { login: 'bo' }, s1_0: { issueCount: -1, nodes: [] }, u2: { login: 'cy' }, s2_0: { issueCount: 0, nodes: [] } }, [], 'github.com');
    assert.deepEqual(noCount.members.map((m) => m.reviews?.length ?? null), [null, null, 0], 'without a usable issueCount the list may be cut: not loaded');
  });

  it('requests and removes a reviewer with REST, and reads who is still requested', async () => {
    const s = service();
    const cors = fake.scenario.pulls.find((p) => p.title.startsWith('Tighten CORS'))!;
    const after = await requestReviewers(s, 'acme/api', cors.number, ['jun']);
    assert.deepEqual(after.users.sort(), ['jun', 'mira', 'tomas']);
    const removed = await removeReviewRequest(s, 'acme/api', cors.number, ['mira']);
    assert.deepEqual(removed.users.sort(), ['jun', 'tomas']);
    assert.deepEqual(fake.writes().map((w) => [w.method, w.path, w.body]), [
      ['POST', `/repos/acme/api/pulls/${cors.number}/requested_reviewers`, { reviewers: ['jun'] }],
      ['DELETE', `/repos/acme/api/pulls/${cors.number}/requested_reviewers`, { reviewers: ['mira'] }],
    ]);
  });

  it('turns the 422 for a non-collaborator into a clear message', async () => {
    const p = addPull(fake.scenario, { repo: 'acme/api', title: 'x', author: 'lead' });
    const e = await requestReviewers(service(), 'acme/api', p.number, ['outsider']).then(() => null, (x: unknown) => x as GitHubFailure);
    assert.equal(e?.status, 422);
    assert.equal(e?.message, 'outsider is not a collaborator on acme/api, so GitHub cannot ask them for a review');
    assert.equal(reviewRequestFailure(new Error('boom'), 'a/b', 'x').kind, 'server');
  });

  it('knows who has access to a repository, in one request', async () => {
    fake.resetStats();
    const access = await reviewAccess(service(), 'acme/api', ['mira', 'outsider', 'mir']);
    assert.deepEqual([...access.entries()], [['mira', true], ['outsider', false], ['mir', false]]);
    assert.equal(fake.requests.length, 1);
  });
});

const ALWAYS: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };
const NOW = Date.UTC(2026, 11, 7, 12);
const DAY = 86_400_000;

/** A repository like `acme/api`, under another name. */
function addRepo(s: Scenario, name: string): string {
  const [owner, repo] = name.split('/') as [string, string];
  s.repos.push({ ...structuredClone(s.repos[0]!), id: nextId(s), owner, name: repo });
  return name;
}

/** `count` open PRs in `repo` whose review is requested of `login`, the first `daysAgo` days old, one day apart. */
function requests(s: Scenario, repo: string, login: string, count: number, daysAgo: number): void {
  for (let i = 0; i < count; i++) {
    const at = new Date(NOW - (daysAgo - i / (count + 1)) * DAY);
    const pr = addPull(s, { repo, title: `${repo} change ${i}`, author: 'kwame' }, at);
    requestReview(s, pr, { user: login }, at);
  }
}

describe('team load: scoped to the watched repositories, never ranked by a cut count (fake GitHub)', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  const service = () => new GitHubClient(createOctokit({
    baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5,
  }), new URL(fake.url).host);
  const config = { slaHours: 24, businessHours: ALWAYS };

  afterEach(async () => { await fake?.close(); });

  it('a teammate with 65 requests elsewhere and 5 here counts 5, and is not listed as the lightest', async () => {
    const s = demoScenario(new Date(NOW));
    const elsewhere = addRepo(s, 'other-org/legacy');
    requests(s, elsewhere, 'sofia', 65, 60); // older: they filled the 50 oldest results
    requests(s, 'acme/api', 'sofia', 5, 5);
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    fake.resetStats();
    const d = await service().teamLoad(['mira', 'tomas', 'sofia'], REPOS);
    assert.equal(fake.requests.length, 1, 'one GraphQL request');
    const sofia = d.members.find((m) => m.login === 'sofia')!;
    assert.equal(sofia.reviews!.length, 5);
    assert.ok(sofia.reviews!.every((r) => r.repo === 'acme/api'));
    const ranked = teamLoad(d.members, NOW, config);
    assert.deepEqual(ranked.map((m) => [m.login, m.count]), [['mira', 1], ['tomas', 2], ['sofia', 5]]);
    assert.equal(loadCountsText(ranked[2]!).split(' · ')[0], '5 waiting');
    const queries = Object.values((fake.requests[0]!.body as { variables: Record<string, string> }).variables).filter((v) => v.includes('user-review-requested:'));
    assert.ok(queries.every((q) => REPOS.every((r) => q.includes(`repo:${r}`))), queries.join('\n'));
  });

  it('counts what GitHub counts when the list is cut: "60 waiting (50 listed)", and the count ranks, not the cut list', async () => {
    const s = demoScenario(new Date(NOW));
    requests(s, 'acme/web', 'elena', 60, 60);
    requests(s, 'acme/web', 'jun', 55, 3);
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    const d = await service().teamLoad(['elena', 'jun', 'mira'], REPOS);
    const ranked = teamLoad(d.members, NOW, config);
    assert.deepEqual(ranked.map((m) => [m.login, m.count, m.reviews.length, m.complete]), [
      ['mira', 1, 1, true], ['jun', 55, TEAM_PAGE_SIZE, false], ['elena', 60, TEAM_PAGE_SIZE, false],
    ]);
    assert.match(loadCountsText(ranked[2]!), /^60 waiting \(50 listed\) · 50\+ past SLA$/);
    assert.match(loadCountsText(ranked[1]!), /^55 waiting \(50 listed\) · \d+\+ past SLA$/);
  });

  it('with many watched repositories, asks one search per chunk of repos, each within GitHub\'s limits, and adds their counts', async () => {
    const s = demoScenario(new Date(NOW));
    const many = [...REPOS, ...Array.from({ length: 37 }, (_, i) => addRepo(s, `acme/service-with-a-long-name-${String(i).padStart(2, '0')}`))];
    requests(s, many[39]!, 'jun', 2, 4);
    requests(s, many[20]!, 'jun', 3, 4);
    requests(s, addRepo(s, 'acme/unwatched'), 'jun', 7, 9);
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    const searches = memberSearches('jun', many);
    assert.ok(searches.length >= 5, `${searches.length} chunks`);
    for (const q of searches) {
      assert.ok(q.length <= MAX_QUERY_LENGTH, `${q.length}: ${q}`);
      assert.ok(!/\b(AND|OR|NOT)\b/.test(q));
    }
    assert.deepEqual(searches.flatMap((q) => q.match(/repo:\S+/g) ?? []), many.map((r) => `repo:${r}`), 'every repo once');
    fake.resetStats();
    const d = await service().teamLoad(['jun', 'tomas'], many);
    assert.equal(fake.requests.length, 1, 'still one round trip');
    assert.deepEqual(d.members.map((m) => [m.login, m.total, m.reviews?.length]), [['jun', 5, 5], ['tomas', 2, 2]]);
    assert.ok(d.rateLimit && d.rateLimit.cost <= 20, `cost ${d.rateLimit?.cost}`);
    assert.equal(fullName(s.repos.at(-1)!), 'acme/unwatched');
  });
});
