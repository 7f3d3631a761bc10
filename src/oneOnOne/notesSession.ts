/**
 * The notes side of one open 1:1 panel, without `vscode` (unit tested): the panel writes the
 * notes of the day it was opened for, whatever the clock says when a message arrives (a panel
 * left open across midnight keeps writing that day's 1:1), and each save carries the text it was
 * based on, so a save that meets another window's text keeps both.
 */
import { toLocalDate } from '../core/localDate';
import type { OneOnOneStore, SavedNotes } from '../store/oneOnOneStore';

/** The answer to the webview's save number `seq`. */
export interface NotesSaveAck {
  readonly seq: number;
  /** Another window's text kept with the saved one (see `OneOnOneStore.saveNotes`), or null. */
  readonly theirs: string | null;
  /** The save failed (the error was shown): nothing of it is stored. */
  readonly failed: boolean;
}

export class NotesSession {
  /** `yyyy-MM-dd`, local: the 1:1 whose notes this panel writes. */
  readonly date: string;
  private ack: NotesSaveAck | null = null;

  /** `now` is read once here for the day, and at each save for its time. */
  constructor(
    private readonly store: Promise<Pick<OneOnOneStore, 'saveNotes' | 'addAction'>>,
    readonly login: string,
    private readonly now: () => number,
  ) {
    this.date = toLocalDate(now());
  }

  /** The answer to the latest save, for the next view the webview gets. */
  get lastSave(): NotesSaveAck | null {
    return this.ack;
  }

  async save(notes: string, base: string, seq: number): Promise<SavedNotes> {
    // The webview sends one save at a time and waits for this answer before the next.
    try {
      const saved = await (await this.store).saveNotes(this.login, this.date, notes, this.now(), base);
      this.ack = { seq, theirs: saved.theirs, failed: false };
      return saved;
    } catch (e) {
      this.ack = { seq, theirs: null, failed: true };
      throw e;
    }
  }

  async addAction(text: string): Promise<void> {
    await (await this.store).addAction(this.login, text, this.date, this.now());
  }
}
