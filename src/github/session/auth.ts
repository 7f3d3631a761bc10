/**
 * Sign-in. github.com (exactly `https://api.github.com`): VS Code's built-in `github`
 * authentication provider, scopes asked when a feature needs them. Any other API origin (GitHub
 * Enterprise Server, the tests' loopback fake), and VS Code builds without that provider
 * (code-server, VSCodium): a personal access token from a password box, checked with GET /user,
 * kept in SecretStorage under the API's origin (scheme, host and port), so a token typed for one
 * server is never sent to another. A token is never written to settings, the store, a log or a
 * webview.
 */
import { createHmac, randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { SecretKeys, StateKeys } from '../../ids';
import { Disposable } from '../../util/disposable';
import { readState, writeState } from '../../util/state';
import { BASE_SCOPES, legacySecretKeyFor, mayUseVsCodeSession, secretKeyFor } from './sessionRules';

export { BASE_SCOPES, STATUS_SCOPES } from './sessionRules';

export interface Session {
  readonly token: string;
  readonly source: 'vscode' | 'pat';
}


export class GitHubAuth extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private cached: Session | undefined | null = null; // null = not looked up yet
  /** Counts resets: a lookup that a reset overtook does not cache what it found (another origin's, or a deleted token). */
  private resets = 0;
  /** The HMAC secret of {@link fingerprint}, read once: each SecretStorage read costs 0.1–0.4 s at a window's start. */
  private fingerprintSecret: Promise<string> | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly memento: vscode.Memento,
    private readonly apiUrl: () => string,
    /** The scopes the enabled features need (with `user` while the heads-down status is on). */
    private readonly scopes: () => readonly string[],
    /** Checks a token with GET /user; resolves to the login or rejects with a GitHubFailure. */
    private readonly verify: (token: string) => Promise<string>,
  ) {
    super();
    this.register(secrets.onDidChange((e) => {
      if (e.key === secretKeyFor(this.apiUrl())) this.reset();
      if (e.key === SecretKeys.snapshotFingerprint) this.fingerprintSecret = undefined; // another window made it first
    }));
    this.register(vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github' && this.usesBuiltInProvider) this.reset();
    }));
  }

  /** Only exactly https://api.github.com is served by VS Code's own sign-in; any other origin needs a token. */
  get usesBuiltInProvider(): boolean {
    return mayUseVsCodeSession(this.apiUrl(), false);
  }

  /** After "Sign Out", VS Code's GitHub account is not used again until "Sign In". */
  private get builtInSignedOut(): boolean {
    return readState(this.memento, StateKeys.builtInSignedOut) === true;
  }

  reset(): void {
    this.cached = null;
    this.resets++;
    this.changed.fire();
  }

  /** The current session without prompting anyone; undefined when signed out. */
  async session(): Promise<Session | undefined> {
    if (this.cached !== null) return this.cached;
    const resets = this.resets;
    // The session's fingerprint is asked for right after (the snapshot's key): its secret is read alongside.
    this.fingerprintSecret ??= this.readFingerprintSecret();
    let found: Session | undefined;
    const token = await this.storedToken();
    if (token) found = { token, source: 'pat' };
    else if (mayUseVsCodeSession(this.apiUrl(), this.builtInSignedOut)) {
      // The session with every scope the features want; else one with what reading needs.
      const silent = (scopes: readonly string[]) => vscode.authentication.getSession('github', scopes, { silent: true }).then(undefined, () => undefined);
      const s = (await silent(this.scopes())) ?? (this.scopes().length !== BASE_SCOPES.length ? await silent(BASE_SCOPES) : undefined);
      if (s) found = { token: s.accessToken, source: 'vscode' };
    }
    if (resets === this.resets) this.cached = found;
    return found;
  }

  private async storedToken(): Promise<string | undefined> {
    const apiUrl = this.apiUrl();
    const key = secretKeyFor(apiUrl);
    const token = await this.secrets.get(key);
    if (token) return token;
    const legacy = legacySecretKeyFor(apiUrl);
    if (!legacy) return undefined;
    const old = await this.secrets.get(legacy);
    if (!old) return undefined;
    await this.secrets.store(key, old);
    await this.secrets.delete(legacy);
    return old;
  }

  /**
   * Signs in: the built-in provider on github.com when it exists, otherwise a token.
   * Returns the login, or undefined if the user cancelled.
   */
  async signIn(): Promise<string | undefined> {
    if (this.usesBuiltInProvider) {
      try {
        const s = await vscode.authentication.getSession('github', this.scopes(), { createIfNone: true });
        await writeState(this.memento, StateKeys.builtInSignedOut, undefined);
        this.reset();
        return s.account.label;
      } catch (e) {
        if (/cancel/i.test(e instanceof Error ? e.message : String(e))) return undefined;
        // No provider in this build (code-server, VSCodium): fall through to a token.
      }
    }
    return this.signInWithToken();
  }

  async signInWithToken(): Promise<string | undefined> {
    const apiUrl = this.apiUrl();
    const host = new URL(apiUrl).host;
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Lead Desk: Sign In to GitHub'),
      prompt: vscode.l10n.t('Paste a personal access token for {0} (scopes: repo, read:org, notifications; user for the heads-down status)', host),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A token is needed') : /\s/.test(v.trim()) ? vscode.l10n.t('A token has no spaces') : undefined),
    });
    if (!token) return undefined;
    const login = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with {0}…', host) },
      () => this.verify(token.trim()),
    );
    // Stored under the origin it was checked against, even if the setting changed meanwhile.
    await this.secrets.store(secretKeyFor(apiUrl), token.trim());
    await writeState(this.memento, StateKeys.builtInSignedOut, undefined);
    this.reset();
    return login;
  }

  /**
   * Asks VS Code's GitHub sign-in for more scopes (the heads-down status needs `user`), with the
   * consent dialog VS Code shows. Returns false when declined or when a token is in use (a token's
   * scopes are chosen when it is created).
   */
  async requestScopes(scopes: readonly string[]): Promise<boolean> {
    if (!mayUseVsCodeSession(this.apiUrl(), this.builtInSignedOut) || (await this.storedToken())) return false;
    try {
      await vscode.authentication.getSession('github', scopes, { createIfNone: true });
      this.reset();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A token handed over in the environment (`LEAD_DESK_TOKEN`, as the demo and CI do) is moved
   * into SecretStorage once, under the origin configured in the user's settings at that moment.
   */
  async adoptEnvironmentToken(token: string | undefined, when: 'start' | 'again' = 'again'): Promise<void> {
    if (!token) return;
    const key = secretKeyFor(this.apiUrl());
    if ((await this.secrets.get(key)) === token) {
      // Handed over again (e.g. after a 401): try it again. At a window's start nothing was
      // tried yet: a reset would only drop the start-up's session lookup and its snapshot paint.
      if (when === 'again') this.reset();
      return;
    }
    await this.secrets.store(key, token); // secrets.onDidChange → reset(): one refresh, not two
  }

  /**
   * Stops using GitHub until the next Sign In, whatever the session's source: a stored token is
   * deleted; VS Code's own GitHub account stays signed in to VS Code but Lead Desk stops using it.
   * Returns what was signed out of, for an accurate message.
   */
  /**
   * A one-way fingerprint of `text` (an origin and a token) that says which session saved data
   * belongs to: an HMAC under a random secret kept in SecretStorage, so nothing in the store can
   * be checked against a guessed token.
   */
  async fingerprint(text: string): Promise<string> {
    this.fingerprintSecret ??= this.readFingerprintSecret();
    const secret = await this.fingerprintSecret;
    return createHmac('sha256', secret).update(text).digest('hex').slice(0, 32);
  }

  private readFingerprintSecret(): Promise<string> {
    const read = (async () => {
      let secret = await this.secrets.get(SecretKeys.snapshotFingerprint);
      if (!secret) {
        secret = randomBytes(32).toString('hex');
        await this.secrets.store(SecretKeys.snapshotFingerprint, secret);
      }
      return secret;
    })();
    // A failed read is tried again next time, not remembered.
    read.catch(() => { if (this.fingerprintSecret === read) this.fingerprintSecret = undefined; });
    return read;
  }

  async signOut(): Promise<'token' | 'vscode' | 'none'> {
    const key = secretKeyFor(this.apiUrl());
    const hadToken = Boolean(await this.secrets.get(key));
    const hadBuiltIn = !hadToken && (await this.session())?.source === 'vscode';
    await writeState(this.memento, StateKeys.builtInSignedOut, true);
    if (hadToken) await this.secrets.delete(key); // secrets.onDidChange → reset()
    this.reset();
    return hadToken ? 'token' : hadBuiltIn ? 'vscode' : 'none';
  }
}
