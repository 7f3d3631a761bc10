/** "Lead Desk: Export Time as CSV…": pick a range, pick a file, write the CSV. */
import os from 'node:os';
import * as vscode from 'vscode';
import { describeForNotification } from '../util/errors';
import { toLocalDate } from '../core/localDate';
import { customRange, dayInputProblem, exportRanges, rangeCsv, type ExportRange } from './ranges';
import type { BalanceSource } from './source';

/**
 * Runs the export. `now` is read when the command runs (pass a function), or fixed (a number, for
 * tests). Resolves to the written file, or `undefined` when the user cancelled or writing failed.
 * The "Open" notification is not awaited, so the command finishes as soon as the file is written.
 */
export async function exportTimeCommand(
  source: Pick<BalanceSource, 'entriesBetween' | 'meetingCredit'>,
  now: number | (() => number) = Date.now,
): Promise<vscode.Uri | undefined> {
  const at = typeof now === 'function' ? now() : now;
  const choice = await vscode.window.showQuickPick(
    [
      ...exportRanges(at).map((range) => ({ label: range.label, description: span(range), range: range as ExportRange | null })),
      { label: vscode.l10n.t('Custom range…'), description: vscode.l10n.t('any first and last day'), range: null },
    ],
    { title: vscode.l10n.t('Export Time as CSV'), placeHolder: vscode.l10n.t('Which time to export') },
  );
  if (!choice) return undefined;
  const range = choice.range ?? await askForRange(at);
  if (!range) return undefined;
  const picked = { range };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0} as CSV', picked.range.label.toLowerCase()),
    defaultUri: vscode.Uri.joinPath(folder, `lead-desk-time-${toLocalDate(at)}.csv`),
    filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) return undefined;
  try {
    const [entries, meetings] = await Promise.all([
      source.entriesBetween(picked.range.from, picked.range.to), source.meetingCredit?.(picked.range.from, picked.range.to),
    ]);
    const { csv, rows } = rangeCsv(entries, picked.range, at, meetings);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const what = rows === 0 ? vscode.l10n.t('no tracked time') : rows === 1 ? vscode.l10n.t('1 row') : vscode.l10n.t('{0} rows', rows);
    const open = vscode.l10n.t('Open');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Lead Desk: exported {0} ({1}, {2}) to {3}.', what, picked.range.label.toLowerCase(), span(picked.range), name), open)
      .then((choice) => (choice === open ? vscode.commands.executeCommand('vscode.open', target) : undefined));
    return target;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not export the time to {0}: {1}', target.fsPath, describeForNotification(e)));
    return undefined;
  }
}

/** Two input boxes: the first and the last day (both included). */
async function askForRange(now: number): Promise<ExportRange | undefined> {
  const today = toLocalDate(now);
  const first = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export Time as CSV: first day'), prompt: vscode.l10n.t('The first day to export (YYYY-MM-DD)'), value: today,
    validateInput: (text) => dayInputProblem(text),
  });
  if (first === undefined) return undefined;
  const last = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export Time as CSV: last day'), prompt: vscode.l10n.t('The last day to export, included (YYYY-MM-DD)'), value: today,
    validateInput: (text) => dayInputProblem(text, first.trim()),
  });
  if (last === undefined) return undefined;
  return customRange(first, last) ?? undefined;
}

function span(range: ExportRange): string {
  return range.first === range.last ? range.first : `${range.first} – ${range.last}`;
}
