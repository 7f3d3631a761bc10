import type * as vscode from 'vscode';
import type { BusinessHours } from '../core/businessHours';
import type { PendingReview } from '../core/reviews';
import type { OwnPullRequest } from '../github/api';

/** What the Code Review Queue shows, as of one refresh. */
export interface ReviewQueueSnapshot {
  /** Every pending review, snoozed ones included (with `snoozedUntil`): the panel can show them. */
  readonly reviews: readonly PendingReview[];
  readonly ownPullRequests: readonly OwnPullRequest[];
  /** When this data was fetched from GitHub (epoch ms); `null` if it never was. */
  readonly asOf: number | null;
  /** Why the data may be stale, e.g. "GitHub unreachable"; the panel shows "As of 10:42 — …". `null` when fresh. */
  readonly notice: string | null;
  readonly slaHours: number;
  /** {@link Settings.staleDays} (absent: staleness off). */
  readonly staleDays?: number;
  readonly businessHours: BusinessHours;
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
