/**
 * The standup's GitHub activity, kept ten minutes so preparing the notes again is instant. Kept
 * per GitHub origin and account: after switching account (or GitHub), the notes never show the
 * previous account's day. Plain TypeScript (no `vscode`), unit tested.
 */

export const ACTIVITY_TTL_MS = 10 * 60_000;

/** What the activity depends on. */
export interface ActivityKey {
  /** The GitHub API origin (`https://api.github.com`, a GHE host). */
  readonly origin: string;
  /** The signed-in account's login. */
  readonly account: string;
  /** The day reported, `yyyy-MM-dd`. */
  readonly day: string;
  readonly repos: readonly string[];
  readonly severityLabels: readonly string[];
}

function keyText(k: ActivityKey): string {
  return JSON.stringify([k.origin, k.account.toLowerCase(), k.day, k.repos, k.severityLabels]);
}

/** The last answer, shared by calls with the same key within the TTL; a failed load is not kept. */
export class ActivityCache<T> {
  private entry: { key: string; at: number; value: Promise<T> } | undefined;

  constructor(private readonly ttlMs = ACTIVITY_TTL_MS) {}

  get(key: ActivityKey, now: number, load: () => Promise<T>): Promise<T> {
    const text = keyText(key);
    const hit = this.entry;
    if (hit && hit.key === text && now >= hit.at && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entry = { key: text, at: now, value };
    value.catch(() => { if (this.entry?.value === value) this.entry = undefined; });
    return value;
  }
}
