import { randomBytes } from 'node:crypto';
import { JsonFile, type JsonFileOptions } from './jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './versionedJson';

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
}

export type NewTask = Omit<DelegatedTask, 'id' | 'createdAt'> & Partial<Pick<DelegatedTask, 'id' | 'createdAt'>>;
export type TaskPatch = Partial<Omit<DelegatedTask, 'id' | 'createdAt'>>;

export interface TasksFile {
  readonly version: 1;
  tasks: DelegatedTask[];
}

export const tasksSpec: FileSpec<TasksFile> = {
  version: 1,
  empty: () => ({ version: 1, tasks: [] }),
  check: (f) => {
    if (!Array.isArray(f.tasks)) return '"tasks" is not a list';
    const bad = f.tasks.find((t) => typeof t?.id !== 'string' || typeof t.title !== 'string');
    return bad ? `task ${JSON.stringify(bad?.id)} lacks an id or a title` : null;
  },
};

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkTask(t: Partial<DelegatedTask>): void {
  if (t.title !== undefined && !t.title.trim()) throw new RangeError('a task needs a title');
  if (t.due !== undefined && t.due !== null && !DAY_PATTERN.test(t.due)) {
    throw new RangeError(`due must be yyyy-MM-dd or null, not ${JSON.stringify(t.due)}`);
  }
}

export function newTaskId(): string {
  return `t-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Delegated tasks (`tasks.json`), shared by all windows. */
export class TaskStore {
  private constructor(private readonly file: JsonFile<TasksFile>) {}

  static async open(dir: string, options: JsonFileOptions = {}): Promise<TaskStore> {
    return new TaskStore(await JsonFile.open(dir, STORE_FILES.tasks, tasksSpec, options));
  }

  get path(): string {
    return this.file.path;
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
    const full: DelegatedTask = { ...task, id: task.id ?? newTaskId(), createdAt: task.createdAt ?? now };
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

  refresh(): Promise<boolean> {
    return this.file.refresh();
  }

  get unsavedChanges(): number {
    return this.file.unsavedChanges;
  }

  flush(): Promise<boolean> {
    return this.file.flush();
  }

  dispose(): void {
    this.file.dispose();
  }
}
