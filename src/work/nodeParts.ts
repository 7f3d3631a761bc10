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

/**
 * A node whose tooltip is drawn on hover (`WorkTree.resolveTreeItem`), not with the tree: 500
 * tooltips nobody points at are not built on every refresh.
 */
export interface LazyTooltip {
  readonly tooltipOf?: () => vscode.MarkdownString;
}

/** A word the tree repeats on every node, translated once (the display language is fixed for the session). */
function once(word: () => string): () => string {
  let said: string | undefined;
  return () => (said ??= word());
}

/** Words every review and PR node says. */
export const WORDS = {
  draft: once(() => vscode.l10n.t('draft')),
  ciFailing: once(() => vscode.l10n.t('CI failing')),
  youAskedForChanges: once(() => vscode.l10n.t('you asked for changes')),
  open: once(() => vscode.l10n.t('Open')),
} as const;

const CI_WORDS: Record<CiState, () => string> = {
  success: once(() => vscode.l10n.t('CI ✓')), failure: once(() => vscode.l10n.t('CI ✗')), pending: once(() => vscode.l10n.t('CI …')), none: () => '',
};

/** "CI ✓", "CI ✗", "CI …", or nothing without CI. */
export function ciText(ci: CiState): string {
  return CI_WORDS[ci]();
}

const STATE_LABELS = new Map<InboxState, string>();

/** A state's name as the tree says it (the queue's webview takes core's English `INBOX_STATE_LABELS`). */
export function stateLabel(state: InboxState): string {
  let label = STATE_LABELS.get(state);
  if (label === undefined) STATE_LABELS.set(state, label = translatedState(state));
  return label;
}

function translatedState(state: InboxState): string {
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
