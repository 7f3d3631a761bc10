/** "Lead Desk: Prepare Standup Notes": an untitled Markdown document, ready to paste. */
import * as vscode from 'vscode';
import { standupMarkdown } from '../core/standup';
import type { FeatureContext } from '../feature';
import { Commands } from '../ids';
import { describeForNotification } from '../util/errors';
import { StandupData } from './standupData';

export interface StandupResult {
  readonly markdown: string;
  readonly document: vscode.TextDocument;
  /** Time to gather and write the notes, before the editor opens. */
  readonly ms: number;
}

/** `options.now` fixes the clock (tests, benchmarks); the palette passes nothing. */
export function register(ctx: FeatureContext): vscode.Disposable {
  const data = new StandupData({ config: ctx.config, github: ctx.github, stores: ctx.stores, work: ctx.need('work'), timer: ctx.need('timer'), calendar: ctx.need('calendar') });
  return vscode.commands.registerCommand(Commands.prepareStandup, async (options?: { now?: number }): Promise<StandupResult | undefined> => {
    const now = typeof options?.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now();
    try {
      const started = performance.now();
      const markdown = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lead Desk: preparing standup notes') },
        async () => standupMarkdown(await data.gather(now)),
      );
      const ms = performance.now() - started;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return { markdown, document, ms };
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not prepare the standup notes: {0}', describeForNotification(e)));
      return undefined;
    }
  });
}
