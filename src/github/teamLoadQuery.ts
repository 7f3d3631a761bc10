/**
 * The team's review load in one GraphQL round trip: per member, an aliased `user(login:)` (does
 * GitHub know that login?) and an aliased `search` of the open PRs whose review is requested of
 * that member personally. Separate from the sidebar query, so the sidebar never waits for it.
 * Pure (no Octokit, no `vscode`): the query text, and the mapping from its answer.
 */
import { requestedAtFromTimeline } from '../core/reviews';
import type { MemberReview, MemberReviews } from '../core/teamLoad';
import { login as loginOf, logSkipped, num, requiredNum, safeUrl, str, time, type Json } from './parse';
import { failureFromErrors, readRateLimit, type GraphQLErrorLike, type RateLimitReading } from './sidebarQuery';
import { repoOf, timelineEvents, uniqueByRepoAndNumber } from './sidebarItems';
import { GitHubFailure } from './failure';

/** PRs read per member: a lead whose teammate waits on more has a bigger problem than this list. */
export const TEAM_PAGE_SIZE = 50;

const FIELDS = `
  number title url createdAt isDraft additions deletions
  author { login } repository { nameWithOwner }
  timelineItems(last: 20, itemTypes: [REVIEW_REQUESTED_EVENT, READY_FOR_REVIEW_EVENT]) {
    nodes {
      __typename
      ... on ReviewRequestedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      ... on ReadyForReviewEvent { createdAt }
    }
  }`;

/** `user-review-requested:` matches direct requests only: a team request is not one person's load. */
export const memberSearch = (login: string): string => `is:pr is:open archived:false user-review-requested:${login} sort:created-asc`;

export interface TeamLoadRequest {
  readonly query: string;
  readonly variables: Record<string, string>;
  readonly members: readonly string[];
}

/**
 * The query for `members` (logins, already checked by the settings' pattern), with one variable
 * per alias. `withoutSearch`: members whose search is left out (it failed, and GitHub's `search`
 * is non-null, so its error would null the whole answer again); their `user` is still asked.
 */
export function teamLoadRequest(members: readonly string[], withoutSearch: ReadonlySet<number> = new Set()): TeamLoadRequest {
  const decls = members.flatMap((_, i) => [`$m${i}: String!`, ...(withoutSearch.has(i) ? [] : [`$q${i}: String!`])]).join(', ');
  const aliases = members.map((_, i) => `
  u${i}: user(login: $m${i}) { login }${withoutSearch.has(i) ? '' : `
  s${i}: search(type: ISSUE, query: $q${i}, first: ${TEAM_PAGE_SIZE}) { issueCount nodes { __typename ... on PullRequest { ${FIELDS} } } }`}`).join('');
  const variables: Record<string, string> = {};
  members.forEach((m, i) => {
    variables[`m${i}`] = m;
    if (!withoutSearch.has(i)) variables[`q${i}`] = memberSearch(m);
  });
  return { query: `query LeadDeskTeamLoad(${decls}) {\n  rateLimit { cost remaining limit resetAt }${aliases}\n}`, variables, members };
}

/** Members whose `search` an error names (`path: ['s3', …]`). */
export function failedSearches(errors: readonly GraphQLErrorLike[]): Set<number> {
  return new Set(errors.map((e) => /^s(\d+)$/.exec(String(e.path?.[0] ?? ''))?.[1]).filter((x): x is string => x !== undefined).map(Number));
}

export interface TeamLoadData {
  readonly members: MemberReviews[];
  readonly rateLimit: RateLimitReading | null;
}

/** One PR of a member's search, with the member's own wait (their latest request, or ready-for-review after it). */
export function memberReviewFrom(n: Json, member: string, webHost: string): MemberReview {
  const repo = repoOf(n);
  const createdAt = time(n.createdAt);
  return {
    repo, number: requiredNum(n.number, 'PR number'), title: str(n.title, '(no title)'), author: loginOf(n.author), url: safeUrl(n.url, webHost), createdAt,
    requestedAt: requestedAtFromTimeline(timelineEvents(n.timelineItems), member, [], { createdAt }),
    direct: true, additions: num(n.additions), deletions: num(n.deletions), draft: n.isDraft === true, ci: 'none', labels: [],
  };
}

/**
 * Reads the answer. A member whose `user` came back null is unknown to GitHub (NOT_FOUND); a
 * member whose search failed has `reviews: null`. Only PRs in `watched` repos count (all when
 * empty), as the sidebar filters its delegated issues. Throws when the answer has no data.
 */
export function readTeamLoad(req: TeamLoadRequest, data: Json | null, errors: readonly GraphQLErrorLike[], watched: readonly string[], webHost: string): TeamLoadData {
  if (data === null || typeof data !== 'object') throw failureFromErrors(errors);
  const repos = new Set(watched.map((r) => r.toLowerCase()));
  let malformed = 0;
  const members = req.members.map((login, i): MemberReviews => {
    const user = data[`u${i}`];
    const userFailed = errors.some((e) => e.path?.[0] === `u${i}` && e.type !== 'NOT_FOUND');
    // A failure other than "not found" says nothing about the login: it is not called misspelled.
    const exists = (typeof user === 'object' && user !== null) || userFailed;
    const search = data[`s${i}`];
    if (typeof search !== 'object' || search === null || !Array.isArray((search as Json).nodes)) return { login, exists, reviews: exists ? null : [] };
    const reviews: MemberReview[] = [];
    for (const n of (search as Json).nodes as unknown[]) {
      if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'PullRequest') continue;
      try {
        const r = memberReviewFrom(n as Json, login, webHost);
        if (repos.size === 0 || repos.has(r.repo.toLowerCase())) reviews.push(r);
      } catch {
        malformed++;
      }
    }
    return { login, exists, reviews: uniqueByRepoAndNumber(reviews) };
  });
  logSkipped('team review requests from GitHub', { malformed });
  return { members, rateLimit: readRateLimit(data) };
}

/**
 * The review load of `members` in one GraphQL round trip, counting PRs in the watched `repos` (all
 * when empty). Partial errors keep what came: a member GitHub does not know has `exists: false`; a
 * member whose search failed has `reviews: null`. A failed search nulls the whole answer (`search`
 * is non-null): then it is asked once more without it. `ask` runs a query and keeps partial errors.
 */
export async function loadTeam(
  ask: (query: string, variables: Record<string, unknown>) => Promise<{ data: unknown; errors: GraphQLErrorLike[] }>,
  members: readonly string[], repos: readonly string[], webHost: string,
): Promise<TeamLoadData> {
  if (members.length === 0) return { members: [], rateLimit: null };
  let req = teamLoadRequest(members);
  for (let attempt = 0; ; attempt++) {
    const { data, errors } = await ask(req.query, req.variables);
    const failed = data === null && attempt === 0 ? failedSearches(errors) : new Set<number>();
    if (failed.size > 0 && failed.size < members.length) {
      req = teamLoadRequest(members, failed);
      continue;
    }
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new GitHubFailure('malformed', 'the team load answer is not an object');
    return readTeamLoad(req, data as Json | null, errors, repos, webHost);
  }
}
