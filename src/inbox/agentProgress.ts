/**
 * What the inbox knows of coding agents' PRs beyond the sidebar: when a ready one was marked ready
 * (its wait in "Needs your review") and a draft's commits. Read after the sidebar in one request
 * for the PRs not read yet (a draft: not since its last update), so an ordinary refresh asks
 * nothing; kept for the session (`forget` when it changes).
 */
import { issueKey } from '../core/agentWork';
import { agentPullsAwaitingCommitCount, agentPullsAwaitingReadyTime } from '../core/agentPullReads';
import type { PendingReview } from '../core/reviews';
import type { DelegatedIssue, GitHubConnection } from '../github/api';
import { describeError } from '../util/errors';

export class AgentProgress {
  /** When each agent's ready PR was marked ready (`issueKey` → epoch ms). */
  private readonly readyTimes = new Map<string, number>();
  /** Agents' PRs whose ready time GitHub did not give: not asked again this session. */
  private readonly readyTimeFailed = new Set<string>();
  /** The commits of each agent's draft (`issueKey` →), at the `updatedAt` they were read for: a push (a new `updatedAt`) reads them again. */
  private readonly commitCounts = new Map<string, { readonly updatedAt: number; readonly commits: number }>();
  /** Agents' drafts whose commits GitHub did not give: not asked again this session. */
  private readonly commitCountFailed = new Set<string>();

  constructor(private readonly github: GitHubConnection) {}

  /** Another session: nothing read for the last one holds. */
  forget(): void {
    this.readyTimes.clear();
    this.readyTimeFailed.clear();
    this.commitCounts.clear();
    this.commitCountFailed.clear();
  }

  /**
   * `issues` with the ready times read so far on their agents' PRs (and the times they carry,
   * from a snapshot, remembered). A PR back in draft forgets its time: marked ready again, it is
   * read again. A draft gets the commit count read for its `updatedAt` (or remembers the one it carries).
   */
  applyTo(issues: readonly DelegatedIssue[]): DelegatedIssue[] {
    return issues.map((i) => (!i.agentPulls ? i : {
      ...i,
      agentPulls: i.agentPulls.map((p) => {
        const key = issueKey(p.repo, p.number);
        if (p.draft) {
          this.readyTimes.delete(key);
          this.readyTimeFailed.delete(key);
          if (p.commits !== null) this.commitCounts.set(key, { updatedAt: p.updatedAt, commits: p.commits });
          const counted = this.commitCounts.get(key);
          return counted?.updatedAt === p.updatedAt && p.commits !== counted.commits ? { ...p, commits: counted.commits } : p;
        }
        if (p.readyAt !== undefined) this.readyTimes.set(key, p.readyAt);
        const at = this.readyTimes.get(key);
        return at === undefined || p.readyAt === at ? p : { ...p, readyAt: at };
      }),
    }));
  }

  /**
   * Reads, in one request, what is not known yet of the agents' PRs the inbox shows: the ready
   * ones in "Needs your review" and the drafts under Delegated work. True when something was read
   * (for a session still `current`): the caller applies it. A failure is logged and not asked
   * again this session (an older GitHub Enterprise Server): their wait counts from their last
   * update, and the drafts show no count.
   */
  async read(issues: readonly DelegatedIssue[], reviews: readonly PendingReview[], agents: readonly string[], current: () => boolean): Promise<boolean> {
    const missing = [...agentPullsAwaitingReadyTime(issues, reviews, agents), ...agentPullsAwaitingCommitCount(issues, agents)]
      .filter((p): p is typeof p & { id: string } => p.id !== undefined && !(p.draft ? this.commitCountFailed : this.readyTimeFailed).has(issueKey(p.repo, p.number)));
    if (missing.length === 0) return false;
    try {
      const read = await this.github.run((s) => s.agentPullProgress(missing.map((p) => p.id)));
      if (!read || !current()) return false;
      for (const p of missing) {
        const got = read.get(p.id);
        const key = issueKey(p.repo, p.number);
        if (!p.draft) {
          if (got !== undefined) this.readyTimes.set(key, got.readyAt);
        } else if (got === undefined || got.commits === null) this.commitCountFailed.add(key);
        else this.commitCounts.set(key, { updatedAt: p.updatedAt, commits: got.commits });
      }
      return true;
    } catch (e) {
      for (const p of missing) (p.draft ? this.commitCountFailed : this.readyTimeFailed).add(issueKey(p.repo, p.number));
      console.warn(`[lead-desk] when agents' pull requests were marked ready, or their commits, was not read: ${describeError(e)}`);
      return false;
    }
  }
}
