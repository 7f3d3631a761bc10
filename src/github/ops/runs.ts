/**
 * Workflow runs on the default branch — the one source the red-build alerts and the Morning
 * Review's systems check read — and the one write the alerts make (re-run failed jobs).
 * One conditional request per repo and poll: an unchanged list comes back 304, which costs no
 * rate-limit point (the repository is asked once per session: `Transport.repositoryBranch`). Both readers
 * ask the same URL, so they share its validator.
 */
import { isOwnBranchRun, type RunOrigin } from '../../core/branchRuns';
import type { AlertRun } from '../../core/buildAlerts';
import { latestRunPerWorkflow, type RunRecord, type WorkflowStatus } from '../morningReviewData';
import { array, num, object, objects, requiredNum, safeUrl, str, time } from '../parse';
import type { RepositoryBranch, Transport } from '../transport/transport';
import { sendOnce } from '../transport/writeOnce';

/** Runs fetched per request: enough to find the latest completed run of every active workflow, and a failing streak. */
const RUNS_PER_REQUEST = 50;

/** One run of the repository on its default branch, as the alerts and the Morning Review read it. */
export type BranchRun = AlertRun & RunRecord & RunOrigin;

/**
 * The runs of a `GET …/actions/runs` answer that are the repository's own, on `branch`, from an
 * event that runs on the branch (see `isOwnBranchRun`); newest first as GitHub sent them.
 */
export function ownBranchRuns(workflowRuns: unknown, where: RepositoryBranch, webHost: string): BranchRun[] {
  return objects(workflowRuns, 'workflow runs').flatMap((r): BranchRun[] => {
    const head = r.head_repository;
    const headRepositoryId = typeof head === 'object' && head !== null && typeof (head as { id?: unknown }).id === 'number'
      ? (head as { id: number }).id : null;
    const run: BranchRun = {
      workflowId: requiredNum(r.workflow_id, 'workflow id'), name: str(r.name, 'workflow'), runId: requiredNum(r.id, 'run id'),
      runNumber: num(r.run_number), headBranch: str(r.head_branch), event: str(r.event), headRepositoryId,
      status: str(r.status), conclusion: str(r.conclusion), createdAt: time(r.created_at), url: safeUrl(r.html_url, webHost),
    };
    return isOwnBranchRun(run, where.repositoryId, where.branch) ? [run] : [];
  });
}

/** The newest runs of `repo` itself on its default branch (any status), and that branch. */
export async function defaultBranchRuns(service: Pick<Transport, 'octokit' | 'webHost' | 'repositoryBranch'>, repo: string): Promise<{ branch: string; runs: BranchRun[] }> {
  const [owner, name] = repo.split('/');
  const where = await service.repositoryBranch(repo);
  // Filtered by branch name on GitHub's side, which also lets through forks' branches of that
  // name: `ownBranchRuns` keeps the repository's own.
  const { data } = await service.octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo: name, branch: where.branch, per_page: RUNS_PER_REQUEST });
  return { branch: where.branch, runs: ownBranchRuns(array(object(data, 'workflow runs').workflow_runs, 'workflow runs'), where, service.webHost) };
}

/**
 * The newest run of each workflow on the default branch, with "failing since" for red ones
 * (the Morning Review's systems check).
 */
export async function latestDefaultBranchRuns(service: Pick<Transport, 'octokit' | 'webHost' | 'repositoryBranch'>, repo: string): Promise<WorkflowStatus[]> {
  const { branch, runs } = await defaultBranchRuns(service, repo);
  return latestRunPerWorkflow(runs).map((w) => ({ ...w, repo, branch }));
}

/**
 * Re-runs the failed jobs of a run (`POST …/actions/runs/{run_id}/rerun-failed-jobs`) once; after
 * a lost answer, the run says whether a new attempt started: its `run_attempt` went up (a new
 * attempt that already failed again is still one), or it is no longer completed.
 */
export async function rerunFailedJobs(service: Pick<Transport, 'octokit'>, repo: string, runId: number): Promise<true> {
  const [owner, name] = repo.split('/');
  const run = async () => object((await service.octokit.rest.actions.getWorkflowRun({ owner, repo: name, run_id: runId })).data, 'workflow run');
  const attemptBefore = Number((await run()).run_attempt) || 1;
  await sendOnce(`the failed jobs of run ${runId} in ${repo} were re-run`, async () => {
    await service.octokit.rest.actions.reRunWorkflowFailedJobs({ owner, repo: name, run_id: runId });
    return {};
  }, async () => {
    const now = await run();
    return (Number(now.run_attempt) || 1) > attemptBefore || now.status !== 'completed' ? {} : null;
  });
  return true;
}
