import type { DelegatedTask, Stores } from '../store';

/** A task the lead handed to someone, kept locally (GitHub holds the rest): the store's record. */
export type { DelegatedTask };

/** What the tree and the delegate command need from the task store. */
export interface TaskRepository {
  list(): Promise<DelegatedTask[]>;
  add(task: Omit<DelegatedTask, 'id' | 'createdAt'>): Promise<DelegatedTask>;
  update(id: string, patch: Partial<Omit<DelegatedTask, 'id'>>): Promise<void>;
}

/** The task store as a `TaskRepository`; calls wait for the stores to open. */
export function taskRepository(stores: Promise<Stores>): TaskRepository {
  const tasks = () => stores.then((s) => s.tasks);
  return {
    list: async () => { const t = await tasks(); await t.refresh(); return [...t.list()]; },
    add: async (task) => (await tasks()).add(task),
    update: async (id, patch) => {
      const updated = await (await tasks()).patch(id, patch);
      if (!updated) throw new Error('that task no longer exists (deleted in another window?)');
    },
  };
}
