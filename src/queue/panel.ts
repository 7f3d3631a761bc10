/** The Code Review Queue panel (host side): data from a `ReviewQueueSource`, actions back to it. */
import * as vscode from 'vscode';
import { ViewTypes } from '../ids';
import { describeError } from '../util/errors';
import { WebviewPanelHost, type PanelSite } from '../webview/panel';
import type { PanelDescriptor } from '../webview/registerPanel';
import { queueProtocol, type QueueData, type QueueFromWebview, type RenderedMessage } from './protocol';
import { buildQueueData } from './queueData';
import { queuePatch } from './queuePatch';
import type { DataOrError } from '../webview/protocol';
import { snoozeUntil } from './snooze';
import type { ReviewQueueSource } from './source';
import { queueDataWords, queueText } from './webviewText';

/** The webview's own measure of its last table render (see `RenderedMessage`). */
export type QueueRenderTiming = Omit<RenderedMessage, 'type'>;

export class ReviewQueuePanel extends WebviewPanelHost<QueueFromWebview, QueueData> {
  static readonly viewType = ViewTypes.reviewQueue;
  private lastRendered: QueueRenderTiming | undefined;
  /** The data the webview has; `undefined` until a full message went out (and again after a `ready`). */
  private shown: QueueData | undefined;
  private readonly words = queueDataWords();
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<QueueRenderTiming>());
  /** Fires when the webview reports a render (benchmarks and tests wait on it). */
  readonly onDidRender = this.renderedEmitter.event;

  /** The panel's descriptor, for `registerPanel`. */
  static descriptor(source: ReviewQueueSource): PanelDescriptor<ReviewQueuePanel, QueueFromWebview> {
    const create = (site: PanelSite<QueueFromWebview>) => new ReviewQueuePanel(site, source);
    return { viewType: ReviewQueuePanel.viewType, title: vscode.l10n.t('Code Review Queue'), app: 'queue', stylesheets: ['queue.css'], protocol: queueProtocol, text: queueText, create, revive: create };
  }

  private constructor(site: PanelSite<QueueFromWebview>, private readonly source: ReviewQueueSource) {
    super(site);
    this.register(source.onDidChange(() => void this.refresh()));
  }

  /** The last render the webview reported. */
  get lastRender(): QueueRenderTiming | undefined {
    return this.lastRendered;
  }

  /** A webview that asks (`ready`: first render, a reload, shown again) gets the whole data. */
  override async receive(raw: unknown): Promise<void> {
    if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'ready') this.shown = undefined;
    return super.receive(raw);
  }

  /** After the first full message, only what changed: the changed rows, the removed keys and the order. */
  protected override async post(message: DataOrError<QueueData>): Promise<boolean> {
    if (message.type !== 'data') return super.post(message);
    const shown = this.shown;
    this.shown = message.data;
    if (shown === undefined || this.isDisposed) return super.post(message);
    return this.panel.webview.postMessage(queuePatch(shown, message.data));
  }

  protected currentData(): QueueData {
    return buildQueueData(this.source.snapshot(), Date.now(), vscode.env.language, this.words);
  }

  protected async onMessage(message: QueueFromWebview): Promise<void> {
    switch (message.type) {
      case 'open':
        await this.openLink(message.url, this.source.webHost());
        return;
      case 'checkout':
        if (!this.isQueued(message.repo, message.number)) return this.refuse(`a check-out of ${message.repo}#${message.number}, which is not in the queue`);
        await this.source.checkOut(message.repo, message.number).then(undefined, (e: unknown) => {
          throw new Error(`could not check out ${message.repo}#${message.number}: ${describeError(e)}`);
        });
        return;
      case 'snooze': {
        if (!this.isQueued(message.repo, message.number)) return this.refuse(`a snooze of ${message.repo}#${message.number}, which is not in the queue`);
        const until = snoozeUntil(message.until, Date.now());
        if (until === null) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: pick a snooze date from tomorrow up to 90 days ahead.'));
          return this.refuse(`a snooze date out of range (${message.until})`);
        }
        await this.source.snooze(message.repo, message.number, until);
        return;
      }
      case 'rendered':
        this.lastRendered = { ms: message.ms, workMs: message.workMs, rows: message.rows, allMs: message.allMs, built: message.built };
        this.renderedEmitter.fire(this.lastRendered);
        return;
    }
  }

  /** Actions only ever apply to a PR the queue shows: anything else is a forged message, refused (once) by the caller. */
  private isQueued(repo: string, number: number): boolean {
    const { decisions } = this.source.snapshot();
    return [...decisions.reviews, ...decisions.snoozed].some((r) => r.item.repo === repo && r.item.number === number);
  }
}
