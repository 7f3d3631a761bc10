/**
 * Workflow runs for the red-build alerts, and the one write they make (re-run failed jobs).
 * One conditional request per repo and poll: an unchanged list comes back 304, which costs no
 * rate-limit point (the default branch is asked once per session, conditionally too).
 */
import type { AlertRun } from '../core/buildAlerts';
import { array, num, object, requiredNum, safeUrl, str } from './parse';
import type { GitHubClient } from './service';

/** Runs fetched per poll: enough to find the latest completed run of every active workflow. */
const RUNS_PER_POLL = 30;

const defaultBranches = new WeakMap<GitHubClient, Map<string, Promise<string>>>();

export async function defaultBranchOf(service: GitHubClient, repo: string): Promise<string> {
  let branches = defaultBranches.get(service);
  if (!branches) defaultBranches.set(service, (branches = new Map()));
  let branch = branches.get(repo);
  if (!branch) {
    const [owner, name] = repo.split('/');
    branch = service.octokit.rest.repos.get({ owner, repo: name }).then((r) => str(object(r.data, 'repository').default_branch, 'main'));
    branches.set(repo, branch);
    branch.catch(() => branches.delete(repo));
  }
  return branch;
}

/** The newest runs on `repo`'s default branch (any status), and that branch. */
export async function defaultBranchRuns(service: GitHubClient, repo: string): Promise<{ branch: string; runs: AlertRun[] }> {
  const [owner, name] = repo.split('/');
  const branch = await defaultBranchOf(service, repo);
  // Filtered by branch on GitHub's side: feature-branch runs never reach the alert logic (and
  // the logic checks the branch again).
  const { data } = await service.octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo: name, branch, per_page: RUNS_PER_POLL });
  const runs = array(object(data, 'workflow runs').workflow_runs, 'workflow runs').flatMap((raw): AlertRun[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const r = raw as Record<string, unknown>;
    return [{
      workflowId: requiredNum(r.workflow_id, 'workflow id'), name: str(r.name, 'workflow'), runId: requiredNum(r.id, 'run id'),
      headBranch: str(r.head_branch), status: str(r.status), conclusion: str(r.conclusion),
      createdAt: Date.parse(str(r.created_at)) || num(r.run_number), url: safeUrl(r.html_url, service.webHost),
    }];
  });
  return { branch, runs };
}

/** `POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs`. */
export async function rerunFailedJobs(service: GitHubClient, repo: string, runId: number): Promise<true> {
  const [owner, name] = repo.split('/');
  await service.octokit.rest.actions.reRunWorkflowFailedJobs({ owner, repo: name, run_id: runId });
  return true;
}
