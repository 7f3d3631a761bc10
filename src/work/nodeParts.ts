/**
 * What every kind of tree node draws with: safe tooltips, the CI and state words. The node files
 * (nodes.ts, inboxNodes.ts, teamNodes.ts) import this and never each other's classes back.
 */
import * as vscode from 'vscode';
import type { InboxState } from '../core/inbox';
import type { CiState } from '../core/reviews';
import { nudgedText } from '../core/nudges';

/** A tooltip that is not trusted, allows no HTML, and takes GitHub text only through `appendText` (which escapes Markdown). */
export function tooltip(build: (md: vscode.MarkdownString) => void): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  build(md);
  return md;
}

/** "CI ✓", "CI ✗", "CI …", or nothing without CI. */
export function ciText(ci: CiState): string {
  return ci === 'success' ? vscode.l10n.t('CI ✓') : ci === 'failure' ? vscode.l10n.t('CI ✗') : ci === 'pending' ? vscode.l10n.t('CI …') : '';
}

/** A state's name as the tree says it (the queue's webview takes core's English `INBOX_STATE_LABELS`). */
export function stateLabel(state: InboxState): string {
  switch (state) {
    case 'needs-review': return vscode.l10n.t('Needs your review');
    case 're-requested': return vscode.l10n.t('Re-requested');
    case 'waiting-on-author': return vscode.l10n.t('Waiting on author');
    case 'approved': return vscode.l10n.t('Approved, not merged');
    case 'changes-requested': return vscode.l10n.t('Changes requested');
    case 'waiting-on-reviewers': return vscode.l10n.t('Waiting on reviewers');
    case 'stale': return vscode.l10n.t('Stale');
  }
}

/** "nudged 2h ago", or '' when never nudged. */
export const nudgedWords = (lastAt: number | undefined, now: number): string => (lastAt === undefined ? '' : nudgedText(lastAt, now));
