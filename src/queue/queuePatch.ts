/**
 * What the queue host sends after the first full message: the rows added or changed, the keys
 * removed and the order, so one changed row costs one row on the wire and in the webview. Pure:
 * both sides compile against it (no `vscode`), unit tested in plain Node.
 */
import type { ReviewQueueRow } from '../core/reviewQueue';
import { boundedString, isPlainRecord, messageGuard, type FieldCheck } from '../webview/messageGuard';
import type { QueueData, QueuePatchMessage } from './protocol';

/** A row's key on both sides. */
export const queueRowKey = (r: { readonly repo: string; readonly number: number }): string => `${r.repo}#${r.number}`;

/** The patch from `shown` (what the webview has) to `next`; rows are compared by identity (a kept decision keeps its row). */
export function queuePatch(shown: QueueData, next: QueueData): QueuePatchMessage {
  const before = new Map(shown.rows.map((r) => [queueRowKey(r), r]));
  const order = next.rows.map(queueRowKey);
  const rows = next.rows.filter((r, i) => before.get(order[i]!) !== r);
  const kept = new Set(order);
  const removed = [...before.keys()].filter((k) => !kept.has(k));
  const { rows: _rows, ...rest } = next;
  return { type: 'patch', rows, removed, order, rest };
}

/** The data `patch` makes of `shown` (the webview's side); `null` when the patch names a row it neither sends nor had. */
export function applyQueuePatch(shown: QueueData, patch: QueuePatchMessage): QueueData | null {
  const byKey = new Map(shown.rows.map((r) => [queueRowKey(r), r]));
  for (const k of patch.removed) byKey.delete(k);
  for (const r of patch.rows) byKey.set(queueRowKey(r), r);
  const rows: ReviewQueueRow[] = [];
  for (const k of patch.order) {
    const r = byKey.get(k);
    if (!r) return null;
    rows.push(r);
  }
  return { ...patch.rest, rows };
}

const MAX_ROWS = 100_000;
const arrayOf = (check: FieldCheck): FieldCheck => (v) => Array.isArray(v) && v.length <= MAX_ROWS && v.every(check);
const key = boundedString(220);
const row: FieldCheck = (v) => isPlainRecord(v) && typeof v.repo === 'string' && Number.isInteger(v.number);

/** The webview's check of a patch before it applies it (the host's own message, but checked as any other). */
export const isQueuePatch = messageGuard<QueuePatchMessage>({
  patch: { rows: arrayOf(row), removed: arrayOf(key), order: arrayOf(key), rest: (v) => isPlainRecord(v) && Array.isArray(v.ownPullRequests) },
});
