import {
  alertKey, currentRedRun, observe, sameOwner, type AlertOwner, type AlertRun, type AlertScope, type AlertState, type Observation, type WorkflowAlert,
} from '../core/buildAlerts';
import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './engine/versionedJson';
import { FileBackedStore } from './engine/fileBackedStore';

export interface AlertsFile {
  readonly version: 2;
  /** By `alertKey(owner, repo, workflowId)`: every GitHub origin and account in one map, each record naming its owner. */
  workflows: Record<string, WorkflowAlert>;
  /** Merge-queue removals already announced (`removalKey` → when), so each raises one notice in one window. */
  queueRemovals?: Record<string, number>;
}

/** Announced removals kept: the newest ones (an older removal is long off the tree). */
const KEPT_REMOVALS = 200;

/** GitHub.com's API origin: what a record without a link of its own is assumed to belong to. */
export const DEFAULT_ORIGIN = 'https://api.github.com';

/**
 * The API origin a run link belongs to: links point at the web host (`github.com` for
 * `api.github.com`; a GHE server serves both on one host), checked against it when read.
 */
export function originOfRunLink(url: unknown): string {
  try {
    const u = new URL(String(url));
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return DEFAULT_ORIGIN;
    return u.host === 'github.com' ? DEFAULT_ORIGIN : u.origin;
  } catch {
    return DEFAULT_ORIGIN;
  }
}

/**
 * Version 1 had one state for every GitHub and account (`acme/app` on GHE and on github.com
 * shared it). Each record goes to the origin its run link was written for, with no account yet:
 * the first account to poll that origin claims it (`observe`). A record this version cannot read
 * keeps its key and content, to be set aside untouched.
 *
 * A red record is dropped: version 1 also counted forks' pull-request runs on a branch named
 * like the default one, so its red may be a stranger's run — of a workflow that never runs on a
 * push (a PR-only lint), which no later poll would clear, and whose run Re-run would offer. The
 * first poll after the upgrade shows again what is really red, as a baseline (no notification;
 * "since" restarts). A green record stays: at worst a later own red run notifies once.
 */
function ownedByOrigin(old: Record<string, unknown>): Record<string, unknown> {
  const workflows = old.workflows;
  if (typeof workflows !== 'object' || workflows === null || Array.isArray(workflows)) return old;
  const out: Record<string, unknown> = {};
  for (const [key, record] of Object.entries(workflows as Record<string, unknown>)) {
    if (workflowProblem(record) !== null) {
      out[key] = record;
      continue;
    }
    const a = record as Omit<WorkflowAlert, 'origin' | 'account'>;
    if (a.state === 'red') continue;
    const owner = { origin: originOfRunLink(a.url), account: '' };
    const owned = alertKey(owner, a.repo, a.workflowId);
    if (Object.hasOwn(out, owned) || Object.hasOwn(workflows, owned)) out[key] = record;
    else out[owned] = { ...a, ...owner };
  }
  return { ...old, workflows: out };
}

/** Why a record lacks what version 1 had (everything but its owner), or null. */
function workflowProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const a = record as Record<keyof WorkflowAlert, unknown>;
  if (typeof a.repo !== 'string' || !a.repo.includes('/')) return 'it has no repository';
  if (!Number.isSafeInteger(a.workflowId) || !Number.isSafeInteger(a.runId)) return 'it has no workflow or run id';
  if (typeof a.name !== 'string') return 'it has no workflow name';
  if (a.state !== 'green' && a.state !== 'red') return 'its state is neither green nor red';
  if (typeof a.url !== 'string' || !Number.isFinite(a.since)) return 'it has no link or time';
  return null;
}

function alertProblem(record: unknown): string | null {
  const problem = workflowProblem(record);
  if (problem !== null) return problem;
  const a = record as Record<keyof WorkflowAlert, unknown>;
  if (typeof a.origin !== 'string' || !/^https?:\/\/[^/]+$/.test(a.origin) || typeof a.account !== 'string') return 'it has no GitHub origin or account';
  return null;
}

export const alertsSpec: FileSpec<AlertsFile> = {
  version: 2,
  empty: () => ({ version: 2, workflows: {} }),
  migrations: { 1: ownedByOrigin },
  check: (f) => (typeof f.workflows === 'object' && f.workflows !== null && !Array.isArray(f.workflows) ? null : '"workflows" is not an object'),
  records: [{ field: 'workflows', problem: alertProblem }],
};

/**
 * The state of default-branch workflows (`alerts.json`), shared by every window: the window that
 * sees a workflow turn red records it under the file's lock and notifies; the others only see
 * the file change and update their status bar. Every record belongs to one GitHub origin and
 * account (`AlertOwner`); each method reads and changes only its owner's.
 */
export class AlertStore extends FileBackedStore<AlertsFile> {
  private constructor(file: JsonFile<AlertsFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<AlertStore> {
    return new AlertStore(await JsonFile.open(dir, STORE_FILES.alerts, alertsSpec, options));
  }

  get state(): AlertState {
    return this.file.data.workflows;
  }

  /**
   * Folds a poll of `repo` by `owner` into the file, read afresh under its lock: a transition
   * another window recorded first is not reported again here. Writes only when something changed.
   */
  async observe(owner: AlertOwner, repo: string, branch: string, runs: readonly AlertRun[], scope: AlertScope, now = Date.now()): Promise<Observation> {
    // Most polls change nothing: decide on the file as it is now (a stat, a read if another
    // window wrote it) before taking the lock.
    await this.file.refresh();
    const probe = observe(structuredClone(this.file.data.workflows), owner, repo, branch, runs, scope, now);
    if (!probe.changed) return probe;
    return this.file.update((f) => observe(f.workflows, owner, repo, branch, runs, scope, now));
  }

  /** Forgets `owner`'s workflows of repositories no longer watched (their red must not linger). */
  async keepOnly(owner: AlertOwner, repos: readonly string[]): Promise<void> {
    const watched = new Set(repos.map((r) => r.toLowerCase()));
    const gone = (a: WorkflowAlert) => sameOwner(a, owner) && !watched.has(a.repo.toLowerCase());
    if (!Object.values(this.state).some(gone)) return;
    await this.file.update((f) => {
      for (const [key, a] of Object.entries(f.workflows)) if (gone(a)) delete f.workflows[key];
    });
  }

  /**
   * The workflow's state read afresh under the file's lock, if `alert`'s run is still its red run
   * (see `currentRedRun`); undefined if not. Rejects if the file cannot be read under its lock.
   */
  stillRed(alert: WorkflowAlert): Promise<WorkflowAlert | undefined> {
    return this.file.update((f) => currentRedRun(f.workflows, alert), { keepOnFailure: false });
  }

  /** Whether the merge-queue removal `key` was announced (by any window). */
  announced(key: string): boolean {
    const seen = this.file.data.queueRemovals;
    return typeof seen === 'object' && seen !== null && Object.hasOwn(seen, key);
  }

  /**
   * Records the removals in `keys` under the file's lock and answers those no window announced
   * before: this window announces them, once.
   */
  async announce(keys: readonly string[], now = Date.now()): Promise<string[]> {
    await this.file.refresh();
    if (keys.every((k) => this.announced(k))) return [];
    return this.file.update((f) => {
      const seen = typeof f.queueRemovals === 'object' && f.queueRemovals !== null && !Array.isArray(f.queueRemovals) ? f.queueRemovals : {};
      const fresh = keys.filter((k) => !Object.hasOwn(seen, k));
      for (const k of fresh) seen[k] = now;
      f.queueRemovals = Object.fromEntries(Object.entries(seen).sort(([, a], [, b]) => b - a).slice(0, KEPT_REMOVALS));
      return fresh;
    });
  }

  get(owner: AlertOwner, repo: string, workflowId: number): WorkflowAlert | undefined {
    const key = alertKey(owner, repo, workflowId);
    return Object.hasOwn(this.state, key) ? this.state[key] : undefined;
  }
}
