import { businessMsBetween, DEFAULT_BUSINESS_HOURS, type BusinessHours, type SlaState } from './businessHours';
import { inboxSla, reviewInboxState, type MyReview, type ReviewInboxState } from './inbox';

export type CiState = 'success' | 'failure' | 'pending' | 'none';

/** An open pull request waiting for the lead's review (or one of the lead's teams'). */
export interface PendingReview {
  /** `owner/name`. */
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly author: string;
  readonly url: string;
  /** When the wait began (epoch ms): see `requestedAtFromTimeline`. */
  readonly requestedAt: number;
  readonly createdAt: number;
  /** Requested from the lead personally rather than through a team. */
  readonly direct: boolean;
  /** The team slug the request came through, when not direct. */
  readonly team?: string;
  readonly additions: number;
  readonly deletions: number;
  readonly draft: boolean;
  readonly ci: CiState;
  readonly labels: readonly string[];
  /** Hidden from the queue summary until this instant (epoch ms). */
  readonly snoozedUntil?: number;
  /**
   * Asked of the lead right now. False for a PR the lead asked changes on, which is back with
   * its author or has new commits. Absent (a snapshot saved before) means asked.
   */
  readonly requested?: boolean;
  /** The lead's latest review, if any. */
  readonly myReview?: MyReview;
  /** Commits after the lead's latest review (`COMMITS_SEEN` or more when it is that number). */
  readonly commitsSinceMyReview?: number;
  /** GitHub's page of the changes since the lead's latest review. */
  readonly changesSinceUrl?: string;
  /** Last activity (GitHub's `updatedAt`, epoch ms); absent in older snapshots. */
  readonly updatedAt?: number;
  /** GitHub says the author is a `Bot` (a coding agent, dependabot): never a person to nudge. */
  readonly authorIsBot?: boolean;
  /** A coding agent's PR on an issue the lead delegated, marked ready (`agentWork`): its author is the agent. */
  readonly agentPull?: boolean;
}

/** How many of a PR's latest commits the sidebar query reads: "10+ commits since your review". */
export const COMMITS_SEEN = 10;

/** Where a pending review stands (null: not the lead's to do, e.g. approved and not asked again). */
export function pendingReviewState(item: PendingReview): ReviewInboxState | null {
  return reviewInboxState({ requested: item.requested ?? true, myReview: item.myReview ?? null, commitsSinceMyReview: item.commitsSinceMyReview ?? 0 });
}

/** The part of a GitHub issue timeline event this module reads. */
export interface TimelineEvent {
  readonly event?: string;
  readonly created_at?: string;
  readonly requested_reviewer?: { readonly login?: string } | null;
  readonly requested_team?: { readonly slug?: string } | null;
}

export interface ReviewQueueConfig {
  readonly slaHours: number;
  readonly businessHours?: BusinessHours;
}

export interface ReviewQueueSummary {
  /** Items not snoozed at `now`. */
  readonly count: number;
  readonly oldest: PendingReview | null;
  /** Non-draft items whose business-hours wait reached the SLA, oldest first. */
  readonly breaching: readonly PendingReview[];
}

/**
 * When the lead's wait on a PR began: the latest `review_requested` event naming the lead or
 * one of the lead's teams (a re-request restarts the clock). A request made while the PR was a
 * draft counts from its latest `ready_for_review`. Without a matching request: the latest
 * `ready_for_review`, then the PR's creation.
 * Logins and team slugs compare case-insensitively, as GitHub treats them; `myTeams` may hold
 * `slug` or `org/slug`.
 */
export function requestedAtFromTimeline(
  events: readonly TimelineEvent[],
  me: string,
  myTeams: readonly string[],
  fallbacks: { readonly createdAt: number },
): number {
  const login = me.toLowerCase();
  const teams = new Set(myTeams.map((t) => t.slice(t.lastIndexOf('/') + 1).toLowerCase()));
  return waitStart(events, fallbacks.createdAt, (e) => {
    // GitHub's JSON is untrusted: a field of the wrong type must not throw here.
    const reviewer: unknown = e.requested_reviewer?.login;
    const team: unknown = e.requested_team?.slug;
    return (typeof reviewer === 'string' && reviewer.toLowerCase() === login) || (typeof team === 'string' && teams.has(team.toLowerCase()));
  });
}

/**
 * When one of the lead's own PRs began waiting on its reviewers: the latest review request of
 * anyone (or a later `ready_for_review`), else its latest `ready_for_review`, else its creation.
 */
export function waitingSinceFromTimeline(events: readonly TimelineEvent[], createdAt: number): number {
  return waitStart(events, createdAt, () => true);
}

/** The latest `review_requested` event that `counts` (moved to a later `ready_for_review`), else the latest `ready_for_review`, else `createdAt`. */
function waitStart(events: readonly TimelineEvent[], createdAt: number, counts: (e: TimelineEvent) => boolean): number {
  let requested: number | null = null;
  let ready: number | null = null;
  for (const e of events) {
    const at = typeof e.created_at === 'string' ? Date.parse(e.created_at) : Number.NaN;
    if (Number.isNaN(at)) continue;
    if (e.event === 'ready_for_review') ready = Math.max(ready ?? at, at);
    if (e.event === 'review_requested' && counts(e)) requested = Math.max(requested ?? at, at);
  }
  if (requested !== null) return ready !== null && ready > requested ? ready : requested;
  return ready ?? createdAt;
}

/** Longest-waiting first; ties by repo then number so the order is stable across refreshes. */
export function sortOldestFirst<T extends PendingReview>(items: readonly T[]): T[] {
  return [...items].sort(compareOldestFirst);
}

export function compareOldestFirst(a: PendingReview, b: PendingReview): number {
  return a.requestedAt - b.requestedAt || (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0) || a.number - b.number;
}

export function isSnoozed(item: PendingReview, now: number): boolean {
  return item.snoozedUntil !== undefined && item.snoozedUntil > now;
}

/** Business-hours wait so far (0 for a request dated in the future). */
export function waitingBusinessMs(item: PendingReview, now: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  return businessMsBetween(item.requestedAt, now, hours);
}

/**
 * Drafts have no SLA: their author has not asked for the final review yet. Nor has a PR waiting
 * on its author: the lead asked for changes and nothing came since.
 */
export function reviewSlaState(item: PendingReview, now: number, config: ReviewQueueConfig, waitMs = waitingBusinessMs(item, now, config.businessHours)): SlaState {
  return inboxSla(pendingReviewState(item), item.draft, waitMs, config.slaHours);
}

/** The Team & reviews line of the morning review: how many wait, the oldest, which breach. */
export function summarizeQueue(items: readonly PendingReview[], now: number, config: ReviewQueueConfig): ReviewQueueSummary {
  const state = (item: PendingReview) => pendingReviewState(item);
  const waiting = sortOldestFirst(items.filter((item) => !isSnoozed(item, now) && (state(item) === 'needs-review' || state(item) === 're-requested')));
  return {
    count: waiting.length,
    oldest: waiting[0] ?? null,
    breaching: waiting.filter((item) => reviewSlaState(item, now, config) === 'breached'),
  };
}
