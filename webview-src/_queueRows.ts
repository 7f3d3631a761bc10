/** The own-PR rows of the Code Review Queue, and what the review columns share with them. Every GitHub string goes in as a text node. */
import type { SlaState } from '../src/core/businessHours';
import type { CiState } from '../src/core/reviews';
import type { InboxState } from '../src/core/inbox';
import { REVIEW_GROUP_ORDER } from '../src/core/inboxEntries';
import { formatDuration } from '../src/core/timeline';
import type { OwnPullRequestRow, QueueText } from '../src/queue/protocol';
import { queueText } from './_queueText';
import { codicon, h, setAttr } from './shared/dom';
import { fill } from './shared/text';

type TextKey = keyof QueueText;

export const CI_VIEW: Readonly<Record<CiState, { readonly icon: string; readonly text: TextKey }>> = {
  success: { icon: 'pass', text: 'ciPassing' },
  failure: { icon: 'error', text: 'ciFailing' },
  pending: { icon: 'clock', text: 'ciRunning' },
  none: { icon: 'circle-slash', text: 'noCi' },
};

export const SLA_VIEW: Readonly<Record<SlaState, TextKey>> = { ok: 'slaOk', 'due-soon': 'slaDueSoon', breached: 'slaBreached' };

/** A state's name in the host's words. */
export const stateName = (state: InboxState): string => queueText()[`state.${state}`];

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

export function hintedTag(text: string, hint?: string): HTMLElement {
  return h('span', { class: 'tag', title: hint }, text);
}

export function ownPullRequestRow(pr: OwnPullRequestRow): HTMLTableRowElement {
  const text = queueText();
  const open = actionButton('open', 'link-external', text.open, fill(text.openPr, `${pr.repo}#${pr.number}`));
  if (pr.url === '') setAttr(open, 'disabled', '');
  return h('tr', { class: pr.draft ? 'own is-draft' : 'own', role: 'row', tabindex: 0, 'data-repo': pr.repo, 'data-number': pr.number },
    titleCell(pr.number, pr.title, pr.draft, pr.draft ? hintedTag(text.draftTag) : null),
    h('td', { class: 'state', role: 'cell' }, stateName(pr.state)),
    h('td', { class: 'repo', role: 'cell' }, pr.repo),
    h('td', { class: 'waiting num', role: 'cell' }, formatDuration(pr.waitingBusinessMs)),
    h('td', { class: 'waiting-on', role: 'cell' }, pr.summary),
    h('td', { class: 'actions', role: 'cell' }, open),
  );
}

/** The toolbar's drop-down choices: [value, the label's key]. */
export const CI_CHOICES: readonly (readonly [CiState | '', TextKey])[] = [['', 'anyCi'], ['failure', 'ciFailing'], ['pending', 'ciRunning'], ['success', 'ciPassing'], ['none', 'noCi']];
export const SLA_CHOICES: readonly (readonly [SlaState | '', TextKey])[] = [['', 'anySla'], ['breached', 'slaBreached'], ['due-soon', 'slaDueSoon'], ['ok', 'slaOk']];
export const STATE_CHOICES: readonly (readonly [InboxState | '', TextKey])[] = [['', 'anyState'],
  ...REVIEW_GROUP_ORDER.map((s) => [s, `state.${s}`] as const)];
export const DRAFT_CHOICES: readonly (readonly [string, TextKey])[] = [['any', 'draftsAndReady'], ['ready', 'readyOnly'], ['draft', 'draftsOnly']];
