/** The Morning Review's GitHub queries against the fake GitHub over real HTTP. */
import assert from 'node:assert/strict';
import { addIssue, closeItem, demoScenario, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import { createOctokit } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../src/github/client';

const REPOS = ['acme/api', 'acme/web', 'acme/infra'];
const HOUR = 3_600_000;

describe('review: GitHub queries', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let service: GitHubClient;
  const now = Date.now();

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date(now)));
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5 });
    service = new GitHubClient(octokit, new URL(fake.url).host);
  });
  afterEach(() => fake.close());

  it('lists unread notifications newest first with web links, and honours since', async () => {
    const { threads, pollIntervalSeconds } = await service.notifications();
    assert.equal(threads.length, 10);
    assert.equal(pollIntervalSeconds, 60);
    assert.deepEqual(threads.map((t) => t.updatedAt), [...threads.map((t) => t.updatedAt)].sort((a, b) => b - a));
    const pr = threads.find((t) => t.reason === 'author')!;
    assert.match(pr.url, /^http:\/\/127\.0\.0\.1:\d+\/acme\/api\/pull\/\d+$/);
    const recent = await service.notifications(new Date(now - 3 * HOUR));
    assert.ok(recent.threads.length > 0 && recent.threads.every((t) => t.updatedAt > now - 3 * HOUR));
    assert.equal(fake.requests.at(-1)!.query.all, 'false');
  });

  it('marks a thread read with PATCH /notifications/threads/{id}', async () => {
    const [first] = (await service.notifications()).threads;
    await service.markThreadRead(first!.id);
    const write = fake.writes().at(-1)!;
    assert.equal(write.method, 'PATCH');
    assert.equal(write.path, `/notifications/threads/${first!.id}`);
    assert.equal((await service.notifications()).threads.length, 9);
  });

  it('reads the latest run per workflow on the default branch, with failing since', async () => {
    const api = await service.latestDefaultBranchRuns('acme/api');
    assert.deepEqual(api.map((w) => [w.name, w.state]), [['CI', 'failure'], ['Deploy', 'success']]);
    const hours = (now - api[0]!.failingSince!) / HOUR;
    assert.ok(Math.abs(hours - 48) < 0.1, `failing for ${hours} h`);
    const web = await service.latestDefaultBranchRuns('acme/web');
    assert.equal(web[0]!.branch, 'develop');
    assert.equal(web[0]!.state, 'success');
    assert.equal(fake.requests.filter((r) => r.route === '/repos/{owner}/{repo}/actions/runs').at(-1)!.query.branch, 'develop');
    fake.resetStats();
    await service.latestDefaultBranchRuns('acme/web');
    assert.equal(fake.requests.filter((r) => r.route === '/repos/{owner}/{repo}').length, 0, 'default branch asked once');
  });

  it('finds incidents in the watched repos with one search', async () => {
    fake.resetStats();
    const incidents = await service.incidents(REPOS, ['sev1', 'sev2', 'sev3', 'incident']);
    assert.equal(fake.stats().costByResource.search, 1);
    const query = fake.requests[0]!.query.q!;
    assert.ok(query.length <= 256, query);
    assert.deepEqual(incidents.map((i) => i.title).sort(), [
      'Checkout API returns 502 for EU customers', 'Disk usage above 85% on db-replica-2', 'Flaky retries in the webhook dispatcher',
      'Safari users see a blank dashboard after login',
    ]);
  });

  it('lists open milestones with the issues closed in the last 14 days', async () => {
    const s = fake.scenario;
    for (let i = 0; i < 3; i++) closeItem(addIssue(s, { repo: 'acme/web', title: `done ${i}`, author: 'sofia', milestone: 7 }), new Date(now - 2 * 24 * HOUR));
    closeItem(addIssue(s, { repo: 'acme/web', title: 'long ago', author: 'sofia', milestone: 7 }), new Date(now - 40 * 24 * HOUR));
    const web = await service.openMilestones('acme/web', now);
    assert.equal(web.length, 1);
    assert.deepEqual({ ...web[0], url: '' }, { repo: 'acme/web', number: 7, title: 'Checkout redesign', url: '', open: 5, closed: 15, dueOn: web[0]!.dueOn, closedRecently: 3 });
  });

  it('reads incidents and every repo\'s milestones in one GraphQL query, the same as the REST routes', async () => {
    const s = fake.scenario;
    for (let i = 0; i < 3; i++) closeItem(addIssue(s, { repo: 'acme/web', title: `done ${i}`, author: 'sofia', milestone: 7 }), new Date(now - 2 * 24 * HOUR));
    closeItem(addIssue(s, { repo: 'acme/web', title: 'long ago', author: 'sofia', milestone: 7 }), new Date(now - 40 * 24 * HOUR));
    closeItem(addIssue(s, { repo: 'acme/api', title: 'shipped', author: 'mira', milestone: 3 }), new Date(now - 3 * 24 * HOUR));
    const labels = ['sev1', 'sev2', 'sev3', 'incident'];
    fake.resetStats();
    const [a, b] = await Promise.all([service.morningReview(REPOS, labels, now), service.morningReview(REPOS, labels, now)]);
    assert.equal(a, b, 'sections loading together share the query');
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['POST /graphql']);
    const cost = fake.requests[0]!.cost;
    assert.equal(cost, 1, 'one point for 3 repos');
    assert.equal(a.cost, cost);
    fake.resetStats();
    const rest = await service.incidents(REPOS, labels);
    const byKey = (x: { repo: string; number: number }, y: { repo: string; number: number }) => `${x.repo}#${x.number}`.localeCompare(`${y.repo}#${y.number}`);
    assert.deepEqual([...a.incidents!].sort(byKey), [...rest].sort(byKey));
    for (const repo of REPOS) assert.deepEqual(a.milestones.get(repo), await service.openMilestones(repo, now), repo);
    assert.equal((a.milestones.get('acme/web') as { closedRecently: number }[])[0]!.closedRecently, 3);
    fake.resetStats();
    await service.morningReview(REPOS, labels, now);
    assert.equal(fake.requests.length, 1, 'a later load asks again');
  });

  it('reads on REST what overflows the query: more incidents, or more open milestones, than it asks for', async () => {
    for (let i = 0; i < 25; i++) addIssue(fake.scenario, { repo: 'acme/infra', title: `Outage ${i}`, author: 'jun', labels: ['sev2'] });
    for (let i = 0; i < 6; i++) {
      fake.scenario.milestones.push({ ...fake.scenario.milestones.find((m) => m.repo === 'acme/web')!, id: 90_000 + i, number: 100 + i, title: `Sprint ${i}`, openIssues: 1, closedIssues: 0 });
    }
    const r = await service.morningReview(REPOS, ['sev1', 'sev2'], now);
    assert.equal(r.incidents!.length, (await service.incidents(REPOS, ['sev1', 'sev2'])).length);
    assert.ok(r.incidents!.length > 25);
    assert.deepEqual(r.milestones.get('acme/web'), await service.openMilestones('acme/web', now));
    assert.equal((r.milestones.get('acme/web') as unknown[]).length, 7);
  });

  it('names a repo GitHub cannot find as that repo\'s problem, and keeps the others', async () => {
    const r = await service.morningReview([...REPOS, 'acme/gone'], ['sev1'], now);
    assert.equal((r.milestones.get('acme/gone') as Error & { kind: string }).kind, 'not-found');
    assert.ok(Array.isArray(r.milestones.get('acme/api')));
    assert.ok(r.incidents !== null);
  });

  it('escalates by adding the new label and removing the old one', async () => {
    const safari = s(fake).issues.find((i) => i.title.startsWith('Safari'))!;
    await service.escalate('acme/web', safari.number, 'sev2', 'sev1');
    assert.deepEqual(fake.writes().map((w) => `${w.method} ${w.route}`), [
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    ]);
    assert.deepEqual(safari.labels.sort(), ['bug', 'sev1']);
  });
});

function s(fake: FakeGitHub) {
  return fake.scenario;
}
