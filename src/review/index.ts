/** The Morning Review feature: the command, the panel's revival after a reload, and the reminder. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { GitHubConnection } from '../github/connection';
import { Commands } from '../ids';
import type { Stores } from '../store';
import type { TimerController } from '../timer/timerController';
import { registerPanel } from '../webview/registerPanel';
import type { WorkFeature } from '../work';
import { MorningReviewPanel, type ReviewDeps } from './morningReviewPanel';
import { MorningReminder } from './reminder';

export { MorningReviewPanel } from './morningReviewPanel';

export interface MorningReviewFeatureDeps {
  readonly context: vscode.ExtensionContext;
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly stores: Promise<Stores>;
  readonly work: WorkFeature;
  readonly timer: TimerController;
}

/**
 * Registers {@link Commands.startMorningReview} (it returns the panel, which integration tests use)
 * and the serializer that brings an open review back after a window reload.
 */
export function registerMorningReview(deps: MorningReviewFeatureDeps): vscode.Disposable {
  const review: ReviewDeps = {
    config: deps.config, github: deps.github, stores: deps.stores,
    work: deps.work, timer: deps.timer, memento: deps.context.globalState,
  };
  const panel = registerPanel(deps.context.extensionUri, MorningReviewPanel.descriptor(review));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.startMorningReview, () => { deps.timer.reportActivity('morning-review'); return panel.show(); }),
    panel,
    new MorningReminder(deps.config, deps.stores, deps.context.globalState, () => panel.current !== undefined),
  );
}
