/** The GitHub client against the fake GitHub over real HTTP: conditional requests, budget, failures. */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import { classifyFailure, GitHubFailure } from '../../../src/github/failure';
import { createOctokit } from '../../../src/github/octokit';
import { RateBudget } from '../../../src/github/rateBudget';
import { MemoryResponseCache } from '../../../src/github/responseCache';
import { GitHubService } from '../../../src/github/service';

describe('GitHub client', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let budget: RateBudget;
  let cache: MemoryResponseCache;
  const service = (timeoutMs = 5000) => {
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs, userAgent: 'lead-desk/test', cache, budget, retryBaseMs: 5 });
    return new GitHubService(octokit, new URL(fake.url).host);
  };

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    budget = new RateBudget();
    cache = new MemoryResponseCache();
  });
  afterEach(() => fake.close());

  it('lists pending reviews with details, oldest request first', async () => {
    const { reviews } = await service().pendingReviews();
    assert.equal(reviews.length, 8);
    const react = reviews.find((r) => r.title.startsWith('Migrate settings page'))!;
    assert.equal(react.direct, false);
    assert.equal(react.team, 'platform');
    assert.deepEqual([react.additions, react.deletions], [880, 610]);
    assert.ok(react.requestedAt > react.createdAt, 'requested time comes from the timeline');
    assert.equal(reviews.find((r) => r.title.startsWith('Terraform'))!.ci, 'failure');
  });

  it('a repeated refresh is answered 304 from stored validators and costs only its searches', async () => {
    const s = service();
    await s.pendingReviews();
    await s.delegatedIssues(['acme/api', 'acme/web', 'acme/infra']);
    fake.resetStats();
    await s.pendingReviews();
    await s.delegatedIssues(['acme/api', 'acme/web', 'acme/infra']);
    const stats = fake.stats();
    assert.ok(stats.notModified > 0);
    assert.equal(stats.costByResource.core ?? 0, 0, JSON.stringify(stats));
  });

  it('reads the budget from response headers', async () => {
    await service().me();
    const core = budget.get('core')!;
    assert.ok(core.limit > 0 && core.remaining <= core.limit);
    assert.ok(core.resetAt > Date.now() - 1000);
  });

  const failures: [string, Parameters<FakeGitHub['inject']>[1], string][] = [
    ['5xx after retries', { status: 503, body: { message: 'unavailable' } }, 'server'],
    ['malformed JSON', { malformed: true }, 'malformed'],
    ['null items', { nullFields: ['items'] }, 'malformed'],
    ['401', { status: 401, body: { message: 'Bad credentials' } }, 'unauthorized'],
    ['secondary limit', { secondaryLimit: true, retryAfter: 120 }, 'secondary-limit'],
    ['hang', { hang: true }, 'timeout'],
  ];
  for (const [name, fault, kind] of failures) {
    it(`classifies ${name} as ${kind}`, async () => {
      fake.inject('GET /search/issues', fault);
      const started = Date.now();
      const error = await service(1500).pendingReviews().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof GitHubFailure, `not a GitHubFailure: ${String(error)}`);
      assert.equal(error.kind, kind, error.message);
      assert.ok(Date.now() - started < 15_000, `fails fast (took ${Date.now() - started} ms)`);
    });
  }

  it('classifies an exhausted primary limit with its reset time', async () => {
    fake.setRateLimitRemaining('search', 0);
    const error = await service().pendingReviews().then(() => undefined, (e: unknown) => e) as GitHubFailure;
    assert.equal(error.kind, 'rate-limited');
    assert.ok(error.retryAt && error.retryAt > Date.now());
    assert.match(error.describe(), /resets at/);
  });

  it('classifies a refused connection as offline', async () => {
    const s = service();
    await fake.close();
    const error = await s.me().then(() => undefined, (e: unknown) => e) as GitHubFailure;
    assert.equal(error.kind, 'offline');
    fake = await startFakeGitHub(demoScenario(new Date()));
  });

  it('maps unknown errors conservatively', () => {
    assert.equal(classifyFailure(new SyntaxError('Unexpected end of JSON input')).kind, 'malformed');
    assert.equal(classifyFailure(Object.assign(new Error('x'), { name: 'AbortError' })).kind, 'timeout');
  });

  it('sets and clears the user status through GraphQL', async () => {
    const s = service();
    await s.setUserStatus({ message: 'Heads-down coding until 11:30', emoji: ':technologist:', busy: true, expiresAt: new Date(Date.now() + 3600_000) });
    assert.equal(fake.scenario.userStatus?.message, 'Heads-down coding until 11:30');
    assert.equal(fake.scenario.userStatus?.indicatesLimitedAvailability, true);
    await s.setUserStatus(null);
    assert.equal(fake.scenario.userStatus, null);
  });
});
