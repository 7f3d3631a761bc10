import type { PullRequestHistory, TurnaroundEvent } from '../core/reviewTurnaround';
import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import type { FileSpec } from './engine/versionedJson';
import { FileBackedStore } from './engine/fileBackedStore';

/** The file, in the store folder. */
export const TURNAROUND_FILE = 'review-turnaround.json';

/** Histories not read again for this long (repositories no longer watched, an old account) are dropped. */
export const TURNAROUND_KEEP_MS = 14 * 86_400_000;

/**
 * Whose histories these are: the GitHub API origin and the signed-in account, and the watched
 * repositories they were read for (another set of repositories is another read).
 */
export interface TurnaroundScope {
  readonly origin: string;
  readonly account: string;
  readonly repos: readonly string[];
}

/** The review-request histories of one scope, as read from GitHub at `fetchedAt`. */
export interface TurnaroundEntry {
  readonly origin: string;
  readonly account: string;
  /** Lower-cased, sorted, once each. */
  readonly repos: readonly string[];
  readonly fetchedAt: number;
  /** False when GitHub gave less than all (a search failed, or more than the round trips allowed). */
  readonly complete: boolean;
  readonly histories: readonly PullRequestHistory[];
  /** The last read that failed, after `fetchedAt`: the next try waits a while (see `turnaroundDue`). */
  readonly failedAt?: number;
}

export interface TurnaroundFile {
  readonly version: 1;
  /** By `turnaroundKey`. */
  entries: Record<string, TurnaroundEntry>;
}

/** The watched repositories as one set: case-insensitive, in any order. */
export function repoSet(repos: readonly string[]): string[] {
  return [...new Set(repos.map((r) => r.toLowerCase()))].sort();
}

/** The key of a scope: case-insensitive, as GitHub's names are. */
export function turnaroundKey(scope: TurnaroundScope): string {
  return [scope.origin.toLowerCase(), scope.account.toLowerCase(), repoSet(scope.repos).join(',')].join('|');
}

const KINDS: ReadonlySet<unknown> = new Set<TurnaroundEvent['kind']>(['requested', 'removed', 'reviewed']);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function historyProblem(h: unknown): string | null {
  if (typeof h !== 'object' || h === null) return 'it is not an object';
  const x = h as Record<keyof PullRequestHistory, unknown>;
  if (typeof x.repo !== 'string' || !x.repo.includes('/') || !Number.isSafeInteger(x.number)) return 'it has no pull request';
  if (x.closedAt !== null && !isTime(x.closedAt)) return 'its closedAt is not a time';
  if (x.cut !== undefined && typeof x.cut !== 'boolean') return 'its cut is not true or false';
  if (!Array.isArray(x.events)) return 'its events are not a list';
  for (const e of x.events as unknown[]) {
    if (typeof e !== 'object' || e === null) return 'an event is not an object';
    const ev = e as Record<keyof TurnaroundEvent, unknown>;
    if (!KINDS.has(ev.kind) || typeof ev.reviewer !== 'string' || ev.reviewer === '' || !isTime(ev.at) || (ev.bot !== undefined && typeof ev.bot !== 'boolean')) return 'an event has no kind, reviewer or time';
  }
  return null;
}

function entryProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const e = record as Record<keyof TurnaroundEntry, unknown>;
  if (typeof e.origin !== 'string' || typeof e.account !== 'string' || e.account === '') return 'it has no GitHub origin or account';
  if (!Array.isArray(e.repos) || !e.repos.every((r) => typeof r === 'string')) return 'its repositories are not a list';
  if (!isTime(e.fetchedAt) || (e.failedAt !== undefined && !isTime(e.failedAt))) return 'it has no time';
  if (typeof e.complete !== 'boolean') return 'its complete is not true or false';
  if (!Array.isArray(e.histories)) return 'its histories are not a list';
  for (const h of e.histories as unknown[]) {
    const problem = historyProblem(h);
    if (problem !== null) return `a history: ${problem}`;
  }
  return null;
}

export const turnaroundSpec: FileSpec<TurnaroundFile> = {
  version: 1,
  empty: () => ({ version: 1, entries: {} }),
  check: (f) => (typeof f.entries === 'object' && f.entries !== null && !Array.isArray(f.entries) ? null : '"entries" is not an object'),
  records: [{ field: 'entries', problem: entryProblem }],
  // Machine-written, up to a few hundred PRs per scope.
  compact: true,
};

/**
 * The review-request histories behind the review turnaround (`review-turnaround.json`), per
 * GitHub origin, account and set of watched repositories, shared by every window: read from
 * GitHub at most once a day (`turnaroundDue`), so an ordinary sidebar refresh asks nothing for it.
 * A record this version cannot read is set aside, never written over without a copy (the engine).
 */
export class TurnaroundStore extends FileBackedStore<TurnaroundFile> {
  private constructor(file: JsonFile<TurnaroundFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<TurnaroundStore> {
    return new TurnaroundStore(await JsonFile.open(dir, TURNAROUND_FILE, turnaroundSpec, options));
  }

  /** The histories last read for `scope`, if any. */
  get(scope: TurnaroundScope): TurnaroundEntry | undefined {
    const key = turnaroundKey(scope);
    return Object.hasOwn(this.file.data.entries, key) ? this.file.data.entries[key] : undefined;
  }

  /** Keeps what was read for `scope` at `fetchedAt` (and drops the scopes not read for two weeks). */
  save(scope: TurnaroundScope, read: { histories: readonly PullRequestHistory[]; complete: boolean }, fetchedAt: number): Promise<void> {
    const entry: TurnaroundEntry = {
      origin: scope.origin, account: scope.account, repos: repoSet(scope.repos), fetchedAt, complete: read.complete, histories: read.histories,
    };
    const problem = entryProblem(entry);
    if (problem !== null) return Promise.reject(new RangeError(`not review turnaround histories: ${problem}`));
    return this.file.update((f) => {
      for (const [key, e] of Object.entries(f.entries)) if (fetchedAt - e.fetchedAt >= TURNAROUND_KEEP_MS) delete f.entries[key];
      f.entries[turnaroundKey(scope)] = entry;
    });
  }

  /** A read for `scope` failed at `at`: kept, so other windows and the next refresh wait before asking again. */
  async failed(scope: TurnaroundScope, at: number): Promise<void> {
    const key = turnaroundKey(scope);
    await this.file.update((f) => {
      const e = Object.hasOwn(f.entries, key) ? f.entries[key] : undefined;
      f.entries[key] = e ? { ...e, failedAt: at }
        : { origin: scope.origin, account: scope.account, repos: repoSet(scope.repos), fetchedAt: 0, complete: false, histories: [], failedAt: at };
    });
  }
}
