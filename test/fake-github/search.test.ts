// Search qualifiers with GitHub's semantics, against the demo team.
import assert from 'node:assert/strict';
import { raw, useFake } from './test-support';

describe('fake GitHub — search qualifiers', () => {
  const ctx = useFake();

  async function titles(q: string): Promise<string[]> {
    const res = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent(q)}&per_page=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.total_count, res.body.items.length);
    return (res.body.items as { title: string }[]).map((i) => i.title).sort();
  }

  it('review-requested:@me includes requests to my teams; user-review-requested:@me does not', async () => {
    const all = await titles('is:pr is:open review-requested:@me');
    assert.equal(all.length, 8);
    assert.ok(all.includes('Bump undici from 5.28.4 to 6.21.0'), 'via acme/platform');
    assert.ok(all.includes('Rotate staging TLS certificates'), 'via acme/sre');
    assert.ok(all.includes('WIP: GraphQL gateway spike'), 'drafts are included');
    assert.ok(!all.includes('Extract billing client into its own package'), 'someone else\'s request');
    const direct = await titles('is:pr is:open user-review-requested:@me');
    assert.deepEqual(direct, [
      'Add idempotency keys to payment retries', 'Fix focus trap in checkout modal', 'Rate-limit the public search endpoint',
      'Terraform: move Redis to managed ElastiCache', 'WIP: GraphQL gateway spike',
    ]);
    assert.deepEqual(await titles('is:pr team-review-requested:acme/platform'), ['Bump undici from 5.28.4 to 6.21.0', 'Migrate settings page to React Query']);
    assert.deepEqual(await titles('is:pr is:open review-requested:@me draft:false -label:dependencies'), all.filter((t) => !t.startsWith('WIP') && !t.startsWith('Bump')));
  });

  it('drops a PR from review-requested once the request is removed', async () => {
    const pr = ctx.fg.scenario.pulls.find((p) => p.title === 'Fix focus trap in checkout modal')!;
    pr.requestedReviewers = [];
    try {
      assert.ok(!(await titles('is:pr is:open review-requested:@me')).includes(pr.title));
    } finally {
      pr.requestedReviewers = ['lead'];
    }
  });

  it('author:@me and author:LOGIN, with several repo: qualifiers OR-ed', async () => {
    assert.deepEqual(await titles('is:pr is:open author:@me'), ['Add on-call runbook links to alerts', 'Tighten CORS policy for admin routes', 'Upgrade to TypeScript 5.9']);
    assert.deepEqual(await titles('is:pr is:open author:@me repo:acme/web repo:acme/infra'), ['Add on-call runbook links to alerts', 'Upgrade to TypeScript 5.9']);
    assert.deepEqual(await titles('is:pr author:kwame repo:acme/infra'), ['Terraform: move Redis to managed ElastiCache']);
    assert.deepEqual(await titles('is:pr is:open author:@me org:acme -repo:acme/api'), ['Add on-call runbook links to alerts', 'Upgrade to TypeScript 5.9']);
  });

  it('finds delegated issues: opened by me, assigned to someone else', async () => {
    const delegated = await titles('is:issue is:open author:@me -assignee:@me -no:assignee');
    assert.deepEqual(delegated, [
      'Audit keyboard accessibility of the navigation', 'Document disaster-recovery drill results',
      'Investigate p99 latency regression in /search', 'Write migration plan for the orders table',
    ]);
    assert.deepEqual(await titles('is:issue is:open author:@me no:assignee'), ['Decide on a feature-flag vendor']);
    assert.deepEqual(await titles('is:issue assignee:@me'), ['Review the Q3 hiring loop questions']);
    assert.deepEqual(await titles('is:issue is:open assignee:mira'), ['Write migration plan for the orders table']);
  });

  it('filters incidents by label (quoted, comma-OR, repeated-AND) and state', async () => {
    assert.deepEqual(await titles('is:issue is:open label:"sev1"'), ['Checkout API returns 502 for EU customers']);
    assert.deepEqual(await titles('is:issue label:sev1'), ['Checkout API returns 502 for EU customers', 'Primary database failover did not trigger']);
    assert.equal((await titles('is:issue is:open label:sev1,sev2,sev3')).length, 4);
    assert.deepEqual(await titles('is:issue is:open label:incident label:sev2'), ['Disk usage above 85% on db-replica-2']);
    assert.deepEqual(await titles('is:issue is:closed label:incident'), ['Primary database failover did not trigger']);
    assert.deepEqual(await titles('is:open label:"good first issue"'), []);
  });

  it('supports milestone, date ranges, text and sort', async () => {
    assert.deepEqual(await titles('is:issue milestone:"v2.4 Release"'), ['Investigate p99 latency regression in /search', 'Write migration plan for the orders table']);
    const res = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('is:pr is:open review-requested:@me')}&sort=created&order=asc`);
    const created = (res.body.items as { created_at: string }[]).map((i) => i.created_at);
    assert.deepEqual(created, [...created].sort());
    const cutoff = ctx.fg.scenario.pulls.find((p) => p.title.startsWith('Fix focus trap'))!.createdAt;
    assert.ok((await titles(`is:pr created:>=${cutoff}`)).includes('Fix focus trap in checkout modal'));
    assert.ok(!(await titles(`is:pr created:<${cutoff}`)).includes('Fix focus trap in checkout modal'));
    assert.deepEqual(await titles('is:issue Safari'), ['Safari users see a blank dashboard after login']);
  });

  it('rejects qualifiers it does not implement with 422, and an empty query', async () => {
    const res = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('is:pr reactions:>5')}`);
    assert.equal(res.status, 422);
    assert.equal(res.body.message, 'Validation Failed');
    assert.match(res.body.errors[0].message, /reactions/);
    assert.equal((await raw(ctx.fg, '/search/issues?q=')).status, 422);
  });

  it('returns PRs with the pull_request key and issues without it', async () => {
    const res = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('repo:acme/infra')}&per_page=100`);
    for (const item of res.body.items as { html_url: string; pull_request?: { url: string }; draft?: boolean }[]) {
      const isPr = item.html_url.includes('/pull/');
      assert.equal('pull_request' in item, isPr, item.html_url);
      if (isPr) assert.match(item.pull_request!.url, /\/repos\/acme\/infra\/pulls\/\d+$/);
    }
  });
});

// Its own fake: the suite above spends most of the 30 searches a minute GitHub allows.
describe('fake GitHub — search query limits', () => {
  const ctx = useFake();

  it('refuses what GitHub refuses: a query over 256 characters, more than five AND/OR/NOT operators (REST and GraphQL)', async () => {
    const base = 'is:pr is:open user-review-requested:mira';
    const fits = `${base} ${'repo:acme/api '.repeat(30)}`.slice(0, 256).trim();
    assert.equal((await raw(ctx.fg, `/search/issues?q=${encodeURIComponent(fits)}`)).status, 200);
    const long = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent(`${fits} repo:acme/web`)}`);
    assert.equal(long.status, 422);
    assert.equal(long.body.errors[0].message, 'The search is longer than 256 characters.');
    const many = await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('a OR b OR c OR d OR e OR f OR g')}`);
    assert.equal(many.status, 422);
    assert.match(many.body.errors[0].message, /more than 5 AND \/ OR \/ NOT operators/);
    assert.equal((await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('"cats AND dogs" or not')}`)).status, 200, 'quoted or lower-case words are text');
    const gql = await raw(ctx.fg, '/graphql', { method: 'POST', body: { query: 'query($q: String!) { search(type: ISSUE, query: $q, first: 1) { issueCount } }', variables: { q: `${fits} repo:acme/web` } } });
    assert.equal(gql.body.data, null);
    assert.equal(gql.body.errors[0].type, 'INVALID_SEARCH_QUERY');
    assert.match(gql.body.errors[0].message, /longer than 256/);
  });
});
