/**
 * Which workflow runs tell the state of a repository's own branch. `GET …/actions/runs?branch=main`
 * also lists the `pull_request` runs of forks whose own branch is named `main` (GitHub filters
 * by the head branch's name, whoever owns it): a contributor's failing PR must not read as a
 * red default branch, nor their passing PR as a recovered one. Pure: the alerts and the Morning
 * Review's systems check read runs through it (src/github/ops/runs.ts).
 */

/** A workflow's state as the Morning Review's systems check shows it. */
export type RunState = 'success' | 'failure' | 'running' | 'other';

/**
 * Events whose runs run on the branch itself, in the repository. Left out on purpose:
 * `pull_request*` (a PR's merge ref, or a fork's branch), `workflow_run` (it carries the head
 * branch of the run that triggered it, which may be a fork's), and comment or review events that
 * anyone can trigger.
 */
export const BRANCH_EVENTS: ReadonlySet<string> = new Set(['push', 'schedule', 'workflow_dispatch', 'merge_group', 'repository_dispatch']);

/** What the predicate reads of a run. */
export interface RunOrigin {
  readonly headBranch: string;
  /** GitHub's trigger (`push`, `pull_request`, `schedule`…). */
  readonly event: string;
  /** `head_repository.id`: the repository the run's commit comes from; null when GitHub sent none (a deleted fork). */
  readonly headRepositoryId: number | null;
}

/** True for a run of the repository itself (not a fork's) on `branch`, triggered by an event that runs on the branch. */
export function isOwnBranchRun(run: RunOrigin, repositoryId: number, branch: string): boolean {
  return run.headBranch === branch && run.headRepositoryId === repositoryId && BRANCH_EVENTS.has(run.event);
}
