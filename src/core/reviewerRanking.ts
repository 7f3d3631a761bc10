/**
 * The order "Request review from…" offers teammates in: load and review turnaround together.
 * Pure (no `vscode`), unit tested with properties.
 *
 * The rule, as the picker states it: **fewest reviews waiting first; ties by fastest median
 * pickup** (the median business hours from a review request to their first review, last 4 weeks).
 * Load comes first because a teammate who is quick but buried is not quick for this PR; the
 * turnaround only separates equal loads. A teammate whose turnaround is not known (no reviews in
 * the window, or not read yet) comes after the known ones of the same load; then the team load's
 * own order (`compareLoad`: fewer past the SLA, shorter oldest wait, login).
 */
import { compareLoad, type MemberLoad } from './teamLoad';

export interface ReviewerStanding {
  readonly load: MemberLoad;
  /** Median business ms to the first review, last 4 weeks; null when not known. */
  readonly medianMs: number | null;
}

/** Negative when `a` is offered before `b`: a total order (ends in the login). */
export function compareReviewers(a: ReviewerStanding, b: ReviewerStanding): number {
  // Not a GitHub user, then load not known, last (as in the team load).
  const rank = (m: MemberLoad) => (!m.exists ? 2 : m.count === null ? 1 : 0);
  return rank(a.load) - rank(b.load)
    || (a.load.count ?? 0) - (b.load.count ?? 0)
    || compareMedian(a.medianMs, b.medianMs)
    || compareLoad(a.load, b.load);
}

/** Known before unknown, faster first. */
function compareMedian(a: number | null, b: number | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return a - b;
}

/** `list` in the order the picker offers it (a copy). */
export function rankReviewers<T extends ReviewerStanding>(list: readonly T[]): T[] {
  return [...list].sort(compareReviewers);
}
