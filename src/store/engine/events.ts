/** What the store reports; the VS Code side turns these into messages. */

/** A file could not be read (damaged, empty, truncated, unknown newer version) and was moved aside. */
export interface RecoveredEvent {
  /** Absolute path of the data file that was started afresh. */
  readonly file: string;
  /** Absolute path the old content was moved to, intact (`NAME.corrupt-<timestamp>.json`). */
  readonly movedTo: string;
  readonly reason: string;
}

/** A save failed; the change is kept in memory and retried. */
export interface WriteFailedEvent {
  readonly file: string;
  /** errno-style code: EACCES, ENOSPC, EROFS, ENOTDIR, ELOCKTIMEOUT… */
  readonly code: string;
  /** A sentence fit to show the user as is. */
  readonly message: string;
  /** Changes held in memory only, for this file. */
  readonly unsavedChanges: number;
  /** When the next automatic attempt is due (ms); a new change also retries. */
  readonly retryInMs: number;
  readonly error: Error;
}

/** Saving works again after a `writeFailed`: everything held in memory is on disk. */
export interface WriteResumedEvent {
  readonly file: string;
}

/**
 * The file was written by a newer version of Lead Desk (another window after an update): this
 * window reads it but never writes or moves it; its own changes stay in memory. Once per file.
 */
export interface NewerVersionEvent {
  readonly file: string;
  readonly fileVersion: number;
  readonly supportedVersion: number;
  /** A sentence fit to show the user as is. */
  readonly message: string;
}

/** A record that readers cannot use was left out (and stays on disk). Once per record and file. */
export interface RecordSkippedEvent {
  readonly file: string;
  /** One line: which record, and what is wrong with it. */
  readonly line: string;
}

/**
 * A save changed records that were set aside as unreadable (a new record under the same key was
 * merged with one, or items lost the record they belonged to): the file as it was, set-aside
 * records included, was copied to `copy` first.
 */
export interface SetAsideCopiedEvent {
  readonly file: string;
  readonly copy: string;
  /** One line per record or item concerned. */
  readonly lines: readonly string[];
  /** A sentence fit to show the user as is. */
  readonly message: string;
}

/** Closing with changes that could not be saved: where they were written for the next start. */
export interface RecoveryWrittenEvent {
  readonly file: string;
  /** The recovery file, or null if it could not be written either (`error` says why). */
  readonly recoveryFile: string | null;
  readonly error?: string;
}

/** A recovery file left by a closed window was merged into its data file and removed. */
export interface RecoveryMergedEvent {
  readonly file: string;
  readonly recoveryFile: string;
}

export interface StoreEvents {
  readonly onRecovered?: (event: RecoveredEvent) => void;
  readonly onWriteFailed?: (event: WriteFailedEvent) => void;
  readonly onWriteResumed?: (event: WriteResumedEvent) => void;
  readonly onNewerVersion?: (event: NewerVersionEvent) => void;
  readonly onRecordSkipped?: (event: RecordSkippedEvent) => void;
  readonly onSetAsideCopied?: (event: SetAsideCopiedEvent) => void;
  readonly onRecoveryWritten?: (event: RecoveryWrittenEvent) => void;
  readonly onRecoveryMerged?: (event: RecoveryMergedEvent) => void;
}
