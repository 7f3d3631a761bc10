/**
 * Opens the stores in `globalStorageUri` (shared by every window of the user) after activation,
 * and turns what the store reports into messages: a damaged file moved aside (with a button to
 * reveal it), a save that failed and is being retried, and the all-clear once it is saved; a
 * file a newer Lead Desk wrote (once per window); changes recovered from a closed window.
 * Skipped records and recovery files go to the "Lead Desk" log; a copy kept because a change
 * touched records set aside as unreadable is told once per file.
 */
import * as vscode from 'vscode';
import { openStores, type Stores } from './store';

export function openStorage(context: vscode.ExtensionContext): Promise<Stores> {
  const dir = context.globalStorageUri.fsPath;
  const failing = new Set<string>();
  // The log channel is made at the first line it gets, not at activation: most starts log nothing.
  let channel: vscode.LogOutputChannel | undefined;
  const log = (): vscode.LogOutputChannel => {
    if (!channel) context.subscriptions.push(channel = vscode.window.createOutputChannel('Lead Desk', { log: true }));
    return channel;
  };
  let toldNewer = false;
  const copied = new Set<string>();
  return openStores(dir, {
    onRecovered: (e) => {
      log().warn(`${e.file} moved aside to ${e.movedTo}: ${e.reason}`);
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Lead Desk: {0} could not be read ({1}). It was moved aside to {2} and a fresh file started; nothing was deleted.', e.file, e.reason, e.movedTo), vscode.l10n.t('Reveal File'))
        .then((c) => c && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(e.movedTo)));
    },
    onWriteFailed: (e) => {
      log().error(e.message);
      // One message per file until it saves again; the store keeps retrying on its own.
      if (failing.has(e.file)) return;
      failing.add(e.file);
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: {0} {1} change(s) are kept in memory and will be saved when possible.', e.message, e.unsavedChanges));
    },
    onWriteResumed: (e) => {
      if (failing.delete(e.file)) void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: saving works again; nothing was lost.'));
    },
    onNewerVersion: (e) => {
      log().warn(e.message);
      // Once per window, however many files the newer version has written.
      if (toldNewer) return;
      toldNewer = true;
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Lead Desk: another window runs a newer version of Lead Desk. This window keeps its changes in memory and saves nothing until you reload it or update Lead Desk.'), vscode.l10n.t('Reload Window'))
        .then((c) => c && vscode.commands.executeCommand('workbench.action.reloadWindow'));
    },
    onRecordSkipped: (e) => log().warn(`${e.file}: ${e.line}`),
    onSetAsideCopied: (e) => {
      log().warn(`${e.message}\n${e.lines.join('\n')}`);
      // Once per file and window: the copy is made each time, the log says where.
      if (copied.has(e.file)) return;
      copied.add(e.file);
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Lead Desk: {0} held records it could not read, and a change had to touch them. The file as it was is kept at {1}; nothing was deleted.', e.file, e.copy), vscode.l10n.t('Reveal File'))
        .then((c) => c && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(e.copy)));
    },
    onRecoveryWritten: (e) => {
      if (e.recoveryFile) log().warn(`${e.file}: changes that could not be saved were written to ${e.recoveryFile}; the next start merges them`);
      else log().error(`${e.file}: changes that could not be saved could not be written to a recovery file either: ${e.error ?? 'unknown error'}`);
    },
    onRecoveryMerged: (e) => {
      log().info(`${e.file}: merged ${e.recoveryFile}, left by a window that closed before it could save`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: changes a closed window could not save were recovered and saved.'));
    },
  });
}
