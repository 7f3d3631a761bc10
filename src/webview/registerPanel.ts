/**
 * One declarative descriptor per panel (after GitLens's `src/webviews/*\/registration.ts`):
 * `registerPanel` gives the panel its show/focus, its `current`, its revival after a window
 * reload, and its disposal with the feature (so with `context.subscriptions` on deactivate).
 */
import * as vscode from 'vscode';
import { WebviewPanelHost, webviewOptions, type PanelSite } from './panel';
import type { PanelProtocol } from './protocol';

type AnyPanelHost = WebviewPanelHost<{ readonly type: string }, unknown>;

/** What every panel of a kind shares. */
export interface PanelConstants<In extends { readonly type: string }> {
  readonly viewType: string;
  /** A constant: it goes into the HTML shell and the tab. */
  readonly title: string;
  /** The webview app: `media/dist/<app>.js`, built from `webview-src/<app>.ts`. */
  readonly app: string;
  /** Stylesheets in `media/` after the shared `panel.css`. */
  readonly stylesheets: readonly string[];
  /** Messages the guard refuses are logged, counted and dropped. */
  readonly protocol: PanelProtocol<{ readonly type: string }, In>;
  /** The webview's visible strings, each a `vscode.l10n.t(…)`: the script reads them with `hostText`. */
  readonly text?: () => Readonly<Record<string, string>>;
}

export interface PanelDescriptor<P extends AnyPanelHost, In extends { readonly type: string }, Args extends readonly unknown[] = []> extends PanelConstants<In> {
  /** Builds the host around a new webview panel, for `show(...args)`. */
  readonly create: (site: PanelSite<In>, ...args: Args) => P;
  /** Builds the host around a panel VS Code brings back after a reload; `undefined` closes it. */
  readonly revive: (site: PanelSite<In>) => P | undefined;
  /** Whether `show(...args)` reveals the open panel (the default) or replaces it with a new one. */
  readonly reuse?: (open: P, ...args: Args) => boolean;
}

export interface PanelRegistration<P extends AnyPanelHost, Args extends readonly unknown[]> extends vscode.Disposable {
  /** Opens the panel, or reveals the open one (see `reuse`). */
  show(...args: Args): P;
  /** The open panel, if any. */
  readonly current: P | undefined;
}

/**
 * Registers the serializer (activation must include `onWebviewPanel:<viewType>`) and returns the
 * panel's handle. Disposing it closes the open panel too.
 */
export function registerPanel<P extends AnyPanelHost, In extends { readonly type: string }, Args extends readonly unknown[]>(
  extensionUri: vscode.Uri,
  descriptor: PanelDescriptor<P, In, Args>,
): PanelRegistration<P, Args> {
  const serializer = vscode.window.registerWebviewPanelSerializer(descriptor.viewType, {
    // A revived panel that finds one already open (the command ran first) is closed instead.
    deserializeWebviewPanel: async (webviewPanel) => {
      if (currentPanel<P>(descriptor.viewType) || !descriptor.revive(panelSite(extensionUri, descriptor, webviewPanel))) webviewPanel.dispose();
    },
  });
  return {
    show: (...args) => showPanel(extensionUri, descriptor, ...args),
    get current() {
      return currentPanel<P>(descriptor.viewType);
    },
    dispose: () => {
      serializer.dispose();
      currentPanel<P>(descriptor.viewType)?.dispose();
    },
  };
}

/** `show` without a serializer, for a benchmark that measures opening a panel of its own. */
export function showPanel<P extends AnyPanelHost, In extends { readonly type: string }, Args extends readonly unknown[]>(
  extensionUri: vscode.Uri,
  descriptor: PanelDescriptor<P, In, Args>,
  ...args: Args
): P {
  const open = currentPanel<P>(descriptor.viewType);
  if (open && (descriptor.reuse?.(open, ...args) ?? true)) {
    open.reveal();
    return open;
  }
  open?.dispose();
  const webviewPanel = vscode.window.createWebviewPanel(
    descriptor.viewType,
    descriptor.title,
    { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
    { ...webviewOptions(extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
  );
  return descriptor.create(panelSite(extensionUri, descriptor, webviewPanel), ...args);
}

/** The open panel of a kind (`openPanel(ReviewQueuePanel)`), for the extension's test API. */
export function openPanel<P extends AnyPanelHost>(kind: { readonly viewType: string; readonly prototype: P }): P | undefined {
  return currentPanel<P>(kind.viewType);
}

function currentPanel<P extends AnyPanelHost>(viewType: string): P | undefined {
  return WebviewPanelHost.open(viewType) as P | undefined;
}

function panelSite<In extends { readonly type: string }>(
  extensionUri: vscode.Uri,
  descriptor: PanelConstants<In>,
  webviewPanel: vscode.WebviewPanel,
): PanelSite<In> {
  const { viewType, title, app, stylesheets, protocol, text } = descriptor;
  return { extensionUri, webviewPanel, viewType, title, app, stylesheets, isFromWebview: protocol.isFromWebview, text };
}
