/**
 * `reviewAccess` against the fake's GraphQL: `assignableUsers(query:)` matches prefixes (and, in
 * the fake, any part of a login), so `bob` finds `bobby`, `bob-smith`… before `bob`. The exact
 * login decides, however far down the list it is.
 */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { reviewAccess } from '../../../../src/github/ops/reviewRequests';
import { GitHubClient } from '../../../../src/github/client';

describe('review access matches the exact login', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  const service = () => new GitHubClient(createOctokit({
    baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5,
  }), new URL(fake.url).host);
  /** `count` collaborators of acme/api whose logins start with `bob`, listed before `bob` himself. */
  const crowdBefore = (count: number) => {
    const s = fake.scenario;
    const api = s.repos.find((r) => `${r.owner}/${r.name}` === 'acme/api')!;
    const logins = ['bobby', 'bob-smith', ...Array.from({ length: count - 2 }, (_, i) => `bob-${i}`), 'bob'];
    logins.forEach((login, i) => s.users.push({ login, id: 5000 + i, name: null }));
    api.collaborators.unshift(...logins.slice(0, -1).map((login) => ({ login, permission: 'write' as const })));
    api.collaborators.push({ login: 'bob', permission: 'write' });
  };
  const variablesOf = (i: number) => (fake.requests.filter((r) => r.resource === 'graphql')[i]?.body as { variables: Record<string, unknown> }).variables;

  beforeEach(async () => { fake = await startFakeGitHub(demoScenario(new Date()), { eagerGraphQL: true }); });
  afterEach(() => fake.close());

  it('finds bob behind 30 logins that start with bob, in one request; a prefix alone is no access', async () => {
    crowdBefore(30);
    fake.resetStats();
    const access = await reviewAccess(service(), 'acme/api', ['bob', 'bo', 'mira', 'Outsider']);
    assert.deepEqual(Object.fromEntries(access), { bob: true, bo: false, mira: true, outsider: false });
    assert.equal(fake.requests.length, 1);
  });

  it('pages from the cursor of only the member still unsettled when more than a page matches', async () => {
    crowdBefore(150);
    fake.resetStats();
    const access = await reviewAccess(service(), 'acme/api', ['mira', 'bob']);
    assert.equal(access.get('bob'), true);
    assert.equal(access.get('mira'), true);
    assert.equal(fake.requests.length, 2);
    const second = variablesOf(1);
    assert.equal(second.m0, 'bob');
    assert.equal(second.m1, undefined, 'mira was settled by the first page');
    assert.equal(typeof second.c0, 'string');
  });
});
