/**
 * The lead's own signals in the editor, told apart from everything else VS Code reports (an AI
 * agent's or another extension's edits, a Live Share guest, files changed on disk, output
 * channels, other windows) by the pure rules of core/leadActivity.ts. The timer's idle detection
 * listens to `onPresence`, automatic mode to `onDidEdit`.
 */
import * as vscode from 'vscode';
import { LeadEditPairing, isLeadSelection, type EditorEventPlace, type SelectionSource } from '../core/leadActivity';
import { Disposable } from '../util/disposable';

export interface LeadEdit {
  /** When the edited text changed. */
  readonly at: number;
  readonly document: vscode.TextDocument;
}

function selectionSource(kind: vscode.TextEditorSelectionChangeKind | undefined): SelectionSource {
  switch (kind) {
    case vscode.TextEditorSelectionChangeKind.Keyboard: return 'keyboard';
    case vscode.TextEditorSelectionChangeKind.Mouse: return 'mouse';
    case vscode.TextEditorSelectionChangeKind.Command: return 'command';
    default: return 'other'; // the text moved under the cursor (someone else's edit)
  }
}

function placeOf(document: vscode.TextDocument, inActiveEditor: boolean): EditorEventPlace {
  return { document: document.uri.toString(), scheme: document.uri.scheme, inActiveEditor, windowFocused: vscode.window.state.focused };
}

export class LeadActivity extends Disposable {
  private readonly pairing = new LeadEditPairing();
  private readonly edited = this.register(new vscode.EventEmitter<LeadEdit>());
  /** The lead typed in a document (see core/leadActivity.ts for what counts). */
  readonly onDidEdit = this.edited.event;
  private readonly present = this.register(new vscode.EventEmitter<number>());
  /** The lead did something in the editor: their own selection change or edit. */
  readonly onPresence = this.present.event;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      const at = this.pairing.change(placeOf(e.document, vscode.window.activeTextEditor?.document === e.document), this.now());
      if (at !== null) this.edit(at, e.document);
    }));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => {
      const at = this.now();
      const place = placeOf(e.textEditor.document, e.textEditor === vscode.window.activeTextEditor);
      const source = selectionSource(e.kind);
      if (!isLeadSelection(place, source)) return;
      this.present.fire(at);
      const editedAt = this.pairing.selection(place, source, at);
      if (editedAt !== null) this.edit(editedAt, e.textEditor.document);
    }));
  }

  private edit(at: number, document: vscode.TextDocument): void {
    this.edited.fire({ at, document });
    this.present.fire(at);
  }
}
