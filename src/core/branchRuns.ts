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
 * Events whose runs do not tell the branch's state, even in the repository itself (a fork's runs
 * are already out: their `head_repository` is the fork). Every other event of the repository on
 * the branch counts: `push`, `schedule`, `workflow_dispatch`, `merge_group`, `release`,
 * `deployment`, `dynamic` (code scanning)…
 * - `pull_request*`: a PR's merge ref or its head branch, which a same-repository PR may name
 *   like the default branch.
 * - comment, review, issue and discussion events, stars and forks: anyone can trigger them.
 * - `workflow_run`: GitHub runs it on the default branch's last commit whatever triggered it
 *   ("GITHUB_SHA: last commit on default branch, GITHUB_REF: default branch", Events that trigger
 *   workflows, docs.github.com; such runs report the default branch as theirs, actions/runner#1628),
 *   and in the repository itself — so a deploy or bot workflow that a fork's PR CI triggered reads
 *   as the repository's own run on the default branch, and neither the branch nor the repository
 *   id tells it apart. Only the triggering run does, one more request per run: left out. The
 *   trade-off: a pipeline `on: workflow_run` after CI on the default branch raises no alert and is
 *   not in the systems check (its trigger, the CI run, is).
 */
export const NOT_BRANCH_EVENTS: ReadonlySet<string> = new Set([
  'pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment',
  'issue_comment', 'issues', 'discussion', 'discussion_comment', 'fork', 'watch', 'workflow_run',
]);

/** What the predicate reads of a run. */
export interface RunOrigin {
  readonly headBranch: string;
  /** GitHub's trigger (`push`, `pull_request`, `schedule`…). */
  readonly event: string;
  /** `head_repository.id`: the repository the run's commit comes from; null when GitHub sent none (a deleted fork). */
  readonly headRepositoryId: number | null;
}

/** True for a run of the repository itself (not a fork's) on `branch`, from an event that tells the branch's state. */
export function isOwnBranchRun(run: RunOrigin, repositoryId: number, branch: string): boolean {
  return run.headBranch === branch && run.headRepositoryId === repositoryId && !NOT_BRANCH_EVENTS.has(run.event);
}
