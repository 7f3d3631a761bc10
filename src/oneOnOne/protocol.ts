/**
 * Messages between the 1:1 host and its webview. Both sides compile against this file, so it
 * must not import `vscode`.
 */
import { MAX_NOTES_LENGTH, type OneOnOneItems } from '../core/oneOnOne';
import { boundedString, integerIn, isBoolean, messageGuard, type ReadyMessage } from '../webview/messageGuard';
import { panelProtocol, type DataOrError } from '../webview/protocol';

export interface OneOnOneView extends OneOnOneItems {
  readonly login: string;
  /** `yyyy-MM-dd`: the 1:1 whose notes are being written, the day the panel was opened. */
  readonly date: string;
  /** That day's notes as stored now (another window's saves included). */
  readonly todayNotes: string;
  /**
   * The answer to the webview's latest save (`seq` as it sent it): `theirs` is what another
   * window had saved meanwhile, kept with the saved text, or null; `failed` when it was not saved.
   */
  readonly notesSaved: { readonly seq: number; readonly theirs: string | null; readonly failed: boolean } | null;
  /** Earlier 1:1s, newest first. */
  readonly pastNotes: readonly { readonly date: string; readonly notes: string }[];
  /** Open items first (oldest first), then the ones checked off. */
  readonly actions: readonly { readonly id: string; readonly text: string; readonly date: string; readonly done: boolean }[];
  /** What of this teammate's 1:1 record could not be read (it stays in the file), or null. */
  readonly unreadable: string | null;
  /** Why GitHub items may be missing or stale, or null. */
  readonly notice: string | null;
  /**
   * The next meeting in the lead's calendars with this teammate among its attendees
   * ("Tue 8 Dec 14:00–14:30 · Team sync"), or null (none, or no calendar connected).
   */
  readonly nextMeeting: string | null;
  /**
   * How quickly they pick reviews up, in the host's words ("picks reviews up in 6h median this
   * month, 3h before"), or null (no review of theirs in the last 4 weeks, or not read yet).
   */
  readonly reviewPickup: string | null;
}

export type OneOnOneToWebview = DataOrError<OneOnOneView>;

export type OneOnOneFromWebview =
  | ReadyMessage
  /** `base`: the stored text the edit started from; `seq` numbers the saves of one webview. */
  | { readonly type: 'saveNotes'; readonly notes: string; readonly base: string; readonly seq: number }
  | { readonly type: 'addAction'; readonly text: string }
  | { readonly type: 'toggleAction'; readonly id: string; readonly done: boolean }
  | { readonly type: 'open'; readonly url: string };

export const isOneOnOneMessage = messageGuard<OneOnOneFromWebview>({
  ready: {},
  saveNotes: { notes: boundedString(MAX_NOTES_LENGTH), base: boundedString(MAX_NOTES_LENGTH), seq: integerIn(1, Number.MAX_SAFE_INTEGER) },
  addAction: { text: boundedString(500) },
  toggleAction: { id: boundedString(60, /^a-[0-9a-z]+-[0-9a-f]+$/), done: isBoolean },
  open: { url: boundedString(2_000) },
});

export const oneOnOneProtocol = panelProtocol<OneOnOneToWebview, OneOnOneFromWebview>(isOneOnOneMessage);

/** The webview's strings, sent by the host in the display language (`oneOnOneText`, read with `hostText`). */
export const ONE_ON_ONE_TEXT_KEYS = [
  'nothingHere', 'nextMeeting', 'delegated', 'agentWork', 'waitingOnLead', 'leadWaitsOn', 'nudges', 'actionItems', 'newActionItem', 'add', 'notesOn',
  'earlier', 'noEarlierNotes', 'saving', 'conflict', 'notSaved', 'saved', 'titleWith', 'fromDate',
] as const;
export type OneOnOneText = Readonly<Record<(typeof ONE_ON_ONE_TEXT_KEYS)[number], string>>;
