/**
 * Composition root: creates the shared pieces and the features, hands them to
 * `context.subscriptions`, and returns. No network and no slow disk read happens here —
 * features start their first refresh after activation returns.
 */
import * as vscode from 'vscode';
import { Config } from './config';
import { Commands } from './ids';
import { registerNotYetBuilt } from './notYetBuilt';
import type { LeadDeskSettings, SettingProblem } from './settings';

/** What the extension exports: used by the integration tests and the activation benchmark. */
export interface LeadDeskApi {
  readonly activationMs: number;
  settings(): LeadDeskSettings;
  readonly onSettingProblem: vscode.Event<SettingProblem>;
}

export function activate(context: vscode.ExtensionContext): LeadDeskApi {
  const started = performance.now();
  const config = new Config();
  context.subscriptions.push(config);

  const status = vscode.window.createStatusBarItem('leadDesk.timer', vscode.StatusBarAlignment.Left, 100);
  status.name = 'Lead Desk Timer';
  status.text = '$(debug-pause) Paused';
  status.command = Commands.switchMode;
  status.show();
  context.subscriptions.push(status);

  context.subscriptions.push(registerNotYetBuilt(Object.values(Commands)));

  return { activationMs: performance.now() - started, settings: () => config.settings, onSettingProblem: config.onProblem };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
