/**
 * Issue 17, item 9: the team load counts review requests in the watched repositories only, in
 * the search itself (chunked so each query fits GitHub's limits), and counts what GitHub counts
 * (`issueCount`) rather than the length of a list that may be cut. Through the fake's GraphQL.
 */
import assert from 'node:assert/strict';
import { addPull, demoScenario, requestReview, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import { fullName, nextId, type Scenario } from '../../fake-github/scenario';
import { MAX_QUERY_LENGTH } from '../../fake-github/search';
import type { BusinessHours } from '../../../src/core/businessHours';
import { loadCountsText, teamLoad } from '../../../src/core/teamLoad';
import { createOctokit } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../src/github/client';
import { memberSearches, TEAM_PAGE_SIZE } from '../../../src/github/ops/teamLoadQuery';

const REPOS = ['acme/api', 'acme/web', 'acme/infra'];
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
