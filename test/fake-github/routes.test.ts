// Route filters and orderings that Lead Desk's queries rely on, against the demo team.
import assert from 'node:assert/strict';
import { raw, useFake } from './test-support';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GitHub JSON

describe('fake GitHub — repository routes', () => {
  const ctx = useFake();

  it('lists issues (and PRs) with state, labels, creator, assignee, milestone, since and sort', async () => {
    const get = async (q: string): Promise<Item[]> => (await raw(ctx.fg, `/repos/acme/api/issues?${q}`)).body;
    const open = await get('per_page=100');
    assert.ok(open.every((i) => i.state === 'open'));
    assert.ok(open.some((i) => 'pull_request' in i), 'the issues API lists PRs too');
    assert.ok((await get('state=all&per_page=100')).length >= open.length);
    assert.deepEqual((await get('labels=incident,sev1')).map((i) => i.title), ['Checkout API returns 502 for EU customers']);
    assert.ok((await get('creator=lead')).every((i) => i.user.login === 'lead'));
    assert.ok((await get('assignee=none')).every((i) => i.assignees.length === 0));
    assert.ok((await get('assignee=*')).every((i) => i.assignees.length > 0));
    assert.deepEqual((await get('assignee=tomas')).map((i) => i.title), ['Investigate p99 latency regression in /search']);
    assert.equal((await get('milestone=3')).length, 2);
    assert.ok((await get('milestone=none')).every((i) => i.milestone === null));
    const created = (await get('sort=created&direction=asc&per_page=100')).map((i) => i.created_at);
    assert.deepEqual(created, [...created].sort());
    const since = '2025-06-10T00:00:00Z';
    assert.ok((await get(`since=${since}&state=all`)).every((i) => i.updated_at >= since));
  });

  it('lists pulls by state, base and head, newest first by default', async () => {
    const open: Item[] = (await raw(ctx.fg, '/repos/acme/web/pulls')).body;
    const created = open.map((p) => p.created_at);
    assert.deepEqual(created, [...created].sort().reverse());
    assert.ok(open.every((p) => p.base.ref === 'develop'), 'acme/web targets its default branch, develop');
    const closed: Item[] = (await raw(ctx.fg, '/repos/acme/web/pulls?state=closed')).body;
    assert.deepEqual(closed.map((p) => [p.title, p.merged_at !== null]), [['Fix flaky visual regression tests', true]]);
    const one = open[0]!;
    const byHead: Item[] = (await raw(ctx.fg, `/repos/acme/web/pulls?head=acme:${one.head.ref}`)).body;
    assert.deepEqual(byHead.map((p) => p.number), [one.number]);
    assert.deepEqual((await raw(ctx.fg, '/repos/acme/web/pulls?base=main')).body, []);
  });

  it('reports reviews and requested reviewers (users and teams)', async () => {
    const cors = ctx.fg.scenario.pulls.find((p) => p.title.startsWith('Tighten CORS'))!;
    const reviews: Item[] = (await raw(ctx.fg, `/repos/acme/api/pulls/${cors.number}/reviews`)).body;
    assert.deepEqual(reviews.map((r) => [r.user.login, r.state]), [['mira', 'COMMENTED']]);
    const requested = (await raw(ctx.fg, `/repos/acme/api/pulls/${cors.number}/requested_reviewers`)).body;
    assert.deepEqual(requested.users.map((u: Item) => u.login).sort(), ['mira', 'tomas']);
    assert.deepEqual(requested.teams, []);
    const pr: Item = (await raw(ctx.fg, `/repos/acme/api/pulls/${cors.number}`)).body;
    assert.equal(pr.draft, false);
    assert.equal(pr.requested_reviewers.length, 2);
  });

  it('shows a red main for two days in acme/api and green defaults elsewhere', async () => {
    const runs: Item[] = (await raw(ctx.fg, '/repos/acme/api/actions/runs?branch=main')).body.workflow_runs;
    const ci = runs.filter((r) => r.name === 'CI');
    assert.deepEqual(ci.map((r) => r.conclusion), ['failure', 'failure', 'failure', 'success']);
    const firstRed = Date.parse(ci[2]!.created_at);
    assert.ok(Date.parse(ci[0]!.created_at) - firstRed >= 46 * 3_600_000, 'failing for about two days');
    assert.ok(ci.every((r) => r.head_branch === 'main' && r.run_started_at >= r.created_at));
    const failures = (await raw(ctx.fg, '/repos/acme/api/actions/runs?status=failure')).body;
    assert.equal(failures.total_count, 3);
    const web = (await raw(ctx.fg, '/repos/acme/web/actions/runs?branch=develop&per_page=1')).body;
    assert.equal(web.total_count, 2);
    assert.equal(web.workflow_runs[0].conclusion, 'success');
    const wfs: Item[] = (await raw(ctx.fg, '/repos/acme/api/actions/workflows')).body.workflows;
    const byId = (await raw(ctx.fg, `/repos/acme/api/actions/workflows/${wfs.find((w) => w.name === 'Deploy')!.id}/runs`)).body;
    assert.deepEqual(byId.workflow_runs.map((r: Item) => r.conclusion), ['success']);
    assert.equal((await raw(ctx.fg, '/repos/acme/api/actions/workflows/nope.yml/runs')).status, 404);
  });

  it('resolves check runs and combined status by branch, PR head branch or sha', async () => {
    const main = (await raw(ctx.fg, '/repos/acme/api/commits/main/check-runs')).body;
    assert.deepEqual(main.check_runs.map((c: Item) => `${c.name}:${c.conclusion}`).sort(), ['build:failure', 'lint:success']);
    const status = (await raw(ctx.fg, '/repos/acme/api/commits/main/status')).body;
    assert.equal(status.state, 'success');
    assert.equal(status.statuses[0].context, 'codecov/project');
    const pending = ctx.fg.scenario.pulls.find((p) => p.title.startsWith('Rate-limit the public'))!;
    const byRef = (await raw(ctx.fg, `/repos/acme/api/commits/${encodeURIComponent(pending.head.ref)}/check-runs`)).body;
    const bySha = (await raw(ctx.fg, `/repos/acme/api/commits/${pending.head.sha}/check-runs`)).body;
    assert.deepEqual(byRef, bySha);
    assert.ok(bySha.check_runs.some((c: Item) => c.status === 'in_progress' && c.conclusion === null));
    assert.equal((await raw(ctx.fg, `/repos/acme/api/commits/${pending.head.sha}/status`)).body.state, 'pending', 'no statuses → pending');
    assert.equal((await raw(ctx.fg, '/repos/acme/api/commits/no-such-branch/check-runs')).status, 404);
  });

  it('lists milestones by state, due date ascending, with counts', async () => {
    const open: Item[] = (await raw(ctx.fg, '/repos/acme/api/milestones')).body;
    assert.deepEqual(open.map((m) => [m.title, m.open_issues, m.closed_issues]), [['v2.4 Release', 14, 6]]);
    const all: Item[] = (await raw(ctx.fg, '/repos/acme/api/milestones?state=all')).body;
    assert.deepEqual(all.map((m) => m.title), ['v2.3 Release', 'v2.4 Release']);
    const desc: Item[] = (await raw(ctx.fg, '/repos/acme/api/milestones?state=all&direction=desc')).body;
    assert.deepEqual(desc.map((m) => m.title), ['v2.4 Release', 'v2.3 Release']);
  });

  it('lists collaborators with permissions, labels, and my teams', async () => {
    const collaborators: Item[] = (await raw(ctx.fg, '/repos/acme/infra/collaborators')).body;
    assert.equal(collaborators.length, 7);
    assert.deepEqual(collaborators[0]!.permissions, { admin: true, maintain: true, push: true, triage: true, pull: true });
    assert.deepEqual(collaborators[1]!.permissions, { admin: false, maintain: false, push: true, triage: true, pull: true });
    const labels: Item[] = (await raw(ctx.fg, '/repos/acme/infra/labels')).body;
    assert.ok(['sev1', 'sev2', 'sev3', 'incident'].every((n) => labels.some((l) => l.name === n)));
    const teams: Item[] = (await raw(ctx.fg, '/user/teams')).body;
    assert.deepEqual(teams.map((t) => `${t.organization.login}/${t.slug}`).sort(), ['acme/platform', 'acme/sre']);
    const repo = (await raw(ctx.fg, '/repos/acme/web')).body;
    assert.equal(repo.default_branch, 'develop');
    assert.equal(repo.full_name, 'acme/web');
  });
});
