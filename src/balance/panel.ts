/** The Time Balance panel (host side): today's and this week's split, from a `BalanceSource`. */
import * as vscode from 'vscode';
import { Commands, ViewTypes } from '../ids';
import { interval } from '../util/disposable';
import { WebviewPanelHost, registerPanelSerializer } from '../webview/panel';
import { isBalanceMessage, type BalanceFromWebview, type BalanceToWebview } from './protocol';
import { buildBalanceReport, weekRange } from './report';
import type { BalanceSource } from './source';

/** A running entry grows while the panel is open: redraw this often (only while visible). */
const TICK_MS = 60_000;

export class BalancePanel extends WebviewPanelHost<BalanceFromWebview, BalanceToWebview> {
  static readonly viewType = ViewTypes.balance;

  /** Opens the report, or reveals it when it is already open. */
  static show(extensionUri: vscode.Uri, source: BalanceSource): BalancePanel {
    const open = BalancePanel.current;
    if (open) {
      open.reveal();
      return open;
    }
    return new BalancePanel(extensionUri, source);
  }

  static get current(): BalancePanel | undefined {
    return WebviewPanelHost.existing<BalancePanel>(BalancePanel.viewType);
  }

  /** Brings an open report back after a window reload; add the result to `context.subscriptions`. */
  static registerSerializer(extensionUri: vscode.Uri, source: BalanceSource): vscode.Disposable {
    return registerPanelSerializer(BalancePanel.viewType, (panel) => new BalancePanel(extensionUri, source, panel));
  }

  private constructor(extensionUri: vscode.Uri, private readonly source: BalanceSource, existing?: vscode.WebviewPanel) {
    super(extensionUri, { viewType: BalancePanel.viewType, title: 'Time Balance', script: 'balance', stylesheets: ['balance.css'], isMessage: isBalanceMessage }, existing);
    this.register(source.onDidChange(() => void this.refresh()));
    this.register(interval(() => void this.refresh(), TICK_MS));
  }

  protected async dataMessage(): Promise<BalanceToWebview> {
    const now = Date.now();
    const { from, to } = weekRange(now);
    const entries = await this.source.entriesBetween(from, to);
    return { type: 'data', report: buildBalanceReport(entries, now, this.source.technicalTarget()) };
  }

  protected override errorMessage(message: string): BalanceToWebview {
    return { type: 'error', message };
  }

  protected async onMessage(message: BalanceFromWebview): Promise<void> {
    if (message.type === 'export') await vscode.commands.executeCommand(Commands.exportTime);
  }
}
