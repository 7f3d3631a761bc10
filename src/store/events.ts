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

export interface StoreEvents {
  readonly onRecovered?: (event: RecoveredEvent) => void;
  readonly onWriteFailed?: (event: WriteFailedEvent) => void;
  readonly onWriteResumed?: (event: WriteResumedEvent) => void;
}
