/**
 * What the features use of GitHub: `GitHubConnection.run` hands them a `GitHubService`, which the
 * signed-in `GitHubClient` (client.ts) implements. A feature that needs a few of these calls
 * takes `Pick<GitHubService, …>`, so a test stub of those calls type-checks without a cast.
 */
import type { AlertRun } from '../core/buildAlerts';
import type { ItemActivity, NudgeRecord } from '../core/nudges';
import type { GitHubFailure } from './transport/failure';
import type { MergeMethod } from './ops/mergeMethod';
import type { Enqueued } from './ops/enqueue';
import type { AgentPullProgress } from './ops/agentReady';
import type { RequestedReviewers } from './ops/reviewRequests';
import type { TeamLoadData } from './ops/teamLoadQuery';
import type { TurnaroundHistories } from './ops/reviewTurnaroundQuery';
import type { IncidentIssue, NotificationThread, OpenMilestone, WorkflowStatus } from './morningReviewData';
import type { MorningReviewGitHub } from './ops/morningReviewQuery';
import type { WriteResult } from './transport/writeOnce';
import type { PostedComment } from './ops/comment';
import type { SearchPage } from './parse';
import type { SidebarData } from './ops/sidebarQuery';

export type { PostedComment } from './ops/comment';
export type { SearchPage } from './parse';

export interface GitHubService {
  /** The web host links must point to (github.com, or the GHE host). */
  readonly webHost: string;
  /** The signed-in user's login, asked once per session. */
  me(): Promise<string>;
  /** Failures seen before the retries, for an early notice; returns the unsubscribe. */
  onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void;
  searchIssues(q: string, maxPages?: number): Promise<SearchPage>;
  /** Everything the sidebar and the queue show; `onPage` sees each page as it comes. */
  sidebar(repos: readonly string[], onPage?: (partial: SidebarData) => void): Promise<SidebarData>;
  /** Incidents and open milestones of `repos`, in one query shared by the sections loading together. */
  morningReview(repos: readonly string[], severityLabels: readonly string[], now?: number): Promise<MorningReviewGitHub>;
  collaborators(repo: string): Promise<string[]>;
  /**
   * Writes are sent once. When GitHub's answer is lost (5xx, time-out, dropped connection), what
   * happened is read back: done → the usual result with `recoveredFrom` (for "GitHub answered 502,
   * but…"); not done → the failure; unknown → an `UnconfirmedWrite`.
   * Posts a comment; returns its web URL.
   */
  comment(repo: string, number: number, body: string): Promise<PostedComment>;
  /** Sets the `Due: YYYY-MM-DD` line of an issue's description; false when it was already there. */
  writeDueLine(repo: string, number: number, date: string): Promise<boolean>;
  setAssignees(repo: string, number: number, assignees: string[]): Promise<void>;
  /** The merge method the repo's settings allow for this viewer. */
  mergeMethod(repo: string): Promise<MergeMethod>;
  /** Merges the PR if its head is still `sha` (GitHub answers 409 otherwise). */
  merge(repo: string, number: number, method: MergeMethod, sha?: string): Promise<WriteResult>;
  /** Merge… on a branch that requires a merge queue: adds the PR to it, once; a PR already queued is left as it is. */
  enqueuePullRequest(repo: string, number: number, headSha?: string): Promise<Enqueued>;
  addLabels(repo: string, number: number, labels: string[]): Promise<void>;
  removeLabel(repo: string, number: number, label: string): Promise<void>;
  /** Adds `toLabel`, then removes `fromLabel` (if any, and if it is still there). */
  escalate(repo: string, number: number, fromLabel: string | null, toLabel: string): Promise<void>;
  notifications(since?: Date): Promise<{ threads: NotificationThread[]; pollIntervalSeconds: number }>;
  markThreadRead(id: string): Promise<void>;
  /** The newest run of each workflow on the default branch, with "failing since" for red ones. */
  latestDefaultBranchRuns(repo: string): Promise<WorkflowStatus[]>;
  incidents(repos: readonly string[], severityLabels: readonly string[]): Promise<IncidentIssue[]>;
  openMilestones(repo: string, now?: number): Promise<OpenMilestone[]>;
  /** The newest runs on `repo`'s default branch (any status), and that branch: the red-build alerts' poll. */
  defaultBranchRuns(repo: string): Promise<{ branch: string; runs: AlertRun[] }>;
  rerunFailedJobs(repo: string, runId: number): Promise<true>;
  /** The review load of `members` over `repos`, in one GraphQL request (see teamLoadQuery.ts). */
  teamLoad(members: readonly string[], repos: readonly string[]): Promise<TeamLoadData>;
  /** When coding agents' PRs (node ids) were last marked ready, and their commits, in one GraphQL request (see agentReady.ts). */
  agentPullProgress(ids: readonly string[]): Promise<Map<string, AgentPullProgress>>;
  /**
   * The review-request histories of `repos`' PRs updated since `since` (epoch ms), for the review
   * turnaround: a few GraphQL requests, asked at most once a day (see reviewTurnaroundQuery.ts).
   */
  reviewTurnaround(repos: readonly string[], since: number, now: number): Promise<TurnaroundHistories>;
  /** Asks `reviewers` for a review (REST); GitHub's 422s become messages that name the person. */
  requestReviewers(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult>;
  /** Removes `reviewers`' review requests (REST). */
  removeReviewRequest(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult>;
  /** Which of `members` can review in `repo` (login, lower case → can), in one GraphQL request. */
  reviewAccess(repo: string, members: readonly string[]): Promise<Map<string, boolean>>;
  /** Activity on each nudged item since its nudge, in one aliased query (see `nudgeAnswers.ts`). */
  nudgeAnswers(nudges: readonly NudgeRecord[]): Promise<Map<string, ItemActivity[]>>;
  /** The heads-down status; null clears it. */
  setUserStatus(status: { message: string; emoji: string; busy: boolean; expiresAt: Date } | null): Promise<void>;
}
