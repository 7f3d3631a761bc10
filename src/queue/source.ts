import type * as vscode from 'vscode';
import type { OwnPullItem, WorkDecisions } from '../core/itemDecisions';
import type { PendingReview } from '../core/reviews';

/** The inbox's decisions the queue shows: the tree and the palette read the same ones. */
export type QueueDecisions = Pick<WorkDecisions<PendingReview, OwnPullItem>, 'reviews' | 'snoozed' | 'own'>;

/** What the Code Review Queue shows, as of one refresh. */
export interface ReviewQueueSnapshot {
  /** Every pending review's decision, snoozed ones included (the panel can show them), and the lead's own PRs'. */
  readonly decisions: QueueDecisions;
  /** When this data was fetched from GitHub (epoch ms); `null` if it never was. */
  readonly asOf: number | null;
  /** Why the data may be stale, e.g. "GitHub unreachable"; the panel shows "As of 10:42 — …". `null` when fresh. */
  readonly notice: string | null;
  readonly slaHours: number;
  /** Nothing heard from GitHub yet (no answer, no snapshot): the panel says "Loading…", not "No reviews match". */
  readonly loading?: boolean;
  /** The data is the saved snapshot, not yet refreshed by this window. */
  readonly saved?: boolean;
}

/** The queue panel's data and actions; implemented outside the panel (GitHub, store, git). */
export interface ReviewQueueSource {
  snapshot(): ReviewQueueSnapshot;
  /** Fires after a refresh, a snooze or a settings change: the panel rebuilds from `snapshot()`. */
  readonly onDidChange: vscode.Event<void>;
  /** Hides the PR until `untilMs` (the start of a local day, tomorrow to 90 days on: the panel checks). */
  snooze(repo: string, number: number, untilMs: number): Promise<void>;
  /** Checks the PR's branch out in the workspace; rejects with a message fit for the user. */
  checkOut(repo: string, number: number): Promise<void>;
  /** `host[:port]` links may open on: `github.com`, or the GitHub Enterprise host. */
  webHost(): string;
}
