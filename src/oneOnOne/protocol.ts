/**
 * Messages between the 1:1 host and its webview. Both sides compile against this file, so it
 * must not import `vscode`.
 */
import type { OneOnOneItems } from '../core/oneOnOne';
import { boundedString, isBoolean, messageGuard, type ReadyMessage } from '../webview/messageGuard';
import { panelProtocol, type DataOrError } from '../webview/protocol';

export interface OneOnOneView extends OneOnOneItems {
  readonly login: string;
  /** Today, `yyyy-MM-dd`: the 1:1 whose notes are being written. */
  readonly date: string;
  readonly todayNotes: string;
  /** Earlier 1:1s, newest first. */
  readonly pastNotes: readonly { readonly date: string; readonly notes: string }[];
  /** Open items first (oldest first), then the ones checked off. */
  readonly actions: readonly { readonly id: string; readonly text: string; readonly date: string; readonly done: boolean }[];
  /** Why GitHub items may be missing or stale, or null. */
  readonly notice: string | null;
}

export type OneOnOneToWebview = DataOrError<OneOnOneView>;

export type OneOnOneFromWebview =
  | ReadyMessage
  | { readonly type: 'saveNotes'; readonly notes: string }
  | { readonly type: 'addAction'; readonly text: string }
  | { readonly type: 'toggleAction'; readonly id: string; readonly done: boolean }
  | { readonly type: 'open'; readonly url: string };

export const isOneOnOneMessage = messageGuard<OneOnOneFromWebview>({
  ready: {},
  saveNotes: { notes: boundedString(20_000) },
  addAction: { text: boundedString(500) },
  toggleAction: { id: boundedString(60, /^a-[0-9a-z]+-[0-9a-f]+$/), done: isBoolean },
  open: { url: boundedString(2_000) },
});

export const oneOnOneProtocol = panelProtocol<OneOnOneToWebview, OneOnOneFromWebview>(isOneOnOneMessage);
