/**
 * What the inbox shows at one moment: the lead's local tasks plus what GitHub said, with where
 * that came from (this window's refresh or the saved snapshot) and how fresh it is.
 */
import type { PendingReview } from '../core/reviews';
import type { MemberReviews } from '../core/teamLoad';
import type { DelegatedIssue, GitHubFailure, OwnPullRequest, RateLimitReading } from '../github/api';
import type { DelegatedTask } from './taskRepository';

export interface InboxSnapshot {
  readonly signedIn: boolean;
  /** False until the first refresh has asked for a session: "signed out" is not said before it is known. */
  readonly signInKnown: boolean;
  /** Signed in, but no repository is configured or found in the workspace. */
  readonly noRepositories: boolean;
  readonly tasks: readonly DelegatedTask[];
  readonly reviews: readonly PendingReview[];
  readonly reviewsTotal: number;
  readonly delegatedIssues: readonly DelegatedIssue[];
  readonly ownPullRequests: readonly OwnPullRequest[];
  /** Review load per member of {@link Settings.teamMembers} (src/core/teamLoad.ts); null until first loaded. */
  readonly teamLoad?: readonly MemberReviews[] | null;
  /** When the GitHub data shown was fetched (epoch ms), by this window or, from the snapshot, another; null = never heard. */
  readonly asOf: number | null;
  /** The data shown is the saved snapshot, not yet confirmed by a refresh of this window. */
  readonly fromSnapshot: boolean;
  /** What the last answer lacked, in words ("delegated issues"); empty when complete. */
  readonly missing: readonly string[];
  /** GitHub's GraphQL budget after the last refresh. */
  readonly rateLimit: RateLimitReading | null;
  /** Below 10 % of the budget: automatic refreshes wait until then (epoch ms). */
  readonly heldUntil: number | null;
  readonly failure: GitHubFailure | null;
  readonly refreshing: boolean;
}

/** Before anything is known: a new window, or `restart()`. */
export const EMPTY_INBOX: InboxSnapshot = {
  signedIn: false, signInKnown: false, noRepositories: false, tasks: [], reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], teamLoad: null,
  asOf: null, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null, refreshing: false,
};

/** The GitHub half cleared: signed out, or another account's data must not stay on screen. */
export const NO_GITHUB_DATA = {
  reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], teamLoad: null, asOf: null, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null,
} as const;
