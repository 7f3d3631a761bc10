/** Red-build alerts: the status-bar item, the notifications and {@link Commands.showRedBuilds}. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { GitHubConnection } from '../github/connection';
import { Commands } from '../ids';
import type { Stores } from '../store';
import type { WorkFeature } from '../work';
import { RedBuildAlerts } from './redBuilds';

export { RedBuildAlerts } from './redBuilds';

export interface AlertsFeatureDeps {
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly stores: Promise<Stores>;
  readonly work: WorkFeature;
}

export function registerAlerts(deps: AlertsFeatureDeps): { alerts: RedBuildAlerts; disposable: vscode.Disposable } {
  const alerts = new RedBuildAlerts(deps.config, deps.github, deps.stores, deps.work);
  // The first poll starts after activation has returned.
  setTimeout(() => void alerts.start().catch((e) => console.error('[lead-desk] red-build alerts failed to start', e)), 0);
  return {
    alerts,
    disposable: vscode.Disposable.from(alerts, vscode.commands.registerCommand(Commands.showRedBuilds, () => alerts.showRedBuilds())),
  };
}
