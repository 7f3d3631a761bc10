/** "Lead Desk: Prepare 1:1 with…": pick a teammate, open the 1:1 panel. */
import * as vscode from 'vscode';
import { peopleOnly } from '../core/aiReviews';
import type { FeatureContext } from '../feature';
import { Commands } from '../ids';
import type { InboxService } from '../inbox/inboxService';
import { registerPanel } from '../webview/registerPanel';
import { OneOnOnePanel, type OneOnOneDeps } from './panel';
import { LOGIN } from '../core/login';

export { OneOnOnePanel } from './panel';


/** The command returns the panel (integration tests use it); `login` skips the pick. */
export function register(ctx: FeatureContext): vscode.Disposable {
  const memento = ctx.globalState;
  const inbox = ctx.need('inbox');
  const timer = ctx.need('timer');
  const panelDeps: OneOnOneDeps = { config: ctx.config, stores: ctx.stores, inbox, memento, calendar: ctx.need('calendar'), turnaround: ctx.need('turnaround') };
  const panel = registerPanel(ctx.extensionUri, OneOnOnePanel.descriptor(panelDeps));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.prepareOneOnOne, async (login?: string) => {
      const who = typeof login === 'string' && LOGIN.test(login) ? login : await pickTeammate(peopleOnly(ctx.config.settings.teamMembers, ctx.config.settings.teamAgents), inbox);
      if (!who) return undefined;
      // Tells the timer the lead turned to a 1:1 ({@link Settings.autoMode}).
      timer.reportActivity('one-on-one');
      await OneOnOnePanel.remember(memento, who);
      return panel.show(who);
    }),
    panel,
  );
}

async function pickTeammate(team: readonly string[], inbox: InboxService): Promise<string | undefined> {
  const snapshot = inbox.snapshot;
  const others = new Set<string>();
  for (const t of snapshot.tasks) if (!t.doneAt) others.add(t.assignee);
  for (const i of snapshot.delegatedIssues) i.assignees.forEach((a) => others.add(a));
  const someoneElse = vscode.l10n.t('Someone else…');
  const items: vscode.QuickPickItem[] = [
    ...team.map((label) => ({ label, description: vscode.l10n.t('team') })),
    ...[...others].filter((o) => LOGIN.test(o) && !team.some((m) => m.toLowerCase() === o.toLowerCase())).sort().map((label) => ({ label, description: vscode.l10n.t('has delegated work') })),
    { label: someoneElse, alwaysShow: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Lead Desk: Prepare 1:1 with…'), placeHolder: vscode.l10n.t('Who is the 1:1 with?') });
  if (!pick) return undefined;
  if (pick.label !== someoneElse) return pick.label;
  const typed = await vscode.window.showInputBox({ prompt: vscode.l10n.t('GitHub login'), validateInput: (v) => (LOGIN.test(v.trim()) ? undefined : vscode.l10n.t('A GitHub login')) });
  return typed?.trim() || undefined;
}
