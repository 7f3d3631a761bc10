/** The Code Review Queue panel (host side): data from a `ReviewQueueSource`, actions back to it. */
import * as vscode from 'vscode';
import { ViewTypes } from '../ids';
import { describeError } from '../util/errors';
import { WebviewPanelHost, registerPanelSerializer } from '../webview/panel';
import { isQueueMessage, type QueueData, type QueueFromWebview } from './protocol';
import { buildQueueData } from './queueData';
import { snoozeUntil } from './snooze';
import type { ReviewQueueSource } from './source';

/** The webview's own measure of its last table render. */
export interface QueueRenderTiming {
  readonly ms: number;
  readonly rows: number;
}

export class ReviewQueuePanel extends WebviewPanelHost<QueueFromWebview, QueueData> {
  static readonly viewType = ViewTypes.reviewQueue;
  private lastRendered: QueueRenderTiming | undefined;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<QueueRenderTiming>());
  /** Fires when the webview reports a render (benchmarks and tests wait on it). */
  readonly onDidRender = this.renderedEmitter.event;

  /** Opens the queue, or reveals it when it is already open. */
  static show(extensionUri: vscode.Uri, source: ReviewQueueSource): ReviewQueuePanel {
    const open = ReviewQueuePanel.current;
    if (open) {
      open.reveal();
      return open;
    }
    return new ReviewQueuePanel(extensionUri, source);
  }

  static get current(): ReviewQueuePanel | undefined {
    return WebviewPanelHost.existing<ReviewQueuePanel>(ReviewQueuePanel.viewType);
  }

  /** Brings an open queue back after a window reload; add the result to `context.subscriptions`. */
  static registerSerializer(extensionUri: vscode.Uri, source: ReviewQueueSource): vscode.Disposable {
    return registerPanelSerializer(ReviewQueuePanel.viewType, (panel) => new ReviewQueuePanel(extensionUri, source, panel));
  }

  private constructor(extensionUri: vscode.Uri, private readonly source: ReviewQueueSource, existing?: vscode.WebviewPanel) {
    super(extensionUri, { viewType: ReviewQueuePanel.viewType, title: 'Code Review Queue', script: 'queue', stylesheets: ['queue.css'], isMessage: isQueueMessage }, existing);
    this.register(source.onDidChange(() => void this.refresh()));
  }

  /** The last render the webview reported: `{ ms, rows }`. */
  get lastRender(): QueueRenderTiming | undefined {
    return this.lastRendered;
  }

  protected currentData(): QueueData {
    return buildQueueData(this.source.snapshot(), Date.now());
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
          void vscode.window.showWarningMessage('Lead Desk: pick a snooze date from tomorrow up to 90 days ahead.');
          return this.refuse(`a snooze date out of range (${message.until})`);
        }
        await this.source.snooze(message.repo, message.number, until);
        return;
      }
      case 'rendered':
        this.lastRendered = { ms: message.ms, rows: message.rows };
        this.renderedEmitter.fire(this.lastRendered);
        return;
    }
  }

  /** Actions only ever apply to a PR the queue shows: anything else is a forged message, refused (once) by the caller. */
  private isQueued(repo: string, number: number): boolean {
    return this.source.snapshot().reviews.some((r) => r.repo === repo && r.number === number);
  }
}
