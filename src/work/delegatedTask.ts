import type { DelegatedTask } from '../store';

/** A task the lead handed to someone, kept locally (GitHub holds the rest): the store's record. */
export type { DelegatedTask };

/** What the tree and the delegate command need from the task store. */
export interface TaskRepository {
  list(): Promise<DelegatedTask[]>;
  add(task: Omit<DelegatedTask, 'id' | 'createdAt'>): Promise<DelegatedTask>;
  update(id: string, patch: Partial<Omit<DelegatedTask, 'id'>>): Promise<void>;
}

/** `owner/repo` and number from an issue or PR URL on `webHost`, if it is one. */
export function parseIssueLink(url: string, webHost: string): { repo: string; number: number } | undefined {
  try {
    const u = new URL(url);
    if (u.host !== webHost) return undefined;
    const m = /^\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(u.pathname);
    return m ? { repo: m[1], number: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}
