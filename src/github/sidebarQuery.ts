/**
 * The whole sidebar in one GraphQL round trip: the reviews waiting on the lead, the lead's own
 * open PRs and whom they wait on, and the issues the lead delegated, each list up to 100 items a
 * page, with the rate-limit budget in the same answer. Pure (no Octokit, no `vscode`): the query
 * text, and the mapping from its answer to the features' types.
 */
import { requestedAtFromTimeline, type CiState, type PendingReview, type TimelineEvent } from '../core/reviews';
import { GitHubFailure } from './failure';
import { array, labelNames, login, num, object, requiredNum, safeUrl, str, time, type Json } from './parse';

/** Connection sizes, chosen so a full refresh at 100 waiting reviews stays under 10 points. */
const PR_FIELDS = `
  id number title url createdAt updatedAt isDraft additions deletions
  author { login } repository { nameWithOwner }
  labels(first: 10) { nodes { name } }
  commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
  reviewRequests(first: 10) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } } }
  timelineItems(last: 20, itemTypes: [REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]) {
    nodes {
      __typename
      ... on ReviewRequestedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      ... on ReviewRequestRemovedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      ... on ReadyForReviewEvent { createdAt }
      ... on ConvertToDraftEvent { createdAt }
    }
  }`;

export const SIDEBAR_QUERY = `query LeadDeskSidebar($reviews: String!, $mine: String!, $delegated: String!, $afterReviews: String, $afterMine: String, $afterDelegated: String, $withReviews: Boolean!, $withMine: Boolean!, $withDelegated: Boolean!) {
  rateLimit { cost remaining limit resetAt }
  viewer { login }
  reviews: search(type: ISSUE, query: $reviews, first: 100, after: $afterReviews) @include(if: $withReviews) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${PR_FIELDS} } }
  }
  mine: search(type: ISSUE, query: $mine, first: 50, after: $afterMine) @include(if: $withMine) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${PR_FIELDS} } }
  }
  delegated: search(type: ISSUE, query: $delegated, first: 100, after: $afterDelegated) @include(if: $withDelegated) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      ... on Issue { number title url createdAt updatedAt body author { login } repository { nameWithOwner } assignees(first: 10) { nodes { login } } milestone { dueOn } }
      ... on PullRequest { number title url createdAt updatedAt body author { login } repository { nameWithOwner } assignees(first: 10) { nodes { login } } milestone { dueOn } }
    }
  }
}`;

export interface RateLimitReading {
  readonly cost: number;
  readonly remaining: number;
  readonly limit: number;
  readonly resetAt: number;
}

export interface SearchList {
  readonly nodes: Json[];
  readonly total: number;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

/** Reads one aliased `search` of the answer; null when the alias is absent (not asked, or failed). */
export function readSearch(data: Json, alias: string): SearchList | null {
  const raw = data[alias];
  if (raw === undefined || raw === null) return null;
  const s = object(raw, `${alias} search`);
  const page = object(s.pageInfo ?? {}, `${alias} pageInfo`);
  const nodes = array(s.nodes ?? [], `${alias} nodes`).filter((n): n is Json => typeof n === 'object' && n !== null);
  return { nodes, total: num(s.issueCount, nodes.length), endCursor: typeof page.endCursor === 'string' ? page.endCursor : null, hasNextPage: page.hasNextPage === true };
}

export function readRateLimit(data: Json): RateLimitReading | null {
  const r = data.rateLimit;
  if (typeof r !== 'object' || r === null) return null;
  const x = r as Json;
  return { cost: num(x.cost), remaining: num(x.remaining), limit: num(x.limit), resetAt: time(x.resetAt) };
}

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

function repoOf(n: Json): string {
  const name = str(object(n.repository ?? {}, 'repository').nameWithOwner);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(name)) throw new GitHubFailure('malformed', 'a search result has no repository');
  return name;
}

/**
 * A PR waiting on `me`. Direct when the lead is among the requested users; otherwise it came
 * through a team, which is the requested team (the search matched it through the lead's teams).
 */
export function pendingReviewFrom(n: Json, me: string, webHost: string): PendingReview {
  const requests = nodesOf(n.reviewRequests).map((r) => reviewer(r.requestedReviewer)).filter((r): r is Reviewer => r !== null);
  const direct = requests.some((r) => r.kind === 'user' && r.name.toLowerCase() === me.toLowerCase());
  const teams = requests.filter((r) => r.kind === 'team').map((r) => r.name);
  const createdAt = time(n.createdAt);
  const head = nodesOf(n.commits)[0];
  const rollup = head && typeof head.commit === 'object' && head.commit !== null ? ((head.commit as Json).statusCheckRollup as Json | null)?.state : undefined;
  return {
    repo: repoOf(n), number: requiredNum(n.number, 'PR number'), title: str(n.title, '(no title)'), author: login(n.author),
    url: safeUrl(n.url, webHost), createdAt, direct,
    requestedAt: requestedAtFromTimeline(timelineEvents(n.timelineItems), me, direct ? [] : teams, { createdAt }),
    ...(!direct && teams[0] ? { team: teams[0] } : {}),
    additions: num(n.additions), deletions: num(n.deletions), draft: n.isDraft === true, ci: ciFromRollup(rollup),
    labels: labelNames(nodesOf(n.labels)),
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
