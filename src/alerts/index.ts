/** Red-build alerts: the status-bar item, the notifications and {@link Commands.showRedBuilds}. Provides `alerts`. */
import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { Commands } from '../ids';
import { RedBuildAlerts } from './redBuilds';

export { RedBuildAlerts } from './redBuilds';

export function register(ctx: FeatureContext): vscode.Disposable {
  const alerts = new RedBuildAlerts(ctx.config, ctx.github, ctx.stores, ctx.need('inbox'));
  // The first poll starts after activation has returned.
  setTimeout(() => void alerts.start().catch((e) => console.error('[lead-desk] red-build alerts failed to start', e)), 0);
  ctx.provide('alerts', alerts);
  return vscode.Disposable.from(alerts, vscode.commands.registerCommand(Commands.showRedBuilds, () => alerts.showRedBuilds()));
}
