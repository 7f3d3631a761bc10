/** The Time Balance panel (host side): today's and this week's split, from a `BalanceSource`. */
import * as vscode from 'vscode';
import { Commands, ViewTypes } from '../ids';
import { interval } from '../util/disposable';
import { WebviewPanelHost, type PanelSite } from '../webview/panel';
import type { PanelDescriptor } from '../webview/registerPanel';
import { balanceProtocol, type BalanceFromWebview } from './protocol';
import { buildBalanceReport, reportRange, type BalanceReport } from './report';
import type { BalanceSource } from './source';

/** A running entry grows while the panel is open: redraw this often (only while visible). */
const TICK_MS = 60_000;

export class BalancePanel extends WebviewPanelHost<BalanceFromWebview, BalanceReport> {
  static readonly viewType = ViewTypes.balance;
  private lastRendered: { readonly ms: number; readonly weeks: number } | undefined;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<{ readonly ms: number; readonly weeks: number }>());
  /** Fires when the webview reports it drew a report (tests and benchmarks wait on it). */
  readonly onDidRender = this.renderedEmitter.event;
  /** How long building the last report took on the host: reading the store and computing, ms. */
  lastBuildMs: number | undefined;

  /** The panel's descriptor, for `registerPanel`. */
  static descriptor(source: BalanceSource): PanelDescriptor<BalancePanel, BalanceFromWebview> {
    const create = (site: PanelSite<BalanceFromWebview>) => new BalancePanel(site, source);
    return { viewType: BalancePanel.viewType, title: vscode.l10n.t('Time Balance'), app: 'balance', stylesheets: ['balance.css'], protocol: balanceProtocol, create, revive: create };
  }

  private constructor(site: PanelSite<BalanceFromWebview>, private readonly source: BalanceSource) {
    super(site);
    this.register(source.onDidChange(() => void this.refresh()));
    this.register(interval(() => void this.refresh(), TICK_MS));
  }

  /** The webview's last report of drawing, or undefined before the first. */
  get lastRender(): { readonly ms: number; readonly weeks: number } | undefined {
    return this.lastRendered;
  }

  protected async currentData(): Promise<BalanceReport> {
    const started = performance.now();
    const now = Date.now();
    const { from, to } = reportRange(now);
    const [entries, meetings] = await Promise.all([this.source.entriesBetween(from, to), this.source.meetingCredit?.(from, to)]);
    const report = buildBalanceReport(entries, now, this.source.technicalTarget(), meetings);
    this.lastBuildMs = performance.now() - started;
    return report;
  }

  protected async onMessage(message: BalanceFromWebview): Promise<void> {
    if (message.type === 'export') await vscode.commands.executeCommand(Commands.exportTime);
    else if (message.type === 'rendered') {
      this.lastRendered = { ms: message.ms, weeks: message.weeks };
      this.renderedEmitter.fire(this.lastRendered);
    }
  }
}
