import { alertKey, observe, type AlertRun, type AlertScope, type AlertState, type Observation, type WorkflowAlert } from '../core/buildAlerts';
import { JsonFile, type JsonFileOptions } from './jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './versionedJson';
import { FileBackedStore } from './fileBackedStore';

export interface AlertsFile {
  readonly version: 1;
  /** By `alertKey(repo, workflowId)`. */
  workflows: Record<string, WorkflowAlert>;
}

function alertProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const a = record as Record<keyof WorkflowAlert, unknown>;
  if (typeof a.repo !== 'string' || !a.repo.includes('/')) return 'it has no repository';
  if (!Number.isSafeInteger(a.workflowId) || !Number.isSafeInteger(a.runId)) return 'it has no workflow or run id';
  if (typeof a.name !== 'string') return 'it has no workflow name';
  if (a.state !== 'green' && a.state !== 'red') return 'its state is neither green nor red';
  if (typeof a.url !== 'string' || !Number.isFinite(a.since)) return 'it has no link or time';
  return null;
}

export const alertsSpec: FileSpec<AlertsFile> = {
  version: 1,
  empty: () => ({ version: 1, workflows: {} }),
  check: (f) => (typeof f.workflows === 'object' && f.workflows !== null && !Array.isArray(f.workflows) ? null : '"workflows" is not an object'),
  records: [{ field: 'workflows', problem: alertProblem }],
};

/**
 * The state of default-branch workflows (`alerts.json`), shared by every window: the window that
 * sees a workflow turn red records it under the file's lock and notifies; the others only see
 * the file change and update their status bar.
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
   * Folds a poll of `repo` into the file, read afresh under its lock: a transition another
   * window recorded first is not reported again here. Writes only when something changed.
   */
  async observe(repo: string, branch: string, runs: readonly AlertRun[], scope: AlertScope, now = Date.now()): Promise<Observation> {
    // Most polls change nothing: decide on the file as it is now (a stat, a read if another
    // window wrote it) before taking the lock.
    await this.file.refresh();
    const probe = observe(structuredClone(this.file.data.workflows), repo, branch, runs, scope, now);
    if (!probe.changed) return probe;
    return this.file.update((f) => observe(f.workflows, repo, branch, runs, scope, now));
  }

  /** Forgets the workflows of repositories no longer watched (their red must not linger). */
  async keepOnly(repos: readonly string[]): Promise<void> {
    const watched = new Set(repos.map((r) => r.toLowerCase()));
    const gone = Object.values(this.state).some((a) => !watched.has(a.repo.toLowerCase()));
    if (!gone) return;
    await this.file.update((f) => {
      for (const [key, a] of Object.entries(f.workflows)) if (!watched.has(a.repo.toLowerCase())) delete f.workflows[key];
    });
  }

  get(repo: string, workflowId: number): WorkflowAlert | undefined {
    const key = alertKey(repo, workflowId);
    return Object.hasOwn(this.state, key) ? this.state[key] : undefined;
  }
}
