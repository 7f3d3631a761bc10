/** The red-build status-bar item: hidden while every watched default branch is green. */
import * as vscode from 'vscode';
import { alertLabel, alertStatusText, type WorkflowAlert } from '../core/buildAlerts';
import { formatClock } from '../core/clock';
import { Commands, StatusBarIds } from '../ids';

export class AlertStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(StatusBarIds.redBuilds, vscode.StatusBarAlignment.Left, 99);

  constructor() {
    this.item.name = vscode.l10n.t('Lead Desk Red Builds');
    this.item.command = Commands.showRedBuilds;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  render(red: readonly WorkflowAlert[]): void {
    if (red.length === 0) {
      this.item.hide();
      this.item.text = '';
      return;
    }
    this.item.text = alertStatusText(red);
    const md = new vscode.MarkdownString('', false);
    md.isTrusted = false;
    md.appendMarkdown(`**${vscode.l10n.t('Lead Desk — red on the default branch')}**\n\n`);
    // Workflow names come from GitHub: text, never Markdown.
    for (const a of red) md.appendText(`${vscode.l10n.t('{0} — red since {1}', alertLabel(a), formatClock(a.since, vscode.env.language))}\n`);
    md.appendMarkdown(`\n${red.length > 1 ? vscode.l10n.t('Click to pick one to open.') : vscode.l10n.t('Click to open the run.')}`);
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
