/**
 * Contributors' forks and their pull-request runs. GitHub lists a fork PR's `pull_request` run
 * under the base repository, and `GET …/actions/runs?branch=main` finds it when the fork's own
 * branch is named `main` (as contributors' usually is): `head_repository` is the fork, and
 * `pull_requests` is empty for fork PRs.
 */
import { fakeSha, findRepo, fullName, iso, nextId, type RunConclusion, type Scenario, type ScenarioRepo, type ScenarioWorkflowRun } from './scenario';

/** `login`'s fork of `repo` (`login/name`, `fork: true`), made on first use. */
export function addFork(s: Scenario, repo: string, login: string): ScenarioRepo {
  const base = findRepo(s, ...(repo.split('/') as [string, string]));
  if (!base) throw new Error(`fake-github: unknown repo ${repo}`);
  const existing = findRepo(s, login, base.name);
  if (existing) return existing;
  if (!s.users.some((u) => u.login === login)) s.users.push({ login, id: nextId(s), name: null });
  const fork: ScenarioRepo = {
    ...base, id: nextId(s), owner: login, private: false, forkOf: fullName(base), collaborators: [{ login, permission: 'admin' }],
    branches: { ...base.branches }, labels: [], mergeMethods: undefined,
  };
  s.repos.push(fork);
  return fork;
}

/** A `pull_request` run of `workflowId` in `repo`, for a PR from `login`'s fork's branch `branch` (default `main`). */
export function addForkPullRun(s: Scenario, opts: {
  readonly repo: string; readonly login: string; readonly workflowId: number; readonly conclusion: RunConclusion | null; readonly at: Date; readonly branch?: string;
}): ScenarioWorkflowRun {
  const fork = addFork(s, opts.repo, opts.login);
  const runNumber = s.runs.filter((r) => r.workflowId === opts.workflowId).length + 1;
  const run: ScenarioWorkflowRun = {
    id: nextId(s), repo: opts.repo, workflowId: opts.workflowId, runNumber, event: 'pull_request', headBranch: opts.branch ?? 'main',
    headRepo: fullName(fork), headSha: fakeSha(`${fullName(fork)}:${runNumber}`), status: opts.conclusion === null ? 'in_progress' : 'completed',
    conclusion: opts.conclusion, actor: opts.login, createdAt: iso(opts.at), runStartedAt: iso(opts.at), updatedAt: iso(opts.at),
  };
  s.runs.push(run);
  return run;
}
