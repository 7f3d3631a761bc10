/**
 * The whole sidebar in one GraphQL round trip: the reviews waiting on the lead, the lead's own
 * open PRs and whom they wait on, and the issues the lead delegated, each list up to 100 items a
 * page, with the rate-limit budget in the same answer. Pure (no Octokit, no `vscode`): the query
 * text, and the mapping from its answer to the features' types.
 */
import { issueDue, type IssueDueSource } from '../core/issueDue';
import { requestedAtFromTimeline, type CiState, type PendingReview, type TimelineEvent } from '../core/reviews';
import { GitHubFailure } from './failure';
import { array, labelNames, logSkipped, login, num, object, requiredNum, safeUrl, str, time, type Json } from './parse';

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

const DELEGATED_FIELDS = 'number title url createdAt updatedAt body author { login } repository { nameWithOwner } assignees(first: 10) { nodes { login } } labels(first: 10) { nodes { name } } milestone { title dueOn }';

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
      ... on Issue { ${DELEGATED_FIELDS} }
      ... on PullRequest { ${DELEGATED_FIELDS} }
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
}

/** A delegated issue from the `delegated` search: the lead's own login is not an assignee to show. */
export function delegatedIssueFrom(n: Json, me: string, webHost: string): DelegatedIssue {
  const milestone = typeof n.milestone === 'object' && n.milestone !== null ? n.milestone as Json : undefined;
  const due = issueDue({ body: str(n.body), milestoneDueOn: str(milestone?.dueOn) });
  return {
    repo: repoOf(n), number: requiredNum(n.number, 'issue number'), title: str(n.title, '(no title)'), url: safeUrl(n.url, webHost),
    assignees: nodesOf(n.assignees).map(login).filter((a) => a.toLowerCase() !== me.toLowerCase()),
    isPullRequest: n.__typename === 'PullRequest', createdAt: time(n.createdAt), updatedAt: time(n.updatedAt),
    labels: labelNames(nodesOf(n.labels)), due: due?.date ?? null,
    ...(due ? { dueSource: due.source } : {}),
    ...(due?.source === 'milestone' && milestone ? { milestone: str(milestone.title, 'milestone') } : {}),
  };
}

export function ownPullRequestFrom(n: Json, webHost: string): OwnPullRequest {
  return {
    repo: repoOf(n), number: requiredNum(n.number, 'PR number'), title: str(n.title, '(no title)'), url: safeUrl(n.url, webHost),
    createdAt: time(n.createdAt), draft: n.isDraft === true, waitingOn: waitingOnFrom(n),
  };
}

export type SidebarList = 'reviews' | 'mine' | 'delegated';
export const SIDEBAR_LISTS: readonly SidebarList[] = ['reviews', 'mine', 'delegated'];

/** What a list is called in a notice: "delegated issues could not be loaded". */
export const LIST_NAMES: Record<SidebarList, string> = { reviews: 'pending reviews', mine: 'your pull requests', delegated: 'delegated issues' };

/** Items per page, as the query asks. */
const PAGE_SIZE: Record<SidebarList, number> = { reviews: 100, mine: 50, delegated: 100 };
/** GitHub's search returns 1,000 results at most: no page beyond that is asked for. */
export const SEARCH_RESULT_CAP = 1000;

/** The three searches: reviews waiting on the lead, the lead's open PRs, issues the lead delegated. */
export const SIDEBAR_SEARCHES: Record<SidebarList, string> = {
  reviews: 'is:pr is:open archived:false review-requested:@me sort:created-asc',
  mine: 'is:pr is:open archived:false author:@me sort:created-asc',
  delegated: 'is:open archived:false author:@me -assignee:@me sort:created-asc',
};

/** A GraphQL error as GitHub reports it (only what is read here). */
export interface GraphQLErrorLike {
  readonly message?: string;
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

export interface SidebarData {
  /** The viewer's login: the account this data belongs to. */
  readonly account: string;
  readonly reviews: PendingReview[];
  /** What GitHub counts (may exceed what search returns: 1,000). */
  readonly reviewsTotal: number;
  readonly delegatedIssues: DelegatedIssue[];
  readonly ownPullRequests: OwnPullRequest[];
  /** The budget after the last page, and the points every page cost together. */
  readonly rateLimit: RateLimitReading | null;
  /** What GitHub could not give, in words for the notice ("delegated issues", "2 pending reviews"). */
  readonly missing: string[];
  /** Lists GitHub gave nothing for (their earlier data is worth keeping). */
  readonly failedLists: SidebarList[];
  /** GraphQL round trips this refresh took. */
  readonly requests: number;
}

interface ListState { pages: number; cursor: string | null; more: boolean; failed: boolean }

/**
 * Pages through the sidebar query. Pure: `next()` gives the variables of the next round trip (or
 * null when done), `accept()` takes its answer. The first round trip asks for every list; later
 * ones only for the lists that have more, each from its own cursor, up to GitHub's 1,000 cap.
 */
export class SidebarPager {
  private readonly lists: Record<SidebarList, ListState>;
  private readonly nodes: Record<SidebarList, Json[]> = { reviews: [], mine: [], delegated: [] };
  private readonly totals: Record<SidebarList, number> = { reviews: 0, mine: 0, delegated: 0 };
  private readonly missingItems: Record<SidebarList, number> = { reviews: 0, mine: 0, delegated: 0 };
  private readonly incomplete = new Set<SidebarList>();
  private account: string | null = null;
  private rate: RateLimitReading | null = null;
  private cost = 0;
  requests = 0;

  constructor(private readonly searches: Record<SidebarList, string> = SIDEBAR_SEARCHES) {
    this.lists = {
      reviews: { pages: 0, cursor: null, more: true, failed: false },
      mine: { pages: 0, cursor: null, more: true, failed: false },
      delegated: { pages: 0, cursor: null, more: true, failed: false },
    };
  }

  /** Variables for the next round trip, or null when every list is complete. */
  next(): Record<string, unknown> | null {
    const wanted = SIDEBAR_LISTS.filter((l) => this.lists[l].more);
    if (wanted.length === 0) return null;
    const cap = (l: SidebarList) => (l === 'reviews' ? 'Reviews' : l === 'mine' ? 'Mine' : 'Delegated');
    const vars: Record<string, unknown> = { ...this.searches };
    for (const l of SIDEBAR_LISTS) {
      vars[`with${cap(l)}`] = wanted.includes(l);
      vars[`after${cap(l)}`] = this.lists[l].cursor;
    }
    return vars;
  }

  /** Takes one answer: its `data` (null when GitHub sent none) and its `errors`. Throws when nothing usable came. */
  accept(data: Json | null, errors: readonly GraphQLErrorLike[] = []): void {
    const asked = SIDEBAR_LISTS.filter((l) => this.lists[l].more);
    if (data === null || typeof data !== 'object') throw failureFromErrors(errors);
    const viewer = typeof data.viewer === 'object' && data.viewer !== null ? str((data.viewer as Json).login) : '';
    if (!viewer && this.account === null) throw failureFromErrors(errors, 'GitHub did not say who is signed in');
    this.account ??= viewer;
    this.requests++;
    const rate = readRateLimit(data);
    if (rate) {
      this.cost += rate.cost;
      this.rate = { ...rate, cost: this.cost };
    }
    for (const l of asked) {
      const state = this.lists[l];
      const list = readSearch(data, l);
      const errorsHere = errors.filter((e) => e.path?.[0] === l);
      if (list === null) {
        state.more = false;
        state.failed = true;
        continue;
      }
      // A failed item comes back null (readSearch drops it); a failed `nodes` loses the page; a
      // failed field inside an item leaves that item with less.
      const raw = (data[l] as Json).nodes;
      const nullItems = Array.isArray(raw) ? raw.length - list.nodes.length : 0;
      this.missingItems[l] += nullItems;
      if (errorsHere.some((e) => e.path?.length === 2 && e.path[1] === 'nodes')) state.failed = true;
      else if (errorsHere.some((e) => (e.path?.length ?? 0) > 3)) this.incomplete.add(l);
      this.nodes[l].push(...list.nodes);
      this.totals[l] = list.total;
      state.pages++;
      state.cursor = list.endCursor;
      state.more = !state.failed && list.hasNextPage && list.endCursor !== null && state.pages * PAGE_SIZE[l] < SEARCH_RESULT_CAP;
    }
  }

  /** Everything fetched, mapped; items that cannot be read are skipped with one log line per list. */
  result(webHost: string): SidebarData {
    const me = this.account ?? '';
    const mapped = <T>(l: SidebarList, fn: (n: Json) => T | null): T[] => {
      let malformed = 0;
      const out: T[] = [];
      for (const n of this.nodes[l]) {
        try {
          const v = fn(n);
          if (v !== null) out.push(v);
        } catch {
          malformed++;
        }
      }
      logSkipped(`${LIST_NAMES[l]} from GitHub`, { malformed });
      return out;
    };
    const isPull = (n: Json) => n.__typename === 'PullRequest';
    const reviews = uniqueByRepoAndNumber(mapped('reviews', (n) => (isPull(n) ? pendingReviewFrom(n, me, webHost) : null)));
    const ownPullRequests = uniqueByRepoAndNumber(mapped('mine', (n) => (isPull(n) ? ownPullRequestFrom(n, webHost) : null)));
    const delegatedIssues = uniqueByRepoAndNumber(mapped('delegated', (n) => (n.__typename === 'Issue' || isPull(n) ? delegatedIssueFrom(n, me, webHost) : null)));
    const missing: string[] = [];
    for (const l of SIDEBAR_LISTS) {
      if (this.lists[l].failed) missing.push(LIST_NAMES[l]);
      else if (this.missingItems[l] > 0) missing.push(`${this.missingItems[l]} of the ${LIST_NAMES[l]}`);
      else if (this.incomplete.has(l)) missing.push(`some details of the ${LIST_NAMES[l]}`);
    }
    return {
      account: me, reviews, reviewsTotal: Math.max(this.totals.reviews, reviews.length), delegatedIssues, ownPullRequests,
      rateLimit: this.rate, missing, failedLists: SIDEBAR_LISTS.filter((l) => this.lists[l].failed), requests: this.requests,
    };
  }
}

/** Why an answer without data failed, as the failure the UI knows how to say. */
export function failureFromErrors(errors: readonly GraphQLErrorLike[], fallback = 'GitHub sent no data'): GitHubFailure {
  const first = errors[0];
  const message = first?.message ?? fallback;
  const types = errors.map((e) => e.type);
  if (types.includes('RATE_LIMITED')) return new GitHubFailure('rate-limited', message);
  if (types.includes('FORBIDDEN')) return new GitHubFailure('forbidden', message);
  if (types.includes('NOT_FOUND')) return new GitHubFailure('not-found', message);
  if (errors.some((e) => typeof e.extensions?.code === 'string')) return new GitHubFailure('invalid', message);
  return errors.length ? new GitHubFailure('server', message) : new GitHubFailure('malformed', fallback);
}
