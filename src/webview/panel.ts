/**
 * The base every Lead Desk webview panel extends: one panel per view type, a strict CSP with a
 * per-load nonce, only the extension's `media/` folder readable, no command URIs, no retained
 * context (the webview keeps its own UI state with getState/setState and asks for data again
 * with `ready`), every incoming message checked against the panel's protocol before it acts,
 * links opened only to the GitHub web host. Show, revival and disposal come from `registerPanel`.
 */
import * as vscode from 'vscode';
import { describeError, describeForNotification } from '../util/errors';
import { Disposable } from '../util/disposable';
import { makeNonce, renderShell } from './csp';
import { isAllowedLink } from './links';
import { describeRejected } from './messageGuard';
import type { DataOrError } from './protocol';

export type { ReadyMessage } from './messageGuard';

/** What `registerPanel` hands a panel's host: its webview panel and its descriptor's constants. */
export interface PanelSite<In> {
  readonly extensionUri: vscode.Uri;
  /** New (`show`) or revived after a window reload (the serializer). */
  readonly webviewPanel: vscode.WebviewPanel;
  readonly viewType: string;
  readonly title: string;
  readonly app: string;
  readonly stylesheets: readonly string[];
  readonly isFromWebview: (x: unknown) => x is In;
  /** The webview's visible strings in the display language (see `PanelConstants.text`). */
  readonly text?: () => Readonly<Record<string, string>>;
}

/** Scripts on, command URIs off, only the extension's `media/` folder readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export interface RejectedMessage {
  readonly viewType: string;
  readonly reason: string;
}

type LivePanel = WebviewPanelHost<{ readonly type: string }, unknown>;

/** `In` is what the webview sends (checked by the guard); the host sends `DataOrError<T>`. */
export abstract class WebviewPanelHost<In extends { readonly type: string }, T> extends Disposable {
  private static readonly live = new Map<string, LivePanel>();

  protected readonly panel: vscode.WebviewPanel;
  readonly viewType: string;
  private rejected = 0;
  private refreshSeq = 0;
  private readonly rejectedEmitter = this.register(new vscode.EventEmitter<RejectedMessage>());
  /** Fires for every message refused by the protocol guard or the link check. */
  readonly onDidRejectMessage = this.rejectedEmitter.event;
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  protected readonly extensionUri: vscode.Uri;

  /** Built by the panel's descriptor (see `registerPanel`). */
  protected constructor(private readonly site: PanelSite<In>) {
    super();
    this.viewType = site.viewType;
    this.extensionUri = site.extensionUri;
    this.panel = site.webviewPanel;
    // Set on every panel, new or revived (which comes back with default options), before any HTML loads.
    this.panel.webview.options = webviewOptions(site.extensionUri);
    this.panel.iconPath = vscode.Uri.joinPath(site.extensionUri, 'media', 'lead-desk.svg');
    WebviewPanelHost.live.get(this.viewType)?.dispose();
    WebviewPanelHost.live.set(this.viewType, this as unknown as LivePanel);
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.register(this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.panel.webview.html = this.html();
  }

  /** The open panel of `viewType`, if any (`registerPanel`'s `current` types it). */
  static open(viewType: string): LivePanel | undefined {
    return WebviewPanelHost.live.get(viewType);
  }

  /** How many incoming messages were refused since the panel opened. */
  get rejectedMessages(): number {
    return this.rejected;
  }

  get visible(): boolean {
    return !this.isDisposed && this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (WebviewPanelHost.live.get(this.viewType) === (this as unknown as LivePanel)) WebviewPanelHost.live.delete(this.viewType);
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }

  /** Handles a message that passed the guard (`ready` is handled by the base). */
  protected abstract onMessage(message: In): void | Promise<void>;

  /** The panel's current data, or `undefined` to send nothing. */
  protected abstract currentData(): T | undefined | Promise<T | undefined>;

  /**
   * Sends fresh data while the panel is visible. A hidden panel has no webview (no retained
   * context); it asks with `ready` when shown again. Only the latest of overlapping refreshes posts.
   */
  protected async refresh(): Promise<void> {
    if (!this.visible) return;
    const seq = ++this.refreshSeq;
    let message: DataOrError<T> | undefined;
    try {
      const data = await this.currentData();
      message = data === undefined ? undefined : { type: 'data', data };
    } catch (e) {
      // Never a blank panel: say what went wrong where the data would be.
      console.error(`[lead-desk] ${this.viewType}: building the panel data failed`, e);
      message = { type: 'error', message: `Could not load this panel: ${describeError(e)}` };
    }
    if (message !== undefined && seq === this.refreshSeq && this.visible) await this.post(message);
  }

  protected post(message: DataOrError<T>): Thenable<boolean> {
    return this.isDisposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  /** Opens `url` in the browser only when it is an http(s) URL on `webHost`; otherwise refuses and counts it. */
  protected async openLink(url: string, webHost: string): Promise<boolean> {
    if (!isAllowedLink(url, webHost)) {
      this.refuse(`a link outside ${webHost}`);
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /**
   * The one path every message from the webview takes: guard first, then act. Public so
   * integration tests can feed it forged messages and watch `rejectedMessages`.
   */
  async receive(raw: unknown): Promise<void> {
    if (this.isDisposed) return;
    if (!this.site.isFromWebview(raw)) {
      this.refuse(describeRejected(raw));
      return;
    }
    try {
      if (raw.type === 'ready') await this.refresh();
      else await this.onMessage(raw);
    } catch (e) {
      console.error(`[lead-desk] ${this.viewType}: handling "${raw.type}" failed`, e);
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: {0}', describeForNotification(e)));
    }
  }

  /** Counts, logs and announces a message the panel will not act on. */
  protected refuse(reason: string): void {
    this.rejected++;
    console.warn(`[lead-desk] ${this.viewType}: dropped a webview message (${reason})`);
    this.rejectedEmitter.fire({ viewType: this.viewType, reason });
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', ...path)).toString();
    return renderShell({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      title: this.site.title,
      codiconStylesheet: media('dist', 'codicon.css'),
      stylesheets: ['panel.css', ...this.site.stylesheets].map((name) => media(name)),
      script: media('dist', `${this.site.app}.js`),
      lang: vscode.env.language,
      text: { loading: vscode.l10n.t('Loading…'), noScript: vscode.l10n.t('This panel needs scripts enabled.'), ...this.site.text?.() },
    });
  }
}
