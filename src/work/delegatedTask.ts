/** A task the lead handed to someone, kept locally (GitHub holds the rest). */
export interface DelegatedTask {
  readonly id: string;
  readonly title: string;
  readonly assignee: string;
  /** Local calendar day `yyyy-MM-dd`, or null for no due date. */
  readonly due: string | null;
  /** An issue/PR URL or a permalink to code on the GitHub host. */
  readonly link?: string;
  readonly notes?: string;
  readonly createdAt: number;
  readonly doneAt?: number;
  /** Set when the link is an issue or PR: where a follow-up comment goes. */
  readonly repo?: string;
  readonly issueNumber?: number;
}

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
