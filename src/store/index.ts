import * as path from 'node:path';
import { sweepLeftovers } from './engine/atomicWrite';
import { AlertStore } from './alertStore';
import { HandOffStore } from './handOffStore';
import type { JsonFile } from './engine/jsonFile';
import { closeFiles, mergeRecoveryFiles, type RecoveryOptions } from './engine/recovery';
import { ReviewHistoryStore } from './reviewHistoryStore';
import { OneOnOneStore } from './oneOnOneStore';
import { STORE_RECOVERY } from './recoverableFiles';
import { nodeStoreFs } from './engine/storeFs';
import { TaskStore } from './taskStore';
import { TimeStore, type TimeStoreOptions } from './timeStore';
import { TurnaroundStore } from './turnaroundStore';
import { RETIRED_FILES, STORE_FILES } from './paths';
import type { Versioned } from './engine/versionedJson';

export type {
  NewerVersionEvent, RecordSkippedEvent, RecoveredEvent, RecoveryMergedEvent, RecoveryWrittenEvent, SetAsideCopiedEvent, StoreEvents, WriteFailedEvent, WriteResumedEvent,
} from './engine/events';
export type { StoreFs } from './engine/storeFs';
export { STORE_FILES, isStoreDataFile, monthKey, reviewShardName, timeShardName, yearKey } from './paths';
export { TimeStore, type AutoChange, type AutoSwitchUndo, type NewTimeEntry, type TimeStoreOptions } from './timeStore';
export { TaskStore, type DelegatedTask, type NewTask, type TaskPatch } from './taskStore';
export { ReviewHistoryStore, type MorningReview, type ReviewSection } from './reviewHistoryStore';
export { RESPONSE_CACHE_FILE, SIDEBAR_SNAPSHOT_SCHEMA, SNAPSHOT_FILE, SnapshotStore, type SnapshotStoreOptions, type StoredSnapshot } from './snapshotStore';
export { JsonFile, type JsonFileOptions } from './engine/jsonFile';
export type { FileSpec } from './engine/versionedJson';
export { FileBackedStore } from './engine/fileBackedStore';
export { AlertStore } from './alertStore';
export { HandOffStore, type HandOffScope } from './handOffStore';
export { OneOnOneStore, type ActionItem, type OneOnOneMeeting, type PersonNotes } from './oneOnOneStore';
export { TURNAROUND_FILE, TurnaroundStore, type TurnaroundEntry, type TurnaroundScope } from './turnaroundStore';

/** All of Lead Desk's persisted data, in one folder shared by every window. */
export interface Stores {
  readonly dir: string;
  readonly time: TimeStore;
  readonly tasks: TaskStore;
  readonly reviews: ReviewHistoryStore;
  /** Red/green state of default-branch workflows, for the red-build alerts. */
  readonly alerts: AlertStore;
  /** 1:1 notes and action items per teammate. */
  readonly oneOnOnes: OneOnOneStore;
  /** Reviews handed on ("Hand This Review to…"), per GitHub origin and account. */
  readonly handOffs: HandOffStore;
  /**
   * Review-request histories behind the review turnaround, read from GitHub at most once a day
   * (machine-written and read again when lost, so, like the hand-offs, no recovery file).
   */
  readonly turnaround: TurnaroundStore;
  /** Try to save everything kept after failed saves; true when all is on disk. */
  flush(): Promise<boolean>;
  /**
   * The window is closing (`deactivate`): try once more to save what failed, write what still
   * cannot be saved to recovery files that the next `openStores` merges, and stop. Calling it
   * again returns the same promise.
   */
  close(): Promise<void>;
  /** Stop background retries (changes still unsaved are dropped: `close` keeps them). */
  dispose(): void;
}

export type OpenStoresOptions = TimeStoreOptions & RecoveryOptions;

/**
 * Open (creating if needed) the store folder — in the extension, `context.globalStorageUri.fsPath`.
 * Problems never throw here: damaged files are moved aside (`onRecovered`) and failed saves are
 * kept in memory and retried (`onWriteFailed`).
 */
export async function openStores(dir: string, options: OpenStoresOptions = {}): Promise<Stores> {
  const fs = options.fs ?? nodeStoreFs;
  await fs.promises.mkdir(dir, { recursive: true }).catch(() => {});
  for (const sub of ['', STORE_FILES.timeDir, STORE_FILES.reviewsDir]) await sweepLeftovers(fs, path.join(dir, sub));
  // Only the file itself: whatever a store moved aside beside it stays for the user.
  for (const name of RETIRED_FILES) await fs.promises.unlink(path.join(dir, name)).catch(() => {});
  // What a window that closed with failing saves left, before anything reads the files.
  await mergeRecoveryFiles(dir, fs, options, STORE_RECOVERY).catch(() => 0);
  const openFiles = new Set<JsonFile<Versioned>>();
  const fileOptions = { ...options, openFiles };
  const [time, tasks, reviews, alerts, oneOnOnes, handOffs, turnaround] = await Promise.all([
    TimeStore.open(dir, fileOptions),
    TaskStore.open(dir, fileOptions),
    ReviewHistoryStore.open(dir, fileOptions),
    AlertStore.open(dir, fileOptions),
    OneOnOneStore.open(dir, fileOptions),
    HandOffStore.open(dir, fileOptions),
    TurnaroundStore.open(dir, fileOptions),
  ]);
  const all = [time, tasks, reviews, alerts, oneOnOnes, handOffs, turnaround];
  let closing: Promise<void> | undefined;
  return {
    dir, time, tasks, reviews, alerts, oneOnOnes, handOffs, turnaround,
    flush: async () => (await Promise.all(all.map((s) => s.flush()))).every(Boolean),
    close: () => (closing ??= closeFiles(openFiles, dir, fs, options, STORE_RECOVERY).finally(() => all.forEach((s) => s.dispose()))),
    dispose: () => all.forEach((s) => s.dispose()),
  };
}
