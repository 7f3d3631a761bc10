/**
 * What the inbox shows after a write GitHub confirmed, before the next refresh reads it back: the
 * patch each mutation makes to the snapshot. Pure.
 */
import { withReview, type MemberReview } from '../core/teamLoad';
import type { OwnPullRequest } from '../github/api';
import type { InboxSnapshot } from './inboxSnapshot';

/** A review request changed on GitHub (src/work/reviewAssignment.ts). */
export interface ReviewChange {
  readonly repo: string;
  readonly number: number;
  /** Whom the PR now waits on (users); undefined: unchanged. */
  readonly waitingOn?: readonly string[];
  /** The lead is no longer asked: the PR leaves the lead's pending reviews. */
  readonly leadRemoved: boolean;
  /** The teammate now asked, whose load gains this review. */
  readonly requested?: { readonly login: string; readonly review: MemberReview };
}

/** A PR of the lead's merged or closed: it leaves the tree and the queue now; undefined when it is not shown. */
export function withoutOwnPullRequest(s: InboxSnapshot, repo: string, number: number): Pick<InboxSnapshot, 'ownPullRequests'> | undefined {
  const same = (p: OwnPullRequest) => p.repo.toLowerCase() === repo.toLowerCase() && p.number === number;
  return s.ownPullRequests.some(same) ? { ownPullRequests: s.ownPullRequests.filter((p) => !same(p)) } : undefined;
}

/** GitHub's answer to a review-request change, shown without a refresh. Teams in `waitingOn` (`@org/team`) stay. */
export function withReviewChange(s: InboxSnapshot, change: ReviewChange): Pick<InboxSnapshot, 'reviews' | 'ownPullRequests' | 'teamLoad'> {
  const same = (x: { repo: string; number: number }) => x.repo === change.repo && x.number === change.number;
  const waitingOn = change.waitingOn;
  return {
    reviews: change.leadRemoved ? s.reviews.filter((r) => !same(r)) : s.reviews,
    ownPullRequests: waitingOn === undefined ? s.ownPullRequests : s.ownPullRequests.map((p) => (same(p)
      ? { ...p, waitingOn: [...waitingOn, ...p.waitingOn.filter((w) => w.startsWith('@'))] } : p)),
    teamLoad: change.requested && s.teamLoad ? withReview(s.teamLoad, change.requested.login, change.requested.review) : s.teamLoad,
  };
}

/** A snooze set: the review shows it at once (the snooze store keeps it for the next refresh). */
export function withSnooze(s: InboxSnapshot, repo: string, number: number, until: number): Pick<InboxSnapshot, 'reviews'> {
  return { reviews: s.reviews.map((r) => (r.repo === repo && r.number === number ? { ...r, snoozedUntil: until } : r)) };
}
