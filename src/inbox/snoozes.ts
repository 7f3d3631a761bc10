/**
 * Snoozed reviews: `repo#number` → until when (epoch ms), in globalState so every window and a
 * restart see them. A snooze that has run out is dropped at the next snooze.
 */
import type * as vscode from 'vscode';
import type { PendingReview } from '../core/reviews';
import { StateKeys } from '../ids';
import { readState, writeState } from '../util/state';

export class Snoozes {
  private until: Record<string, number>;

  constructor(private readonly memento: vscode.Memento) {
    this.until = readState(memento, StateKeys.snoozes) ?? {};
  }

  /** The review with its `snoozedUntil`, when a snooze on it still runs. */
  mark(r: PendingReview): PendingReview {
    const until = this.until[`${r.repo}#${r.number}`];
    return until && until > Date.now() ? { ...r, snoozedUntil: until } : r;
  }

  async snooze(repo: string, number: number, until: number): Promise<void> {
    const now = Date.now();
    this.until = Object.fromEntries(Object.entries({ ...this.until, [`${repo}#${number}`]: until }).filter(([, t]) => t > now));
    await writeState(this.memento, StateKeys.snoozes, this.until);
  }
}
