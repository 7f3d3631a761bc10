/**
 * The Code Review Queue strings the host sent (`src/queue/webviewText.ts`), read from the page on
 * first use: the column list is built at import, before (and, in unit tests, without) a page.
 */
import { QUEUE_TEXT_KEYS, type QueueText } from '../src/queue/protocol';
import { hostText } from './shared/text';

let table: QueueText | undefined;

export function queueText(): QueueText {
  return (table ??= hostText(QUEUE_TEXT_KEYS));
}
