/** `leadDesk.signIn` and `leadDesk.signOut`. */
import * as vscode from 'vscode';
import { describeForNotification, notificationSafe } from '../util/errors';
import { Commands } from '../ids';
import type { GitHubConnection } from './connection';

export function registerAuthCommands(github: GitHubConnection): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.signIn, async () => {
      try {
        const login = await github.auth.signIn();
        if (login) void vscode.window.showInformationMessage(`Lead Desk: signed in to GitHub as ${notificationSafe(login)}.`);
        return login;
      } catch (e) {
        void vscode.window.showErrorMessage(`Lead Desk: sign-in failed: ${describeForNotification(e)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(Commands.signOut, async () => {
      await github.auth.signOut();
      github.cache.clear();
      void vscode.window.showInformationMessage('Lead Desk: signed out of GitHub; the token was removed from this machine.');
    }),
  );
}
