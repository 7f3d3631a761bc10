/**
 * The inbox of the tree and the queue: pending reviews and the lead's own PRs, each placed in its
 * state (see `inbox.ts`), in the order the views show them. Pure.
 */
import { countByState, ownInboxState, placeInInbox, badgeCount, OWN_STATES, REVIEW_STATES, type InboxConfig, type InboxEntry, type InboxState, type ReviewVerdict } from './inbox';
import { isSnoozed, pendingReviewState, type PendingReview } from './reviews';
import { humanOwnFacts } from './aiReviews';

/** What the inbox reads of one of the lead's PRs (GitHub's `OwnPullRequest` has it all). */
export interface OwnPullFacts {
  readonly repo: string;
  readonly number: number;
  readonly draft: boolean;
  readonly createdAt: number;
  readonly waitingSince?: number;
  readonly updatedAt?: number;
  readonly reviewDecision?: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  readonly reviews?: readonly { readonly reviewer: string; readonly verdict: ReviewVerdict; readonly bot?: boolean }[];
  /** Requested reviewers, teams as `@slug`. */
  readonly waitingOn: readonly string[];
}

/** When one of the lead's PRs began waiting on its reviewers (since it was opened, in a snapshot saved before that was known). */
export const ownPullWaitingSince = (pr: Pick<OwnPullFacts, 'waitingSince' | 'createdAt'>): number => pr.waitingSince ?? pr.createdAt;

/** What one of the lead's PRs waits for, in words: "approved by kwame", "waiting on mira, @frontend". */
export function ownPullSummary(pr: OwnPullFacts, basis: InboxState): string {
  const by = (verdict: ReviewVerdict) => (pr.reviews ?? []).filter((r) => r.verdict === verdict && r.bot !== true).map((r) => r.reviewer).join(', ');
  if (basis === 'approved') return by('APPROVED') ? `approved by ${by('APPROVED')}` : 'approved';
  if (basis === 'changes-requested') return by('CHANGES_REQUESTED') ? `changes requested by ${by('CHANGES_REQUESTED')}` : 'changes requested';
  return pr.waitingOn.length > 0 ? `waiting on ${pr.waitingOn.join(', ')}` : 'no reviewer requested';
}

interface Placed<T> {
  readonly value: T;
  readonly repo: string;
  readonly number: number;
  readonly waitingSince: number;
  readonly lastActivity: number;
  readonly draft: boolean;
}

const unwrap = <T>(e: InboxEntry<Placed<T>>): InboxEntry<T> => ({ ...e, item: e.item.value });

/** When a pending review last saw activity, as far as the inbox knows: for staleness. */
export const reviewLastActivity = (r: PendingReview): number => r.updatedAt ?? Math.max(r.createdAt, r.requestedAt);

/** Pending reviews not snoozed at `now`, in their states; approved-and-not-asked-again ones are left out. */
export function reviewInbox<T extends PendingReview>(reviews: readonly T[], now: number, config: InboxConfig, since?: (from: number) => number): InboxEntry<T>[] {
  const placed = reviews.filter((r) => !isSnoozed(r, now)).map((r): Placed<T> => ({
    value: r, repo: r.repo, number: r.number, waitingSince: r.requestedAt, draft: r.draft,
    lastActivity: reviewLastActivity(r),
  }));
  return placeInInbox(placed, (p) => pendingReviewState(p.value), REVIEW_STATES, now, config, since).map(unwrap);
}

/** The lead's own PRs in their states; the wait is since the latest review request. */
export function ownInbox<T extends OwnPullFacts>(prs: readonly T[], now: number, config: InboxConfig, since?: (from: number) => number): InboxEntry<T>[] {
  const placed = prs.map((p): Placed<T> => ({
    value: p, repo: p.repo, number: p.number, waitingSince: ownPullWaitingSince(p), draft: p.draft,
    lastActivity: p.updatedAt ?? p.createdAt,
  }));
  return placeInInbox(placed, (p) => ownInboxState(humanOwnFacts(p.value)), OWN_STATES, now, config, since)
    .map(unwrap);
}

/** Entries grouped by state, in the given order, empty states left out. */
export function groupByState<T>(entries: readonly InboxEntry<T>[], order: readonly InboxState[]): { state: InboxState; entries: InboxEntry<T>[] }[] {
  return order.map((state) => ({ state, entries: entries.filter((e) => e.state === state) })).filter((g) => g.entries.length > 0);
}

export const REVIEW_GROUP_ORDER: readonly InboxState[] = [...REVIEW_STATES, 'stale'];
export const OWN_GROUP_ORDER: readonly InboxState[] = [...OWN_STATES, 'stale'];

export { badgeCount, countByState };
