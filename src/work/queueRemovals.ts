/**
 * One notice when one of the lead's approved PRs is removed from the merge queue, like a red
 * build: each removal (`removalKey`) is announced once, recorded in `alerts.json` under its lock,
 * so a reload or a second window does not announce it again.
 */
import * as vscode from 'vscode';
import { newRemovals, removalKey } from '../core/mergeQueue';
import type { OwnPullDecision } from '../core/itemDecisions';
import type { OwnPullRequest } from '../github/api';
import type { AlertStore } from '../store';
import { Disposable } from '../util/disposable';
import { describeError, notificationSafe } from '../util/errors';
import type { InboxDecisions as WorkDecisionSource } from '../inbox/inboxDecisions';

export class QueueRemovalNotices extends Disposable {
  /** The notices this window showed, newest last (tests read them). */
  readonly shown: string[] = [];
  private running = Promise.resolve();

  constructor(private readonly decisions: Pick<WorkDecisionSource, 'current'>, private readonly store: Promise<AlertStore>, onChange: vscode.Event<unknown>) {
    super();
    // The first data comes as a change (the snapshot's paint, then each refresh): nothing to check at activation.
    this.register(onChange(() => this.check()));
  }

  /** Announces the removals not announced before; one check at a time. */
  check(): Promise<void> {
    this.running = this.running.then(() => this.announce()).catch((e: unknown) => console.warn(`[lead-desk] merge-queue removals not announced: ${describeError(e)}`));
    return this.running;
  }

  private async announce(): Promise<void> {
    const removed = this.decisions.current.own.flatMap((d: OwnPullDecision<OwnPullRequest>) => (d.queue ? [{ repo: d.item.repo, number: d.item.number, title: d.item.title, state: d.queue }] : []));
    const store = await this.store;
    const keyOf = (p: (typeof removed)[number]) => (p.state.kind === 'removed' ? removalKey(p.repo, p.number, p.state.at) : '');
    const fresh = newRemovals(removed, new Set(removed.map(keyOf).filter((k) => k !== '' && store.announced(k))));
    if (fresh.length === 0) return;
    const toSay = new Set(await store.announce(fresh.map(keyOf)));
    for (const p of fresh.filter((x) => toSay.has(keyOf(x)))) {
      const reason = p.state.kind === 'removed' && p.state.reason ? p.state.reason : vscode.l10n.t('no reason given');
      const text = vscode.l10n.t('Lead Desk: {0}#{1} was removed from the merge queue ({2}).', p.repo, p.number, reason);
      this.shown.push(text);
      void vscode.window.showWarningMessage(notificationSafe(text));
    }
  }
}
