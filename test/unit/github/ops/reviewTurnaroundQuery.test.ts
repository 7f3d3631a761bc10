/**
 * Issue 20, item 4: the review-request histories read from GitHub's timelines through the fake's
 * schema-executed GraphQL (a field GitHub's schema lacks fails here), paged within the budget of
 * 3 round trips and 30 points for 8 teammates over 8 weeks in 10 repositories.
 */
import assert from 'node:assert/strict';
import {
  addPull, addReviewBot, addTurnaroundHistories, bigScenario, emptyScenario, removeReviewRequest, requestReview, startFakeGitHub, submitReview, type FakeGitHub,
} from '../../../fake-github';
import { fullName, type Scenario } from '../../../fake-github/scenario';
import { MAX_QUERY_LENGTH } from '../../../fake-github/search';
import type { BusinessHours } from '../../../../src/core/businessHours';
import { reviewTurnaround, turnaroundWindows } from '../../../../src/core/reviewTurnaround';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { GitHubTransport } from '../../../../src/github/transport/transport';
import { GitHubFailure } from '../../../../src/github/transport/failure';
import { loadTurnaroundHistories, turnaroundSearches, TURNAROUND_MAX_REQUESTS } from '../../../../src/github/ops/reviewTurnaroundQuery';

const ALWAYS: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };
const NOW = Date.UTC(2026, 11, 6, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SINCE = turnaroundWindows(NOW).previousFrom;
const MEMBERS = Array.from({ length: 8 }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);

function withRepos(s: Scenario, names: readonly string[]): Scenario {
  for (const name of names) {
    const [owner, repo] = name.split('/') as [string, string];
    s.repos.push({
      id: s.repos.length + 500, owner, name: repo, private: false, description: null, language: null, defaultBranch: 'main', branches: { main: 'a'.repeat(40) },
      collaborators: [], labels: [], createdAt: '2025-01-01T00:00:00Z', pushedAt: '2025-01-01T00:00:00Z',
    });
  }
  return s;
}

describe('github/reviewTurnaroundQuery: review-request histories from the timelines (fake GitHub)', function () {
  this.timeout(60_000);
  let fake: FakeGitHub | undefined;
  afterEach(async () => { await fake?.close(); fake = undefined; });
  const transport = (fg: FakeGitHub) => new GitHubTransport(createOctokit({
    baseUrl: fg.url, token: fg.token, timeoutMs: 10_000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5,
  }), new URL(fg.url).host);

  it('reads requests, removals and reviews, tells bots apart, leaves teams out, and the core turns them into the hand-checked figures', async () => {
    const s = withRepos(emptyScenario('lead'), ['acme/api', 'acme/web', 'acme/other']);
    s.users.push({ login: 'ana', id: 2, name: null }, { login: 'ben', id: 3, name: null });
    s.orgs.push({ login: 'acme', id: 9, name: 'Acme' });
    s.teams.push({ id: 10, org: 'acme', slug: 'core', name: 'Core', members: ['ana', 'ben'] });
    const bot = addReviewBot(s);
    const at = (h: number) => new Date(NOW - 10 * DAY + h * HOUR);
    // ana: asked, reviewed 3h later; the bot asked and answering in minutes; the team asked.
    const one = addPull(s, { repo: 'acme/api', title: 'one', author: 'ben' }, at(0));
    requestReview(s, one, { user: 'ana' }, at(0));
    requestReview(s, one, { user: bot }, at(0));
    requestReview(s, one, { team: 'acme/core' }, at(0));
    submitReview(s, one, bot, 'COMMENTED', new Date(at(0).getTime() + 60_000));
    submitReview(s, one, 'ana', 'APPROVED', at(3));
    // ana: asked, removed, then asked again and reviewed 5h after the second request (a merged PR).
    const two = addPull(s, { repo: 'acme/web', title: 'two', author: 'ben' }, at(1));
    requestReview(s, two, { user: 'ana' }, at(1));
    removeReviewRequest(s, two, 'ana', at(2));
    requestReview(s, two, { user: 'ana' }, at(4));
    submitReview(s, two, 'ana', 'CHANGES_REQUESTED', at(9));
    two.mergedAt = two.closedAt = new Date(at(10)).toISOString();
    // Not watched: not read.
    const other = addPull(s, { repo: 'acme/other', title: 'other', author: 'ben' }, at(1));
    requestReview(s, other, { user: 'ana' }, at(1));
    fake = await startFakeGitHub(s, { eagerGraphQL: true });

    const read = await loadTurnaroundHistories(transport(fake), ['acme/api', 'acme/web'], SINCE, NOW);
    assert.equal(read.complete, true);
    assert.equal(read.requests, 1);
    const byTitle = new Map(read.histories.map((h) => [`${h.repo}#${h.number}`, h]));
    assert.deepEqual([...byTitle.keys()].sort(), ['acme/api#1', 'acme/web#1']);
    assert.deepEqual(byTitle.get('acme/api#1')!.events.map((e) => [e.kind, e.reviewer, e.bot ?? false]).sort(), [
      ['requested', 'ana', false], ['requested', 'copilot-pull-request-reviewer', true], ['reviewed', 'ana', false], ['reviewed', 'copilot-pull-request-reviewer', true],
    ], 'the team request is not one person\'s; the bot is a GraphQL Bot, named without [bot]');
    assert.equal(byTitle.get('acme/web#1')!.closedAt, at(10).getTime());
    assert.deepEqual(byTitle.get('acme/web#1')!.events.map((e) => e.kind), ['requested', 'removed', 'requested', 'reviewed']);

    const t = reviewTurnaround(read.histories, ['ana', 'copilot-pull-request-reviewer'], NOW, ALWAYS);
    assert.deepEqual(t.members[0]!.current, { reviewed: 2, medianMs: 4 * HOUR, p90Ms: 4 * HOUR + 48 * 60_000, stillWaiting: 0, longestWaitingMs: null });
    assert.equal(t.members[1]!.current.reviewed, 0, 'a bot is never a teammate');
  });

  it('each search stays within GitHub\'s query length, and the fortnights cover every day since the start without overlap', () => {
    const repos = Array.from({ length: 10 }, (_, i) => `bigco/service-${String(i + 1).padStart(3, '0')}`);
    const searches = turnaroundSearches(repos, SINCE, NOW);
    for (const q of searches) assert.ok(q.length <= MAX_QUERY_LENGTH, `${q.length}: ${q}`);
    const ranges = [...new Set(searches.map((q) => /updated:(\S+)/.exec(q)![1]))];
    assert.deepEqual(ranges, ['2026-10-11..2026-10-24', '2026-10-25..2026-11-07', '2026-11-08..2026-11-21', '>=2026-11-22']);
    assert.deepEqual(searches.map((q) => q.match(/repo:/g)!.length), [5, 5, 5, 5, 5, 5, 5, 5], 'the repositories spread evenly over the chunks (not 9 + 1)');
    assert.deepEqual(turnaroundSearches([], SINCE, NOW), [], 'no watched repositories: nothing to ask');
  });

  it('pages on a search with more than 100 PRs in the next round trip, and says so when 3 are not enough', async () => {
    const s = withRepos(emptyScenario('lead'), ['acme/api']);
    for (let i = 0; i < 330; i++) {
      const t = new Date(NOW - 3 * DAY + i * 60_000);
      const p = addPull(s, { repo: 'acme/api', title: `p${i}`, author: 'ben' }, t);
      requestReview(s, p, { user: 'ana' }, t);
    }
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    const read = await loadTurnaroundHistories(transport(fake), ['acme/api'], SINCE, NOW);
    assert.equal(read.requests, TURNAROUND_MAX_REQUESTS);
    assert.equal(read.histories.length, 300);
    assert.equal(read.complete, false, 'the last 30 did not fit in 3 round trips');
    const graphql = fake.requests.filter((r) => r.resource === 'graphql');
    assert.equal(graphql.length, 3);
    assert.match(String((graphql[1]!.body as { query: string }).query), /after: \$a\d+/, 'the second round trip goes on after the cursor');
    assert.deepEqual([...String((graphql[1]!.body as { query: string }).query).matchAll(/(s\d+): search/g)].map((m) => m[1]), ['s3'],
      'only the search with more pages is asked again (all 330 PRs are in the last fortnight)');
  });

  it('a PR whose timeline GitHub fails to give makes the answer incomplete, not wrong; a failed search is an error', async () => {
    const s = withRepos(emptyScenario('lead'), ['acme/api']);
    for (let i = 0; i < 3; i++) {
      const t = new Date(NOW - 3 * DAY + i * HOUR);
      const p = addPull(s, { repo: 'acme/api', title: `p${i}`, author: 'ben' }, t);
      requestReview(s, p, { user: 'ana' }, t);
    }
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    const searches = turnaroundSearches(['acme/api'], SINCE, NOW);
    const last = `s${searches.length - 1}`;
    fake.inject('POST /graphql', { graphqlErrors: [{ path: `${last}.nodes.1.timelineItems`, type: 'FORBIDDEN', message: 'Resource not accessible by integration' }], times: 1 });
    const read = await loadTurnaroundHistories(transport(fake), ['acme/api'], SINCE, NOW);
    assert.equal(read.histories.length, 2, 'the other PRs are read');
    assert.equal(read.complete, false);
    fake.inject('POST /graphql', { graphqlErrors: [{ path: last, type: 'FORBIDDEN', message: 'Resource not accessible by integration' }], times: 1 });
    await assert.rejects(loadTurnaroundHistories(transport(fake), ['acme/api'], SINCE, NOW), (e: unknown) => e instanceof GitHubFailure);
  });

  it('8 teammates over 8 weeks in 10 repositories: ≤ 3 requests and ≤ 30 points', async () => {
    const s = bigScenario({ repos: 10, pulls: 0, now: new Date(NOW) });
    const repos = s.repos.map(fullName);
    const summary = addTurnaroundHistories(s, { now: new Date(NOW), repos, members: MEMBERS });
    fake = await startFakeGitHub(s, { eagerGraphQL: true });
    fake.resetStats();
    const read = await loadTurnaroundHistories(transport(fake), repos, SINCE, NOW);
    const graphql = fake.requests.filter((r) => r.resource === 'graphql');
    const points = graphql.reduce((a, r) => a + r.cost, 0);
    assert.ok(graphql.length <= 3, `${graphql.length} requests`);
    assert.ok(points <= 30, `${points} points`);
    assert.equal(read.complete, true);
    assert.equal(read.histories.length, summary.pulls);
    const t = reviewTurnaround(read.histories, MEMBERS, NOW, ALWAYS);
    assert.ok(t.members.every((m) => m.current.reviewed > 0 && m.previous.reviewed > 0), 'everyone reviewed in both windows');
    assert.ok(t.team.current.stillWaiting > 0);
  });
});
