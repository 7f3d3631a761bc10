import { randomId } from '../core/randomId';
import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './engine/versionedJson';
import { FileBackedStore } from './engine/fileBackedStore';

/** Work the lead handed to someone else, followed up from the sidebar. */
export interface DelegatedTask {
  readonly id: string;
  readonly title: string;
  readonly assignee: string;
  /** Local calendar day, `yyyy-MM-dd`, or null for no due date. */
  readonly due: string | null;
  readonly link?: string;
  readonly notes?: string;
  readonly createdAt: number;
  readonly doneAt?: number;
  /** `owner/name` and issue number when the task mirrors a GitHub issue. */
  readonly repo?: string;
  readonly issueNumber?: number;
  /** When it was last handed to someone else, and who had it before (for the standup). */
  readonly reassignedAt?: number;
  readonly previousAssignee?: string;
}

export type NewTask = Omit<DelegatedTask, 'id' | 'createdAt'> & Partial<Pick<DelegatedTask, 'id' | 'createdAt'>>;
export type TaskPatch = Partial<Omit<DelegatedTask, 'id' | 'createdAt'>>;

export interface TasksFile {
  readonly version: 1;
  tasks: DelegatedTask[];
}

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Why a stored task cannot be shown, checking every field the sidebar, the Morning Review and
 * the commands read (a task without an assignee used to crash the tree's grouping).
 */
export function taskProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const t = record as Record<keyof DelegatedTask, unknown>;
  if (typeof t.id !== 'string' || t.id === '') return 'it has no id';
  if (typeof t.title !== 'string') return 'it has no title';
  if (typeof t.assignee !== 'string') return 'it has no assignee';
  // `patch` removes a field set to undefined, and readers treat a missing due date as none.
  if (t.due !== undefined && t.due !== null && !(typeof t.due === 'string' && DAY_PATTERN.test(t.due))) return 'its due date is not yyyy-MM-dd';
  if (!Number.isFinite(t.createdAt)) return 'it has no creation time';
  if (t.doneAt !== undefined && !Number.isFinite(t.doneAt)) return 'its completion time is not a number';
  if (t.reassignedAt !== undefined && !Number.isFinite(t.reassignedAt)) return 'its reassignment time is not a number';
  for (const key of ['link', 'notes', 'repo', 'previousAssignee'] as const) {
    if (t[key] !== undefined && typeof t[key] !== 'string') return `its ${key} is not text`;
  }
  if (t.issueNumber !== undefined && !Number.isSafeInteger(t.issueNumber)) return 'its issue number is not a whole number';
  return null;
}

export const tasksSpec: FileSpec<TasksFile> = {
  version: 1,
  empty: () => ({ version: 1, tasks: [] }),
  check: (f) => (Array.isArray(f.tasks) ? null : '"tasks" is not a list'),
  records: [{ field: 'tasks', problem: taskProblem, id: (t) => (t as DelegatedTask).id }],
};

function checkTask(t: Partial<DelegatedTask>): void {
  if (t.title !== undefined && !t.title.trim()) throw new RangeError('a task needs a title');
  if (t.due !== undefined && t.due !== null && !DAY_PATTERN.test(t.due)) {
    throw new RangeError(`due must be yyyy-MM-dd or null, not ${JSON.stringify(t.due)}`);
  }
}

/** Delegated tasks (`tasks.json`), shared by all windows. */
export class TaskStore extends FileBackedStore<TasksFile> {
  private constructor(file: JsonFile<TasksFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<TaskStore> {
    return new TaskStore(await JsonFile.open(dir, STORE_FILES.tasks, tasksSpec, options));
  }

  /** All tasks, open and done, in the order they were added. */
  list(): readonly DelegatedTask[] {
    return this.file.data.tasks;
  }

  get(id: string): DelegatedTask | undefined {
    return this.file.data.tasks.find((t) => t.id === id);
  }

  /** Add a task; adding an id that exists replaces that task (so a retried add is harmless). */
  async add(task: NewTask, now = Date.now()): Promise<DelegatedTask> {
    checkTask(task);
    const full: DelegatedTask = { ...task, id: task.id ?? randomId('t-'), createdAt: task.createdAt ?? now };
    return this.file.update((f) => {
      const at = f.tasks.findIndex((t) => t.id === full.id);
      if (at >= 0) f.tasks[at] = full;
      else f.tasks.push(full);
      return full;
    });
  }

  /** Change fields of a task; undefined values remove optional fields. Null if no such task. */
  async patch(id: string, changes: TaskPatch): Promise<DelegatedTask | null> {
    checkTask(changes);
    return this.file.update((f) => {
      const at = f.tasks.findIndex((t) => t.id === id);
      if (at < 0) return null;
      const next: Record<string, unknown> = { ...f.tasks[at], ...changes };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      f.tasks[at] = next as unknown as DelegatedTask;
      return f.tasks[at];
    });
  }

  complete(id: string, at = Date.now()): Promise<DelegatedTask | null> {
    return this.patch(id, { doneAt: at });
  }

  reopen(id: string): Promise<DelegatedTask | null> {
    return this.patch(id, { doneAt: undefined });
  }

  remove(id: string): Promise<boolean> {
    return this.file.update((f) => {
      const before = f.tasks.length;
      f.tasks = f.tasks.filter((t) => t.id !== id);
      return f.tasks.length !== before;
    });
  }

  get unsavedChanges(): number {
    return this.file.unsavedChanges;
  }
}
