/** The Morning Review feature: the command, the panel's revival after a reload, and the reminder. */
import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { Commands } from '../ids';
import { registerPanel } from '../webview/registerPanel';
import { MorningReviewPanel, type ReviewDeps } from './morningReviewPanel';
import { MorningReminder } from './reminder';

export { MorningReviewPanel } from './morningReviewPanel';

/**
 * Registers {@link Commands.startMorningReview} (it returns the panel, which integration tests use)
 * and the serializer that brings an open review back after a window reload.
 */
export function register(ctx: FeatureContext): vscode.Disposable {
  const timer = ctx.need('timer');
  const review: ReviewDeps = {
    config: ctx.config, github: ctx.github, stores: ctx.stores,
    inbox: ctx.need('inbox'), timer, calendar: ctx.need('calendar'), memento: ctx.globalState,
  };
  const panel = registerPanel(ctx.extensionUri, MorningReviewPanel.descriptor(review));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.startMorningReview, () => { timer.reportActivity('morning-review'); return panel.show(); }),
    panel,
    new MorningReminder(ctx.config, ctx.stores, ctx.globalState, () => panel.current !== undefined),
  );
}
