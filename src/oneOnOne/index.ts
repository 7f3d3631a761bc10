/** "Lead Desk: Prepare 1:1 with…": pick a teammate, open the 1:1 panel. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { Commands } from '../ids';
import type { Stores } from '../store';
import type { WorkFeature } from '../work';
import { registerPanel } from '../webview/registerPanel';
import { OneOnOnePanel, type OneOnOneDeps } from './panel';
import { type TimerController } from '../timer/timerController';

export { OneOnOnePanel } from './panel';

export interface OneOnOneFeatureDeps {
  readonly context: vscode.ExtensionContext;
  readonly config: Config;
  readonly stores: Promise<Stores>;
  readonly work: WorkFeature;
  /** Tells the timer the lead turned to a 1:1 (leadDesk.timer.autoMode). */
  readonly timer: Pick<TimerController, 'reportActivity'>;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** The command returns the panel (integration tests use it); `login` skips the pick. */
export function registerOneOnOne(deps: OneOnOneFeatureDeps): vscode.Disposable {
  const memento = deps.context.globalState;
  const panelDeps: OneOnOneDeps = { config: deps.config, stores: deps.stores, work: deps.work, memento };
  const panel = registerPanel(deps.context.extensionUri, OneOnOnePanel.descriptor(panelDeps));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.prepareOneOnOne, async (login?: string) => {
      const who = typeof login === 'string' && LOGIN.test(login) ? login : await pickTeammate(deps);
      if (!who) return undefined;
      deps.timer.reportActivity('one-on-one');
      await OneOnOnePanel.remember(memento, who);
      return panel.show(who);
    }),
    panel,
  );
}

async function pickTeammate(deps: OneOnOneFeatureDeps): Promise<string | undefined> {
  const team = deps.config.settings.teamMembers;
  const snapshot = deps.work.model.snapshot;
  const others = new Set<string>();
  for (const t of snapshot.tasks) if (!t.doneAt) others.add(t.assignee);
  for (const i of snapshot.delegatedIssues) i.assignees.forEach((a) => others.add(a));
  const items: vscode.QuickPickItem[] = [
    ...team.map((label) => ({ label, description: 'team' })),
    ...[...others].filter((o) => LOGIN.test(o) && !team.some((m) => m.toLowerCase() === o.toLowerCase())).sort().map((label) => ({ label, description: 'has delegated work' })),
    { label: 'Someone else…', alwaysShow: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Lead Desk: Prepare 1:1 with…', placeHolder: 'Who is the 1:1 with?' });
  if (!pick) return undefined;
  if (pick.label !== 'Someone else…') return pick.label;
  const typed = await vscode.window.showInputBox({ prompt: 'GitHub login', validateInput: (v) => (LOGIN.test(v.trim()) ? undefined : 'A GitHub login') });
  return typed?.trim() || undefined;
}
