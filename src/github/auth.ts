/**
 * Sign-in. github.com: VS Code's built-in `github` authentication provider, scopes asked when a
 * feature needs them. GitHub Enterprise Server, and VS Code builds without that provider
 * (code-server, VSCodium): a personal access token from a password box, checked with GET /user,
 * kept in SecretStorage. A token is never written to settings, the store, a log or a webview.
 */
import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';

export interface Session {
  readonly token: string;
  readonly source: 'vscode' | 'pat';
}

/** Scopes for everything Lead Desk reads; `user` is asked only when the heads-down status is on. */
export const BASE_SCOPES = ['repo', 'read:org', 'notifications'];
export const STATUS_SCOPES = [...BASE_SCOPES, 'user'];

const secretKey = (apiUrl: string) => `leadDesk.github.token@${new URL(apiUrl).host}`;

export class GitHubAuth extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private cached: Session | undefined | null = null; // null = not looked up yet

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private apiUrl: () => string,
    /** Checks a token with GET /user; resolves to the login or rejects with a GitHubFailure. */
    private readonly verify: (token: string) => Promise<string>,
  ) {
    super();
    this.register(secrets.onDidChange((e) => {
      if (e.key === secretKey(this.apiUrl())) this.reset();
    }));
    this.register(vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github') this.reset();
    }));
  }

  /** github.com is served by VS Code's own sign-in; any other host needs a token. */
  get usesBuiltInProvider(): boolean {
    return new URL(this.apiUrl()).host === 'api.github.com';
  }

  reset(): void {
    this.cached = null;
    this.changed.fire();
  }

  /** The current session without prompting anyone; undefined when signed out. */
  async session(scopes: string[] = BASE_SCOPES): Promise<Session | undefined> {
    if (this.cached !== null && scopes === BASE_SCOPES) return this.cached;
    let found: Session | undefined;
    const token = await this.secrets.get(secretKey(this.apiUrl()));
    if (token) found = { token, source: 'pat' };
    else if (this.usesBuiltInProvider) {
      const s = await vscode.authentication.getSession('github', scopes, { silent: true }).then(undefined, () => undefined);
      if (s) found = { token: s.accessToken, source: 'vscode' };
    }
    if (scopes === BASE_SCOPES) this.cached = found;
    return found;
  }

  /**
   * Signs in: the built-in provider on github.com when it exists, otherwise a token.
   * Returns the login, or undefined if the user cancelled.
   */
  async signIn(): Promise<string | undefined> {
    if (this.usesBuiltInProvider) {
      try {
        const s = await vscode.authentication.getSession('github', BASE_SCOPES, { createIfNone: true });
        this.reset();
        return s.account.label;
      } catch (e) {
        if (/cancel/i.test(String((e as Error).message))) return undefined;
        // No provider in this build (code-server, VSCodium): fall through to a token.
      }
    }
    return this.signInWithToken();
  }

  async signInWithToken(): Promise<string | undefined> {
    const host = new URL(this.apiUrl()).host;
    const token = await vscode.window.showInputBox({
      title: 'Lead Desk: Sign In to GitHub',
      prompt: `Paste a personal access token for ${host} (scopes: repo, read:org, notifications; user for the heads-down status)`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'A token is needed' : /\s/.test(v.trim()) ? 'A token has no spaces' : undefined),
    });
    if (!token) return undefined;
    const login = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the token with ${host}…` },
      () => this.verify(token.trim()),
    );
    await this.secrets.store(secretKey(this.apiUrl()), token.trim());
    this.reset();
    return login;
  }

  /**
   * A token handed over in the environment (`LEAD_DESK_TOKEN`, as the demo and CI do) is moved
   * into SecretStorage once, so the rest of Lead Desk has one place to look.
   */
  async adoptEnvironmentToken(token: string | undefined): Promise<void> {
    if (!token) return;
    const key = secretKey(this.apiUrl());
    if ((await this.secrets.get(key)) === token) {
      this.reset(); // handed over again (e.g. after a 401): try it again
      return;
    }
    await this.secrets.store(key, token); // secrets.onDidChange → reset(): one refresh, not two
  }

  async signOut(): Promise<void> {
    const key = secretKey(this.apiUrl());
    if (await this.secrets.get(key)) await this.secrets.delete(key); // secrets.onDidChange → reset()
    else this.reset();
  }
}
