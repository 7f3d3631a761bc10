/**
 * Which editor events are the lead's own doing. VS Code reports every change to a document — the
 * lead's typing, but also an AI agent's or another extension's `WorkspaceEdit`, a Live Share
 * guest, a file rewritten on disk, an output channel — and every selection change, including the
 * ones an extension makes. Only the lead's own signals may count toward automatic mode or keep
 * idle detection from firing. Pure: the shell (timer/) passes the facts it reads from `vscode`.
 *
 * The rules:
 * - A document counts only if its scheme is one the lead edits in: {@link LEAD_SCHEMES}
 *   (`output:`, `git:`, settings, diff views, search results… never count).
 * - Only in the active editor of a focused window: nothing that happens in a window the lead is
 *   not looking at, or in a document that is not in front of them, is the lead.
 * - A selection change counts when the keyboard or the mouse made it; one made by a command or by
 *   the text moving under the cursor (`kind` undefined) is not the lead.
 * - A text change counts as the lead's edit only when a keyboard selection change in the same
 *   document comes with it, within {@link TYPING_PAIR_MS} before or after: typing moves the
 *   cursor, an edit applied by code does not.
 */

/** Schemes of documents the lead types in: files (local or, from the UI side, remote), new untitled files, notebook cells. */
export const LEAD_SCHEMES: readonly string[] = ['file', 'vscode-remote', 'untitled', 'vscode-notebook-cell'];

/** How far apart a text change and the keyboard selection change that proves it was typed may be. */
export const TYPING_PAIR_MS = 1_000;

export type SelectionSource = 'keyboard' | 'mouse' | 'command' | 'other';

/** Where an editor event happened, as the shell reads it at the time of the event. */
export interface EditorEventPlace {
  /** The document's URI, as a string: events about the same document carry the same one. */
  readonly document: string;
  readonly scheme: string;
  /** The document is the one in the active text editor. */
  readonly inActiveEditor: boolean;
  /** `window.state.focused`. */
  readonly windowFocused: boolean;
}

export function isLeadScheme(scheme: string): boolean {
  return LEAD_SCHEMES.includes(scheme);
}

/** In front of the lead: a lead scheme, in the active editor of a focused window. */
export function inFrontOfLead(place: EditorEventPlace): boolean {
  return place.windowFocused && place.inActiveEditor && isLeadScheme(place.scheme);
}

/** A selection change the lead made (keyboard or mouse), in front of them. */
export function isLeadSelection(place: EditorEventPlace, source: SelectionSource): boolean {
  return inFrontOfLead(place) && (source === 'keyboard' || source === 'mouse');
}

/**
 * Pairs text changes with the keyboard selection changes that come with typing. Feed it every
 * text change and selection change; `change` and `selection` return the time of a lead's edit
 * when one is established by that event (the change's own time), else null.
 */
export class LeadEditPairing {
  private lastKeyboard: { readonly document: string; readonly at: number } | null = null;
  private pending: { readonly document: string; readonly at: number } | null = null;

  /** A change to a document's text (with at least one content change). */
  change(place: EditorEventPlace, at: number): number | null {
    if (!inFrontOfLead(place)) return null;
    const k = this.lastKeyboard;
    if (k && k.document === place.document && Math.abs(at - k.at) <= TYPING_PAIR_MS) {
      this.pending = null;
      return at;
    }
    this.pending = { document: place.document, at };
    return null;
  }

  /** A selection change in an editor. */
  selection(place: EditorEventPlace, source: SelectionSource, at: number): number | null {
    if (!isLeadSelection(place, source) || source !== 'keyboard') return null;
    this.lastKeyboard = { document: place.document, at };
    const p = this.pending;
    if (p && p.document === place.document && Math.abs(at - p.at) <= TYPING_PAIR_MS) {
      this.pending = null;
      return p.at;
    }
    return null;
  }
}
