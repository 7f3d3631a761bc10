/**
 * The nudges kept in the store (`one-on-ones.json`, per person), held in memory so the tree can
 * say "nudged 2h ago" without reading the file on every rebuild. Reloaded after each nudge and
 * when asked (another window may have nudged).
 */
import * as vscode from 'vscode';
import { itemKey, latestNudgeByItem, type NudgeKind, type NudgeRecord } from '../core/nudges';
import type { Stores } from '../store';
import { Disposable } from '../util/disposable';
import { describeError } from '../util/errors';

export class NudgeLog extends Disposable {
  private records: readonly NudgeRecord[] = [];
  /** The tree asks for every item on each rebuild: one lookup each, not a scan of the log. */
  private latest = new Map<string, NudgeRecord>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly stores: Promise<Stores>) {
    super();
    void this.reload().catch((e: unknown) => console.warn(`[lead-desk] nudges not read: ${describeError(e)}`));
  }

  get all(): readonly NudgeRecord[] {
    return this.records;
  }

  /** The latest nudge on an item (to anyone). */
  last(repo: string, number: number): NudgeRecord | undefined {
    return this.latest.get(itemKey(repo, number));
  }

  /** Rereads the store (a change by another window shows), and tells the tree when something changed. */
  async reload(): Promise<readonly NudgeRecord[]> {
    const next = await (await this.stores).oneOnOnes.allNudges();
    const changed = next.length !== this.records.length || next.some((r, i) => r.at !== this.records[i]?.at || r.who !== this.records[i]?.who);
    this.records = next;
    this.latest = latestNudgeByItem(next);
    if (changed && !this.isDisposed) this.changed.fire();
    return next;
  }

  /**
   * Keeps the nudges (one per person mentioned; for the 1:1 view too), then rereads once.
   * Each is saved or fails on its own: the results say which.
   */
  async recordAll(nudges: readonly { at: number; who: string; repo: string; number: number; url: string; kind: NudgeKind }[]): Promise<PromiseSettledResult<void>[]> {
    const store = (await this.stores).oneOnOnes;
    const saved = await Promise.allSettled(nudges.map((n) => store.recordNudge(n.who, { at: n.at, repo: n.repo, number: n.number, url: n.url, kind: n.kind })));
    // What was saved stays saved; a failed reread only leaves the tree's "nudged … ago" behind.
    await this.reload().catch((e: unknown) => console.warn(`[lead-desk] nudges not reread: ${describeError(e)}`));
    return saved;
  }
}
