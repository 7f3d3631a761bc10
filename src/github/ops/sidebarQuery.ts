/**
 * The whole sidebar in one GraphQL round trip: the reviews waiting on the lead, the PRs the lead
 * reviewed that nobody asked again (where changes were requested), the lead's own open PRs and
 * whom they wait on, and the issues the lead delegated, each list up to 100 items a page, with the
 * rate-limit budget in the same answer: the query text, the paging of its answers (the items are
 * read in `sidebarItems.ts`), and `sidebar`, which runs it on a narrow transport.
 */
import { array, logSkipped, num, object, readRateLimit, str, type Json } from '../parse';
import { delegatedIssueFrom, ownPullRequestFrom, pendingReviewFrom, uniqueByRepoAndNumber, type DelegatedIssue, type OwnPullRequest } from '../sidebarItems';
import type { PendingReview } from '../../core/reviews';
import { GitHubFailure, failureFromErrors } from '../transport/failure';
import type { Transport } from '../transport/transport';
import type { GraphQLErrorLike, RateLimitReading } from '../graphqlTypes';
import { AGENT_PULLS, AUTHOR_KIND, MERGE_QUEUE_FIELDS } from '../teamFields';

const PR_BASE = `
  id number title url createdAt updatedAt isDraft additions deletions
  ${AUTHOR_KIND} repository { nameWithOwner }`;
/** The last commits (the newest carries CI; the rest say what came after a review) and each reviewer's latest review. */
const COMMITS_AND_REVIEWS = `
  commits(last: 10) { nodes { commit { oid committedDate statusCheckRollup { state } } } }
  latestReviews(first: 10) { nodes { state submittedAt author { __typename login } commit { oid } } }`;
const REQUESTS_AND_TIMELINE = `
  reviewRequests(first: 10) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } ... on Bot { login } } } }
  timelineItems(last: 20, itemTypes: [REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]) {
    nodes {
      __typename
      ... on ReviewRequestedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } ... on Bot { login } } }
      ... on ReviewRequestRemovedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } ... on Bot { login } } }
      ... on ReadyForReviewEvent { createdAt }
      ... on ConvertToDraftEvent { createdAt }
    }
  }`;
const LABELS = 'labels(first: 10) { nodes { name } }';

/**
 * Connection sizes, chosen so a full refresh at 100 waiting reviews costs at most 12 points with the team fields
 * (GitHub charges one request per connection per parent): reviews 100 × 5, own PRs 50 × 4,
 * delegated 100 × 2, reviewed 30 × 3 ≈ 990 requests.
 */
const REVIEW_FIELDS = `${PR_BASE} ${LABELS} ${COMMITS_AND_REVIEWS} ${REQUESTS_AND_TIMELINE}`;
const MINE_FIELDS = `${PR_BASE} reviewDecision ${COMMITS_AND_REVIEWS} ${REQUESTS_AND_TIMELINE} ${MERGE_QUEUE_FIELDS}`;
const REVIEWED_FIELDS = `${PR_BASE} ${LABELS} ${COMMITS_AND_REVIEWS}`;
const DELEGATED_FIELDS = 'number title url createdAt updatedAt body author { login } repository { nameWithOwner } assignees(first: 10) { nodes { login } } labels(first: 10) { nodes { name } } milestone { title dueOn }';

export const SIDEBAR_QUERY = `query LeadDeskSidebar($reviews: String!, $reviewed: String!, $mine: String!, $delegated: String!, $afterReviews: String, $afterReviewed: String, $afterMine: String, $afterDelegated: String, $withReviews: Boolean!, $withReviewed: Boolean!, $withMine: Boolean!, $withDelegated: Boolean!) {
  rateLimit { cost remaining limit resetAt }
  viewer { login }
  reviews: search(type: ISSUE, query: $reviews, first: 100, after: $afterReviews) @include(if: $withReviews) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${REVIEW_FIELDS} } }
  }
  reviewed: search(type: ISSUE, query: $reviewed, first: 30, after: $afterReviewed) @include(if: $withReviewed) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${REVIEWED_FIELDS} } }
  }
  mine: search(type: ISSUE, query: $mine, first: 50, after: $afterMine) @include(if: $withMine) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${MINE_FIELDS} } }
  }
  delegated: search(type: ISSUE, query: $delegated, first: 100, after: $afterDelegated) @include(if: $withDelegated) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      ... on Issue { ${AGENT_PULLS} ${DELEGATED_FIELDS} }
      ... on PullRequest { ${DELEGATED_FIELDS} }
    }
  }
}`;

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

export type SidebarList = 'reviews' | 'reviewed' | 'mine' | 'delegated';
export const SIDEBAR_LISTS: readonly SidebarList[] = ['reviews', 'reviewed', 'mine', 'delegated'];

/** What a list is called in a notice: "delegated issues could not be loaded". */
export const LIST_NAMES: Record<SidebarList, string> = {
  reviews: 'pending reviews', reviewed: 'reviews waiting on their authors', mine: 'your pull requests', delegated: 'delegated issues',
};

/** Items per page, as the query asks. */
const PAGE_SIZE: Record<SidebarList, number> = { reviews: 100, reviewed: 30, mine: 50, delegated: 100 };
/** The query's variable suffix for each list: `$withReviewed`, `$afterReviewed`. */
const VARIABLE: Record<SidebarList, string> = { reviews: 'Reviews', reviewed: 'Reviewed', mine: 'Mine', delegated: 'Delegated' };
/** GitHub's search returns 1,000 results at most: no page beyond that is asked for. */
export const SEARCH_RESULT_CAP = 1000;

/**
 * The four searches: reviews waiting on the lead; PRs with changes requested that the lead
 * reviewed and is not asked on again (those where the lead's own latest review asked for changes
 * are kept); the lead's open PRs; issues the lead delegated.
 */
export const SIDEBAR_SEARCHES: Record<SidebarList, string> = {
  reviews: 'is:pr is:open archived:false review-requested:@me sort:created-asc',
  reviewed: 'is:pr is:open archived:false reviewed-by:@me review:changes_requested -review-requested:@me -author:@me sort:updated-desc',
  mine: 'is:pr is:open archived:false author:@me sort:created-asc',
  delegated: 'is:open archived:false author:@me -assignee:@me sort:created-asc',
};

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
  private readonly nodes: Record<SidebarList, Json[]> = { reviews: [], reviewed: [], mine: [], delegated: [] };
  private readonly totals: Record<SidebarList, number> = { reviews: 0, reviewed: 0, mine: 0, delegated: 0 };
  private readonly missingItems: Record<SidebarList, number> = { reviews: 0, reviewed: 0, mine: 0, delegated: 0 };
  private readonly incomplete = new Set<SidebarList>();
  private account: string | null = null;
  private rate: RateLimitReading | null = null;
  private cost = 0;
  requests = 0;

  constructor(private readonly searches: Record<SidebarList, string> = SIDEBAR_SEARCHES) {
    const fresh = (): ListState => ({ pages: 0, cursor: null, more: true, failed: false });
    this.lists = { reviews: fresh(), reviewed: fresh(), mine: fresh(), delegated: fresh() };
  }

  /** Variables for the next round trip, or null when every list is complete. */
  next(): Record<string, unknown> | null {
    const wanted = SIDEBAR_LISTS.filter((l) => this.lists[l].more);
    if (wanted.length === 0) return null;
    const vars: Record<string, unknown> = { ...this.searches };
    for (const l of SIDEBAR_LISTS) {
      vars[`with${VARIABLE[l]}`] = wanted.includes(l);
      vars[`after${VARIABLE[l]}`] = this.lists[l].cursor;
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
    const asked = mapped('reviews', (n) => (isPull(n) ? pendingReviewFrom(n, me, webHost) : null));
    // Reviewed and not asked again: only those where the lead asked for changes are the lead's to follow.
    const reviewed = mapped('reviewed', (n) => (isPull(n) ? pendingReviewFrom(n, me, webHost, false) : null))
      .filter((r) => r.myReview?.verdict === 'CHANGES_REQUESTED');
    const reviews = uniqueByRepoAndNumber<PendingReview>([...asked, ...reviewed]);
    const ownPullRequests = uniqueByRepoAndNumber(mapped('mine', (n) => (isPull(n) ? ownPullRequestFrom(n, webHost) : null)));
    const delegatedIssues = uniqueByRepoAndNumber(mapped('delegated', (n) => (n.__typename === 'Issue' || isPull(n) ? delegatedIssueFrom(n, me, webHost) : null)));
    const missing: string[] = [];
    for (const l of SIDEBAR_LISTS) {
      if (this.lists[l].failed) missing.push(LIST_NAMES[l]);
      else if (this.missingItems[l] > 0) missing.push(`${this.missingItems[l]} of the ${LIST_NAMES[l]}`);
      else if (this.incomplete.has(l)) missing.push(`some details of the ${LIST_NAMES[l]}`);
    }
    return {
      account: me, reviews, reviewsTotal: Math.max(this.totals.reviews, asked.length) + reviewed.length, delegatedIssues, ownPullRequests,
      rateLimit: this.rate, missing, failedLists: SIDEBAR_LISTS.filter((l) => this.lists[l].failed), requests: this.requests,
    };
  }
}

/**
 * Everything the sidebar and the queue show, in one GraphQL round trip up to 100 items a list
 * (50 own PRs); a list with more is paged on its own cursor, up to GitHub's 1,000 cap. Partial
 * `errors` keep what came and name what is missing. Delegated issues are filtered to the
 * watched repos here: one search for all repos keeps the query short and the cost flat.
 * `onPage` sees the data after each round trip, so a long list shows before its last page.
 */
export async function sidebar(
  transport: Pick<Transport, 'graphqlWithErrors' | 'webHost'>, repos: readonly string[], onPage?: (partial: SidebarData) => void,
): Promise<SidebarData> {
  const pager = new SidebarPager();
  const watched = new Set(repos.map((r) => r.toLowerCase()));
  const filtered = (d: SidebarData): SidebarData => ({
    ...d, delegatedIssues: d.delegatedIssues.filter((i) => i.assignees.length > 0 && (watched.size === 0 || watched.has(i.repo.toLowerCase()))),
  });
  for (let vars = pager.next(); vars !== null; vars = pager.next()) {
    const { data, errors } = await transport.graphqlWithErrors(SIDEBAR_QUERY, vars, { what: 'sidebar query' });
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new GitHubFailure('malformed', 'the sidebar answer is not an object');
    pager.accept(data as Json | null, errors);
    if (onPage && pager.next() !== null) onPage(filtered(pager.result(transport.webHost)));
  }
  return filtered(pager.result(transport.webHost));
}
