/**
 * The sidebar query's items, read into the features' types: a pending review with where the
 * lead's own review stands, one of the lead's PRs with its reviews, a delegated issue. Pure (no
 * Octokit, no `vscode`); every field is untrusted and read defensively.
 */
import type { MyReview, ReviewVerdict } from '../core/inbox';
import { issueDue, type IssueDueSource } from '../core/issueDue';
import { COMMITS_SEEN, requestedAtFromTimeline, waitingSinceFromTimeline, type CiState, type PendingReview, type TimelineEvent } from '../core/reviews';
import { REPO_NAME } from '../core/repoName';
import { GitHubFailure } from './transport/failure';
import { labelNames, login, num, object, requiredNum, safeUrl, str, time, type Json } from './parse';
import { aiReviews, type AiReview } from '../core/aiReviews';
import { agentPullsOf, isBotActor, mergeQueueFactsOf, requestedReviewersOf, reviewsOnCommits, type IssuePull } from './teamFields';

/** GitHub's rolled-up state of every check and status on the PR's head commit. */
export function ciFromRollup(state: unknown): CiState {
  switch (state) {
    case 'SUCCESS': return 'success';
    case 'FAILURE': case 'ERROR': return 'failure';
    case 'PENDING': case 'EXPECTED': return 'pending';
    default: return 'none';
  }
}

const nodesOf = (v: unknown): Json[] => {
  if (typeof v !== 'object' || v === null) return [];
  const nodes = (v as Json).nodes;
  return Array.isArray(nodes) ? nodes.filter((n): n is Json => typeof n === 'object' && n !== null) : [];
};

interface Reviewer { readonly kind: 'user' | 'team'; readonly name: string }

function reviewer(v: unknown): Reviewer | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Json;
  if (r.__typename === 'User' && typeof r.login === 'string') return { kind: 'user', name: r.login };
  if (r.__typename === 'Team' && typeof r.slug === 'string') return { kind: 'team', name: r.slug };
  return null;
}

const EVENT_NAMES: Record<string, string> = {
  ReviewRequestedEvent: 'review_requested',
  ReviewRequestRemovedEvent: 'review_request_removed',
  ReadyForReviewEvent: 'ready_for_review',
  ConvertToDraftEvent: 'convert_to_draft',
};

/** GraphQL timeline items in the REST timeline's shape, which `requestedAtFromTimeline` reads. */
export function timelineEvents(timelineItems: unknown): TimelineEvent[] {
  return nodesOf(timelineItems).flatMap((n): TimelineEvent[] => {
    const event = EVENT_NAMES[str(n.__typename)];
    if (!event || typeof n.createdAt !== 'string') return [];
    const who = reviewer(n.requestedReviewer);
    return [{
      event, created_at: n.createdAt,
      ...(who?.kind === 'user' ? { requested_reviewer: { login: who.name } } : {}),
      ...(who?.kind === 'team' ? { requested_team: { slug: who.name } } : {}),
    }];
  });
}

/** The result's `owner/repo`, checked; throws a malformed failure without one. */
export function repoOf(n: Json): string {
  const name = str(object(n.repository ?? {}, 'repository').nameWithOwner);
  if (!REPO_NAME.test(name)) throw new GitHubFailure('malformed', 'a search result has no repository');
  return name;
}

const VERDICTS: readonly ReviewVerdict[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

/** Each reviewer's latest review, newest last: `latestReviews { nodes { state submittedAt author commit } }`. */
export function latestReviewsOf(n: Json): { author: string; verdict: ReviewVerdict; at: number; commit: string; bot: boolean }[] {
  return nodesOf(n.latestReviews).flatMap((r) => {
    const verdict = VERDICTS.find((v) => v === r.state);
    const at = time(r.submittedAt, Number.NaN);
    if (!verdict || Number.isNaN(at)) return [];
    const commit = typeof r.commit === 'object' && r.commit !== null ? str((r.commit as Json).oid) : '';
    return [{ author: login(r.author), verdict, at, commit, bot: isBotActor(r.author) }];
  }).sort((a, b) => a.at - b.at);
}

interface HeadCommits {
  readonly ci: CiState;
  /** Oldest first: the last `COMMITS_SEEN` commits. */
  readonly commits: { oid: string; at: number }[];
  readonly headOid: string;
}

/** The last commits (`commits(last: 10)`), the newest of which carries the CI rollup. */
function headCommits(n: Json): HeadCommits {
  const commits = nodesOf(n.commits).map((c) => (typeof c.commit === 'object' && c.commit !== null ? c.commit as Json : {}));
  const head = commits.at(-1);
  const rollup = head ? (head.statusCheckRollup as Json | null | undefined)?.state : undefined;
  return {
    ci: ciFromRollup(rollup),
    commits: commits.map((c) => ({ oid: str(c.oid), at: time(c.committedDate, Number.NaN) })),
    headOid: head ? str(head.oid) : '',
  };
}

/**
 * Commits after the review: those after the reviewed commit when it is among the last ones read,
 * else those dated after the review. All of them read means "this many or more".
 */
export function commitsAfter(review: { at: number; commit: string }, commits: readonly { oid: string; at: number }[]): number {
  const reviewed = review.commit ? commits.findIndex((c) => c.oid === review.commit) : -1;
  if (reviewed >= 0) return commits.length - reviewed - 1;
  return Math.min(COMMITS_SEEN, commits.filter((c) => c.at > review.at).length);
}

/**
 * A PR waiting on `me`. Direct when the lead is among the requested users; otherwise it came
 * through a team, which is the requested team (the search matched it through the lead's teams).
 * `requested` is false for the `reviewed` list: PRs the lead reviewed that nobody asked again.
 * There the wait starts at the first commit after the lead's review.
 */
export function pendingReviewFrom(n: Json, me: string, webHost: string, requested = true): PendingReview {
  const requests = nodesOf(n.reviewRequests).map((r) => reviewer(r.requestedReviewer)).filter((r): r is Reviewer => r !== null);
  const direct = requests.some((r) => r.kind === 'user' && r.name.toLowerCase() === me.toLowerCase());
  const teams = requests.filter((r) => r.kind === 'team').map((r) => r.name);
  const createdAt = time(n.createdAt);
  const head = headCommits(n);
  const mine = latestReviewsOf(n).filter((r) => r.author.toLowerCase() === me.toLowerCase()).at(-1);
  const url = safeUrl(n.url, webHost);
  const since = mine ? commitsAfter(mine, head.commits) : 0;
  const myReview: MyReview | undefined = mine ? { verdict: mine.verdict, at: mine.at } : undefined;
  const firstAfter = mine ? head.commits.find((c) => c.at > mine.at)?.at : undefined;
  const requestedAt = requested
    ? requestedAtFromTimeline(timelineEvents(n.timelineItems), me, direct ? [] : teams, { createdAt })
    : firstAfter ?? mine?.at ?? createdAt;
  return {
    repo: repoOf(n), number: requiredNum(n.number, 'PR number'), title: str(n.title, '(no title)'), author: login(n.author),
    url, createdAt, direct: requested ? direct : true, requestedAt,
    ...(requested && !direct && teams[0] ? { team: teams[0] } : {}),
    additions: num(n.additions), deletions: num(n.deletions), draft: n.isDraft === true, ci: head.ci,
    labels: labelNames(nodesOf(n.labels)), requested, updatedAt: time(n.updatedAt, createdAt),
    ...(isBotActor(n.author) ? { authorIsBot: true } : {}),
    ...(myReview ? { myReview, commitsSinceMyReview: since } : {}),
    ...(mine?.commit && since > 0 && head.headOid && url ? { changesSinceUrl: `${url}/files/${mine.commit}..${head.headOid}` } : {}),
  };
}

/** Whom one of the lead's PRs waits on: requested users, and teams as `@slug`. */
export function waitingOnFrom(n: Json): string[] {
  return nodesOf(n.reviewRequests).map((r) => reviewer(r.requestedReviewer)).filter((r): r is Reviewer => r !== null)
    .map((r) => (r.kind === 'team' ? `@${r.name}` : r.name));
}

/** One item per repo and number: GitHub's search can repeat an item across pages. */
export function uniqueByRepoAndNumber<T extends { readonly repo: string; readonly number: number }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.repo.toLowerCase()}#${i.number}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An issue or PR the lead opened in a watched repo that someone else is assigned to. */
export interface DelegatedIssue {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly assignees: readonly string[];
  readonly isPullRequest: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly labels: readonly string[];
  /** `yyyy-MM-dd` from a `Due:` line in the body or the milestone's due date (see `issueDue`), or null. */
  readonly due: string | null;
  readonly dueSource?: IssueDueSource;
  /** The milestone's title, when the due date comes from it. */
  readonly milestone?: string;
  /** The open PRs that close this issue (a coding agent's among them); absent in older snapshots. */
  readonly agentPulls?: readonly IssuePull[];
}

/** A reviewer's latest verdict on one of the lead's PRs. */
export interface ReviewerVerdict {
  readonly reviewer: string;
  readonly verdict: ReviewVerdict;
  readonly at: number;
  /** GitHub says the reviewer is a `Bot`: never a human approval. */
  readonly bot?: boolean;
}

/** One of the lead's own open PRs, and whose reviews it waits for. */
export interface OwnPullRequest {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly createdAt: number;
  readonly draft: boolean;
  readonly waitingOn: readonly string[];
  /** GitHub's review decision; null where the repo requires no review. Absent in older snapshots. */
  readonly reviewDecision?: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  readonly reviews?: readonly ReviewerVerdict[];
  /** When the wait on reviewers began: the latest review request (or ready for review), else creation. */
  readonly waitingSince?: number;
  readonly updatedAt?: number;
  readonly ci?: CiState;
  /** The head commit: a merge from here only goes through if it is still the head. */
  readonly headSha?: string;
  /** Its way into the base branch (merge queue, auto-merge, GitHub's merge state); absent in older snapshots and on servers without the fields. */
  readonly mergeQueue?: ReturnType<typeof mergeQueueFactsOf>;
  /** Each AI reviewer's state on the current head; absent in older snapshots. */
  readonly aiReviews?: readonly AiReview[];
}

/** A delegated issue from the `delegated` search: the lead's own login is not an assignee to show. */
export function delegatedIssueFrom(n: Json, me: string, webHost: string): DelegatedIssue {
  const milestone = typeof n.milestone === 'object' && n.milestone !== null ? n.milestone as Json : undefined;
  const due = issueDue({ body: str(n.body), milestoneDueOn: str(milestone?.dueOn) });
  const repo = repoOf(n);
  const number = requiredNum(n.number, 'issue number');
  const assignees = nodesOf(n.assignees).map(login).filter((a) => a.toLowerCase() !== me.toLowerCase());
  const agentPulls = agentPullsOf(n, { repo, number, author: me, assignees }, webHost);
  return {
    repo, number, title: str(n.title, '(no title)'), url: safeUrl(n.url, webHost),
    assignees,
    isPullRequest: n.__typename === 'PullRequest', createdAt: time(n.createdAt), updatedAt: time(n.updatedAt),
    labels: labelNames(nodesOf(n.labels)), due: due?.date ?? null,
    ...(due ? { dueSource: due.source } : {}),
    ...(due?.source === 'milestone' && milestone ? { milestone: str(milestone.title, 'milestone') } : {}),
    ...(agentPulls.length > 0 ? { agentPulls } : {}),
  };
}

const DECISIONS = ['APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED'] as const;

export function ownPullRequestFrom(n: Json, webHost: string): OwnPullRequest {
  const createdAt = time(n.createdAt);
  const decision = DECISIONS.find((d) => d === n.reviewDecision) ?? null;
  const head = headCommits(n);
  return {
    repo: repoOf(n), number: requiredNum(n.number, 'PR number'), title: str(n.title, '(no title)'), url: safeUrl(n.url, webHost),
    createdAt, draft: n.isDraft === true, waitingOn: waitingOnFrom(n), reviewDecision: decision,
    reviews: latestReviewsOf(n).map((r) => ({ reviewer: r.author, verdict: r.verdict, at: r.at, ...(r.bot ? { bot: true } : {}) })),
    waitingSince: waitingSinceFromTimeline(timelineEvents(n.timelineItems), createdAt), updatedAt: time(n.updatedAt, createdAt), ci: head.ci,
    ...(/^[0-9a-f]{40}$/.test(head.headOid) ? { headSha: head.headOid } : {}),
    mergeQueue: mergeQueueFactsOf(n),
    aiReviews: aiReviews({
      headSha: str(n.headRefOid, head.headOid), reviews: reviewsOnCommits(n.latestReviews),
      requestedBots: requestedReviewersOf(n.reviewRequests).filter((r) => r.kind === 'bot').map((r) => r.name),
    }),
  };
}
