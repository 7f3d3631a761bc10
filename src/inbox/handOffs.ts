/**
 * Reviews the lead handed on with "Hand This Review to…" (`hand-offs.json`), for Nudge… on them:
 * scoped to the GitHub origin and account whose data the inbox shows, so another account's
 * hand-offs never show.
 */
import type * as vscode from 'vscode';
import type { GitHubConnection } from '../github/api';
import type { HandOffScope, HandOffStore } from '../store/handOffStore';
import { describeError } from '../util/errors';
import { moveLegacyHandOffs } from './legacyHandOffs';

export class HandOffs {
  /** The store, once the stores are open. */
  private store: HandOffStore | undefined;
  /** The GitHub origin and account the data shown belongs to: whose hand-offs the tree shows. */
  private account: HandOffScope | undefined;

  /**
   * `changed` is called when what `handedAt` answers may have changed without a refresh (the
   * store opened, legacy hand-offs moved in).
   */
  constructor(
    private readonly opening: Promise<HandOffStore> | undefined,
    private readonly github: Pick<GitHubConnection, 'apiOrigin' | 'run'>,
    private readonly memento: vscode.Memento,
    private readonly changed: () => void,
  ) {
    void opening?.then((store) => {
      this.store = store;
      void this.adoptLegacy();
      if (this.account) changed();
    }, (e: unknown) => console.warn(`[lead-desk] hand-offs not read: ${describeError(e)}`));
  }

  /** Hand-offs another window recorded (a stat; a read only if the file changed). */
  async reload(): Promise<void> {
    await this.store?.refresh().catch(() => false);
  }

  /** The account the shown data belongs to (the sidebar's viewer, or the snapshot's). */
  setAccount(login: string | undefined): void {
    if (!login) return;
    const scope = { origin: this.github.apiOrigin, account: login };
    if (this.account?.origin === scope.origin && this.account.account.toLowerCase() === login.toLowerCase()) return;
    this.account = scope;
    void this.adoptLegacy();
  }

  /** Signed out or another session: no account's hand-offs show until the data says whose it is. */
  forgetAccount(): void {
    this.account = undefined;
  }

  /** Hand-offs kept in globalState before `hand-offs.json` existed go into the file, once (see `moveLegacyHandOffs`). */
  private async adoptLegacy(): Promise<void> {
    const store = this.store;
    const scope = this.account;
    if (!store || !scope) return;
    try {
      if (await moveLegacyHandOffs(this.memento, store, scope)) this.changed();
    } catch (e) {
      console.warn(`[lead-desk] hand-offs kept in globalState not moved to the store yet: ${describeError(e)}`);
    }
  }

  /** Remembers that the lead handed this review to `login` (kept 30 days), for Nudge… on it. */
  async record(repo: string, number: number, login: string): Promise<void> {
    const store = this.store ?? await this.opening;
    if (!store) throw new Error('hand-offs are not kept in this window');
    const scope = this.account ?? await this.github.run((s) => s.me()).then((me) => (me ? { origin: this.github.apiOrigin, account: me } : undefined));
    if (!scope) throw new Error('not signed in to GitHub');
    await store.record(scope, repo, number, login);
  }

  /** When the lead (this account, on this GitHub) handed this review to `login`, within 30 days. */
  handedAt(repo: string, number: number, login: string): number | undefined {
    return this.account ? this.store?.handedAt(this.account, repo, number, login) : undefined;
  }
}
