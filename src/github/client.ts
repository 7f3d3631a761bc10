/**
 * The typed face of GitHub for the features. Only `src/github/` knows Octokit, URLs, search
 * syntax, pagination and ETags; features get plain data they can render and test.
 *
 * A façade: each call is one operation of src/github/ops/ run on this session's transport. What
 * lives here is only what the session shares between calls: the viewer's login (asked once) and
 * the Morning Review query in flight (the sections loading together ask it once).
 */
import type { GitHubService } from './githubService';
import type { GitHubFailure } from './transport/failure';
import { GitHubTransport } from './transport/transport';
import type { ItemActivity, NudgeRecord } from '../core/nudges';
import type { SearchPage } from './parse';
import type { IncidentIssue, NotificationThread, OpenMilestone, WorkflowStatus } from './morningReviewData';
import { collaborators } from './ops/collaborators';
import { comment, type PostedComment } from './ops/comment';
import { incidents } from './ops/incidents';
import { setAssignees, writeDueLine } from './ops/issueUpdate';
import { addLabels, escalate, removeLabel } from './ops/labels';
import { merge, mergeMethodOf, type MergeMethod } from './ops/mergeMethod';
import { enqueuePullRequest, type Enqueued } from './ops/enqueue';
import { agentPullProgress, type AgentPullProgress } from './ops/agentReady';
import { openMilestones } from './ops/milestones';
import { morningReview, type MorningReviewGitHub } from './ops/morningReviewQuery';
import { markThreadRead, unreadThreads } from './ops/notifications';
import { nudgeAnswers } from './ops/nudgeAnswers';
import { removeReviewRequest, requestReviewers, reviewAccess, type RequestedReviewers } from './ops/reviewRequests';
import { loadTurnaroundHistories, type TurnaroundHistories } from './ops/reviewTurnaroundQuery';
import { defaultBranchRuns, latestDefaultBranchRuns, rerunFailedJobs } from './ops/runs';
import { searchIssues } from './ops/searchIssues';
import { sidebar, type SidebarData } from './ops/sidebarQuery';
import { loadTeam, type TeamLoadData } from './ops/teamLoadQuery';
import { setUserStatus, type UserStatus } from './ops/userStatus';
import { viewerLogin } from './ops/viewer';
import type { WriteResult } from './transport/writeOnce';

export type { GitHubService, PostedComment, SearchPage } from './githubService';

/** The GitHub of one signed-in session (see `GitHubConnection`); features see it as a `GitHubService`. */
export class GitHubClient extends GitHubTransport implements GitHubService {
  private meCache: Promise<string> | undefined;
  /** The Morning Review query in flight, shared by the sections that read it (incidents, milestones). */
  private reviewQuery: { key: string; answer: Promise<MorningReviewGitHub> } | undefined;

  /** The signed-in user's login, asked once per session (a failure is asked again next time). */
  me(): Promise<string> {
    this.meCache ??= viewerLogin(this).catch((e: unknown) => { this.meCache = undefined; throw e; });
    return this.meCache;
  }

  /** See `GitHubOctokit.onAttemptFailed`: failures seen before the retries, for an early notice. */
  onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void {
    return this.octokit.onAttemptFailed(listener);
  }

  searchIssues(q: string, maxPages?: number): Promise<SearchPage> { return searchIssues(this, q, maxPages); }
  sidebar(repos: readonly string[], onPage?: (partial: SidebarData) => void): Promise<SidebarData> { return sidebar(this, repos, onPage); }
  teamLoad(members: readonly string[], repos: readonly string[]): Promise<TeamLoadData> { return loadTeam(this, members, repos); }
  agentPullProgress(ids: readonly string[]): Promise<Map<string, AgentPullProgress>> { return agentPullProgress(this, ids); }
  reviewTurnaround(repos: readonly string[], since: number, now: number): Promise<TurnaroundHistories> { return loadTurnaroundHistories(this, repos, since, now); }

  /** Sections loading together share one query in flight; a section loaded again (Retry, the next review) asks again. */
  morningReview(repos: readonly string[], severityLabels: readonly string[], now = Date.now()): Promise<MorningReviewGitHub> {
    const key = JSON.stringify([repos, severityLabels]);
    if (this.reviewQuery?.key === key) return this.reviewQuery.answer;
    const entry = { key, answer: morningReview(this, repos, severityLabels, now) };
    this.reviewQuery = entry;
    const clear = () => { if (this.reviewQuery === entry) this.reviewQuery = undefined; };
    entry.answer.then(clear, clear);
    return entry.answer;
  }

  incidents(repos: readonly string[], severityLabels: readonly string[]): Promise<IncidentIssue[]> { return incidents(this, repos, severityLabels); }
  openMilestones(repo: string, now?: number): Promise<OpenMilestone[]> { return openMilestones(this, repo, now); }
  collaborators(repo: string): Promise<string[]> { return collaborators(this, repo); }
  comment(repo: string, number: number, body: string): Promise<PostedComment> { return comment(this, repo, number, body); }
  writeDueLine(repo: string, number: number, date: string): Promise<boolean> { return writeDueLine(this, repo, number, date); }
  setAssignees(repo: string, number: number, assignees: string[]): Promise<void> { return setAssignees(this, repo, number, assignees); }
  mergeMethod(repo: string): Promise<MergeMethod> { return mergeMethodOf(this, repo); }
  merge(repo: string, number: number, method: MergeMethod, sha?: string): Promise<WriteResult> { return merge(this, repo, number, method, sha); }
  addLabels(repo: string, number: number, labels: string[]): Promise<void> { return addLabels(this, repo, number, labels); }
  removeLabel(repo: string, number: number, label: string): Promise<void> { return removeLabel(this, repo, number, label); }
  escalate(repo: string, number: number, fromLabel: string | null, toLabel: string): Promise<void> { return escalate(this, repo, number, fromLabel, toLabel); }

  notifications(since?: Date): Promise<{ threads: NotificationThread[]; pollIntervalSeconds: number }> { return unreadThreads(this, since); }
  markThreadRead(id: string): Promise<void> { return markThreadRead(this, id); }

  latestDefaultBranchRuns(repo: string): Promise<WorkflowStatus[]> { return latestDefaultBranchRuns(this, repo); }
  defaultBranchRuns(repo: string): ReturnType<GitHubService['defaultBranchRuns']> { return defaultBranchRuns(this, repo); }
  rerunFailedJobs(repo: string, runId: number): Promise<true> { return rerunFailedJobs(this, repo, runId); }

  requestReviewers(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult> {
    return requestReviewers(this, repo, number, reviewers);
  }
  removeReviewRequest(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult> {
    return removeReviewRequest(this, repo, number, reviewers);
  }
  reviewAccess(repo: string, members: readonly string[]): Promise<Map<string, boolean>> { return reviewAccess(this, repo, members); }
  nudgeAnswers(nudges: readonly NudgeRecord[]): Promise<Map<string, ItemActivity[]>> { return nudgeAnswers(this, nudges); }
  setUserStatus(status: UserStatus | null): Promise<void> { return setUserStatus(this, status); }
  enqueuePullRequest(repo: string, number: number, headSha?: string): Promise<Enqueued> { return enqueuePullRequest(this, repo, number, headSha); }
}
