// Routes for repositories: metadata, collaborators, labels, milestones, checks, statuses, Actions.
import { type ScenarioRepo, type ScenarioWorkflowRun, fullName } from './scenario';
import * as shapes from './builders';
import { type Route, type RouteRequest, byKey, direction, notFound, ok, paginate } from './http-kit';
import { repoOf } from './routes-issues';

/** A ref is a sha, a branch, or a PR head branch; resolve it to a commit sha. */
function resolveRef(req: RouteRequest, repo: ScenarioRepo): string {
  const ref = (req.params['ref'] ?? '').replace(/^refs\/heads\//, '').replace(/^heads\//, '');
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  const branch = repo.branches[ref];
  if (branch) return branch;
  const pr = req.ctx.scenario.pulls.find((p) => p.repo === fullName(repo) && p.head.ref === ref);
  if (pr) return pr.head.sha;
  // GitHub: "No commit found for SHA: …" — a 422; for an unknown branch a 404.
  throw notFound();
}

/** Runs filtered by the query params GitHub supports on both run-listing endpoints. */
function listRuns(req: RouteRequest, runs: ScenarioWorkflowRun[]) {
  const q = req.query;
  const branch = q.get('branch');
  const status = q.get('status');
  const event = q.get('event');
  const headSha = q.get('head_sha');
  const actor = q.get('actor');
  // `status` accepts a status (queued, in_progress, completed…) or a conclusion (failure, success…).
  const filtered = runs
    .filter((r) => !branch || r.headBranch === branch)
    .filter((r) => !status || r.status === status || r.conclusion === status)
    .filter((r) => !event || r.event === event)
    .filter((r) => !headSha || r.headSha === headSha)
    .filter((r) => !actor || r.actor === actor)
    .sort(byKey((r) => r.createdAt, 'desc'));
  const page = paginate(req, filtered);
  return ok({ total_count: filtered.length, workflow_runs: page.items.map((r) => shapes.workflowRun(req.ctx, r)) }, page.headers);
}

export const repoRoutes: Route[] = [
  {
    method: 'GET', template: '/repos/{owner}/{repo}',
    handle: (req) => {
      const r = repoOf(req);
      return { status: 200, body: shapes.repository(req.ctx, fullName(r)), lastModified: new Date(r.pushedAt) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/collaborators',
    handle(req) {
      const page = paginate(req, repoOf(req).collaborators);
      return ok(page.items.map((c) => shapes.collaborator(req.ctx, c)), page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/labels',
    handle(req) {
      const r = repoOf(req);
      const page = paginate(req, r.labels);
      return ok(page.items.map((l) => shapes.label(req.ctx, fullName(r), l)), page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/milestones',
    handle(req) {
      const repo = fullName(repoOf(req));
      const state = req.query.get('state') ?? 'open';
      const sort = req.query.get('sort') ?? 'due_on';
      const list = req.ctx.scenario.milestones.filter((m) => m.repo === repo && (state === 'all' || m.state === state))
        .map((m) => shapes.milestone(req.ctx, m));
      const completeness = (m: Record<string, unknown>): number => {
        const open = Number(m['open_issues']);
        const closed = Number(m['closed_issues']);
        return open + closed === 0 ? 0 : closed / (open + closed);
      };
      // Milestones without a due date sort after those with one, as on GitHub.
      const key = sort === 'completeness' ? completeness : (m: Record<string, unknown>) => String(m['due_on'] ?? '9999');
      list.sort(byKey(key, direction(req.query, 'asc')));
      const page = paginate(req, list);
      return ok(page.items, page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    handle(req) {
      const r = repoOf(req);
      const sha = resolveRef(req, r);
      const name = req.query.get('check_name');
      const status = req.query.get('status');
      const runs = req.ctx.scenario.checkRuns.filter((c) => c.repo === fullName(r) && c.headSha === sha)
        .filter((c) => !name || c.name === name)
        .filter((c) => !status || c.status === status);
      const page = paginate(req, runs);
      return ok({ total_count: runs.length, check_runs: page.items.map((c) => shapes.checkRun(req.ctx, c)) }, page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/status',
    handle(req) {
      const r = repoOf(req);
      const sha = resolveRef(req, r);
      const statuses = req.ctx.scenario.statuses.filter((x) => x.repo === fullName(r) && x.sha === sha);
      return ok(shapes.combinedStatus(req.ctx, fullName(r), sha, statuses));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/actions/workflows',
    handle(req) {
      const repo = fullName(repoOf(req));
      const list = req.ctx.scenario.workflows.filter((w) => w.repo === repo);
      const page = paginate(req, list);
      return ok({ total_count: list.length, workflows: page.items.map((w) => shapes.workflow(req.ctx, w)) }, page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/actions/runs',
    handle: (req) => {
      const repo = fullName(repoOf(req));
      return listRuns(req, req.ctx.scenario.runs.filter((r) => r.repo === repo));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/actions/runs/{run_id}',
    handle(req) {
      const repo = fullName(repoOf(req));
      const run = req.ctx.scenario.runs.find((r) => r.repo === repo && String(r.id) === req.params['run_id']);
      if (!run) throw notFound();
      return ok(shapes.workflowRun(req.ctx, run));
    },
  },
  {
    // GitHub starts a new attempt of the failed jobs: the run is queued again, keeping its id.
    method: 'POST', template: '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
    handle(req) {
      const repo = fullName(repoOf(req));
      const run = req.ctx.scenario.runs.find((r) => r.repo === repo && String(r.id) === req.params['run_id']);
      if (!run) throw notFound();
      if (run.status !== 'completed' || run.conclusion === 'success') {
        return { status: 403, body: { message: 'This workflow run is not eligible for rerun', documentation_url: 'https://docs.github.com/rest/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run', status: '403' } };
      }
      run.status = 'queued';
      run.conclusion = null;
      run.attempt = (run.attempt ?? 1) + 1;
      run.updatedAt = req.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { status: 201, body: {} };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    handle(req) {
      const repo = fullName(repoOf(req));
      const id = req.params['workflow_id'] ?? '';
      // The id may be the numeric id or the workflow file name (`ci.yml`).
      const w = req.ctx.scenario.workflows.find((x) => x.repo === repo && (String(x.id) === id || x.path.endsWith(`/${id}`)));
      if (!w) throw notFound();
      return listRuns(req, req.ctx.scenario.runs.filter((r) => r.repo === repo && r.workflowId === w.id));
    },
  },
];
