import { DEFAULT_BUSINESS_HOURS, type SlaState } from './businessHours';
import { INBOX_STATE_LABELS, type InboxState, type ReviewInboxState } from './inbox';
import { REVIEW_GROUP_ORDER } from './inboxEntries';
import { decideReview, decisionContext, type ReviewDecision } from './itemDecisions';
import { compareOldestFirst, type CiState, type PendingReview, type ReviewQueueConfig } from './reviews';

/** A pending review with the values the Code Review Queue table shows and sorts by. */
export interface ReviewQueueRow extends PendingReview {
  readonly waitingBusinessMs: number;
  readonly sla: SlaState;
  /** Changed lines: additions + deletions. */
  readonly size: number;
  readonly snoozed: boolean;
  /** Where it stands in the review inbox (see `inbox.ts`). */
  readonly state: InboxState;
  /** The state under "stale". */
  readonly basis: ReviewInboxState;
  readonly pastSla: boolean;
}

export type ReviewSortKey = 'state' | 'repo' | 'author' | 'age' | 'size' | 'ci' | 'sla' | 'draft';
export type SortDirection = 'asc' | 'desc';

/** Every criterion is optional; an item must meet all that are given. */
export interface ReviewQueueFilter {
  readonly repo?: string;
  readonly author?: string;
  readonly ci?: CiState;
  readonly sla?: SlaState;
  readonly draft?: boolean;
  readonly state?: InboxState;
  /** Case-insensitive substring of title, repo, author or a label. */
  readonly text?: string;
  /** Snoozed items are hidden unless this is true. */
  readonly includeSnoozed?: boolean;
}

/** Ascending order for the categorical keys puts what needs attention first. */
const CI_ORDER: Record<CiState, number> = { failure: 0, pending: 1, none: 2, success: 3 };
const SLA_ORDER: Record<SlaState, number> = { breached: 0, 'due-soon': 1, ok: 2 };

/** A review's row: what its decision says (state, wait, SLA, snooze), with the size the table sorts by. */
export function queueRow(d: ReviewDecision): ReviewQueueRow {
  return {
    ...d.item,
    waitingBusinessMs: d.waitMs, sla: d.sla, pastSla: d.pastSla, size: d.item.additions + d.item.deletions, snoozed: d.snoozed, state: d.state, basis: d.basis,
  };
}

/** The rows of the pending reviews in the inbox (a PR the lead is done with has none), each decided at `now`. */
export function toQueueRows(items: readonly PendingReview[], now: number, config: ReviewQueueConfig & { readonly staleDays?: number }): ReviewQueueRow[] {
  const ctx = decisionContext(now, { slaHours: config.slaHours, staleDays: config.staleDays ?? 0, businessHours: config.businessHours ?? DEFAULT_BUSINESS_HOURS });
  return items.flatMap((item) => {
    const d = decideReview(item, ctx);
    return d ? [queueRow(d)] : [];
  });
}

/** "Needs your review: 3 · Stale: 2": the states present among `rows`, in the inbox's order, each as `say` words it (the queue's webview: in the host's words). */
export function stateCountsText(rows: readonly ReviewQueueRow[], say: (state: InboxState, count: number) => string = (s, n) => `${INBOX_STATE_LABELS[s]}: ${n}`): string {
  return REVIEW_GROUP_ORDER.map((s) => [s, rows.filter((r) => r.state === s).length] as const)
    .filter(([, n]) => n > 0).map(([s, n]) => say(s, n)).join(' · ');
}

export function filterQueue(rows: readonly ReviewQueueRow[], filter: ReviewQueueFilter): ReviewQueueRow[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return rows.filter(
    (row) =>
      (filter.includeSnoozed === true || !row.snoozed) &&
      (filter.repo === undefined || sameName(row.repo, filter.repo)) &&
      (filter.author === undefined || sameName(row.author, filter.author)) &&
      (filter.ci === undefined || row.ci === filter.ci) &&
      (filter.sla === undefined || row.sla === filter.sla) &&
      (filter.draft === undefined || row.draft === filter.draft) &&
      (filter.state === undefined || row.state === filter.state) &&
      (text === '' || [row.title, row.repo, row.author, ...row.labels].some((s) => s.toLowerCase().includes(text))),
  );
}

/**
 * Sorts by one column. Ascending is: repo and author A→Z, age shortest wait first, size smallest
 * first, CI failing first, SLA breached first, drafts last. Ties fall back to oldest first, so
 * the order is total and stable between refreshes.
 */
export function sortQueue(rows: readonly ReviewQueueRow[], key: ReviewSortKey, direction: SortDirection = 'asc'): ReviewQueueRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byKey = KEY_COMPARERS[key];
  return [...rows].sort((a, b) => sign * byKey(a, b) || compareOldestFirst(a, b));
}

/** The distinct values for the table's filter drop-downs, sorted ignoring case. */
export function filterChoices(rows: readonly ReviewQueueRow[]): { repos: string[]; authors: string[] } {
  const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  return { repos: sorted(rows.map((r) => r.repo)), authors: sorted(rows.map((r) => r.author)) };
}

const KEY_COMPARERS: Record<ReviewSortKey, (a: ReviewQueueRow, b: ReviewQueueRow) => number> = {
  // The inbox's order: needs your review, re-requested, waiting on author, stale; then the longest wait.
  state: (a, b) => REVIEW_GROUP_ORDER.indexOf(a.state) - REVIEW_GROUP_ORDER.indexOf(b.state) || b.waitingBusinessMs - a.waitingBusinessMs,
  repo: (a, b) => compareText(a.repo.toLowerCase(), b.repo.toLowerCase()),
  author: (a, b) => compareText(a.author.toLowerCase(), b.author.toLowerCase()),
  // Business-hours wait, then the raw request time: two PRs requested over a weekend wait 0 each.
  age: (a, b) => a.waitingBusinessMs - b.waitingBusinessMs || b.requestedAt - a.requestedAt,
  size: (a, b) => a.size - b.size,
  ci: (a, b) => CI_ORDER[a.ci] - CI_ORDER[b.ci],
  sla: (a, b) => SLA_ORDER[a.sla] - SLA_ORDER[b.sla],
  draft: (a, b) => Number(a.draft) - Number(b.draft),
};

/** Every key `sortQueue` orders by: each is one column of the queue's table. */
export const REVIEW_SORT_KEYS = Object.keys(KEY_COMPARERS) as readonly ReviewSortKey[];

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
