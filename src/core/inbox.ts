/**
 * Where each review stands: every pending review and every one of the lead's own PRs falls in
 * exactly one inbox state, decided from GitHub's facts (review requests, the latest reviews,
 * commits after a review, the last activity). Pure: no `vscode`, no GitHub client.
 */
import { businessMsBetween, businessMsUntil, parseClockTime, slaState, DEFAULT_BUSINESS_HOURS, type BusinessHours, type SlaState } from './businessHours';

/** A review's verdict, as GitHub names it. */
export type ReviewVerdict = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

/** What the lead must do something about: reviews of others' PRs. */
export type ReviewInboxState = 'needs-review' | 're-requested' | 'waiting-on-author';
/** The lead's own PRs. */
export type OwnInboxState = 'approved' | 'changes-requested' | 'waiting-on-reviewers';
/** Stale wins over the others: "no activity for N business days" is the news. */
export type InboxState = ReviewInboxState | OwnInboxState | 'stale';

export const REVIEW_STATES: readonly ReviewInboxState[] = ['needs-review', 're-requested', 'waiting-on-author'];
export const OWN_STATES: readonly OwnInboxState[] = ['approved', 'changes-requested', 'waiting-on-reviewers'];

export const INBOX_STATE_LABELS: Record<InboxState, string> = {
  'needs-review': 'Needs your review',
  're-requested': 'Re-requested',
  'waiting-on-author': 'Waiting on author',
  approved: 'Approved, not merged',
  'changes-requested': 'Changes requested',
  'waiting-on-reviewers': 'Waiting on reviewers',
  stale: 'Stale',
};

/** The lead's latest review of a PR. */
export interface MyReview {
  readonly verdict: ReviewVerdict;
  /** Epoch ms. */
  readonly at: number;
}

/** The facts about someone else's PR that decide its state. */
export interface ReviewFacts {
  /** The lead (or one of the lead's teams) is asked to review it right now. */
  readonly requested: boolean;
  readonly myReview?: MyReview | null;
  /** Commits pushed after the lead's latest review. */
  readonly commitsSinceMyReview?: number;
}

/**
 * - asked and never reviewed: needs your review;
 * - asked again after a review, or changes requested and commits came since: re-requested;
 * - changes requested, nothing pushed since: waiting on author;
 * - anything else (approved or commented, not asked again) is not in the inbox: null.
 */
export function reviewInboxState(f: ReviewFacts): ReviewInboxState | null {
  const reviewed = f.myReview !== undefined && f.myReview !== null && f.myReview.verdict !== 'PENDING';
  if (f.requested) return reviewed ? 're-requested' : 'needs-review';
  if (f.myReview?.verdict !== 'CHANGES_REQUESTED') return null;
  return (f.commitsSinceMyReview ?? 0) > 0 ? 're-requested' : 'waiting-on-author';
}

/** The facts about one of the lead's own PRs. */
export interface OwnFacts {
  /** GitHub's review decision (null when the repo requires no review). */
  readonly reviewDecision?: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  /** Each reviewer's latest verdict. */
  readonly verdicts?: readonly ReviewVerdict[];
}

/**
 * GitHub's decision when it gives one; where the repo requires no review (no decision), the
 * reviewers' latest verdicts: any "changes requested" wins, then any approval.
 */
export function ownInboxState(f: OwnFacts): OwnInboxState {
  if (f.reviewDecision === 'CHANGES_REQUESTED') return 'changes-requested';
  if (f.reviewDecision === 'APPROVED') return 'approved';
  if (f.reviewDecision === 'REVIEW_REQUIRED') return 'waiting-on-reviewers';
  const verdicts = f.verdicts ?? [];
  if (verdicts.includes('CHANGES_REQUESTED')) return 'changes-requested';
  return verdicts.includes('APPROVED') ? 'approved' : 'waiting-on-reviewers';
}

export interface InboxConfig {
  readonly slaHours: number;
  /** {@link Settings.staleDays}: business days without activity; 0 turns staleness off. */
  readonly staleDays: number;
  readonly businessHours?: BusinessHours;
}

/**
 * Business days without activity, counted in business hours (a working day's length each).
 * `since` is the business time from an instant to `now` (`businessMsUntil`, when a refresh has one).
 */
export function isStale(lastActivity: number, now: number, config: Pick<InboxConfig, 'staleDays' | 'businessHours'>,
  since: (from: number) => number = (from) => businessMsBetween(from, now, config.businessHours ?? DEFAULT_BUSINESS_HOURS)): boolean {
  if (!(config.staleDays > 0)) return false;
  const hours = config.businessHours ?? DEFAULT_BUSINESS_HOURS;
  const dayMs = (parseClockTime(hours.end) - parseClockTime(hours.start)) * 60_000;
  if (!(dayMs > 0)) return false;
  return since(lastActivity) >= config.staleDays * dayMs;
}

/** The states whose wait counts against the SLA: the ball is with the reviewers. */
const SLA_STATES: ReadonlySet<InboxState> = new Set<InboxState>(['needs-review', 're-requested', 'waiting-on-reviewers']);

/**
 * The one SLA rule of a review or an own PR: drafts have none (their author has not asked for the
 * final review yet), nor has an item waiting on its author, approved, or with changes requested.
 */
export function inboxSla(basis: ReviewInboxState | OwnInboxState | null, draft: boolean, waitMs: number, slaHours: number): SlaState {
  return draft || basis === null || !SLA_STATES.has(basis) ? 'ok' : slaState(waitMs, slaHours);
}

/** One item of the inbox with its state and what the views sort and count by. */
export interface InboxEntry<T> {
  readonly item: T;
  readonly state: InboxState;
  /** The state under "stale": what the item would be with recent activity. */
  readonly basis: ReviewInboxState | OwnInboxState;
  /** Business-hours wait so far. */
  readonly waitMs: number;
  /** `inboxSla` of the wait. */
  readonly sla: SlaState;
  /** The wait reached the SLA, and the state counts against it (never drafts or "waiting on author"). */
  readonly pastSla: boolean;
}

/** What every item needs for its place in the inbox. */
export interface InboxItem {
  readonly repo: string;
  readonly number: number;
  /** When the wait began (epoch ms). */
  readonly waitingSince: number;
  readonly lastActivity: number;
  readonly draft: boolean;
}

/** One item in the inbox, in state `basis` (or 'stale'), with its wait and SLA; `since` counts business time up to `now`. */
export function placeItem<T extends InboxItem>(item: T, basis: ReviewInboxState | OwnInboxState, now: number, config: InboxConfig, since: (from: number) => number): InboxEntry<T> {
  const waitMs = since(item.waitingSince);
  const sla = inboxSla(basis, item.draft, waitMs, config.slaHours);
  return { item, basis, state: isStale(item.lastActivity, now, config, since) ? 'stale' : basis, waitMs, sla, pastSla: sla === 'breached' };
}

/** The inbox's order: by state in the order given (stale last), then the longest wait first, then repo and number, so ties are stable. */
export function inboxOrder(order: readonly (ReviewInboxState | OwnInboxState)[]): (a: InboxEntry<InboxItem>, b: InboxEntry<InboxItem>) => number {
  const rank = (e: InboxEntry<InboxItem>) => (e.state === 'stale' ? order.length : order.indexOf(e.basis));
  return (a, b) => rank(a) - rank(b) || b.waitMs - a.waitMs || a.item.waitingSince - b.item.waitingSince
    || (a.item.repo < b.item.repo ? -1 : a.item.repo > b.item.repo ? 1 : 0) || a.item.number - b.item.number;
}

/**
 * Places each item, drops those outside the inbox (`stateOf` gives null), and orders them (`inboxOrder`).
 * `since` counts business time up to `now` (one `businessMsUntil` per refresh serves every item).
 */
export function placeInInbox<T extends InboxItem, S extends ReviewInboxState | OwnInboxState>(
  items: readonly T[],
  stateOf: (item: T) => S | null,
  order: readonly S[],
  now: number,
  config: InboxConfig,
  since: (from: number) => number = businessMsUntil(now, config.businessHours),
): InboxEntry<T>[] {
  const entries: InboxEntry<T>[] = [];
  for (const item of items) {
    const basis = stateOf(item);
    if (basis !== null) entries.push(placeItem(item, basis, now, config, since));
  }
  return entries.sort(inboxOrder(order));
}

/** How many items each state holds (every state present, zeros included). */
export function countByState(entries: readonly InboxEntry<unknown>[]): Record<InboxState, number> {
  const counts = Object.fromEntries(Object.keys(INBOX_STATE_LABELS).map((k) => [k, 0])) as Record<InboxState, number>;
  for (const e of entries) counts[e.state]++;
  return counts;
}

/** The view badge: "needs your review" and "re-requested" items past the SLA, stale or not. */
export function badgeCount(entries: readonly InboxEntry<unknown>[]): number {
  return entries.filter((e) => e.pastSla && (e.basis === 'needs-review' || e.basis === 're-requested')).length;
}
