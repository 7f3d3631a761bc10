/**
 * A batch of changes to one file's content, as `JsonFile` applies them under its lock: in order,
 * a change that throws set aside so the others start again free of its half-edits, and each
 * change's promise settled once.
 */

export interface Change<T> {
  readonly apply: (draft: T) => unknown;
  readonly keep: boolean;
  settled: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

export interface Applied<T> {
  readonly draft: T;
  readonly results: Map<Change<T>, unknown>;
}

/**
 * Apply the changes in order to a fresh draft. A change that throws is recorded in `failed` and
 * the others start again on a new draft, free of its half-edits.
 */
export async function applyAll<T>(fresh: () => Promise<T>, changes: Change<T>[], failed: Map<Change<T>, unknown>): Promise<Applied<T>> {
  for (;;) {
    const draft = await fresh();
    const results = new Map<Change<T>, unknown>();
    let threw = false;
    for (const c of changes) {
      if (failed.has(c)) continue;
      try {
        results.set(c, await c.apply(draft));
      } catch (err) {
        failed.set(c, err);
        threw = true;
        break;
      }
    }
    if (!threw) return { draft, results };
  }
}

/** Resolves or rejects each change not settled yet: with its result, or with what it threw. */
export function settleChanges<T>(changes: Change<T>[], applied: Applied<T>, failed: Map<Change<T>, unknown>): void {
  for (const c of changes) {
    if (c.settled) continue;
    c.settled = true;
    if (failed.has(c)) c.reject(failed.get(c));
    else c.resolve(applied.results.get(c));
  }
}
