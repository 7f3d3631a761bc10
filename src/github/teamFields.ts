/**
 * The fields the inbox needs to know the whole team — AI reviewers, coding agents and the merge
 * queue — as fragments for the sidebar query, with the reading of their answers into the pure
 * core's facts (src/core/aiReviews.ts, agentWork.ts, mergeQueue.ts). Every name is GitHub's
 * published schema's (test/unit/github/teamFields.test.ts checks them against it); a GitHub
 * Enterprise Server without one answers `undefinedField`, and the transport asks again without it
 * (transport/graphqlFields.ts), so such a server loses only these facts: every reader here takes a
 * missing field as "not known". Pure: no Octokit, no `vscode`.
 */
import type { AgentPullFacts, LinkedIssue } from '../core/agentWork';
import type { RequestedReviewer, ReviewOnCommit } from '../core/aiReviews';
import type { ReviewVerdict } from '../core/inbox';
import {
  MERGE_STATE_STATUSES, QUEUE_ENTRY_STATES,
  type AutoMerge, type MergeQueueFacts, type MergeStateStatus, type QueueEntry, type QueueEvent,
} from '../core/mergeQueue';
import { login, num, safeUrl, str, time, type Json } from './parse';

/**
 * A requested reviewer of any kind: GitHub's `RequestedReviewer` union is User, Team, Bot and
 * Mannequin. (The sidebar's `requestedReviewer { … }` selections take `... on Bot { login }`.)
 */
export const REQUESTED_REVIEWER = '__typename ... on User { login } ... on Team { slug } ... on Bot { login }';

/** Each reviewer's latest review with the commit it was made on and whether its author is a Bot. */
export const REVIEWS_ON_COMMITS = 'latestReviews(first: 10) { nodes { state submittedAt author { __typename login } commit { oid } } }';

/** Whether the PR's author is a Bot (a coding agent, or dependabot): `author { login }` gains `__typename`. */
export const AUTHOR_KIND = 'author { __typename login }';

/**
 * Where the PR is on its way in: the head it is judged on, whether its base branch requires the
 * queue, its queue entry, auto-merge, GitHub's merge state, and the last time it entered or left
 * the queue (the removal's reason). Objects, not connections, except the one-item timeline: 1
 * request a parent in GitHub's cost.
 */
export const MERGE_QUEUE_FIELDS = `headRefOid isMergeQueueEnabled mergeStateStatus
  mergeQueueEntry { position estimatedTimeToMerge state }
  autoMergeRequest { enabledAt mergeMethod }
  queueEvents: timelineItems(last: 1, itemTypes: [ADDED_TO_MERGE_QUEUE_EVENT, REMOVED_FROM_MERGE_QUEUE_EVENT]) {
    nodes { __typename ... on AddedToMergeQueueEvent { createdAt } ... on RemovedFromMergeQueueEvent { createdAt reason } }
  }`;

/** The issues a PR closes, with who opened them (the lead's delegated issues are the lead's). */
export const CLOSING_ISSUES = 'closingIssuesReferences(first: 5) { nodes { number author { login } repository { nameWithOwner } } }';

/**
 * On a delegated issue: the open PRs that will close it, so an agent's draft is found from the
 * issue the lead handed it, without a search of its own. 1 request per issue in GitHub's cost (100
 * on a full delegated page); a commit count under it would cost 1 per PR (500 requests, 5 points:
 * the sidebar would cost 16), so the sidebar leaves it out and reads it after (ops/agentReady.ts):
 * `commits` below is GitHub's when a caller asks for `commits { totalCount }`.
 */
export const AGENT_PULLS = `agentPulls: closedByPullRequestsReferences(first: 5) {
  nodes { id number title url isDraft createdAt updatedAt ${AUTHOR_KIND} repository { nameWithOwner } }
}`;

const nodesOf = (v: unknown): Json[] => {
  if (typeof v !== 'object' || v === null) return [];
  const nodes = (v as Json).nodes;
  return Array.isArray(nodes) ? nodes.filter((n): n is Json => typeof n === 'object' && n !== null) : [];
};
const objectOr = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : null);

/** `author { __typename }` says Bot. */
export const isBotActor = (actor: unknown): boolean => objectOr(actor)?.__typename === 'Bot';

/** `reviewRequests { nodes { requestedReviewer { … } } }`: users, teams and bots; mannequins and unreadable ones left out. */
export function requestedReviewersOf(reviewRequests: unknown): RequestedReviewer[] {
  return nodesOf(reviewRequests).flatMap((n): RequestedReviewer[] => {
    const r = objectOr(n.requestedReviewer);
    if (!r) return [];
    if (r.__typename === 'Bot' && typeof r.login === 'string') return [{ kind: 'bot', name: r.login }];
    if (r.__typename === 'User' && typeof r.login === 'string') return [{ kind: 'user', name: r.login }];
    if (r.__typename === 'Team' && typeof r.slug === 'string') return [{ kind: 'team', name: r.slug }];
    return [];
  });
}

const VERDICTS: readonly ReviewVerdict[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

/** `latestReviews` (or `reviews`) with the commit and the author's kind, oldest first. */
export function reviewsOnCommits(reviews: unknown): ReviewOnCommit[] {
  return nodesOf(reviews).flatMap((r): ReviewOnCommit[] => {
    const verdict = VERDICTS.find((v) => v === r.state);
    const at = time(r.submittedAt, Number.NaN);
    if (!verdict || Number.isNaN(at)) return [];
    return [{ reviewer: login(r.author), verdict, at, commit: str(objectOr(r.commit)?.oid), ...(isBotActor(r.author) ? { bot: true } : {}) }];
  }).sort((a, b) => a.at - b.at);
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => values.find((x) => x === v) ?? null;

function queueEntryOf(v: unknown): QueueEntry | null {
  const e = objectOr(v);
  const state = oneOf(QUEUE_ENTRY_STATES, e?.state);
  if (!e || state === null || typeof e.position !== 'number') return null;
  return { position: e.position, estimatedSeconds: typeof e.estimatedTimeToMerge === 'number' ? e.estimatedTimeToMerge : null, state };
}

function autoMergeOf(v: unknown): AutoMerge | null {
  const a = objectOr(v);
  const method = oneOf(['MERGE', 'SQUASH', 'REBASE'] as const, a?.mergeMethod);
  if (!a || method === null) return null;
  const at = time(a.enabledAt, Number.NaN);
  return { enabledAt: Number.isNaN(at) ? null : at, method };
}

function queueEventOf(v: unknown): QueueEvent | null {
  const last = nodesOf(v).at(-1);
  const at = time(last?.createdAt, Number.NaN);
  if (!last || Number.isNaN(at)) return null;
  if (last.__typename === 'AddedToMergeQueueEvent') return { kind: 'added', at, reason: '' };
  if (last.__typename === 'RemovedFromMergeQueueEvent') return { kind: 'removed', at, reason: str(last.reason) };
  return null;
}

/** The merge-queue facts of a PR node asked with `MERGE_QUEUE_FIELDS`, and whether its branch requires the queue. */
export function mergeQueueFactsOf(n: Json): Omit<MergeQueueFacts, 'ci' | 'humanApproved'> & { readonly queueRequired: boolean; readonly headSha: string } {
  return {
    entry: queueEntryOf(n.mergeQueueEntry),
    autoMerge: autoMergeOf(n.autoMergeRequest),
    mergeStateStatus: oneOf<MergeStateStatus>(MERGE_STATE_STATUSES, n.mergeStateStatus),
    lastQueueEvent: queueEventOf(n.queueEvents),
    queueRequired: n.isMergeQueueEnabled === true,
    headSha: str(n.headRefOid),
  };
}

/** The issues a PR closes (`CLOSING_ISSUES`). Assignees are not asked (a connection per issue): the delegated list has them. */
export function closingIssuesOf(v: unknown): LinkedIssue[] {
  return nodesOf(v).flatMap((i): LinkedIssue[] => {
    const repo = str(objectOr(i.repository)?.nameWithOwner);
    if (!repo || typeof i.number !== 'number') return [];
    return [{ repo, number: i.number, author: login(i.author), assignees: [] }];
  });
}

/** A PR that closes a delegated issue, as an agent's PR would be, from `AGENT_PULLS` on that issue. */
export interface IssuePull extends AgentPullFacts {
  readonly title: string;
  readonly url: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Commits on the PR; null when not asked (the sidebar does not: see `AGENT_PULLS`), until read after it (`agentPullProgress`). */
  readonly commits: number | null;
  /** GitHub's node id, to read when it was marked ready (`agentPullProgress`). */
  readonly id?: string;
  /** When it was last marked ready (epoch ms), once read (`agentPullProgress`); absent until then. */
  readonly readyAt?: number;
}

/** The open PRs that close the delegated issue `issue` (its `agentPulls`), each linked back to it. */
export function agentPullsOf(issueNode: Json, issue: LinkedIssue, webHost: string): IssuePull[] {
  return nodesOf(issueNode.agentPulls).flatMap((p): IssuePull[] => {
    const repo = str(objectOr(p.repository)?.nameWithOwner);
    if (!repo || typeof p.number !== 'number') return [];
    return [{
      repo, number: p.number, title: str(p.title, '(no title)'), url: safeUrl(p.url, webHost), createdAt: time(p.createdAt), updatedAt: time(p.updatedAt),
      author: login(p.author), authorIsBot: isBotActor(p.author), draft: p.isDraft === true,
      commits: typeof objectOr(p.commits)?.totalCount === 'number' ? num(objectOr(p.commits)?.totalCount) : null, linkedIssues: [issue],
      ...(typeof p.id === 'string' && p.id !== '' ? { id: p.id } : {}),
    }];
  });
}
