/** The own-PR rows of the Code Review Queue, and what the review columns share with them. Every GitHub string goes in as a text node. */
import type { SlaState } from '../src/core/businessHours';
import type { CiState } from '../src/core/reviews';
import { INBOX_STATE_LABELS, type InboxState } from '../src/core/inbox';
import { REVIEW_GROUP_ORDER } from '../src/core/inboxEntries';
import { formatDuration } from '../src/core/timeline';
import type { OwnPullRequestRow } from '../src/queue/protocol';
import { codicon, h, setAttr } from './shared/dom';

export const CI_VIEW: Readonly<Record<CiState, { readonly icon: string; readonly label: string }>> = {
  success: { icon: 'pass', label: 'CI passing' },
  failure: { icon: 'error', label: 'CI failing' },
  pending: { icon: 'clock', label: 'CI running' },
  none: { icon: 'circle-slash', label: 'No CI' },
};

export const SLA_VIEW: Readonly<Record<SlaState, string>> = { ok: 'OK', 'due-soon': 'Due soon', breached: 'Breached' };

export type RowAction = 'open' | 'checkout' | 'snooze';

export function actionButton(action: RowAction, icon: string, text: string, label = ''): HTMLButtonElement {
  return h('button', { type: 'button', class: 'row-action', 'data-action': action, title: label, 'aria-label': label },
    codicon(icon), h('span', { class: 'label' }, text));
}

export function setLabel(button: Element, label: string): void {
  setAttr(button, 'title', label);
  setAttr(button, 'aria-label', label);
}

function titleCell(number: number, title: string, draft: boolean, ...tags: (HTMLElement | null)[]): HTMLTableCellElement {
  return h('td', { class: 'title', role: 'cell', title },
    codicon(draft ? 'git-pull-request-draft' : 'git-pull-request'), ' ',
    h('span', { class: 'pr-number' }, `#${number}`), ' ',
    h('span', { class: 'title-text' }, title), ...tags);
}

export function tag(text: string, hint?: string): HTMLElement {
  return h('span', { class: 'tag', title: hint }, text);
}

export function ownPullRequestRow(pr: OwnPullRequestRow): HTMLTableRowElement {
  const open = actionButton('open', 'link-external', 'Open', `Open ${pr.repo}#${pr.number} in the browser`);
  if (pr.url === '') setAttr(open, 'disabled', '');
  return h('tr', { class: pr.draft ? 'own is-draft' : 'own', role: 'row', tabindex: 0, 'data-repo': pr.repo, 'data-number': pr.number },
    titleCell(pr.number, pr.title, pr.draft, pr.draft ? tag('draft') : null),
    h('td', { class: 'state', role: 'cell' }, INBOX_STATE_LABELS[pr.state]),
    h('td', { class: 'repo', role: 'cell' }, pr.repo),
    h('td', { class: 'waiting num', role: 'cell' }, formatDuration(pr.waitingBusinessMs)),
    h('td', { class: 'waiting-on', role: 'cell' }, pr.summary),
    h('td', { class: 'actions', role: 'cell' }, open),
  );
}

/** The toolbar's drop-down choices: [value, label]. */
export const CI_CHOICES: readonly (readonly [CiState | '', string])[] = [['', 'Any CI'], ['failure', 'CI failing'], ['pending', 'CI running'], ['success', 'CI passing'], ['none', 'No CI']];
export const SLA_CHOICES: readonly (readonly [SlaState | '', string])[] = [['', 'Any SLA'], ['breached', 'Breached'], ['due-soon', 'Due soon'], ['ok', 'OK']];
export const STATE_CHOICES: readonly (readonly [InboxState | '', string])[] = [['', 'Any state'],
  ...REVIEW_GROUP_ORDER.map((s) => [s, INBOX_STATE_LABELS[s]] as const)];
export const DRAFT_CHOICES: readonly (readonly [string, string])[] = [['any', 'Drafts and ready'], ['ready', 'Ready only'], ['draft', 'Drafts only']];
