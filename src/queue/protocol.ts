/**
 * Messages between the Code Review Queue host and its webview. Both sides compile against this
 * file (esbuild bundles it into the webview), so it must not import `vscode`.
 */
import type { InboxState } from '../core/inbox';
import type { ReviewQueueRow } from '../core/reviewQueue';
import { MAX_LINK_LENGTH } from '../webview/links';
import { boundedString, integerIn, messageGuard, numberIn, type ReadyMessage } from '../webview/messageGuard';
import { REPO_NAME } from '../core/repoName';
import { panelProtocol, type DataOrError } from '../webview/protocol';

/** One of the lead's own open PRs, as the second table shows it. */
export interface OwnPullRequestRow {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  /** Empty when GitHub gave no link on the configured host. */
  readonly url: string;
  readonly draft: boolean;
  readonly waitingOn: readonly string[];
  /** Business hours since the latest review request (or since it was opened). */
  readonly waitingBusinessMs: number;
  readonly state: InboxState;
  /** "approved by kwame", "changes requested by mira", "waiting on tomas". */
  readonly summary: string;
  readonly pastSla: boolean;
}

export interface QueueData {
  readonly rows: readonly ReviewQueueRow[];
  readonly ownPullRequests: readonly OwnPullRequestRow[];
  /** Shown as a banner, e.g. "As of 10:42 — GitHub unreachable"; `null` when all is well. */
  readonly notice: string | null;
  /** "Updated 10:42" ("As of 10:42 (saved)" from the snapshot), or `null` before the first successful refresh. */
  readonly updated: string | null;
  /** Nothing heard from GitHub yet: the tables say "Loading…" instead of "No reviews match". */
  readonly loading: boolean;
  readonly slaHours: number;
  /** The snooze dates the host accepts (`yyyy-MM-dd`, the host's calendar): tomorrow … 90 days on. */
  readonly snoozeMin: string;
  readonly snoozeMax: string;
}

/** After the first full message: the rows added or changed, the keys removed and the order (see queuePatch.ts). */
export interface QueuePatchMessage {
  readonly type: 'patch';
  /** Rows added or changed since the last message, whole. */
  readonly rows: readonly ReviewQueueRow[];
  /** Keys (`repo#number`) of the rows gone. */
  readonly removed: readonly string[];
  /** Every row's key, in the data's order. */
  readonly order: readonly string[];
  /** The rest of the data (the own PRs, the notice, the snooze bounds): small, sent whole. */
  readonly rest: Omit<QueueData, 'rows'>;
}

/** The first message (and after a reload or a `ready`) is the whole data; then only patches. */
export type QueueToWebview = DataOrError<QueueData> | QueuePatchMessage;

export interface OpenMessage {
  readonly type: 'open';
  readonly url: string;
}
export interface CheckoutMessage {
  readonly type: 'checkout';
  readonly repo: string;
  readonly number: number;
}
export interface SnoozeMessage {
  readonly type: 'snooze';
  readonly repo: string;
  readonly number: number;
  /** `yyyy-MM-dd`: hidden until that local day starts. */
  readonly until: string;
}
/** The webview's own measure of a render of the review table (benchmarks and tests read it on the host). */
export interface RenderedMessage {
  readonly type: 'rendered';
  /** From the data message to the first frame painted with it (the rows on screen). */
  readonly ms: number;
  /** The work in `ms`: the message's script and the style and layout it needs; not the wait for the display's next refresh. */
  readonly workMs: number;
  readonly rows: number;
  /** From the data message to the frame painted with every row in the table. */
  readonly allMs: number;
  /** Row nodes built by this render; the others were kept from the last one. */
  readonly built: number;
}

export type QueueFromWebview = ReadyMessage | OpenMessage | CheckoutMessage | SnoozeMessage | RenderedMessage;

/** `owner/name` as GitHub allows them. */
const repo = boundedString(201, REPO_NAME);
const prNumber = integerIn(1, 2 ** 31 - 1);

export const isQueueMessage = messageGuard<QueueFromWebview>({
  ready: {},
  open: { url: boundedString(MAX_LINK_LENGTH) },
  checkout: { repo, number: prNumber },
  snooze: { repo, number: prNumber, until: boundedString(10, /^\d{4}-\d{2}-\d{2}$/) },
  rendered: { ms: numberIn(0, 600_000), workMs: numberIn(0, 600_000), rows: integerIn(0, 1_000_000), allMs: numberIn(0, 600_000), built: integerIn(0, 1_000_000) },
});

export const queueProtocol = panelProtocol<QueueToWebview, QueueFromWebview>(isQueueMessage);

/**
 * The webview's strings, sent by the host in the display language (`queueText`, read with
 * `queueText()` in the webview): embedded once in the page, never in a data or patch message.
 */
export const QUEUE_TEXT_KEYS = [
  'title', 'loading', 'notLoaded', 'filter', 'filterPlaceholder', 'reviewState', 'ciState', 'slaState', 'drafts', 'directOnly', 'showSnoozed',
  'anyState', 'anyCi', 'anySla', 'draftsAndReady', 'readyOnly', 'draftsOnly',
  'reviewsHeading', 'count', 'countSnoozed', 'stateCount', 'noReviewsMatch', 'ownHeading', 'noOwnPullRequests',
  'columnTitle', 'columnState', 'columnRepo', 'columnAuthor', 'columnWaiting', 'columnSize', 'columnCi', 'columnSla', 'columnDraft',
  'columnReviews', 'columnActions',
  'state.needs-review', 'state.re-requested', 'state.waiting-on-author', 'state.approved', 'state.changes-requested',
  'state.waiting-on-reviewers', 'state.stale',
  'ciPassing', 'ciFailing', 'ciRunning', 'noCi', 'slaOk', 'slaDueSoon', 'slaBreached',
  'teamTag', 'teamHint', 'snoozedTag', 'draftTag', 'commitsSince', 'size',
  'open', 'openPr', 'checkOut', 'checkOutPr', 'snoozeButton', 'snoozePr',
  'snoozeUntil', 'snooze', 'cancel',
] as const;
export type QueueText = Readonly<Record<(typeof QUEUE_TEXT_KEYS)[number], string>>;
