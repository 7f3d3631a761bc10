/**
 * Messages between the Time Balance host and its webview. Both sides compile against this file
 * (esbuild bundles it into the webview), so it must not import `vscode`.
 */
import { integerIn, messageGuard, numberIn, type ReadyMessage } from '../webview/messageGuard';
import { panelProtocol, type DataOrError } from '../webview/protocol';
import type { BalanceReport } from './report';

export type BalanceToWebview = DataOrError<BalanceReport>;

/** The "Export CSV…" button: the host runs {@link Commands.exportTime}. */
export interface ExportMessage {
  readonly type: 'export';
}

/**
 * The webview's own measure of drawing a report (from the data message's arrival to the frame
 * after the charts were drawn): tests and the benchmark read it on the host.
 */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly ms: number;
  /** Weeks in the trend chart. */
  readonly weeks: number;
}

export type BalanceFromWebview = ReadyMessage | ExportMessage | RenderedMessage;

export const isBalanceMessage = messageGuard<BalanceFromWebview>({
  ready: {},
  export: {},
  rendered: { ms: numberIn(0, 600_000), weeks: integerIn(0, 1000) },
});

export const balanceProtocol = panelProtocol<BalanceToWebview, BalanceFromWebview>(isBalanceMessage);

/** The webview's strings, sent by the host in the display language (`balanceText`, read with `hostText`). */
export const BALANCE_TEXT_KEYS = [
  'title', 'exportCsv', 'totals', 'today', 'thisWeek', 'weekChart', 'lastEightWeeks', 'trendChart', 'weeksTable',
  'weekOf', 'technical', 'managerial', 'total', 'technicalShare', 'automatic', 'tagsHeading', 'tag', 'shareOfManagerial',
  'noTags', 'tagHint', 'entriesHeading', 'start', 'end', 'mode', 'duration', 'note', 'noEntries',
  'labelThisWeek', 'labelToday', 'lessThanAMinute', 'nothingYet', 'share', 'onTarget', 'tooTechnical', 'tooManagerial', 'offBy',
  'split', 'running', 'autoTitle', 'autoBadge', 'updated', 'hoursSuffix',
  'meetings', 'meetingsCalendar', 'meetingHours', 'withMeetings', 'meetingBadge', 'meetingTitle',
  'technicalTarget', 'weekChartDetail', 'dayDetail', 'technicalHours', 'managerialHours', 'target', 'trendChartDetail',
  'weekDetail', 'weekDetailEmpty',
] as const;
export type BalanceText = Readonly<Record<(typeof BALANCE_TEXT_KEYS)[number], string>>;
