/**
 * The GitHub boundary against the fake GitHub over real HTTP: malformed elements are skipped with
 * one log line, repeated search results come once, delegated issues carry their due date, and
 * a failing attempt is reported before the retries.
 */
import assert from 'node:assert/strict';
import { addIssue, demoScenario, iso, nextId, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import { toLocalDate } from '../../../src/core/localDate';
import type { GitHubFailure } from '../../../src/github/transport/failure';
import { createOctokit } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../src/github/client';

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

  it('writes the Due: line into an issue description, keeping the rest, once', async () => {
    const target = fake.scenario.issues.find((i) => i.title === 'Decide on a feature-flag vendor')!;
    const s = service();
    assert.equal(await s.writeDueLine(target.repo, target.number, '2026-12-04'), true);
    assert.equal(target.body, 'Decide on a feature-flag vendor.\n\nDue: 2026-12-04');
    assert.equal(await s.writeDueLine(target.repo, target.number, '2026-12-04'), false, 'unchanged: no write');
    assert.equal(await s.writeDueLine(target.repo, target.number, '2026-12-11'), true);
    assert.equal(target.body, 'Decide on a feature-flag vendor.\n\nDue: 2026-12-11');
    assert.equal(fake.writes().filter((w) => w.method === 'PATCH').length, 2);
    const [issue] = (await s.sidebar(REPOS)).delegatedIssues.filter((i) => i.number === target.number && i.repo === target.repo);
    assert.equal(issue, undefined, 'unassigned, so not delegated; the line is read once someone is assigned');
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
