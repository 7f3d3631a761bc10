// The fake's HTTP behaviour: auth, conditional requests, rate limits, pagination, writes, GraphQL.
import assert from 'node:assert/strict';
import { Octokit } from '@octokit/rest';
import { startFakeGitHub } from './server';
import { addPull, emptyScenario, requestReview } from './scenario';
import { bigScenario, demoScenario } from './scenarios';
import { NOW, hasStatus, octokitFor, raw, useFake } from './test-support';

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset', 'x-ratelimit-resource'];

describe('fake GitHub — auth', () => {
  const ctx = useFake(() => demoScenario(NOW), { tokens: ['test-token', 'second-token'] });

  it('accepts `token X` and `Bearer X` for any configured token', async () => {
    assert.equal((await raw(ctx.fg, '/user', { headers: { authorization: 'token test-token' } })).status, 200);
    const bearer = await raw(ctx.fg, '/user', { headers: { authorization: 'Bearer second-token' } });
    assert.equal(bearer.status, 200);
    assert.equal(bearer.body.login, 'lead');
    assert.equal(bearer.body.name, 'Alex Morgan');
  });

  it('answers a bad token with 401 Bad credentials and a missing one with 401 Requires authentication', async () => {
    const bad = await raw(ctx.fg, '/user', { headers: { authorization: 'token nope' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.message, 'Bad credentials');
    assert.match(bad.body.documentation_url, /^https:\/\/docs\.github\.com\//);
    for (const h of RATE_HEADERS) assert.ok(bad.headers.get(h), `401 carries ${h}`);
    const missing = await raw(ctx.fg, '/user', { headers: { authorization: '' } });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.message, 'Requires authentication');
    assert.equal(ctx.fg.requests.at(-1)?.cost, 0);
  });

  it('surfaces 401 through Octokit as a RequestError', async () => {
    const bad = new Octokit({ baseUrl: ctx.fg.url, auth: 'wrong', log: { debug() {}, info() {}, warn() {}, error() {} } });
    await assert.rejects(bad.rest.users.getAuthenticated(), hasStatus(401));
  });
});

describe('fake GitHub — conditional requests', () => {
  const ctx = useFake();
  beforeEach(() => ctx.fg.resetStats());

  it('sends a strong ETag and answers If-None-Match with a free 304 without a body', async () => {
    const first = await raw(ctx.fg, '/repos/acme/api/pulls');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[0-9a-f]{40}"$/);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await raw(ctx.fg, '/repos/acme/api/pulls', { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(Number(again.headers.get('x-ratelimit-remaining')), remaining, '304 costs nothing');
    assert.deepEqual(ctx.fg.stats(), { requests: 2, notModified: 1, rateLimitCost: 1, costByResource: { core: 1, search: 0, graphql: 0 } });
    // A weak comparison (W/ prefix) and lists of tags also match, as HTTP caches send them.
    assert.equal((await raw(ctx.fg, '/repos/acme/api/pulls', { headers: { 'if-none-match': `"x", W/${etag}` } })).status, 304);
  });

  it('changes the ETag when the scenario changes', async () => {
    const first = await raw(ctx.fg, '/repos/acme/web/pulls');
    addPull(ctx.fg.scenario, { repo: 'acme/web', title: 'New work', author: 'sofia' }, NOW);
    const second = await raw(ctx.fg, '/repos/acme/web/pulls', { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(second.status, 200);
    assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(second.body.length, first.body.length + 1);
  });

  it('polls notifications with Last-Modified / If-Modified-Since and X-Poll-Interval', async () => {
    const first = await raw(ctx.fg, '/notifications');
    assert.equal(first.headers.get('x-poll-interval'), '60');
    const lastModified = first.headers.get('last-modified');
    assert.ok(lastModified && !Number.isNaN(Date.parse(lastModified)));
    const unchanged = await raw(ctx.fg, '/notifications', { headers: { 'if-modified-since': lastModified } });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.headers.get('x-poll-interval'), '60');
    assert.equal(ctx.fg.stats().rateLimitCost, 1);

    const id = first.body[0].id as string;
    const mark = await raw(ctx.fg, `/notifications/threads/${id}`, { method: 'PATCH' });
    assert.equal(mark.status, 205);
    assert.equal(mark.text, '');
    assert.equal(ctx.fg.scenario.notifications.find((n) => n.id === id)?.unread, false);
    const changed = await raw(ctx.fg, '/notifications', { headers: { 'if-modified-since': lastModified } });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.length, first.body.length - 1);
    assert.ok(Date.parse(changed.headers.get('last-modified')!) > Date.parse(lastModified));
  });

  it('filters notifications by all, participating, since and before', async () => {
    const s = ctx.fg.scenario;
    const all = (await raw(ctx.fg, '/notifications?all=true')).body as { reason: string; unread: boolean; updated_at: string }[];
    assert.equal(all.length, s.notifications.length);
    assert.ok(all.some((n) => !n.unread));
    const participating = (await raw(ctx.fg, '/notifications?all=true&participating=true')).body as { reason: string }[];
    assert.ok(participating.length > 0 && participating.length < all.length);
    assert.ok(participating.every((n) => !['subscribed', 'ci_activity', 'team_mention'].includes(n.reason)));
    const since = new Date(NOW.getTime() - 24 * 3_600_000).toISOString();
    const recent = (await raw(ctx.fg, `/notifications?all=true&since=${since}`)).body as { updated_at: string }[];
    assert.ok(recent.length > 0 && recent.every((n) => n.updated_at > since));
    const older = (await raw(ctx.fg, `/notifications?all=true&before=${since}`)).body as unknown[];
    assert.equal(recent.length + older.length, all.length);
  });
});

describe('fake GitHub — rate limits', () => {
  it('sends rate-limit headers per resource on every response, 404s included', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW));
    try {
      const core = await raw(fg, '/no/such/thing');
      assert.equal(core.status, 404);
      assert.deepEqual(core.body, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      for (const h of RATE_HEADERS) assert.ok(core.headers.get(h), h);
      assert.equal(core.headers.get('x-ratelimit-resource'), 'core');
      assert.equal(core.headers.get('x-ratelimit-limit'), '5000');
      assert.ok(Number(core.headers.get('x-ratelimit-reset')) > Date.now() / 1000, 'reset is in epoch seconds, in the future');
      assert.ok(Number(core.headers.get('x-ratelimit-reset')) < Date.now() / 1000 + 3601);
      const search = await raw(fg, '/search/issues?q=is:pr');
      assert.equal(search.headers.get('x-ratelimit-resource'), 'search');
      assert.equal(search.headers.get('x-ratelimit-limit'), '30');
      assert.equal(search.headers.get('x-ratelimit-used'), '1');
      const gql = await raw(fg, '/graphql', { method: 'POST', body: { query: '{ viewer { login } }' } });
      assert.equal(gql.headers.get('x-ratelimit-resource'), 'graphql');
      const limits = await raw(fg, '/rate_limit');
      assert.equal(limits.body.resources.core.used, 1);
      assert.equal(limits.body.resources.search.used, 1);
      assert.equal(limits.body.resources.graphql.used, 1);
    } finally {
      await fg.close();
    }
  });

  it('answers 403 with remaining 0 and the primary-limit message when the budget is spent', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW), { rateLimit: { core: 3 } });
    try {
      fg.setRateLimitRemaining('core', 1);
      const last = await raw(fg, '/user');
      assert.equal(last.status, 200);
      assert.equal(last.headers.get('x-ratelimit-remaining'), '0');
      const denied = await raw(fg, '/user');
      assert.equal(denied.status, 403);
      assert.equal(denied.headers.get('x-ratelimit-remaining'), '0');
      assert.match(denied.body.message, /^API rate limit exceeded for user ID 101\./);
      // Search has its own bucket and still answers.
      assert.equal((await raw(fg, '/search/issues?q=is:issue')).status, 200);
      await assert.rejects(octokitFor(fg).rest.repos.get({ owner: 'acme', repo: 'api' }), hasStatus(403));
    } finally {
      await fg.close();
    }
  });

  it('can answer an exhausted limit with 429, and exhausts search after 30 requests', async () => {
    const fg = await startFakeGitHub(emptyScenario(), { rateLimit: { exhaustedStatus: 429 } });
    try {
      for (let i = 0; i < 30; i++) assert.equal((await raw(fg, '/search/issues?q=is:pr')).status, 200);
      const denied = await raw(fg, '/search/issues?q=is:pr');
      assert.equal(denied.status, 429);
      assert.equal(denied.headers.get('x-ratelimit-resource'), 'search');
      assert.equal(denied.headers.get('x-ratelimit-remaining'), '0');
      assert.equal((await raw(fg, '/user')).status, 200);
    } finally {
      await fg.close();
    }
  });

  it('injects a secondary limit: 403 with retry-after and the secondary-limit message', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW));
    try {
      fg.inject('GET /search/issues', { secondaryLimit: true, retryAfter: 7, times: 1 });
      const res = await raw(fg, '/search/issues?q=is:pr');
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('retry-after'), '7');
      assert.match(res.body.message, /secondary rate limit/);
      assert.notEqual(res.headers.get('x-ratelimit-remaining'), '0', 'not a primary limit');
      assert.equal((await raw(fg, '/search/issues?q=is:pr')).status, 200, 'times:1 — next call is normal');
    } finally {
      await fg.close();
    }
  });
});

describe('fake GitHub — pagination', () => {
  const ctx = useFake(() => bigScenario({ repos: 2, pulls: 1205, now: NOW }));

  it('pages with per_page/page and absolute Link URLs (next, last, prev, first)', async () => {
    const first = await raw(ctx.fg, '/repos/bigco/service-001/pulls?per_page=100&state=open');
    assert.equal(first.body.length, 100);
    const link = first.headers.get('link')!;
    assert.match(link, new RegExp(`<${ctx.fg.url}/repos/bigco/service-001/pulls\\?per_page=100&state=open&page=2>; rel="next"`));
    assert.match(link, /page=7>; rel="last"/); // 603 PRs → 7 pages
    assert.doesNotMatch(link, /rel="prev"|rel="first"/);
    const middle = await raw(ctx.fg, '/repos/bigco/service-001/pulls?per_page=100&page=3');
    const rels = [...middle.headers.get('link')!.matchAll(/page=(\d+)>; rel="(\w+)"/g)].map((m) => `${m[2]}=${m[1]}`);
    assert.deepEqual(rels.sort(), ['first=1', 'last=7', 'next=4', 'prev=2']);
    const last = await raw(ctx.fg, '/repos/bigco/service-001/pulls?per_page=100&page=7');
    assert.equal(last.body.length, 3);
    assert.doesNotMatch(last.headers.get('link')!, /rel="next"/);
    assert.equal((await raw(ctx.fg, '/repos/bigco/service-001/pulls')).body.length, 30, 'default per_page is 30');
    assert.equal((await raw(ctx.fg, '/repos/bigco/service-001/pulls?per_page=500')).body.length, 100, 'per_page is capped at 100');
  });

  it('lets Octokit paginate a whole list through the Link header', async () => {
    const all = await octokitFor(ctx.fg).paginate(octokitFor(ctx.fg).rest.pulls.list, { owner: 'bigco', repo: 'service-002', per_page: 100 });
    assert.equal(all.length, 602);
    assert.equal(new Set(all.map((p) => p.number)).size, 602);
  });

  it('caps search at 1,000 reachable results while reporting the full total_count', async () => {
    const q = encodeURIComponent('is:pr is:open review-requested:@me');
    const page10 = await raw(ctx.fg, `/search/issues?q=${q}&per_page=100&page=10`);
    assert.equal(page10.status, 200);
    assert.equal(page10.body.total_count, 1205);
    assert.equal(page10.body.items.length, 100);
    assert.match(page10.headers.get('link')!, /page=9>; rel="prev"/);
    assert.doesNotMatch(page10.headers.get('link')!, /rel="next"/);
    const beyond = await raw(ctx.fg, `/search/issues?q=${q}&per_page=100&page=11`);
    assert.equal(beyond.status, 422);
    assert.equal(beyond.body.message, 'Only the first 1000 search results are available');
    const first = await raw(ctx.fg, `/search/issues?q=${q}&per_page=50`);
    assert.match(first.headers.get('link')!, /page=20>; rel="last"/);
  });
});

describe('fake GitHub — writes and GraphQL', () => {
  const ctx = useFake();

  it('records write bodies and applies them to the scenario', async () => {
    ctx.fg.resetStats();
    const gh = octokitFor(ctx.fg);
    const incident = ctx.fg.scenario.issues.find((i) => i.labels.includes('sev1') && i.state === 'open')!;
    const [owner, repo] = incident.repo.split('/') as [string, string];
    await gh.rest.issues.update({ owner, repo, issue_number: incident.number, assignees: ['kwame', 'not-a-collaborator'] });
    await gh.rest.issues.addLabels({ owner, repo, issue_number: incident.number, labels: ['escalated'] });
    const created = await gh.rest.issues.createComment({ owner, repo, issue_number: incident.number, body: 'Following up.' });
    assert.equal(created.status, 201);
    assert.equal(created.data.user?.login, 'lead');
    const left = await gh.rest.issues.removeLabel({ owner, repo, issue_number: incident.number, name: 'sev1' });
    assert.deepEqual(left.data.map((l) => l.name), ['incident', 'escalated']);
    await assert.rejects(gh.rest.issues.removeLabel({ owner, repo, issue_number: incident.number, name: 'sev1' }), hasStatus(404));
    await gh.rest.issues.update({ owner, repo, issue_number: incident.number, state: 'closed' });
    assert.deepEqual(incident.assignees, ['kwame'], 'GitHub drops assignees without repo access');
    assert.ok(incident.labels.includes('escalated'));
    assert.equal(incident.state, 'closed');
    assert.equal(ctx.fg.scenario.repos.find((r) => r.name === repo)?.labels.some((l) => l.name === 'escalated'), true);
    const writes = ctx.fg.writes();
    assert.deepEqual(writes.map((w) => `${w.method} ${w.route}`), [
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}', 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    ]);
    assert.deepEqual(writes.map((w) => w.status), [200, 200, 201, 200, 404, 200]);
    assert.deepEqual(writes[0]?.body, { assignees: ['kwame', 'not-a-collaborator'] });
    assert.deepEqual(writes[2]?.body, { body: 'Following up.' });
    assert.ok(!incident.labels.includes('sev1'));
  });

  it('rejects an unparsable write body with 400 and 404s unknown repos and issues', async () => {
    const res = await fetch(`${ctx.fg.url}/repos/acme/api/issues/1`, { method: 'PATCH', headers: { authorization: `token ${ctx.fg.token}` }, body: '{nope' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { message: string }).message, 'Problems parsing JSON');
    assert.equal((await raw(ctx.fg, '/repos/acme/nope/issues')).status, 404);
    assert.equal((await raw(ctx.fg, '/repos/acme/api/issues/9999')).status, 404);
    assert.equal((await raw(ctx.fg, '/repos/acme/api/pulls/9999')).status, 404);
  });

  it('runs the changeUserStatus mutation and stores the status', async () => {
    const gh = octokitFor(ctx.fg);
    const result = await gh.graphql<{ changeUserStatus: { status: unknown } }>(
      `mutation($input: ChangeUserStatusInput!) { changeUserStatus(input: $input) { status { message emoji indicatesLimitedAvailability expiresAt } } }`,
      { input: { message: 'Heads-down coding until 11:30', emoji: ':technologist:', limitedAvailability: true, expiresAt: '2025-06-11T11:30:00Z' } },
    );
    const expected = { message: 'Heads-down coding until 11:30', emoji: ':technologist:', indicatesLimitedAvailability: true, expiresAt: '2025-06-11T11:30:00Z' };
    assert.deepEqual(result.changeUserStatus.status, expected);
    assert.deepEqual(ctx.fg.scenario.userStatus, expected);
    const inline = await raw(ctx.fg, '/api/graphql', { method: 'POST', body: { query: 'mutation { changeUserStatus(input: {message: "Back", emoji: ":wave:"}) { status { message } } }' } });
    assert.equal(inline.body.data.changeUserStatus.status.message, 'Back');
    assert.equal(ctx.fg.scenario.userStatus?.indicatesLimitedAvailability, false);
    await gh.graphql('mutation { changeUserStatus(input: {}) { status { message } } }');
    assert.equal(ctx.fg.scenario.userStatus, null, 'an empty input clears the status');
  });

  it('answers queries through the schema, and a field the schema lacks with a GraphQL error', async () => {
    const res = await raw(ctx.fg, '/graphql', { method: 'POST', body: { query: '{ viewer { login } }' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, { viewer: { login: 'lead' } });
    const bad = await raw(ctx.fg, '/graphql', { method: 'POST', body: { query: '{ viewer { nope } }' } });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.data, undefined);
    assert.equal(bad.body.errors[0].extensions.code, 'undefinedField');
    await assert.rejects(octokitFor(ctx.fg).graphql('{ viewer { nope } }'), /Field 'nope' doesn't exist on type 'User'/);
  });

  it('keeps review requests in sync with the timeline through the scenario helpers', async () => {
    const s = ctx.fg.scenario;
    const p = addPull(s, { repo: 'acme/api', title: 'Timeline check', author: 'jun' }, NOW);
    requestReview(s, p, { team: 'acme/platform' }, new Date('2025-06-10T08:00:00Z'));
    const { body } = await raw(ctx.fg, `/repos/acme/api/pulls/${p.number}/requested_reviewers`);
    assert.deepEqual(body.teams.map((t: { slug: string }) => t.slug), ['platform']);
    const timeline = (await raw(ctx.fg, `/repos/acme/api/issues/${p.number}/timeline`)).body;
    assert.equal(timeline[0].event, 'review_requested');
    assert.equal(timeline[0].requested_team.slug, 'platform');
    assert.equal(timeline[0].created_at, '2025-06-10T08:00:00Z');
  });
});
