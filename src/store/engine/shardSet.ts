import * as path from 'node:path';
import { JsonFile, type JsonFileOptions } from './jsonFile';
import { nodeStoreFs } from './storeFs';
import type { FileSpec, Versioned } from './versionedJson';

/**
 * Files of one kind split by a key (`time/2026-11.json`, `reviews/2026.json`), opened on first
 * use, so that a save costs the same however many years of history lie in the other files.
 */
export class ShardSet<T extends Versioned> {
  private readonly files = new Map<string, Promise<JsonFile<T>>>();

  constructor(
    private readonly dir: string,
    /** Sub-folder of the store folder. */
    readonly folder: string,
    private readonly keyPattern: RegExp,
    private readonly specFor: (key: string) => FileSpec<T>,
    private readonly options: JsonFileOptions,
  ) {}

  get(key: string): Promise<JsonFile<T>> {
    if (!this.keyPattern.test(key)) return Promise.reject(new RangeError(`bad shard key ${JSON.stringify(key)}`));
    let file = this.files.get(key);
    if (!file) {
      file = JsonFile.open(this.dir, `${this.folder}/${key}.json`, this.specFor(key), this.options);
      this.files.set(key, file);
      file.catch(() => this.files.delete(key));
    }
    return file;
  }

  /** Keys of the shards on disk, and of those opened here (which may hold unsaved data), sorted. */
  async keys(): Promise<string[]> {
    const keys = new Set(this.files.keys());
    try {
      for (const name of await (this.options.fs ?? nodeStoreFs).promises.readdir(path.join(this.dir, this.folder))) {
        const key = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
        if (this.keyPattern.test(key)) keys.add(key);
      }
    } catch {
      // no folder yet: no shards on disk
    }
    return [...keys].sort();
  }

  /** Wait for every opened shard to save what it kept after a failed save. */
  async flush(): Promise<boolean> {
    const results = await Promise.all([...this.files.values()].map((f) => f.then((x) => x.flush(), () => true)));
    return results.every(Boolean);
  }

  dispose(): void {
    for (const file of this.files.values()) file.then((f) => f.dispose(), () => {});
    this.files.clear();
  }
}
