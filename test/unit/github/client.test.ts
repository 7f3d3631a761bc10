/**
 * The GitHub client against the fake GitHub over real HTTP: conditional requests, budget,
 * failures; and the boundary: malformed elements are skipped with one log line, repeated search
 * results come once, delegated issues carry their due date, and a failing attempt is reported
 * before the retries.
 */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub, addIssue, iso, nextId } from '../../fake-github';
import { classifyFailure, GitHubFailure } from '../../../src/github/transport/failure';
import { createOctokit } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../src/github/client';
import { toLocalDate } from '../../../src/core/localDate';

describe('GitHub client', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let budget: RateBudget;
  let cache: MemoryResponseCache;
  const service = (timeoutMs = 5000) => {
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs, userAgent: 'lead-desk/test', cache, budget, retryBaseMs: 5 });
    return new GitHubClient(octokit, new URL(fake.url).host);
  };

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    budget = new RateBudget();
    cache = new MemoryResponseCache();
  });
  afterEach(() => fake.close());

  it('reads the budget from response headers', async () => {
    await service().collaborators('acme/api');
    const core = budget.get('core')!;
    assert.ok(core.limit > 0 && core.remaining <= core.limit);
    assert.ok(core.resetAt > Date.now() - 1000);
  });

  const failures: [string, Parameters<FakeGitHub['inject']>[1], string][] = [
    ['5xx after retries', { status: 503, body: { message: 'unavailable' } }, 'server'],
    ['malformed JSON', { malformed: true }, 'malformed'],
    ['null data', { nullFields: ['data'] }, 'malformed'],
    ['401', { status: 401, body: { message: 'Bad credentials' } }, 'unauthorized'],
    ['secondary limit', { secondaryLimit: true, retryAfter: 120 }, 'secondary-limit'],
    ['hang', { hang: true }, 'timeout'],
  ];
  for (const [name, fault, kind] of failures) {
    it(`classifies ${name} as ${kind}`, async () => {
      fake.inject('POST /graphql', fault);
      const started = Date.now();
      // A short deadline only where the deadline is the point: on a loaded machine a 1.5 s one
      // could end a malformed or 5xx answer's retries first and call it a timeout.
      const error = await service(kind === 'timeout' ? 1500 : 10_000).sidebar([]).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof GitHubFailure, `not a GitHubFailure: ${String(error)}`);
      assert.equal(error.kind, kind, error.message);
      assert.ok(Date.now() - started < 15_000, `fails fast (took ${Date.now() - started} ms)`);
    });
  }

  it('classifies an exhausted GraphQL budget (200 with RATE_LIMITED) with its reset time', async () => {
    fake.setRateLimitRemaining('graphql', 0);
    const error = await service().sidebar([]).then(() => undefined, (e: unknown) => e) as GitHubFailure;
    assert.equal(error.kind, 'rate-limited', error.message);
    assert.ok(error.retryAt && error.retryAt > Date.now());
    assert.match(error.describe(), /resets at/);
  });

  it('classifies a refused connection as offline', async () => {
    const s = service();
    await fake.close();
    const error = await s.collaborators('acme/api').then(() => undefined, (e: unknown) => e) as GitHubFailure;
    assert.equal(error.kind, 'offline');
    fake = await startFakeGitHub(demoScenario(new Date()));
  });

  it('maps unknown errors conservatively', () => {
    assert.equal(classifyFailure(new SyntaxError('Unexpected end of JSON input')).kind, 'malformed');
    assert.equal(classifyFailure(Object.assign(new Error('x'), { name: 'AbortError' })).kind, 'timeout');
  });

  describe('on GitHub Enterprise Server', () => {
    const ghes = async (omit?: string[]) => {
      await fake.close();
      fake = await startFakeGitHub(demoScenario(new Date()), omit ? { graphqlOmitFields: omit } : {});
      const urls: string[] = [];
      const octokit = createOctokit({
        baseUrl: `${fake.url}/api/v3`, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache, budget, retryBaseMs: 5,
        onResponse: (r) => urls.push(r.url),
      });
      return { s: new GitHubClient(octokit, new URL(fake.url).host), urls };
    };
    const warnings: string[] = [];
    let warn: typeof console.warn;
    beforeEach(() => { warnings.length = 0; warn = console.warn; console.warn = (m: string) => { warnings.push(String(m)); }; });
    afterEach(() => { console.warn = warn; });

    it('posts GraphQL to /api/graphql beside /api/v3', async () => {
      const { s, urls } = await ghes();
      const { reviews } = await s.sidebar(['acme/api', 'acme/web', 'acme/infra']);
      assert.equal(reviews.length, 8);
      assert.deepEqual(urls, [`POST ${fake.url}/api/graphql`]);
    });

    it('drops a field an older release lacks (one log line), keeps the rest, and remembers it for the session', async () => {
      const { s, urls } = await ghes(['Commit.statusCheckRollup', 'PullRequest.isDraft']);
      const first = await s.sidebar(['acme/api', 'acme/web', 'acme/infra']);
      assert.equal(first.reviews.length, 8);
      const react = first.reviews.find((r) => r.title.startsWith('Migrate settings page'))!;
      assert.deepEqual([react.additions, react.deletions, react.team], [880, 610, 'platform'], 'the other fields still come');
      assert.ok(first.reviews.every((r) => r.ci === 'none'), 'no CI state where the server has none');
      assert.deepEqual(fake.requests.map((r) => r.status), [200, 200], 'refused once, then answered');
      assert.deepEqual([...s.droppedFields].sort(), ['Commit.statusCheckRollup', 'PullRequest.isDraft']);
      const logged = warnings.filter((w) => /has no /.test(w));
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /Commit\.statusCheckRollup/);
      assert.match(logged[0]!, /PullRequest\.isDraft/);
      const second = await s.sidebar(['acme/api', 'acme/web', 'acme/infra']);
      assert.equal(second.reviews.length, 8);
      assert.equal(fake.requests.length, 3, 'the second refresh asks without the fields at once');
      assert.equal(warnings.filter((w) => /has no /.test(w)).length, 1);
      assert.ok(urls.every((u) => u === `POST ${fake.url}/api/graphql`));
      const me = await s.me();
      assert.equal(me, 'lead');
    });

    it('still fails on other GraphQL errors (no loop)', async () => {
      const { s } = await ghes();
      await assert.rejects(s.graphql('{ viewer { nope } }'), (e: { name?: string }) => e.name === 'GraphqlResponseError');
      assert.equal(fake.requests.length, 1, 'dropping nope would leave viewer empty: no second try');
    });
  });
});

const DAY = 86_400_000;
const REPOS = ['acme/api', 'acme/web', 'acme/infra'];

describe('GitHub boundary', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let warnings: string[];
  const originalWarn = console.warn;
  const service = (retryBaseMs = 5) => new GitHubClient(createOctokit({
    baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs,
  }), new URL(fake.url).host);

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    warnings = [];
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
  });
  afterEach(async () => {
    console.warn = originalWarn;
    await fake.close();
  });

  it('a failed review in the answer costs that review, not the others, and is named (after the retries)', async () => {
    // "Something went wrong" is retried twice by the retry plugin; it persists here.
    fake.inject('POST /graphql', { graphqlErrors: [{ path: 'reviews.nodes.1' }], times: 3 });
    const d = await service().sidebar(REPOS);
    assert.equal(d.reviews.length, 7);
    assert.equal(d.delegatedIssues.length, 4);
    assert.deepEqual(d.missing, ['1 of the pending reviews']);
    assert.deepEqual(d.failedLists, []);
    assert.equal(warnings.filter((w) => /sidebar query: GitHub answered with 1 error/.test(w)).length, 1, warnings.join('\n'));
  });

  it('a failed list keeps the rest of the answer and is named', async () => {
    fake.inject('POST /graphql', { graphqlErrors: [{ path: 'delegated.nodes', type: 'FORBIDDEN', message: 'Resource not accessible by integration' }], times: 1 });
    const d = await service().sidebar(REPOS);
    assert.equal(d.reviews.length, 8);
    assert.deepEqual(d.missing, ['delegated issues']);
    assert.deepEqual(d.failedLists, ['delegated']);
  });

  it('skips malformed and repeated items and keeps each repo and number once', async () => {
    fake.inject('POST /graphql', {
      transform: (body) => {
        const b = body as { data: { reviews: { nodes: Record<string, unknown>[] } } };
        const nodes = b.data.reviews.nodes;
        const shouted = { ...nodes[0], repository: { nameWithOwner: String((nodes[0]!.repository as { nameWithOwner: string }).nameWithOwner).toUpperCase() } };
        b.data.reviews.nodes = [...nodes, ...nodes, shouted, { __typename: 'PullRequest', number: 'seven' }, { __typename: 'PullRequest', number: 3, repository: null }];
        return b;
      },
    });
    const { reviews } = await service().sidebar(REPOS);
    assert.equal(reviews.length, 8);
    const keys = reviews.map((r) => `${r.repo.toLowerCase()}#${r.number}`);
    assert.deepEqual(keys, [...new Set(keys)], 'no repo#number twice');
    assert.ok(warnings.some((w) => /pending reviews from GitHub: skipped 2 malformed/.test(w)), warnings.join('\n'));
  });

  it('gives delegated issues the due date of a Due: line, else of their milestone', async () => {
    const now = Date.now();
    const yesterday = toLocalDate(now - DAY);
    const today = toLocalDate(now);
    fake.scenario.milestones.push({
      id: nextId(fake.scenario), repo: 'acme/web', number: 9, title: 'Past due', description: null, state: 'open', creator: 'lead',
      dueOn: iso(new Date(now - 3 * DAY)), createdAt: iso(new Date(now - 30 * DAY)), updatedAt: iso(new Date(now - DAY)), closedAt: null,
    });
    const body = addIssue(fake.scenario, { repo: 'acme/api', title: 'Ship the audit log', author: 'lead', assignees: ['jun'], body: `Context.\n\n**Due:** ${yesterday}\n` });
    const wins = addIssue(fake.scenario, { repo: 'acme/api', title: 'Body beats milestone', author: 'lead', assignees: ['mira'], milestone: 3, body: `Due: ${today}` });
    const fromMilestone = addIssue(fake.scenario, { repo: 'acme/web', title: 'Milestone only', author: 'lead', assignees: ['sofia'], milestone: 9, body: 'No date in here.' });
    const issues = (await service().sidebar(REPOS)).delegatedIssues;
    const of = (n: number, repo: string) => issues.find((i) => i.number === n && i.repo === repo)!;
    assert.deepEqual([of(body.number, 'acme/api').due, of(body.number, 'acme/api').dueSource], [yesterday, 'body']);
    assert.deepEqual([of(wins.number, 'acme/api').due, of(wins.number, 'acme/api').dueSource], [today, 'body']);
    assert.deepEqual([of(fromMilestone.number, 'acme/web').due, of(fromMilestone.number, 'acme/web').milestone], [new Date(now - 3 * DAY).toISOString().slice(0, 10), 'Past due']);
    const dated = issues.filter((i) => i.due !== null);
    // The demo's four delegated issues sit in milestones due in 3, 3, 20 and 45 days.
    assert.equal(dated.length, 7, issues.map((i) => `${i.title}: ${i.due}`).join('\n'));
  });

  it('reports a failing attempt at once, before the retries, and only GitHub-side failures', async () => {
    fake.inject('POST /graphql', { status: 502, body: { message: 'Bad Gateway' }, times: 1 });
    const s = service(1000);
    const seen: { kind: string; at: number }[] = [];
    const started = Date.now();
    const stop = s.onAttemptFailed((f: GitHubFailure) => seen.push({ kind: f.kind, at: Date.now() - started }));
    const d = await s.sidebar(REPOS);
    const took = Date.now() - started;
    assert.equal(d.reviews.length, 8, 'the retry succeeded');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.kind, 'server');
    assert.ok(took - seen[0]!.at >= 900, `reported at ${seen[0]!.at} ms, answered at ${took} ms`);
    fake.inject('GET /repos/{owner}/{repo}/collaborators', { status: 403, body: { message: 'Resource not accessible by integration' }, times: 1 });
    await assert.rejects(s.collaborators('acme/api'));
    assert.equal(seen.length, 1, 'a 403 about this request is not GitHub failing');
    stop();
    fake.inject('POST /graphql', { status: 503, times: 1 });
    await s.sidebar(REPOS);
    assert.equal(seen.length, 1, 'no call after unsubscribing');
  });
});
