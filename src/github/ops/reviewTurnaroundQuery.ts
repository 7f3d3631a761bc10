/**
 * The review-request histories behind the review turnaround (core/reviewTurnaround.ts): every PR
 * of the watched repositories updated since the start of the previous window (8 weeks), with its
 * `ReviewRequestedEvent`s, `ReviewRequestRemovedEvent`s and `PullRequestReview`s since then.
 *
 * One aliased GraphQL query: one `search` per fortnight of `updated:` dates and chunk of `repo:`
 * qualifiers (each query within GitHub's 256 characters), 100 PRs each, so up to 400 PRs per chunk
 * of repositories come in the first round trip; a search with more is paged on in the next ones,
 * at most `TURNAROUND_MAX_REQUESTS` in all (then the answer says it is not complete). Asked at
 * most once a day (store/turnaroundStore.ts): the sidebar never waits for it.
 */
import type { PullRequestHistory, TurnaroundEvent } from '../../core/reviewTurnaround';
import { MAX_SEARCH_QUERY, chunkQueries } from '../morningReviewData';
import { logSkipped, readRateLimit, requiredNum, str, type Json } from '../parse';
import type { GraphQLErrorLike, RateLimitReading } from '../graphqlTypes';
import { repoOf } from '../sidebarItems';
import { GitHubFailure, failureFromErrors } from '../transport/failure';
import type { Transport } from '../transport/transport';

/** Round trips at most: the budget of the "Reviews that know the whole team" issue. */
export const TURNAROUND_MAX_REQUESTS = 3;
/** PRs per search page (GitHub's most). */
const PAGE = 100;
/** Timeline items per PR: requests, removals and reviews of 8 weeks; more is rare, and marked `cut`. */
const TIMELINE_PAGE = 100;
/** The `updated:` ranges the weeks are split into (fortnights, over 8 weeks). */
const SLICES = 4;
const DAY = 86_400_000;

const REVIEWER = '{ __typename ... on User { login } ... on Bot { login } ... on Mannequin { login } }';
const FIELDS = `
  number closedAt repository { nameWithOwner }
  timelineItems(first: ${TIMELINE_PAGE}, since: $since, itemTypes: [REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, PULL_REQUEST_REVIEW]) {
    pageInfo { hasNextPage }
    nodes {
      __typename
      ... on ReviewRequestedEvent { createdAt requestedReviewer ${REVIEWER} }
      ... on ReviewRequestRemovedEvent { createdAt requestedReviewer ${REVIEWER} }
      ... on PullRequestReview { submittedAt author { __typename login } }
    }
  }`;

const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The searches: PRs of `repos` updated from the UTC day of `since` on, one per `SLICES`th of the days (fortnights; the last
 * open-ended, so a PR updated while the query runs is still found) and chunk of repositories.
 * No AND/OR/NOT operator: GitHub OR-s several `repo:` qualifiers itself.
 */
export function turnaroundSearches(repos: readonly string[], since: number, now: number): string[] {
  const seen = new Set<string>();
  const unique = repos.filter((r) => !seen.has(r.toLowerCase()) && seen.add(r.toLowerCase())).map((r) => `repo:${r}`);
  if (unique.length === 0) return [];
  const first = Date.parse(`${utcDate(since)}T00:00:00Z`);
  const days = Math.max(1, Math.round((Date.parse(`${utcDate(now)}T00:00:00Z`) - first) / DAY));
  const sliceDays = Math.ceil(days / SLICES);
  const ranges: string[] = [];
  for (let from = first, i = 0; i < SLICES && from <= now; from += sliceDays * DAY, i++) {
    const next = from + sliceDays * DAY;
    ranges.push(i === SLICES - 1 || next > now ? `>=${utcDate(from)}` : `${utcDate(from)}..${utcDate(next - DAY)}`);
    if (next > now) break;
  }
  // As many chunks in every range as the longest range needs, so the open-ended last one (the
  // shortest text, and the busiest fortnight) is not packed into one page.
  const chunks = Math.max(...ranges.map((range) => chunkQueries(`is:pr updated:${range}`, unique).length));
  return ranges.flatMap((range) => evenChunks(`is:pr updated:${range}`, unique, chunks));
}

/**
 * `chunkQueries`, with the repositories spread evenly over `chunks` queries or as many as it
 * needs (9 + 1 would fill one page of 100 while the other stays nearly empty); greedy when even
 * chunks do not fit.
 */
function evenChunks(base: string, extras: readonly string[], chunks: number): string[] {
  const greedy = chunkQueries(base, extras);
  const size = Math.ceil(extras.length / Math.max(chunks, greedy.length));
  const even: string[] = [];
  for (let i = 0; i < extras.length; i += size) even.push([base, ...extras.slice(i, i + size)].join(' '));
  return even.every((q) => q.length <= MAX_SEARCH_QUERY) ? even : greedy;
}

export interface TurnaroundRequest {
  readonly query: string;
  readonly variables: Record<string, string>;
  /** Index (into the searches) of each alias `s{n}` of this request. */
  readonly aliases: readonly number[];
}

/** One round trip: the searches `asked` (index → the cursor to go on after, or null for the first page). */
export function turnaroundRequest(searches: readonly string[], asked: ReadonlyMap<number, string | null>, since: number): TurnaroundRequest {
  const aliases = [...asked.keys()];
  const variables: Record<string, string> = { since: new Date(since).toISOString() };
  const decls = ['$since: DateTime!'];
  const fields = aliases.map((i) => {
    variables[`q${i}`] = searches[i]!;
    decls.push(`$q${i}: String!`);
    const after = asked.get(i);
    if (after) {
      variables[`a${i}`] = after;
      decls.push(`$a${i}: String`);
    }
    return `
  s${i}: search(type: ISSUE, query: $q${i}, first: ${PAGE}${after ? `, after: $a${i}` : ''}) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { __typename ... on PullRequest { ${FIELDS} } }
  }`;
  }).join('');
  return { query: `query LeadDeskReviewTurnaround(${decls.join(', ')}) {\n  rateLimit { cost remaining limit resetAt }${fields}\n}`, variables, aliases };
}

/** The login of a requested reviewer or a review's author, and whether it is a bot; null for a team or a deleted account. */
function person(v: unknown): { login: string; bot: boolean } | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Json;
  const login = str(p.login);
  if (login === '' || p.__typename === 'Team') return null;
  return { login, bot: p.__typename === 'Bot' };
}

/** One PR of a search answer as its history; throws when it has no repository or number. */
export function historyFrom(n: Json): PullRequestHistory {
  const repo = repoOf(n);
  const number = requiredNum(n.number, 'PR number');
  const closed = typeof n.closedAt === 'string' ? Date.parse(n.closedAt) : Number.NaN;
  const timeline = typeof n.timelineItems === 'object' && n.timelineItems !== null ? n.timelineItems as Json : {};
  const nodes = Array.isArray(timeline.nodes) ? timeline.nodes : [];
  const events: TurnaroundEvent[] = [];
  for (const item of nodes) {
    if (typeof item !== 'object' || item === null) continue;
    const x = item as Json;
    const kind = x.__typename === 'ReviewRequestedEvent' ? 'requested' : x.__typename === 'ReviewRequestRemovedEvent' ? 'removed' : x.__typename === 'PullRequestReview' ? 'reviewed' : null;
    if (kind === null) continue;
    const who = person(kind === 'reviewed' ? x.author : x.requestedReviewer);
    const at = Date.parse(str(kind === 'reviewed' ? x.submittedAt : x.createdAt));
    if (who === null || !Number.isFinite(at)) continue;
    events.push({ kind, reviewer: who.login, at, ...(who.bot ? { bot: true } : {}) });
  }
  const pageInfo = typeof timeline.pageInfo === 'object' && timeline.pageInfo !== null ? timeline.pageInfo as Json : {};
  return { repo, number, closedAt: Number.isFinite(closed) ? closed : null, events, ...(pageInfo.hasNextPage === true || !Array.isArray(timeline.nodes) ? { cut: true } : {}) };
}

export interface TurnaroundHistories {
  readonly histories: PullRequestHistory[];
  /** False when part of a search failed, or it had more than `TURNAROUND_MAX_REQUESTS` round trips could read. */
  readonly complete: boolean;
  /** Round trips made. */
  readonly requests: number;
  readonly rateLimit: RateLimitReading | null;
}

/**
 * The review-request histories of the PRs of `repos` updated since `since` (epoch ms), read at
 * `now`, in at most `TURNAROUND_MAX_REQUESTS` GraphQL round trips. No repositories: nothing to
 * read (the turnaround is of the watched repositories only). Throws when GitHub answers no data.
 */
export async function loadTurnaroundHistories(transport: Pick<Transport, 'graphqlWithErrors'>, repos: readonly string[], since: number, now: number): Promise<TurnaroundHistories> {
  const searches = turnaroundSearches(repos, since, now);
  const byKey = new Map<string, PullRequestHistory>();
  let pending = new Map<number, string | null>(searches.map((_q, i) => [i, null]));
  let complete = true;
  let requests = 0;
  let malformed = 0;
  let rateLimit: RateLimitReading | null = null;
  while (pending.size > 0) {
    if (requests === TURNAROUND_MAX_REQUESTS) {
      complete = false;
      break;
    }
    const req = turnaroundRequest(searches, pending, since);
    requests++;
    const { data, errors } = await transport.graphqlWithErrors(req.query, req.variables, { what: 'review turnaround query' });
    if (data === null || data === undefined) throw failureFromErrors(errors as GraphQLErrorLike[]);
    if (typeof data !== 'object' || Array.isArray(data)) throw new GitHubFailure('malformed', 'the review turnaround answer is not an object');
    const answer = data as Json;
    rateLimit = readRateLimit(answer) ?? rateLimit;
    const next = new Map<number, string | null>();
    // An error inside a search (a PR's timeline GitHub failed to give) nulls that PR only: what
    // came is used, and the answer says it is not all.
    if (errors.some((e) => /^s\d+$/.test(String(e.path?.[0] ?? '')))) complete = false;
    for (const i of req.aliases) {
      const search = answer[`s${i}`];
      if (typeof search !== 'object' || search === null || !Array.isArray((search as Json).nodes)) {
        complete = false;
        continue;
      }
      const s = search as Json;
      for (const n of s.nodes as unknown[]) {
        if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'PullRequest') continue;
        try {
          const h = historyFrom(n as Json);
          byKey.set(`${h.repo.toLowerCase()}#${h.number}`, h);
        } catch {
          malformed++;
        }
      }
      const pageInfo = typeof s.pageInfo === 'object' && s.pageInfo !== null ? s.pageInfo as Json : {};
      if (pageInfo.hasNextPage === true) {
        if (typeof pageInfo.endCursor === 'string' && pageInfo.endCursor !== '') next.set(i, pageInfo.endCursor);
        else complete = false;
      }
    }
    pending = next;
  }
  logSkipped('pull requests of the review turnaround', { malformed });
  return { histories: [...byKey.values()], complete, requests, rateLimit };
}
