import type { JsonFile } from './jsonFile';
import type { Versioned } from './versionedJson';

/** What every store over one `JsonFile` shares: where it is, and reading, saving and closing it. */
export abstract class FileBackedStore<T extends Versioned> {
  protected constructor(protected readonly file: JsonFile<T>) {}

  get path(): string {
    return this.file.path;
  }

  /** Rereads the file if another window changed it; true if the content was reloaded. */
  refresh(): Promise<boolean> {
    return this.file.refresh();
  }

  /** Tries now to save the changes kept after a failed save; true when nothing is left unsaved. */
  flush(): Promise<boolean> {
    return this.file.flush();
  }

  /** Calls `listener` after the file changes: a save in this window, or in another (watched). */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.file.onDidChange(listener);
  }

  dispose(): void {
    this.file.dispose();
  }
}
