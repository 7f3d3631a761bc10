/**
 * Where an approved PR stands on its way in: in the merge queue, auto-merge armed, blocked (and
 * why), removed from the queue, or ready to merge; and what Merge… does on a branch that requires
 * a queue. Read from GitHub's `mergeQueueEntry`, `autoMergeRequest`, `mergeStateStatus` and the
 * last Added/RemovedFromMergeQueueEvent. Pure: no `vscode`, no GitHub client.
 */
import type { CiState } from './reviews';

/** GitHub's `MergeStateStatus` (DRAFT is deprecated but still sent). */
export const MERGE_STATE_STATUSES = ['BEHIND', 'BLOCKED', 'CLEAN', 'DIRTY', 'DRAFT', 'HAS_HOOKS', 'UNKNOWN', 'UNSTABLE'] as const;
export type MergeStateStatus = (typeof MERGE_STATE_STATUSES)[number];

/** GitHub's `MergeQueueEntryState`. */
export const QUEUE_ENTRY_STATES = ['AWAITING_CHECKS', 'LOCKED', 'MERGEABLE', 'QUEUED', 'UNMERGEABLE'] as const;
export type QueueEntryState = (typeof QUEUE_ENTRY_STATES)[number];

export interface QueueEntry {
  /** 1 = next to merge. */
  readonly position: number;
  /** GitHub's estimate, in seconds; null when it gives none. */
  readonly estimatedSeconds: number | null;
  readonly state: QueueEntryState;
}

export interface AutoMerge {
  /** Epoch ms; null when GitHub does not say. */
  readonly enabledAt: number | null;
  readonly method: 'MERGE' | 'SQUASH' | 'REBASE';
}

/** The latest Added/RemovedFromMergeQueueEvent on the PR. */
export interface QueueEvent {
  readonly kind: 'added' | 'removed';
  /** Epoch ms. */
  readonly at: number;
  /** Why it was removed, in GitHub's words ("failed checks", "merge conflict"…); '' when none. */
  readonly reason: string;
}

export interface MergeQueueFacts {
  readonly entry: QueueEntry | null;
  readonly autoMerge: AutoMerge | null;
  /** Null when the server does not have the field (an older GHES) or did not answer it. */
  readonly mergeStateStatus: MergeStateStatus | null;
  readonly lastQueueEvent: QueueEvent | null;
  /** The head's CI, to tell failing required checks apart from a missing approval under BLOCKED. */
  readonly ci?: CiState;
  /** A person approved (bots do not count: `humanOwnFacts`). */
  readonly humanApproved?: boolean;
}

export type BlockedReason = 'checks' | 'review' | 'conflicts' | 'behind' | 'draft' | 'rules';

export type MergeQueueState =
  | { readonly kind: 'queued'; readonly position: number; readonly etaSeconds: number | null; readonly entryState: QueueEntryState }
  | { readonly kind: 'auto-merge'; readonly method: AutoMerge['method']; readonly since: number | null }
  | { readonly kind: 'removed'; readonly reason: string; readonly at: number }
  | { readonly kind: 'blocked'; readonly reason: BlockedReason }
  | { readonly kind: 'ready'; readonly unstable: boolean }
  /** GitHub is still computing mergeability (UNKNOWN), or the server has no merge-state field. */
  | { readonly kind: 'unknown' };

export type MergeQueueStateKind = MergeQueueState['kind'];

/** Why GitHub blocks a PR, from `mergeStateStatus`; null when it does not. */
export function blockedReason(status: MergeStateStatus | null, ci: CiState | undefined, humanApproved: boolean | undefined): BlockedReason | null {
  switch (status) {
    case 'BEHIND': return 'behind';
    case 'DIRTY': return 'conflicts';
    case 'DRAFT': return 'draft';
    // BLOCKED names no cause: failing checks explain it first, then a missing approval.
    case 'BLOCKED': return ci === 'failure' || ci === 'pending' ? 'checks' : humanApproved === false ? 'review' : 'rules';
    default: return null;
  }
}

/**
 * Exactly one state, in this order: in the queue (an entry is the truth, whatever else says) →
 * auto-merge armed → removed from the queue (the last queue event is a removal: not re-added
 * since) → blocked → ready (CLEAN, HAS_HOOKS; UNSTABLE is mergeable with non-required checks
 * failing) → unknown.
 */
export function mergeQueueState(f: MergeQueueFacts): MergeQueueState {
  if (f.entry) return { kind: 'queued', position: f.entry.position, etaSeconds: f.entry.estimatedSeconds, entryState: f.entry.state };
  if (f.autoMerge) return { kind: 'auto-merge', method: f.autoMerge.method, since: f.autoMerge.enabledAt };
  if (f.lastQueueEvent?.kind === 'removed') return { kind: 'removed', reason: f.lastQueueEvent.reason, at: f.lastQueueEvent.at };
  const blocked = blockedReason(f.mergeStateStatus, f.ci, f.humanApproved);
  if (blocked) return { kind: 'blocked', reason: blocked };
  switch (f.mergeStateStatus) {
    case 'CLEAN': case 'HAS_HOOKS': return { kind: 'ready', unstable: false };
    case 'UNSTABLE': return { kind: 'ready', unstable: true };
    default: return { kind: 'unknown' };
  }
}

/** What Merge… does: merge it, add it to the queue, or nothing (it is queued already: acting would re-queue it). */
export type MergeAction = 'merge' | 'enqueue' | 'none';

/**
 * The Merge… rule: a PR in the queue is never acted on; on a branch that requires a queue
 * (`isMergeQueueEnabled`) the PR is added to it (`enqueuePullRequest`); elsewhere it is merged.
 */
export const mergeAction = (f: { readonly queueRequired: boolean; readonly entry: QueueEntry | null }): MergeAction =>
  f.entry !== null ? 'none' : f.queueRequired ? 'enqueue' : 'merge';

/**
 * The one notice a removal raises, like a red build: once per removal (its `at`), keyed by PR.
 * `seen` holds the removals already announced; answers the removals to announce now.
 */
export function newRemovals<P extends { readonly repo: string; readonly number: number; readonly state: MergeQueueState }>(prs: readonly P[], seen: ReadonlySet<string>): P[] {
  return prs.filter((p) => p.state.kind === 'removed' && !seen.has(removalKey(p.repo, p.number, p.state.at)));
}

export const removalKey = (repo: string, number: number, at: number): string => `${repo.toLowerCase()}#${number}@${at}`;
