import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import type { FileSpec } from './engine/versionedJson';
import { FileBackedStore } from './engine/fileBackedStore';

/** The file, in the store folder. */
export const HAND_OFFS_FILE = 'hand-offs.json';

/** A hand-off is kept this long: Nudge… on it makes no sense after a month. */
export const HAND_OFF_KEEP_MS = 30 * 86_400_000;

/**
 * Whose hand-offs these are: the GitHub API origin (`https://api.github.com`, a GHE host) and the
 * signed-in account's login. `acme/api#7` on GHE and on github.com, or under two accounts, are
 * different pull requests handed on by different people.
 */
export interface HandOffScope {
  readonly origin: string;
  readonly account: string;
}

/** "Hand This Review to…": the lead asked `to` to review `repo#number` at `at`. */
export interface HandOff extends HandOffScope {
  readonly repo: string;
  readonly number: number;
  readonly to: string;
  readonly at: number;
}

export interface HandOffsFile {
  readonly version: 1;
  /** By `handOffKey`: one record per scope, pull request and teammate. */
  handOffs: Record<string, HandOff>;
}

/** The key of a hand-off: case-insensitive, as GitHub's names are. */
export function handOffKey(scope: HandOffScope, repo: string, number: number, to: string): string {
  return [scope.origin, scope.account, `${repo}#${number}`, to].map((p) => p.toLowerCase()).join('|');
}

function handOffProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const h = record as Record<keyof HandOff, unknown>;
  if (typeof h.origin !== 'string' || typeof h.account !== 'string' || h.account === '') return 'it has no GitHub origin or account';
  if (typeof h.repo !== 'string' || !h.repo.includes('/') || !Number.isSafeInteger(h.number)) return 'it has no pull request';
  if (typeof h.to !== 'string' || h.to === '') return 'it has no teammate';
  if (typeof h.at !== 'number' || !Number.isFinite(h.at)) return 'it has no time';
  return null;
}

export const handOffsSpec: FileSpec<HandOffsFile> = {
  version: 1,
  empty: () => ({ version: 1, handOffs: {} }),
  check: (f) => (typeof f.handOffs === 'object' && f.handOffs !== null && !Array.isArray(f.handOffs) ? null : '"handOffs" is not an object'),
  records: [{ field: 'handOffs', problem: handOffProblem }],
};

/** Drops, in place, the hand-offs older than `HAND_OFF_KEEP_MS` (of every scope: none is needed after that). */
function prune(f: HandOffsFile, now: number): void {
  for (const [key, h] of Object.entries(f.handOffs)) if (now - h.at >= HAND_OFF_KEEP_MS) delete f.handOffs[key];
}

/**
 * Reviews the lead handed on with "Hand This Review to…" (`hand-offs.json`), for Nudge… on them,
 * shared by every window: each hand-off is one record, added under the file's lock to the file as
 * it is on disk then, so two windows handing reviews on at once keep both.
 */
export class HandOffStore extends FileBackedStore<HandOffsFile> {
  private constructor(file: JsonFile<HandOffsFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<HandOffStore> {
    return new HandOffStore(await JsonFile.open(dir, HAND_OFFS_FILE, handOffsSpec, options));
  }

  /** When the lead (of `scope`) handed `repo#number` to `to`, within the last 30 days. */
  handedAt(scope: HandOffScope, repo: string, number: number, to: string, now = Date.now()): number | undefined {
    const key = handOffKey(scope, repo, number, to);
    const h = Object.hasOwn(this.file.data.handOffs, key) ? this.file.data.handOffs[key] : undefined;
    return h && now - h.at < HAND_OFF_KEEP_MS ? h.at : undefined;
  }

  /** Keeps a hand-off (and forgets the ones older than 30 days). */
  record(scope: HandOffScope, repo: string, number: number, to: string, at = Date.now()): Promise<void> {
    const handOff: HandOff = { origin: scope.origin, account: scope.account, repo, number, to, at };
    if (handOffProblem(handOff) !== null) return Promise.reject(new RangeError(`not a hand-off: ${handOffProblem(handOff)}`));
    return this.file.update((f) => {
      prune(f, at);
      f.handOffs[handOffKey(scope, repo, number, to)] = handOff;
    });
  }

  /**
   * Takes in hand-offs kept before this file existed (`owner/repo#number>login` → at, from VS
   * Code's globalState), for `scope`, without replacing a later one. Rejects when they could not
   * be saved (nothing is kept in memory to retry): the caller then keeps its copy.
   */
  adopt(scope: HandOffScope, legacy: Readonly<Record<string, number>>, now = Date.now()): Promise<number> {
    const parsed = Object.entries(legacy).flatMap(([key, at]) => {
      const m = /^([^/#>\s]+\/[^/#>\s]+)#(\d+)>([^>\s]+)$/.exec(key);
      return m && Number.isFinite(at) && now - at < HAND_OFF_KEEP_MS ? [{ repo: m[1]!, number: Number(m[2]), to: m[3]!, at }] : [];
    });
    if (parsed.length === 0) return Promise.resolve(0);
    return this.file.update((f) => {
      prune(f, now);
      let added = 0;
      for (const h of parsed) {
        const key = handOffKey(scope, h.repo, h.number, h.to);
        const known = Object.hasOwn(f.handOffs, key) ? f.handOffs[key] : undefined;
        if (known && known.at >= h.at) continue;
        f.handOffs[key] = { origin: scope.origin, account: scope.account, ...h };
        added++;
      }
      return added;
    }, { keepOnFailure: false });
  }
}
