// Every route of the fake answers with the shape GitHub's OpenAPI description promises,
// exercised through the real @octokit/rest client.
import assert from 'node:assert/strict';
import { validateResponse, validateVariant } from './openapi';
import { NOW, octokitFor, raw, useFake } from './test-support';

describe('fake GitHub — OpenAPI conformance', function () {
  this.timeout(60_000);
  const ctx = useFake();
  const validated = new Set<string>();

  /** Validate and remember which route was covered. */
  function check(method: string, template: string, status: number, body: unknown): void {
    assert.deepEqual(validateResponse(method, template, status, body), [], `${method} ${template}`);
    validated.add(`${method} ${template}`);
  }

  it('serves every REST route with a schema-valid body (via @octokit/rest)', async () => {
    const gh = octokitFor(ctx.fg);
    const o = { owner: 'acme', repo: 'api' };
    const pr = ctx.fg.scenario.pulls.find((p) => p.repo === 'acme/api' && p.requestedTeams.length > 0)!;
    const issue = ctx.fg.scenario.issues.find((i) => i.repo === 'acme/api' && i.labels.includes('sev1'))!;
    const calls: [string, string, () => Promise<{ status: number; data: unknown }>][] = [
      ['GET', '/user', () => gh.rest.users.getAuthenticated()],
      ['GET', '/user/teams', () => gh.rest.teams.listForAuthenticatedUser()],
      ['GET', '/search/issues', () => gh.rest.search.issuesAndPullRequests({ q: 'is:pr is:open review-requested:@me' })],
      ['GET', '/repos/{owner}/{repo}', () => gh.rest.repos.get(o)],
      ['GET', '/repos/{owner}/{repo}/pulls', () => gh.rest.pulls.list({ ...o, state: 'all' })],
      ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}', () => gh.rest.pulls.get({ ...o, pull_number: pr.number })],
      ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', () => gh.rest.pulls.listReviews({ ...o, pull_number: 1 })],
      ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', () => gh.rest.pulls.listRequestedReviewers({ ...o, pull_number: pr.number })],
      ['POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', () => gh.rest.pulls.requestReviewers({ ...o, pull_number: pr.number, reviewers: ['jun'] })],
      ['DELETE', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', () => gh.rest.pulls.removeRequestedReviewers({ ...o, pull_number: pr.number, reviewers: ['jun'] })],
      ['GET', '/repos/{owner}/{repo}/issues', () => gh.rest.issues.listForRepo({ ...o, state: 'all' })],
      ['GET', '/repos/{owner}/{repo}/issues/{issue_number}', () => gh.rest.issues.get({ ...o, issue_number: issue.number })],
      ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/timeline', () => gh.rest.issues.listEventsForTimeline({ ...o, issue_number: pr.number })],
      ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', () => gh.rest.issues.listComments({ ...o, issue_number: issue.number })],
      ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', () => gh.rest.issues.createComment({ ...o, issue_number: issue.number, body: 'On it.' })],
      ['PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', () => gh.rest.issues.update({ ...o, issue_number: issue.number, assignees: ['mira'], milestone: 3 })],
      ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', () => gh.rest.issues.addLabels({ ...o, issue_number: issue.number, labels: ['escalated'] })],
      ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', () => gh.rest.issues.removeLabel({ ...o, issue_number: issue.number, name: 'sev1' })],
      ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/assignees', () => gh.rest.issues.addAssignees({ ...o, issue_number: issue.number, assignees: ['tomas'] })],
      ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/assignees', () => gh.rest.issues.removeAssignees({ ...o, issue_number: issue.number, assignees: ['tomas'] })],
      ['GET', '/repos/{owner}/{repo}/collaborators', () => gh.rest.repos.listCollaborators(o)],
      ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', () => gh.rest.checks.listForRef({ ...o, ref: 'main' })],
      ['GET', '/repos/{owner}/{repo}/commits/{ref}/status', () => gh.rest.repos.getCombinedStatusForRef({ ...o, ref: 'main' })],
      ['GET', '/repos/{owner}/{repo}/actions/workflows', () => gh.rest.actions.listRepoWorkflows(o)],
      ['GET', '/repos/{owner}/{repo}/actions/runs', () => gh.rest.actions.listWorkflowRunsForRepo({ ...o, branch: 'main' })],
      ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', () => gh.rest.actions.getWorkflowRun({ ...o, run_id: ctx.fg.scenario.runs.find((r) => r.repo === 'acme/api')!.id })],
      ['GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', () => gh.rest.actions.listWorkflowRuns({ ...o, workflow_id: 'ci.yml' })],
      ['GET', '/repos/{owner}/{repo}/milestones', () => gh.rest.issues.listMilestones({ ...o, state: 'all' })],
      ['GET', '/repos/{owner}/{repo}/labels', () => gh.rest.issues.listLabelsForRepo(o)],
      ['GET', '/notifications', () => gh.rest.activity.listNotificationsForAuthenticatedUser({ all: true })],
      ['GET', '/notifications/threads/{thread_id}', () => gh.rest.activity.getThread({ thread_id: Number(ctx.fg.scenario.notifications[0]!.id) })],
      ['PATCH', '/notifications/threads/{thread_id}', () => gh.rest.activity.markThreadAsRead({ thread_id: Number(ctx.fg.scenario.notifications[0]!.id) })],
      ['PUT', '/notifications', () => gh.rest.activity.markNotificationsAsRead({ last_read_at: '2000-01-01T00:00:00Z' })],
      ['GET', '/rate_limit', () => gh.rest.rateLimit.get()],
      ['POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', () => gh.rest.actions.reRunWorkflowFailedJobs({
        ...o, run_id: ctx.fg.scenario.runs.filter((r) => r.repo === 'acme/api' && r.conclusion === 'failure').at(-1)!.id,
      })],
      // Last: it merges one of the lead's PRs.
      ['PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', () => gh.rest.pulls.merge({
        ...o, pull_number: ctx.fg.scenario.pulls.find((p) => p.repo === 'acme/api' && p.author === 'lead' && p.state === 'open')!.number, merge_method: 'squash',
      })],
    ];
    for (const [method, template, call] of calls) {
      const res = await call();
      const empty = res.data === undefined || res.data === '' || res.data === null;
      if (!empty) assert.ok(typeof res.data === 'object', `${template} returned JSON`);
      check(method, template, res.status, empty ? undefined : res.data);
    }
    // Coverage: nothing the fake serves escapes validation (GraphQL is not in the REST description).
    const unvalidated = ctx.fg.routes.filter((r) => r !== 'POST /graphql' && !validated.has(r));
    assert.deepEqual(unvalidated, []);
  });

  it('renders each timeline item kind as its own schema variant', async () => {
    const pr = ctx.fg.scenario.pulls.find((p) => p.author === 'lead' && p.requestedReviewers.includes('mira'))!;
    await raw(ctx.fg, `/repos/acme/api/issues/${pr.number}/labels`, { method: 'POST', body: { labels: ['bug'] } });
    await raw(ctx.fg, `/repos/acme/api/issues/${pr.number}/assignees`, { method: 'POST', body: { assignees: ['jun'] } });
    const { body, status } = await raw(ctx.fg, `/repos/acme/api/issues/${pr.number}/timeline`);
    assert.equal(status, 200);
    const titles: Record<string, string> = {
      review_requested: 'Review Requested Issue Event', commented: 'Timeline Comment Event', reviewed: 'Timeline Reviewed Event',
      labeled: 'Labeled Issue Event', assigned: 'Timeline Assigned Issue Event',
    };
    const kinds = new Set<string>();
    for (const item of body as { event: string }[]) {
      const title = titles[item.event];
      assert.ok(title, `unexpected event ${item.event}`);
      kinds.add(item.event);
      assert.deepEqual(validateVariant('GET', '/repos/{owner}/{repo}/issues/{issue_number}/timeline', 200, title, item), []);
    }
    assert.deepEqual([...kinds].sort(), Object.keys(titles).sort());
    const requested = (body as Record<string, any>[]).filter((e) => e['event'] === 'review_requested'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(requested.map((e) => e['requested_reviewer'].login).sort(), ['mira', 'tomas']);
  });

  it('serves the same API under /api/v3 with URLs that stay under that prefix', async () => {
    const gh = octokitFor(ctx.fg, `${ctx.fg.url}/api/v3`);
    const res = await gh.rest.pulls.list({ owner: 'acme', repo: 'web' });
    check('GET', '/repos/{owner}/{repo}/pulls', res.status, res.data);
    assert.ok(res.data.length > 0);
    for (const p of res.data) {
      assert.ok(p.url.startsWith(`${ctx.fg.url}/api/v3/repos/acme/web/pulls/`), p.url);
      assert.ok(p.html_url.startsWith(`${ctx.fg.url}/acme/web/pull/`), p.html_url);
    }
    assert.equal(ctx.fg.requests.at(-1)?.prefix, '/api/v3');
  });

  it('keeps PR sizes out of the list shape and puts them on the single-PR shape, as GitHub does', async () => {
    const gh = octokitFor(ctx.fg);
    const [first] = (await gh.rest.pulls.list({ owner: 'acme', repo: 'infra' })).data;
    assert.ok(first);
    assert.equal('additions' in first, false);
    const full = (await gh.rest.pulls.get({ owner: 'acme', repo: 'infra', pull_number: first.number })).data;
    const record = ctx.fg.scenario.pulls.find((p) => p.repo === 'acme/infra' && p.number === first.number)!;
    assert.deepEqual([full.additions, full.deletions, full.changed_files], [record.additions, record.deletions, record.changedFiles]);
    assert.equal(full.head.sha, record.head.sha);
    assert.equal(full.base.repo.default_branch, 'main');
    assert.ok(Date.parse(full.created_at) < NOW.getTime());
  });

  it('has a validator that rejects wrong shapes and accepts OpenAPI nullables', async () => {
    const { body } = await raw(ctx.fg, '/repos/acme/api/pulls');
    const template = '/repos/{owner}/{repo}/pulls';
    assert.deepEqual(validateResponse('GET', template, 200, body), []);
    const broken = structuredClone(body);
    broken[0].head = null;
    broken[0].number = 'seven';
    const errors = validateResponse('GET', template, 200, broken);
    assert.ok(errors.some((e) => e.includes('/0/head')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('/0/number')), errors.join('\n'));
    // `milestone` is `nullable: true` in the description: null must pass, a string must not.
    assert.deepEqual(validateResponse('GET', template, 200, [{ ...body[0], milestone: null }]), []);
    assert.notDeepEqual(validateResponse('GET', template, 200, [{ ...body[0], milestone: 'v1' }]), []);
    assert.throws(() => validateResponse('GET', '/no/such/route', 200, {}), /No OpenAPI operation/);
  });
});
