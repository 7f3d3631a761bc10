/** Builds what the queue webview shows from a source snapshot. Pure: unit tested in plain Node. */
import { ownPullSummary } from '../core/inboxEntries';
import { toLocalDate } from '../core/localDate';
import { compareOldestFirst } from '../core/reviews';
import type { ReviewDecision } from '../core/itemDecisions';
import { queueRow, type ReviewQueueRow } from '../core/reviewQueue';
import type { OwnPullRequestRow, QueueData } from './protocol';
import { snoozeBounds } from './snooze';
import type { ReviewQueueSnapshot } from './source';
import { displayDates } from '../core/displayDates';
import { fill } from '../core/fill';

/** The data's own sentences in VS Code's display language (`queueDataWords`); `{0}` is the time, `{1}` the source's notice. */
export interface QueueDataWords {
  /** As of {0} — {1} */
  readonly asOfNotice: string;
  /** As of {0} (saved) */
  readonly asOfSaved: string;
  /** Updated {0} */
  readonly updated: string;
}

/** Each decision's row: a kept decision keeps its row, so the host sends only the rows that changed. */
const rows = new WeakMap<ReviewDecision, ReviewQueueRow>();
const rowOf = (d: ReviewDecision): ReviewQueueRow => {
  let row = rows.get(d);
  if (!row) rows.set(d, (row = queueRow(d)));
  return row;
};

/** `locale`: VS Code's display language, for the times shown; `words`: its sentences. */
export function buildQueueData(snapshot: ReviewQueueSnapshot, now: number, locale: string, words: QueueDataWords): QueueData {
  const { decisions } = snapshot;
  // In the inbox's order: approved, changes requested, waiting on reviewers, stale; the longest wait first.
  const ownPullRequests = decisions.own.map(({ item: pr, state, basis, waitMs, pastSla }): OwnPullRequestRow => ({
    repo: pr.repo,
    number: pr.number,
    title: pr.title,
    url: pr.url,
    draft: pr.draft,
    waitingOn: [...pr.waitingOn],
    waitingBusinessMs: waitMs,
    state,
    summary: ownPullSummary(pr, basis),
    pastSla,
  }));
  const when = snapshot.asOf === null ? null : clockText(snapshot.asOf, now, locale);
  const notice = snapshot.notice === null ? null : when === null ? snapshot.notice : fill(words.asOfNotice, when, snapshot.notice);
  return {
    // The tree's decisions, oldest request first (the table's own sort applies on top).
    rows: [...decisions.reviews, ...decisions.snoozed].sort((a, b) => compareOldestFirst(a.item, b.item)).map(rowOf),
    ownPullRequests,
    notice,
    updated: when === null ? null : fill(snapshot.saved ? words.asOfSaved : words.updated, when),
    loading: snapshot.loading === true,
    slaHours: snapshot.slaHours,
    ...(({ min, max }) => ({ snoozeMin: min, snoozeMax: max }))(snoozeBounds(now)),
  };
}

/** `10:42` today, `May 3, 10:42` on another day: the host's clock, which defines "today". */
export function clockText(instant: number, now: number, locale: string): string {
  const dates = displayDates(locale);
  return toLocalDate(instant) === toLocalDate(now) ? dates.time(instant) : dates.dateAndTime(instant);
}
