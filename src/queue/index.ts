/** The Code Review Queue: its data comes from the inbox the tree draws; check-out goes through git. */
import * as vscode from 'vscode';
import { notificationSafe } from '../util/errors';
import type { Config } from '../config';
import type { ManagerialSignal } from '../core/autoMode';
import type { FeatureContext } from '../feature';
import { webHostFor } from '../github/api';
import { Commands } from '../ids';
import type { InboxService } from '../inbox/inboxService';
import { registerPanel } from '../webview/registerPanel';
import { ReviewQueuePanel } from './panel';
import type { ReviewQueueSource } from './source';

export function register(ctx: FeatureContext): vscode.Disposable {
  const timer = ctx.need('timer');
  // Tells the timer the lead turned to reviews ({@link Settings.autoMode}).
  const reportActivity = (signal: ManagerialSignal) => timer.reportActivity(signal);
  const source = inboxQueueSource(ctx.config, ctx.need('inbox'), reportActivity);
  const panel = registerPanel(ctx.extensionUri, ReviewQueuePanel.descriptor(source));
  return vscode.Disposable.from(
    source,
    panel,
    vscode.commands.registerCommand(Commands.openReviewQueue, () => { reportActivity('review-queue'); return panel.show(); }),
  );
}

/** The queue's view of the inbox. Disposing it drops its emitter and its listeners on the inbox and the settings. */
export function inboxQueueSource(config: Config, inbox: InboxService, reportActivity: (signal: ManagerialSignal) => void = () => undefined): ReviewQueueSource & vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const owned = vscode.Disposable.from(
    changed,
    inbox.onDidChange(() => changed.fire()),
    config.onDidChange(() => changed.fire()),
  );
  return {
    dispose: () => owned.dispose(),
    snapshot: () => {
      const s = inbox.snapshot;
      const settings = config.settings;
      return {
        decisions: inbox.decisions.decide(s), asOf: s.asOf,
        notice: s.failure ? s.failure.describe() : s.missing.length > 0 ? `GitHub did not send ${s.missing.join(', ')} — showing the rest` : null,
        loading: s.asOf === null && s.failure === null && (s.signedIn || !s.signInKnown), saved: s.fromSnapshot,
        slaHours: settings.slaHours,
      };
    },
    onDidChange: changed.event,
    snooze: (repo, number, until) => inbox.snooze(repo, number, until),
    checkOut: async (repo, number) => {
      reportActivity('checkout');
      const review = inbox.snapshot.reviews.find((r) => r.repo === repo && r.number === number);
      // Runs git where the workspace is (the remote host in a remote window), see workspaceGit.ts.
      const branch = await inbox.repositories.checkOutPullRequest(repo, number);
      if (!branch) {
        // Not open in this workspace: the browser is the next best place to review it.
        if (review?.url) await vscode.env.openExternal(vscode.Uri.parse(review.url));
        return;
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: checked out {0}#{1} as {2}.', repo, number, notificationSafe(branch)));
    },
    webHost: () => webHostFor(config.settings.apiUrl),
  };
}
