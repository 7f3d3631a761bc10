/** What the queue table shows: the saved UI state and the rows it selects, via the core helpers. */
import type { SlaState } from '../src/core/businessHours';
import { filterQueue, sortQueue, type ReviewQueueRow, type ReviewSortKey, type SortDirection } from '../src/core/reviewQueue';
import type { CiState } from '../src/core/reviews';
import type { InboxState } from '../src/core/inbox';
import { REVIEW_GROUP_ORDER } from '../src/core/inboxEntries';
import { SORT_KEYS } from './_queueColumns';
import { savedRecord, savedScrollY } from './shared/vscodeApi';

export type DraftFilter = 'any' | 'ready' | 'draft';

export interface QueueViewState {
  readonly text: string;
  readonly ci: CiState | '';
  readonly sla: SlaState | '';
  readonly draft: DraftFilter;
  readonly state: InboxState | '';
  readonly directOnly: boolean;
  readonly includeSnoozed: boolean;
  readonly sortKey: ReviewSortKey;
  readonly sortDir: SortDirection;
  readonly scrollY: number;
}

export const CI_STATES: readonly CiState[] = ['success', 'failure', 'pending', 'none'];
export const SLA_STATES: readonly SlaState[] = ['ok', 'due-soon', 'breached'];
/** The states a pending review can be in, in the inbox's order. */
export const QUEUE_STATES: readonly InboxState[] = REVIEW_GROUP_ORDER;

/** Longest wait first, the order a lead works through the queue in. */
export const DEFAULT_VIEW: QueueViewState = {
  text: '', ci: '', sla: '', draft: 'any', state: '', directOnly: false, includeSnoozed: false, sortKey: 'age', sortDir: 'desc', scrollY: 0,
};

function oneOf<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Saved state may come from an older version of the panel: keep only what is still valid. */
export function sanitizeView(saved: unknown): QueueViewState {
  const s = savedRecord(saved);
  return {
    text: typeof s.text === 'string' ? s.text.slice(0, 200) : '',
    ci: oneOf<CiState | ''>(s.ci, ['', ...CI_STATES], ''),
    sla: oneOf<SlaState | ''>(s.sla, ['', ...SLA_STATES], ''),
    draft: oneOf<DraftFilter>(s.draft, ['any', 'ready', 'draft'], 'any'),
    state: oneOf<InboxState | ''>(s.state, ['', ...QUEUE_STATES], ''),
    directOnly: s.directOnly === true,
    includeSnoozed: s.includeSnoozed === true,
    sortKey: oneOf(s.sortKey, SORT_KEYS, DEFAULT_VIEW.sortKey),
    sortDir: oneOf<SortDirection>(s.sortDir, ['asc', 'desc'], DEFAULT_VIEW.sortDir),
    scrollY: savedScrollY(s.scrollY),
  };
}

export function visibleRows(rows: readonly ReviewQueueRow[], view: QueueViewState): ReviewQueueRow[] {
  const filtered = filterQueue(rows, {
    text: view.text,
    ...(view.ci === '' ? {} : { ci: view.ci }),
    ...(view.sla === '' ? {} : { sla: view.sla }),
    ...(view.draft === 'any' ? {} : { draft: view.draft === 'draft' }),
    ...(view.state === '' ? {} : { state: view.state }),
    includeSnoozed: view.includeSnoozed,
  });
  return sortQueue(view.directOnly ? filtered.filter((r) => r.direct) : filtered, view.sortKey, view.sortDir);
}

export function rowKey(repo: string, number: number): string {
  return `${repo}#${number}`;
}
