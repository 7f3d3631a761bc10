/**
 * Holds the signed-in GitHub client for the features: rebuilt when the session or the API URL
 * changes, and the one place a 401 turns into a single "sign in again" prompt.
 */
import * as vscode from 'vscode';
import type { Config } from '../../config';
import { Commands, ContextKeys } from '../../ids';
import { Disposable } from '../../util/disposable';
import { GitHubAuth } from './auth';
import { scopesFor, STATUS_SCOPES, webHostFor } from './sessionRules';
import { GitHubFailure, classifyFailure } from '../transport/failure';
import { createOctokit } from '../transport/octokit';
import { RateBudget } from '../transport/rateBudget';
import { MemoryResponseCache, type ResponseCache } from '../transport/responseCache';
import type { GitHubService } from '../githubService';
import { GitHubClient } from '../client';

declare const __LEAD_DESK_VERSION__: string;
const VERSION = typeof __LEAD_DESK_VERSION__ === 'string' ? __LEAD_DESK_VERSION__ : 'dev';

export const RESTRICTED_MODE = 'GitHub features wait until you trust this workspace (Restricted Mode); the timer and the balance work meanwhile.';

export class GitHubConnection extends Disposable {
  readonly auth: GitHubAuth;
  readonly budget = new RateBudget();
  private current: Promise<GitHubService | undefined> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when sign-in state or the API URL changes: features refresh. */
  readonly onDidChange = this.changed.event;
  /** Set by a 401: no more requests with that token until the user signs in again. */
  private rejected = false;
  /** Requests that reached GitHub, by status (304 included), for tooltips and benchmarks. */
  readonly requestLog: { method: string; url: string; status: number }[] = [];

  constructor(private readonly config: Config, secrets: vscode.SecretStorage, memento: vscode.Memento, readonly cache: ResponseCache = new MemoryResponseCache()) {
    super();
    this.auth = this.register(new GitHubAuth(
      secrets, memento, () => this.config.settings.apiUrl,
      () => scopesFor(this.config.settings),
      (token) => this.verifyToken(token),
    ));
    this.register(this.auth.onDidChange(() => this.invalidate()));
    // The settings are read on first need, not here (activation); a change compares with what was read.
    this.register(config.onDidChange((s) => {
      if (!config.previous) return; // nothing was built on the settings yet
      const { apiUrl, requestTimeoutSeconds, githubStatus } = config.previous;
      if (s.apiUrl !== apiUrl) {
        this.cache.clear();
        this.auth.reset();
      } else if (s.githubStatus !== githubStatus) {
        this.auth.reset(); // the session with (or without) the `user` scope
        if (s.githubStatus) void this.askForStatusScope();
      } else if (s.requestTimeoutSeconds !== requestTimeoutSeconds) {
        this.invalidate();
      }
    }));
    // Restricted Mode: GitHub waits until the workspace is trusted.
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()));
  }

  /** Why there is no service, for the features' notices; undefined when there is one to try. */
  get unavailableReason(): string | undefined {
    if (!vscode.workspace.isTrusted) return RESTRICTED_MODE;
    return undefined;
  }

  /**
   * Turning the heads-down status on needs the `user` scope: one clear prompt, then VS Code's
   * consent dialog. With a token, say which scope the token needs.
   */
  private async askForStatusScope(): Promise<void> {
    if (!vscode.window.state.focused) return; // every window hears the change; the focused one asks
    if (!this.auth.usesBuiltInProvider) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: the heads-down status needs your token to have the "user" scope; without it a warning says the status could not be set.'));
      return;
    }
    const grant = vscode.l10n.t('Allow');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: to set your GitHub status while you code, Lead Desk needs the "user" scope of your GitHub sign-in.'), grant);
    if (choice !== grant) return;
    if (!(await this.auth.requestScopes(STATUS_SCOPES))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: the "user" scope was not granted, so your GitHub status will not be set. Everything else keeps working.'));
    }
  }

  private invalidate(): void {
    this.current = undefined;
    this.rejected = false;
    this.changed.fire();
  }

  /** Scheme, host and port of the API: what a token and a snapshot belong to. */
  get apiOrigin(): string {
    return new URL(this.config.settings.apiUrl).origin;
  }

  /**
   * A one-way key of the current session (API origin and token), so saved data is only ever shown
   * to the session that fetched it; undefined when signed out. No request: SecretStorage or VS
   * Code's session only. The token itself is never stored: the key is an HMAC whose secret lives
   * only in SecretStorage, so the store holds nothing a token could be checked against.
   */
  async sessionKey(): Promise<string | undefined> {
    if (this.rejected || this.unavailableReason) return undefined;
    const session = await this.auth.session();
    if (!session) return undefined;
    return this.auth.fingerprint(`${this.apiOrigin}\0${session.token}`);
  }

  /** The service for the current session, or undefined when signed out. Never prompts. */
  service(): Promise<GitHubService | undefined> {
    if (this.rejected) return Promise.resolve(undefined);
    this.current ??= this.build();
    return this.current;
  }

  private async build(): Promise<GitHubService | undefined> {
    if (this.unavailableReason) return undefined;
    const session = await this.auth.session();
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, Boolean(session));
    // The saved validators are this session's, or dropped (signed out, another account).
    const key = session ? await this.sessionKey().catch(() => undefined) : undefined;
    await this.cache.own?.(key === undefined ? undefined : { origin: this.apiOrigin, session: key });
    if (!session) return undefined;
    const { apiUrl, requestTimeoutSeconds } = this.config.settings;
    const octokit = createOctokit({
      baseUrl: apiUrl, token: session.token, timeoutMs: requestTimeoutSeconds * 1000, userAgent: `lead-desk/${VERSION}`,
      cache: this.cache, budget: this.budget,
      retryBaseMs: Number(process.env.LEAD_DESK_RETRY_BASE_MS) || 1000,
      onResponse: (r) => {
        this.requestLog.push(r);
        if (this.requestLog.length > 5000) this.requestLog.splice(0, 1000);
      },
    });
    return new GitHubClient(octokit, webHostFor(apiUrl));
  }

  private async verifyToken(token: string): Promise<string> {
    const octokit = createOctokit({
      baseUrl: this.config.settings.apiUrl, token, timeoutMs: this.config.settings.requestTimeoutSeconds * 1000,
      userAgent: `lead-desk/${VERSION}`, cache: new MemoryResponseCache(10), budget: this.budget,
    });
    try {
      const { data } = await octokit.rest.users.getAuthenticated();
      return data.login;
    } catch (e) {
      const f = classifyFailure(e);
      throw new Error(f.kind === 'unauthorized' ? 'GitHub rejected this token (401). Check it has not expired.' : f.describe(), { cause: e });
    }
  }

  /**
   * Runs `fn` with the service; a 401 anywhere leads to exactly one "sign in again" prompt
   * however many requests fail at once. Rethrows as `GitHubFailure` for the caller's notice.
   */
  async run<T>(fn: (service: GitHubService) => Promise<T>): Promise<T | undefined> {
    const reason = this.unavailableReason;
    if (reason) throw new Error(reason);
    const pending = this.service();
    const session = this.current;
    const service = await pending;
    if (!service) return undefined;
    try {
      return await fn(service);
    } catch (e) {
      const failure = classifyFailure(e);
      // A 401 from a session that was replaced meanwhile (new API URL, new token) says nothing
      // about the current one: only the current session's 401 stops requests.
      if (failure.kind === 'unauthorized' && !this.rejected && this.current === session) {
        this.rejected = true;
        void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, false);
        void this.promptSignIn();
      }
      throw failure;
    }
  }

  private async promptSignIn(): Promise<void> {
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: GitHub rejected the sign-in (401). Sign in again to keep your reviews and delegated work up to date.'), vscode.l10n.t('Sign In Again'));
    if (choice) await vscode.commands.executeCommand(Commands.signIn);
  }
}

export { GitHubFailure };
