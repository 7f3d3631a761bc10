/**
 * Messages between the Time Balance host and its webview. Both sides compile against this file
 * (esbuild bundles it into the webview), so it must not import `vscode`.
 */
import { messageGuard, type ReadyMessage } from '../webview/messageGuard';
import type { BalanceReport } from './report';

export type BalanceToWebview =
  | { readonly type: 'data'; readonly report: BalanceReport }
  /** The report could not be built: shown in the notice banner. */
  | { readonly type: 'error'; readonly message: string };

/** The "Export CSV…" button: the host runs `leadDesk.exportTime`. */
export interface ExportMessage {
  readonly type: 'export';
}

export type BalanceFromWebview = ReadyMessage | ExportMessage;

export const isBalanceMessage = messageGuard<BalanceFromWebview>({
  ready: {},
  export: {},
});
