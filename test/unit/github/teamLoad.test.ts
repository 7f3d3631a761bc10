/**
 * Team review load and review requests against the fake GitHub over real HTTP: one GraphQL
 * request for the whole team (run against GitHub's schema), unknown logins, watched repos, and
 * GitHub's 422 in words.
 */
import assert from 'node:assert/strict';
import { addPull, demoScenario, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import type { GitHubFailure } from '../../../src/github/transport/failure';
import { createOctokit } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { removeReviewRequest, requestReviewers, reviewAccess, reviewRequestFailure } from '../../../src/github/ops/reviewRequests';
import { GitHubClient } from '../../../src/github/client';
import { isTeamLoadList } from '../../../src/core/teamLoad';
import { readTeamLoad, teamLoadRequest } from '../../../src/github/ops/teamLoadQuery';

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
