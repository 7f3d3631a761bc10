/**
 * What every panel protocol shares. Each `src/<feature>/protocol.ts` declares `ToWebview` (what
 * the host posts) and `FromWebview` (what the webview posts, checked by the guard), and both
 * sides compile against it. Free of `vscode`: esbuild bundles it into the webviews.
 */
export type { ReadyMessage } from './messageGuard';

/** The host's one message to a webview: the panel's data, or why it could not be built. */
export type DataOrError<T> =
  | { readonly type: 'data'; readonly data: T }
  /** Shown where the data would be (the notice banner). */
  | { readonly type: 'error'; readonly message: string };

/** A panel's protocol: the guard for what its webview sends, and (as a type) what it receives. */
export interface PanelProtocol<ToWebview extends { readonly type: string }, FromWebview extends { readonly type: string }> {
  readonly isFromWebview: (x: unknown) => x is FromWebview;
  /** Never set: carries the `ToWebview` type to `registerPanel`. */
  readonly toWebview?: ToWebview;
}

export function panelProtocol<ToWebview extends { readonly type: string }, FromWebview extends { readonly type: string }>(
  isFromWebview: (x: unknown) => x is FromWebview,
): PanelProtocol<ToWebview, FromWebview> {
  return { isFromWebview };
}

/** The id of the JSON block in the shell that carries a panel's strings (`ShellParts.text`, read by `hostText`). */
export const TEXT_ELEMENT_ID = 'lead-desk-text';
