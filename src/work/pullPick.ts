/** A quick pick of pull requests, for commands run from the palette: `#12 Title`, with the repo. */
import * as vscode from 'vscode';
import { withoutIconSyntax } from '../core/iconSyntax';

type Pull = { readonly repo: string; readonly number: number; readonly title: string };

/** The chosen one of `pulls`, or undefined when dismissed. Titles show as typed, never as `$(icon)`s. */
export async function pickPull<P extends Pull>(pulls: readonly P[], title: string, options: { readonly ignoreFocusOut?: boolean } = {}): Promise<P | undefined> {
  const items = pulls.map((p) => ({ label: withoutIconSyntax(`#${p.number} ${p.title}`), description: p.repo, pull: p }));
  return (await vscode.window.showQuickPick(items, { title, ...(options.ignoreFocusOut ? { ignoreFocusOut: true } : {}) }))?.pull;
}
