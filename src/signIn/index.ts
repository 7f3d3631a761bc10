/** Signing in and out of GitHub: {@link Commands.signIn} and {@link Commands.signOut}. */
import * as vscode from 'vscode';
import { describeForNotification, notificationSafe } from '../util/errors';
import { Commands } from '../ids';
import type { FeatureContext } from '../feature';

const SIGNED_OUT_MESSAGE = {
  token: () => vscode.l10n.t('Lead Desk: signed out of GitHub; the token was removed from this machine. Lead Desk will not use GitHub until you sign in again.'),
  vscode: () => vscode.l10n.t('Lead Desk: signed out; Lead Desk will not use your VS Code GitHub account until you run "Lead Desk: Sign In to GitHub". VS Code itself stays signed in (see the Accounts menu).'),
  none: () => vscode.l10n.t('Lead Desk: not signed in to GitHub; it will not use GitHub until you sign in.'),
} as const;

export function register(ctx: FeatureContext): vscode.Disposable {
  const { github } = ctx;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.signIn, async () => {
      try {
        const login = await github.auth.signIn();
        if (login) void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: signed in to GitHub as {0}.', notificationSafe(login)));
        return login;
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: sign-in failed: {0}', describeForNotification(e)));
        return undefined;
      }
    }),
    vscode.commands.registerCommand(Commands.signOut, async () => {
      const from = await github.auth.signOut();
      github.cache.clear();
      void vscode.window.showInformationMessage(SIGNED_OUT_MESSAGE[from]());
      return from;
    }),
  );
}
