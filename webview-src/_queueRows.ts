/** Table rows of the Code Review Queue. Every GitHub string goes in as a text node. */
import type { SlaState } from '../src/core/businessHours';
import type { ReviewQueueRow } from '../src/core/reviewQueue';
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

function actionButton(action: RowAction, icon: string, text: string, label = ''): HTMLButtonElement {
  return h('button', { type: 'button', class: 'row-action', 'data-action': action, title: label, 'aria-label': label },
    codicon(icon), h('span', { class: 'label' }, text));
}

function setLabel(button: Element, label: string): void {
  setAttr(button, 'title', label);
  setAttr(button, 'aria-label', label);
}

function titleCell(number: number, title: string, draft: boolean, ...tags: (HTMLElement | null)[]): HTMLTableCellElement {
  return h('td', { class: 'title', role: 'cell', title },
    codicon(draft ? 'git-pull-request-draft' : 'git-pull-request'), ' ',
    h('span', { class: 'pr-number' }, `#${number}`), ' ',
    h('span', { class: 'title-text' }, title), ...tags);
}

function tag(text: string, hint?: string): HTMLElement {
  return h('span', { class: 'tag', title: hint }, text);
}

/**
 * The review row's fixed structure, built once. Each row is a deep clone of it with the data
 * filled in as text and attributes: cloning is native, so hundreds of rows cost a fraction of
 * building every node from script (the queue's first paint budget is 150 ms for 500 rows).
 */
let reviewTemplate: HTMLTableRowElement | undefined;

function reviewRowTemplate(): HTMLTableRowElement {
  reviewTemplate ??= h('tr', { role: 'row', tabindex: 0 },
    h('td', { class: 'title', role: 'cell' }, codicon('git-pull-request'), ' ', h('span', { class: 'pr-number' }), ' ', h('span', { class: 'title-text' })),
    h('td', { class: 'state', role: 'cell' }),
    h('td', { class: 'repo', role: 'cell' }),
    h('td', { class: 'author', role: 'cell' }),
    h('td', { class: 'waiting num', role: 'cell' }),
    h('td', { class: 'size num', role: 'cell' }, h('span', { class: 'additions' }), ' ', h('span', { class: 'deletions' })),
    h('td', { class: 'ci', role: 'cell' }, h('span', { role: 'img' })),
    h('td', { class: 'sla', role: 'cell' }, h('span')),
    h('td', { class: 'draft', role: 'cell' }),
    h('td', { class: 'actions', role: 'cell' },
      actionButton('open', 'link-external', 'Open'), actionButton('checkout', 'git-branch', 'Check out'), actionButton('snooze', 'bell-slash', 'Snooze…')));
  return reviewTemplate;
}

export function reviewRow(row: ReviewQueueRow): HTMLTableRowElement {
  const tr = reviewRowTemplate().cloneNode(true) as HTMLTableRowElement;
  const pr = `${row.repo}#${row.number}`;
  setAttr(tr, 'class', ['review', `sla-${row.sla}`, row.draft ? 'is-draft' : '', row.snoozed ? 'is-snoozed' : ''].filter(Boolean).join(' '));
  setAttr(tr, 'data-repo', row.repo);
  setAttr(tr, 'data-number', String(row.number));
  const [title, state, repo, author, waiting, size, ci, sla, draft, actions] = [...tr.cells] as HTMLTableCellElement[];
  state!.textContent = INBOX_STATE_LABELS[row.state];
  if (row.commitsSinceMyReview) setAttr(state!, 'title', `${row.commitsSinceMyReview >= 10 ? '10+' : row.commitsSinceMyReview} commits since your review`);
  setAttr(title!, 'title', row.title);
  const [icon, number, text] = [...title!.children];
  if (row.draft) setAttr(icon!, 'class', 'codicon codicon-git-pull-request-draft');
  number!.textContent = `#${row.number}`;
  text!.textContent = row.title;
  if (!row.direct) title!.appendChild(tag(row.team ? `@${row.team}` : 'team', 'Requested from one of your teams'));
  if (row.snoozed) title!.appendChild(tag('snoozed'));
  repo!.textContent = row.repo;
  author!.textContent = row.author;
  waiting!.textContent = formatDuration(row.waitingBusinessMs);
  setAttr(size!, 'title', `${row.additions} additions, ${row.deletions} deletions`);
  size!.firstElementChild!.textContent = `+${row.additions}`;
  size!.lastElementChild!.textContent = `−${row.deletions}`;
  const ciView = CI_VIEW[row.ci];
  const ciIcon = ci!.firstElementChild!;
  setAttr(ciIcon, 'class', `codicon codicon-${ciView.icon} ci-${row.ci}`);
  setLabel(ciIcon, ciView.label);
  const badge = sla!.firstElementChild!;
  setAttr(badge, 'class', `sla-badge sla-${row.sla}`);
  badge.textContent = SLA_VIEW[row.sla];
  draft!.textContent = row.draft ? 'Draft' : '';
  const [open, checkout, snooze] = [...actions!.children];
  setLabel(open!, `Open ${pr} in the browser`);
  if (row.url === '') setAttr(open!, 'disabled', '');
  setLabel(checkout!, `Check out ${pr}`);
  setLabel(snooze!, `Snooze ${pr}`);
  return tr;
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
