import type { StoreEvents } from './events';
import { describeWriteFailure, errorCode } from './storeFs';

/**
 * The failed-save episode of one file: reports it once (and again only if the cause changes),
 * retries with exponential backoff while changes are held in memory, and reports the end.
 */
export class SaveRetry {
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private failingCode: string | null = null;
  private disposed = false;

  constructor(
    private readonly file: string,
    private readonly name: string,
    private readonly events: StoreEvents,
    private readonly retry: () => void,
    private readonly firstMs = 1_000,
    private readonly maxMs = 60_000,
  ) {
    this.delay = firstMs;
  }

  /** A save failed; `unsavedChanges` are held in memory (0: nothing to retry). */
  failed(err: unknown, unsavedChanges: number): void {
    const code = errorCode(err) ?? 'UNKNOWN';
    const retryInMs = unsavedChanges ? this.schedule() : 0;
    if (code === this.failingCode) return; // already reported; `onWriteResumed` ends the episode
    this.failingCode = code;
    this.events.onWriteFailed?.({
      file: this.file,
      code,
      message: describeWriteFailure(this.name, err),
      unsavedChanges,
      retryInMs,
      error: err instanceof Error ? err : new Error(String(err)),
    });
  }

  /** A save succeeded: end the episode if there was one. */
  saved(): void {
    if (this.failingCode === null) return;
    this.failingCode = null;
    this.delay = this.firstMs;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.events.onWriteResumed?.({ file: this.file });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): number {
    if (this.disposed) return 0;
    clearTimeout(this.timer);
    const delay = this.delay;
    this.delay = Math.min(delay * 2, this.maxMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retry();
    }, delay);
    this.timer.unref?.(); // never keeps the process alive
    return delay;
  }
}
