/**
 * Opens the stores in `globalStorageUri` (shared by every window of the user) after activation,
 * and turns what the store reports into messages: a damaged file moved aside (with a button to
 * reveal it), a save that failed and is being retried, and the all-clear once it is saved.
 */
import * as vscode from 'vscode';
import { openStores, type Stores } from './store';

export function openStorage(context: vscode.ExtensionContext): Promise<Stores> {
  const dir = context.globalStorageUri.fsPath;
  const failing = new Set<string>();
  return openStores(dir, {
    onRecovered: (e) => {
      void vscode.window
        .showWarningMessage(`Lead Desk: ${e.file} could not be read (${e.reason}). It was moved aside to ${e.movedTo} and a fresh file started; nothing was deleted.`, 'Reveal File')
        .then((c) => c && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(e.movedTo)));
    },
    onWriteFailed: (e) => {
      // One message per file until it saves again; the store keeps retrying on its own.
      if (failing.has(e.file)) return;
      failing.add(e.file);
      void vscode.window.showErrorMessage(`Lead Desk: ${e.message} ${e.unsavedChanges} change(s) are kept in memory and will be saved when possible.`);
    },
    onWriteResumed: (e) => {
      if (failing.delete(e.file)) void vscode.window.showInformationMessage('Lead Desk: saving works again; nothing was lost.');
    },
  });
}
