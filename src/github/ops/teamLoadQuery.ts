/**
 * The team's review load in one GraphQL round trip: per member, an aliased `user(login:)` (does
 * GitHub know that login?) and aliased `search`es of the open PRs in the watched repositories
 * whose review is requested of that member personally (one per chunk of `repo:` qualifiers, so
 * each query stays within GitHub's 256 characters). Separate from the sidebar query, so the
 * sidebar never waits for it: the query text, the mapping from its answer, and `loadTeam`, which
 * runs it on a narrow transport.
 */
import { requestedAtFromTimeline } from '../../core/reviews';
import type { MemberReview, MemberReviews } from '../../core/teamLoad';
import { chunkQueries } from '../morningReviewData';
import { login as loginOf, logSkipped, num, readRateLimit, requiredNum, safeUrl, str, time, type Json } from '../parse';
import type { GraphQLErrorLike, RateLimitReading } from '../graphqlTypes';
import { repoOf, timelineEvents, uniqueByRepoAndNumber } from '../sidebarItems';
import { GitHubFailure, failureFromErrors } from '../transport/failure';
import type { Transport } from '../transport/transport';

/**
 * PRs listed per member and chunk of repositories (the oldest first). The count is GitHub's
 * `issueCount`, so a member with more is counted in full; only the list is cut.
 */
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

/**
 * The searches for one member: `user-review-requested:` matches direct requests only (a team
 * request is not one person's load), scoped to `repos` (every repository when empty), one query
 * per chunk of `repo:` qualifiers that fits GitHub's length limit. No AND/OR/NOT operator is used
 * (GitHub allows five): several `repo:` qualifiers are OR-ed by GitHub itself.
 */
export function memberSearches(login: string, repos: readonly string[]): string[] {
  const base = `is:pr is:open archived:false user-review-requested:${login} sort:created-asc`;
  const seen = new Set<string>();
  const unique = repos.filter((r) => !seen.has(r.toLowerCase()) && seen.add(r.toLowerCase()));
  return unique.length === 0 ? [base] : chunkQueries(base, unique.map((r) => `repo:${r}`));
}

export interface TeamLoadRequest {
  readonly query: string;
  readonly variables: Record<string, string>;
  readonly members: readonly string[];
  /** How many searches (chunks of repositories) each member has: aliases `s{member}_{chunk}`. */
  readonly chunks: readonly number[];
}

/**
 * The query for `members` (logins, already checked by the settings' pattern) over the watched
 * `repos`, with one variable per alias. `withoutSearch`: members whose searches are left out (one
 * failed, and GitHub's `search` is non-null, so its error would null the whole answer again);
 * their `user` is still asked.
 */
export function teamLoadRequest(members: readonly string[], repos: readonly string[], withoutSearch: ReadonlySet<number> = new Set()): TeamLoadRequest {
  const searches = members.map((m) => memberSearches(m, repos));
  const asked = (i: number) => !withoutSearch.has(i);
  const decls = members.flatMap((_, i) => [`$m${i}: String!`, ...(asked(i) ? searches[i]!.map((_q, c) => `$q${i}_${c}: String!`) : [])]).join(', ');
  const aliases = members.map((_, i) => `
  u${i}: user(login: $m${i}) { login }${asked(i) ? searches[i]!.map((_q, c) => `
  s${i}_${c}: search(type: ISSUE, query: $q${i}_${c}, first: ${TEAM_PAGE_SIZE}) { issueCount nodes { __typename ... on PullRequest { ${FIELDS} } } }`).join('') : ''}`).join('');
  const variables: Record<string, string> = {};
  members.forEach((m, i) => {
    variables[`m${i}`] = m;
    if (asked(i)) searches[i]!.forEach((q, c) => { variables[`q${i}_${c}`] = q; });
  });
  return { query: `query LeadDeskTeamLoad(${decls}) {\n  rateLimit { cost remaining limit resetAt }${aliases}\n}`, variables, members, chunks: searches.map((q) => q.length) };
}

/** Members whose `search` an error names (`path: ['s3_0', …]`). */
export function failedSearches(errors: readonly GraphQLErrorLike[]): Set<number> {
  return new Set(errors.map((e) => /^s(\d+)_\d+$/.exec(String(e.path?.[0] ?? ''))?.[1]).filter((x): x is string => x !== undefined).map(Number));
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
 * member with a search missing or malformed has `reviews: null` (a count that may be cut is
 * never shown as a count). `total` is GitHub's `issueCount` over all chunks: the list holds the
 * oldest `TEAM_PAGE_SIZE` of each chunk. Throws when the answer has no data.
 */
export function readTeamLoad(req: TeamLoadRequest, data: Json | null, errors: readonly GraphQLErrorLike[], webHost: string): TeamLoadData {
  if (data === null || typeof data !== 'object') throw failureFromErrors(errors);
  let malformed = 0;
  const members = req.members.map((login, i): MemberReviews => {
    const user = data[`u${i}`];
    const userFailed = errors.some((e) => e.path?.[0] === `u${i}` && e.type !== 'NOT_FOUND');
    // A failure other than "not found" says nothing about the login: it is not called misspelled.
    const exists = (typeof user === 'object' && user !== null) || userFailed;
    const searches = Array.from({ length: req.chunks[i] ?? 0 }, (_, c) => data[`s${i}_${c}`]);
    const usable = (x: unknown): x is Json => typeof x === 'object' && x !== null && Array.isArray((x as Json).nodes)
      && Number.isSafeInteger((x as Json).issueCount) && ((x as Json).issueCount as number) >= 0;
    if (searches.length === 0 || !searches.every(usable)) return { login, exists, reviews: exists ? null : [] };
    const reviews: MemberReview[] = [];
    let total = 0;
    for (const search of searches as Json[]) {
      total += search.issueCount as number;
      for (const n of search.nodes as unknown[]) {
        if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'PullRequest') continue;
        try {
          reviews.push(memberReviewFrom(n as Json, login, webHost));
        } catch {
          malformed++;
        }
      }
    }
    const unique = uniqueByRepoAndNumber(reviews);
    return { login, exists, reviews: unique, total: Math.max(total, unique.length) };
  });
  logSkipped('team review requests from GitHub', { malformed });
  return { members, rateLimit: readRateLimit(data) };
}

/**
 * The review load of `members` in one GraphQL round trip, counting PRs in the watched `repos` (all
 * when empty) in the search itself, so requests elsewhere neither count nor push these out of the
 * list. Partial errors keep what came: a member GitHub does not know has `exists: false`; a
 * member whose search failed has `reviews: null`. A failed search nulls the whole answer (`search`
 * is non-null): then it is asked once more without it.
 */
export async function loadTeam(
  transport: Pick<Transport, 'graphqlWithErrors' | 'webHost'>, members: readonly string[], repos: readonly string[],
): Promise<TeamLoadData> {
  if (members.length === 0) return { members: [], rateLimit: null };
  let req = teamLoadRequest(members, repos);
  for (let attempt = 0; ; attempt++) {
    const { data, errors } = await transport.graphqlWithErrors(req.query, req.variables);
    const failed = data === null && attempt === 0 ? failedSearches(errors) : new Set<number>();
    if (failed.size > 0 && failed.size < members.length) {
      req = teamLoadRequest(members, repos, failed);
      continue;
    }
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new GitHubFailure('malformed', 'the team load answer is not an object');
    return readTeamLoad(req, data as Json | null, errors, transport.webHost);
  }
}
