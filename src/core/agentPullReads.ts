/**
 * Which coding agents' PRs to read more about after the sidebar (src/inbox/agentProgress.ts):
 * the sidebar leaves out when a ready one was marked ready and a draft's commits, which cost
 * points per PR there. Pure: no `vscode`, no GitHub client.
 */
import { agentPullsOnIssues, issueKey } from './agentWork';
import type { AgentPullItem, DelegatedIssueItem } from './itemDecisions';
import type { PendingReview } from './reviews';

/**
 * The agents' ready PRs that will show in "Needs your review" (the lead was not asked on them)
 * and whose ready time is not read yet: the ones to read it for (`readyAt`).
 */
export function agentPullsAwaitingReadyTime<P extends AgentPullItem>(issues: readonly (DelegatedIssueItem & { readonly agentPulls?: readonly P[] })[], reviews: readonly PendingReview[], agents: readonly string[]): P[] {
  const asked = new Set(reviews.map((r) => issueKey(r.repo, r.number)));
  return agentPullsOnIssues(issues, agents)
    .filter(({ pull, work }) => work.state === 'needs-your-review' && pull.readyAt === undefined && !asked.has(issueKey(pull.repo, pull.number)))
    .map(({ pull }) => pull as P);
}

/**
 * The agents' drafts under Delegated work whose commit count is not known (the sidebar does not
 * ask it: 5 points; the caller fills in the counts read before while the PR's `updatedAt` is the
 * same, so a push asks again): the ones to read it for.
 */
export function agentPullsAwaitingCommitCount<P extends AgentPullItem>(issues: readonly (DelegatedIssueItem & { readonly agentPulls?: readonly P[] })[], agents: readonly string[]): P[] {
  return agentPullsOnIssues(issues, agents)
    .filter(({ pull, work }) => work.state === 'delegated' && (pull.commits === undefined || pull.commits === null))
    .map(({ pull }) => pull as P);
}
