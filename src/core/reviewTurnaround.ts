/**
 * Review turnaround: how quickly each teammate picks a review up — the business hours from a
 * review request to that reviewer's first review after it — as a median and a 90th percentile
 * over the last 4 weeks, with the 4 weeks before for the trend. Pure (no `vscode`, no GitHub):
 * it reads review-request histories, one per pull request, as the GitHub layer maps them from
 * the PR timelines (`ReviewRequestedEvent`, `ReviewRequestRemovedEvent`, `PullRequestReview`).
 *
 * The rules, as a lead reads "picks reviews up in 6h":
 * - **Any PR in the watched repositories** counts, not only the lead's own: the question is how the
 *   teammate treats requests, whoever asked.
 * - **A request starts the clock; the reviewer's first review after it stops it.** Any submitted
 *   review counts (approve, request changes, comment): each is the reviewer picking it up.
 * - **A re-request after a review starts a new interval.** Re-reviewing after new commits is
 *   review work the author waits on as much as on the first one.
 * - **A request repeated while one is still open does not restart the clock**: re-requesting as a
 *   reminder must not hide how long the first request waited.
 * - **A request removed before a review is not counted**, and neither is one still open when the
 *   PR was closed or merged: nobody was waiting on that reviewer any more.
 * - **A request still open now is censored**: it is not in the median (its end is unknown) but is
 *   reported apart, as "N still waiting" with the longest wait so far.
 * - **Bots are left out** (GraphQL `Bot` requests and reviews): an AI reviewer is not a teammate.
 * - **Team requests are left out**: a request of a team is not one person's (as in the team load).
 * - **A request belongs to the window it was made in**, so both windows compare cohorts of
 *   requests, and what is still waiting counts in the window it was asked in.
 */
import { subDays } from 'date-fns';
import { DEFAULT_BUSINESS_HOURS, businessMsBetween, type BusinessHours } from './businessHours';

/** Each of the two windows compared: the last 4 weeks, and the 4 weeks before. */
export const TURNAROUND_WINDOW_DAYS = 28;

/**
 * The windows' starts for `now`: local calendar weeks (the same wall-clock time 28 and 56 days
 * earlier, whatever daylight saving did in between). `previousFrom` is how far back the histories
 * must reach.
 */
export function turnaroundWindows(now: number): { previousFrom: number; currentFrom: number } {
  return { previousFrom: subDays(now, 2 * TURNAROUND_WINDOW_DAYS).getTime(), currentFrom: subDays(now, TURNAROUND_WINDOW_DAYS).getTime() };
}

/** One timeline item that matters here: who was asked, un-asked, or reviewed, and when (epoch ms). */
export interface TurnaroundEvent {
  readonly kind: 'requested' | 'removed' | 'reviewed';
  /** The reviewer's login (a `User`, `Bot` or `Mannequin`; GitHub's logins are case-insensitive). */
  readonly reviewer: string;
  readonly at: number;
  /** A GraphQL `Bot`: left out. */
  readonly bot?: boolean;
}

/** One pull request's review-request history. */
export interface PullRequestHistory {
  readonly repo: string;
  readonly number: number;
  /** When the PR was closed or merged; null while open. */
  readonly closedAt: number | null;
  /** In any order. */
  readonly events: readonly TurnaroundEvent[];
  /**
   * GitHub listed only the first part of the timeline: a request open at its end may have been
   * answered in the part not read, so it is not counted as still waiting.
   */
  readonly cut?: boolean;
}

/** One request of one reviewer: `reviewedAt` null while it is still waiting. */
export interface RequestInterval {
  readonly reviewer: string;
  readonly repo: string;
  readonly number: number;
  readonly requestedAt: number;
  readonly reviewedAt: number | null;
}

export interface TurnaroundStats {
  /** Requests answered by a review (the sample of the median and the 90th percentile). */
  readonly reviewed: number;
  /** Business ms; null when nothing was reviewed. */
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  /** Requests made in the window and still waiting now (censored: not in the median). */
  readonly stillWaiting: number;
  /** Business ms the longest of those has waited so far; null when none waits. */
  readonly longestWaitingMs: number | null;
}

export interface PersonTurnaround {
  readonly login: string;
  /** Requests made in the last 4 weeks. */
  readonly current: TurnaroundStats;
  /** Requests made in the 4 weeks before. */
  readonly previous: TurnaroundStats;
}

export interface ReviewTurnaround {
  /** In the order of the members given (duplicates, by case-insensitive login, once). */
  readonly members: readonly PersonTurnaround[];
  /** Every member's requests together. */
  readonly team: { readonly current: TurnaroundStats; readonly previous: TurnaroundStats };
  /** Window bounds (epoch ms): previous = [previousFrom, currentFrom), current = [currentFrom, now]. */
  readonly previousFrom: number;
  readonly currentFrom: number;
  readonly now: number;
}

const KIND_ORDER: Record<TurnaroundEvent['kind'], number> = { requested: 0, reviewed: 1, removed: 2 };

/**
 * Events in one order whatever order they came in: by time, then a request before a review before
 * a removal at the same instant (a review in the same second as its request answers it), then by
 * reviewer.
 */
function ordered(events: readonly TurnaroundEvent[]): TurnaroundEvent[] {
  return [...events].sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
    || (a.reviewer.toLowerCase() < b.reviewer.toLowerCase() ? -1 : a.reviewer.toLowerCase() > b.reviewer.toLowerCase() ? 1 : 0));
}

/** The request intervals of one PR, by the rules above (bots left out), oldest request first. */
export function requestIntervals(history: PullRequestHistory): RequestInterval[] {
  const open = new Map<string, { reviewer: string; at: number }>();
  const out: RequestInterval[] = [];
  const { repo, number } = history;
  for (const e of ordered(history.events)) {
    if (e.bot === true || !Number.isFinite(e.at) || e.reviewer === '') continue;
    const key = e.reviewer.toLowerCase();
    const pending = open.get(key);
    if (e.kind === 'requested') {
      if (!pending) open.set(key, { reviewer: e.reviewer, at: e.at });
    } else if (e.kind === 'reviewed') {
      // A review nobody asked for (or a second one) answers no request.
      if (pending) out.push({ reviewer: pending.reviewer, repo, number, requestedAt: pending.at, reviewedAt: e.at });
      open.delete(key);
    } else {
      open.delete(key);
    }
  }
  if (history.closedAt === null && history.cut !== true) {
    for (const p of open.values()) out.push({ reviewer: p.reviewer, repo, number, requestedAt: p.at, reviewedAt: null });
  }
  return out.sort((a, b) => a.requestedAt - b.requestedAt);
}

/**
 * The `p`-quantile (0..1) of `sorted` (ascending, not empty), interpolating linearly between the
 * two nearest ranks (the usual definition: the median of an even count is the mean of the middle
 * two). Monotone in `p`, so the median is never above the 90th percentile.
 */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median, 90th percentile and what still waits, of `intervals` (business hours), at `now`. */
export function turnaroundStats(intervals: readonly RequestInterval[], now: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): TurnaroundStats {
  const waits = intervals.filter((i) => i.reviewedAt !== null).map((i) => businessMsBetween(i.requestedAt, i.reviewedAt!, hours)).sort((a, b) => a - b);
  const waiting = intervals.filter((i) => i.reviewedAt === null).map((i) => businessMsBetween(i.requestedAt, now, hours));
  return {
    reviewed: waits.length,
    // Whole milliseconds: interpolation leaves float noise (4.6 h as 16559999.999999998 ms).
    medianMs: waits.length ? Math.round(quantile(waits, 0.5)) : null,
    p90Ms: waits.length ? Math.round(quantile(waits, 0.9)) : null,
    stillWaiting: waiting.length,
    longestWaitingMs: waiting.length ? Math.max(...waiting) : null,
  };
}

/**
 * Each member's turnaround (and the team's, all members together) over the requests made in the
 * last 4 weeks before `now` and in the 4 weeks before that, from the PR `histories` of the watched
 * repositories. A request made after `now` (a clock behind GitHub's) counts in the current window.
 */
export function reviewTurnaround(histories: readonly PullRequestHistory[], members: readonly string[], now: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): ReviewTurnaround {
  const { previousFrom, currentFrom } = turnaroundWindows(now);
  const seen = new Set<string>();
  const logins = members.filter((m) => m !== '' && !seen.has(m.toLowerCase()) && seen.add(m.toLowerCase()));
  const byMember = new Map<string, { current: RequestInterval[]; previous: RequestInterval[] }>(logins.map((m) => [m.toLowerCase(), { current: [], previous: [] }]));
  for (const h of histories) {
    for (const i of requestIntervals(h)) {
      const member = byMember.get(i.reviewer.toLowerCase());
      if (!member || i.requestedAt < previousFrom) continue;
      (i.requestedAt < currentFrom ? member.previous : member.current).push(i);
    }
  }
  const all = [...byMember.values()];
  return {
    members: logins.map((login) => {
      const m = byMember.get(login.toLowerCase())!;
      return { login, current: turnaroundStats(m.current, now, hours), previous: turnaroundStats(m.previous, now, hours) };
    }),
    team: {
      current: turnaroundStats(all.flatMap((m) => m.current), now, hours),
      previous: turnaroundStats(all.flatMap((m) => m.previous), now, hours),
    },
    previousFrom, currentFrom, now,
  };
}

/** The histories are read from GitHub at most once in this long. */
export const TURNAROUND_REFRESH_MS = 24 * 3_600_000;
/** After a failed read, the next waits this long (not every sidebar refresh). */
export const TURNAROUND_RETRY_MS = 3_600_000;

/**
 * Whether the histories should be read from GitHub again at `now`: never read, or read 24 hours
 * ago or more (or "in the future": the clock went back), unless a read failed less than an hour
 * ago. At most once a day, so an ordinary refresh costs GitHub nothing for it.
 */
export function turnaroundDue(last: { readonly fetchedAt: number; readonly failedAt?: number } | undefined, now: number): boolean {
  if (!last) return true;
  const { fetchedAt, failedAt } = last;
  if (failedAt !== undefined && failedAt >= fetchedAt && failedAt <= now && now - failedAt < TURNAROUND_RETRY_MS) return false;
  return fetchedAt > now || now - fetchedAt >= TURNAROUND_REFRESH_MS;
}
