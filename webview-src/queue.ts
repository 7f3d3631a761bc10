/** The Code Review Queue webview: a sortable, filterable table of pending reviews and the lead's own PRs. */
import './shared/litNonce';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { stateCountsText, type ReviewQueueRow } from '../src/core/reviewQueue';
import { formatDuration } from '../src/core/timeline';
import type { OwnPullRequestRow, QueueData, QueueFromWebview, QueueToWebview } from '../src/queue/protocol';
import { KeyedRows, sameFields, type KeyedRowsRender } from './_keyedRows';
import { columnWidths, firstDirection, headerRow, reviewRow, SORT_KEYS } from './_queueColumns';
import { CI_CHOICES, DRAFT_CHOICES, SLA_CHOICES, STATE_CHOICES, ownPullRequestRow, stateName, type RowAction } from './_queueRows';
import { queueText } from './_queueText';
import { CI_STATES, QUEUE_STATES, SLA_STATES, rowKey, sanitizeView, visibleRows, type DraftFilter, type QueueViewState } from './_queueView';
import { nameShadowControls } from './shared/controls';
import { byId, codicon, h } from './shared/dom';
import { fill } from './shared/text';
import { connect } from './shared/vscodeApi';
import { applyQueuePatch, isQueuePatch } from '../src/queue/queuePatch';

const text = queueText();
const channel = connect<QueueToWebview, QueueFromWebview, QueueViewState>(sanitizeView);
let data: QueueData | null = null;
let reviews = new Map<string, ReviewQueueRow>();
let own = new Map<string, OwnPullRequestRow>();
let scrollRestored = false;
let snoozing: ReviewQueueRow | null = null;
let reviewRows: KeyedRows<ReviewQueueRow> | undefined;
/** Counts renders, so only the latest reports its timing. */
let renderSeq = 0;

/** Runs `then` once the next frame has been painted. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then));
}

/** A drop-down of `choices` ([value, the label's key in the host's table]). */
function select(id: string, label: string, choices: readonly (readonly [string, keyof typeof text])[], current: string): HTMLElement {
  return h('vscode-single-select', { id, 'aria-label': label, title: label },
    ...choices.map(([value, key]) => h('vscode-option', { value, selected: value === current }, text[key])));
}

function checkbox(id: string, label: string, checked: boolean): HTMLElement {
  return h('vscode-checkbox', { id, checked }, label);
}

function layout(): void {
  const view = channel.state;
  byId('app').replaceChildren(
    h('div', { id: 'notice', class: 'notice', role: 'status', hidden: true }, codicon('warning'), h('span', { class: 'notice-text' })),
    h('header', { class: 'toolbar' }, h('h1', {}, text.title), h('span', { id: 'updated', class: 'muted' })),
    h('div', { class: 'filters', role: 'search' },
      h('vscode-textfield', { id: 'filter-text', placeholder: text.filterPlaceholder, 'aria-label': text.filter, value: view.text }),
      select('filter-state', text.reviewState, STATE_CHOICES.map(([v, l]) => [v || 'any', l]), view.state || 'any'),
      select('filter-ci', text.ciState, CI_CHOICES.map(([v, l]) => [v || 'any', l]), view.ci || 'any'),
      select('filter-sla', text.slaState, SLA_CHOICES.map(([v, l]) => [v || 'any', l]), view.sla || 'any'),
      select('filter-draft', text.drafts, DRAFT_CHOICES, view.draft),
      checkbox('filter-direct', text.directOnly, view.directOnly),
      checkbox('filter-snoozed', text.showSnoozed, view.includeSnoozed)),
    h('section', { 'aria-labelledby': 'reviews-heading' },
      h('h2', { id: 'reviews-heading' }, text.reviewsHeading, ' ', h('span', { id: 'count', class: 'muted', 'aria-live': 'polite' })),
      h('p', { id: 'state-counts', class: 'muted' }),
      // Explicit roles: the rows are laid out as flex boxes (see queue.css), which a table needs its roles back for.
      h('table', { id: 'reviews', class: 'grid', role: 'table', 'aria-labelledby': 'reviews-heading' },
        h('thead', { role: 'rowgroup' }, headerRow()), h('tbody', { role: 'rowgroup' })),
      h('p', { id: 'reviews-empty', class: 'empty', hidden: true }, text.noReviewsMatch)),
    h('section', { 'aria-labelledby': 'own-heading' },
      h('h2', { id: 'own-heading' }, text.ownHeading),
      h('table', { id: 'own-prs', class: 'grid', 'aria-labelledby': 'own-heading' },
        h('thead', {}, h('tr', {}, ...(['columnTitle', 'columnState', 'columnRepo', 'columnWaiting', 'columnReviews', 'columnActions'] as const).map((l) => h('th', { scope: 'col' }, text[l])))),
        h('tbody')),
      h('p', { id: 'own-empty', class: 'empty', hidden: true }, text.noOwnPullRequests)),
    h('dialog', { id: 'snooze-dialog', 'aria-labelledby': 'snooze-title' },
      h('form', { method: 'dialog' },
        // "Snooze owner/repo#12", filled when the dialog opens.
        h('h2', { id: 'snooze-title' }),
        h('label', { for: 'snooze-date' }, text.snoozeUntil),
        h('input', { type: 'date', id: 'snooze-date', required: true }),
        h('div', { class: 'dialog-buttons' },
          h('button', { type: 'submit', value: 'snooze', id: 'snooze-confirm', class: 'primary' }, text.snooze),
          h('button', { type: 'submit', value: 'cancel', id: 'snooze-cancel', class: 'secondary', formnovalidate: true }, text.cancel)))),
  );
  nameShadowControls(byId('app'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, columnWidths()];
  reviewRows = new KeyedRows(byId('reviews').querySelector('tbody')!, (r) => rowKey(r.repo, r.number), sameReviewRow, reviewRow);
  byId('app').removeAttribute('aria-busy');
}

/** Rows that show the same keep their DOM node: the wait is compared as it reads ("3h 10m"), not to the millisecond. */
function sameReviewRow(a: ReviewQueueRow, b: ReviewQueueRow): boolean {
  return sameFields(a, b, { waitingBusinessMs: formatDuration });
}

/** Which row (and which of its buttons) had focus, to put it back after a re-render. */
function rememberFocus(): { key: string; action: string | null } | null {
  const active = document.activeElement;
  const tr = active?.closest('#reviews tbody tr');
  if (!(tr instanceof HTMLTableRowElement)) return null;
  return { key: rowKey(tr.dataset.repo ?? '', Number(tr.dataset.number)), action: active instanceof HTMLButtonElement ? active.dataset.action ?? null : null };
}

function restoreFocus(focus: { key: string; action: string | null } | null): void {
  if (!focus) return;
  for (const tr of byId('reviews').querySelectorAll<HTMLTableRowElement>('tbody tr')) {
    if (rowKey(tr.dataset.repo ?? '', Number(tr.dataset.number)) !== focus.key) continue;
    const button = focus.action ? tr.querySelector<HTMLButtonElement>(`button[data-action="${focus.action}"]`) : null;
    (button ?? tr).focus();
    return;
  }
}

function renderReviews(started = performance.now()): void {
  if (!data) return;
  const view = channel.state;
  const rows = visibleRows(data.rows, view);
  const focus = rememberFocus();
  const seq = ++renderSeq;
  let first: { readonly ms: number; readonly workMs: number } | undefined;
  let complete: (KeyedRowsRender & { readonly ms: number }) | undefined;
  const report = () => {
    if (seq !== renderSeq || first === undefined || complete === undefined) return;
    channel.post({ type: 'rendered', ms: first.ms, workMs: first.workMs, rows: complete.rows, allMs: complete.ms, built: complete.built });
  };
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const since = () => round(performance.now() - started);
  // The rows down to the bottom of the screen now (a row is 29 px at the default font size, 24 px
  // at a small one), from the saved scroll position on a reload so it can be restored; the rest in the next tasks.
  const scrollY = scrollRestored ? window.scrollY : channel.state.scrollY;
  const budget = Math.ceil((scrollY + window.innerHeight) / 24) + 2;
  reviewRows!.render(rows, budget, (result) => afterPaint(() => { complete = { ...result, ms: since() }; report(); }));
  restoreFocus(focus);
  byId('reviews-empty').hidden = rows.length > 0;
  // Before GitHub has answered, an empty table means "not heard yet", not "nothing matches".
  byId('reviews-empty').textContent = emptyText(text.noReviewsMatch);
  const snoozed = data.rows.filter((r) => r.snoozed).length;
  const total = view.includeSnoozed ? data.rows.length : data.rows.length - snoozed;
  byId('count').textContent = !view.includeSnoozed && snoozed > 0 ? fill(text.countSnoozed, rows.length, total, snoozed) : fill(text.count, rows.length, total);
  byId('state-counts').textContent = stateCountsText(view.includeSnoozed ? data.rows : data.rows.filter((r) => !r.snoozed), (s, n) => fill(text.stateCount, stateName(s), n));
  for (const th of byId('reviews').querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const active = th.dataset.sort === view.sortKey;
    if (active) th.setAttribute('aria-sort', view.sortDir === 'asc' ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
    const icon = th.querySelector('.sort-icon')!;
    icon.className = `codicon sort-icon codicon-${active ? (view.sortDir === 'asc' ? 'arrow-up' : 'arrow-down') : 'blank'}`;
  }
  // The work: this task's script, and the style and layout its changes need, done now (the frame
  // would do the same layout; nothing writes to the page after this). The first frame after this
  // task paints the table (the rows on screen): `ms` is how long until then, the wait for the
  // display's next refresh included.
  void document.documentElement.offsetHeight;
  const workMs = round(performance.now() - started);
  afterPaint(() => { first = { ms: since(), workMs }; report(); });
}

/**
 * What an empty table says: "Loading…" before GitHub has answered, "Not loaded." when it never
 * did (failed, signed out: no data at all, not an empty list), else `loaded` ("No reviews match.").
 */
function emptyText(loaded: string): string {
  if (data?.loading) return text.loading;
  return data?.updated === null ? text.notLoaded : loaded;
}

function renderOwn(): void {
  if (!data) return;
  const fragment = document.createDocumentFragment();
  for (const pr of data.ownPullRequests) fragment.appendChild(ownPullRequestRow(pr));
  byId('own-prs').querySelector('tbody')!.replaceChildren(fragment);
  byId('own-empty').hidden = data.ownPullRequests.length > 0;
  byId('own-empty').textContent = emptyText(text.noOwnPullRequests);
}

function showNotice(text: string | null, kind: 'warning' | 'error' = 'warning'): void {
  const notice = byId('notice');
  notice.hidden = text === null;
  notice.classList.toggle('error', kind === 'error');
  notice.querySelector('.notice-text')!.textContent = text ?? '';
}

function applyData(next: QueueData, started: number): void {
  data = next;
  reviews = new Map(next.rows.map((r) => [rowKey(r.repo, r.number), r]));
  own = new Map(next.ownPullRequests.map((p) => [rowKey(p.repo, p.number), p]));
  showNotice(next.notice);
  byId('updated').textContent = next.updated ?? '';
  renderReviews(started);
  renderOwn();
  if (!scrollRestored) {
    scrollRestored = true;
    window.scrollTo(0, channel.state.scrollY);
  }
}

function update(patch: Partial<QueueViewState>): void {
  channel.saveState(patch);
  renderReviews();
}

function openSnooze(row: ReviewQueueRow): void {
  if (!data) return;
  const dialog = byId<HTMLDialogElement>('snooze-dialog');
  const input = byId<HTMLInputElement>('snooze-date');
  snoozing = row;
  byId('snooze-title').textContent = fill(text.snoozePr, `${row.repo}#${row.number}`);
  input.min = data.snoozeMin;
  input.max = data.snoozeMax;
  input.value = data.snoozeMin;
  dialog.returnValue = '';
  dialog.showModal();
  input.focus();
}

function act(action: RowAction, tr: HTMLTableRowElement, table: 'reviews' | 'own'): void {
  const key = rowKey(tr.dataset.repo ?? '', Number(tr.dataset.number));
  const item = table === 'reviews' ? reviews.get(key) : own.get(key);
  if (!item) return;
  if (action === 'open') {
    if (item.url !== '') channel.post({ type: 'open', url: item.url });
  } else if (action === 'checkout') channel.post({ type: 'checkout', repo: item.repo, number: item.number });
  else if (action === 'snooze' && table === 'reviews') openSnooze(item as ReviewQueueRow);
}

/** Buttons act on click; a focused row opens on Enter; arrows move between rows. */
function wireTable(id: 'reviews' | 'own-prs'): void {
  const tbody = byId(id).querySelector('tbody')!;
  const table = id === 'reviews' ? 'reviews' : 'own';
  tbody.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const tr = button?.closest('tr');
    if (button && tr && !button.disabled) act(button.dataset.action as RowAction, tr, table);
  });
  tbody.addEventListener('keydown', (e) => {
    const tr = e.target;
    if (!(tr instanceof HTMLTableRowElement)) return;
    const next = e.key === 'ArrowDown' ? tr.nextElementSibling : e.key === 'ArrowUp' ? tr.previousElementSibling
      : e.key === 'Home' ? tbody.firstElementChild : e.key === 'End' ? tbody.lastElementChild : null;
    if (e.key === 'Enter') act('open', tr, table);
    else if (next instanceof HTMLElement) next.focus();
    else return;
    e.preventDefault();
  });
}

function wire(): void {
  const filterText = byId<HTMLInputElement>('filter-text');
  // Typing re-renders the whole table: wait for a pause rather than rendering every keystroke.
  let typing: ReturnType<typeof setTimeout> | undefined;
  filterText.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => update({ text: filterText.value.slice(0, 200) }), 120);
  });
  const choice = (id: string, read: (v: string) => Partial<QueueViewState>) => {
    const el = byId<HTMLInputElement>(id);
    el.addEventListener('change', () => update(read(el.value)));
  };
  choice('filter-state', (v) => ({ state: QUEUE_STATES.find((s) => s === v) ?? '' }));
  choice('filter-ci', (v) => ({ ci: CI_STATES.find((s) => s === v) ?? '' }));
  choice('filter-sla', (v) => ({ sla: SLA_STATES.find((s) => s === v) ?? '' }));
  choice('filter-draft', (v) => ({ draft: (['ready', 'draft'].includes(v) ? v : 'any') as DraftFilter }));
  const toggle = (id: string, read: (checked: boolean) => Partial<QueueViewState>) => {
    const el = byId<HTMLInputElement>(id);
    el.addEventListener('change', () => update(read(el.checked)));
  };
  toggle('filter-direct', (directOnly) => ({ directOnly }));
  toggle('filter-snoozed', (includeSnoozed) => ({ includeSnoozed }));
  byId('reviews').querySelector('thead')!.addEventListener('click', (e) => {
    const key = SORT_KEYS.find((k) => k === (e.target as Element).closest<HTMLElement>('button[data-sort]')?.dataset.sort);
    if (!key) return;
    const view = channel.state;
    const sortDir = key === view.sortKey ? (view.sortDir === 'asc' ? 'desc' : 'asc') : firstDirection(key);
    update({ sortKey: key, sortDir });
  });
  wireTable('reviews');
  wireTable('own-prs');
  const dialog = byId<HTMLDialogElement>('snooze-dialog');
  dialog.addEventListener('close', () => {
    const input = byId<HTMLInputElement>('snooze-date');
    if (dialog.returnValue === 'snooze' && snoozing && input.checkValidity() && input.value !== '') {
      channel.post({ type: 'snooze', repo: snoozing.repo, number: snoozing.number, until: input.value });
    }
    snoozing = null;
  });
  let scrollPending = false;
  window.addEventListener('scroll', () => {
    if (scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      channel.saveState({ scrollY: Math.round(window.scrollY) });
    });
  });
}

channel.onMessage((msg) => {
  const started = performance.now();
  if (msg.type === 'data') applyData(msg.data, started);
  else if (msg.type === 'patch') {
    // A patch applies to the data this webview has; anything else asks the host for the whole data.
    const next = data && isQueuePatch(msg) ? applyQueuePatch(data, msg) : null;
    if (next) applyData(next, started);
    else channel.post({ type: 'ready' });
  } else showNotice(msg.message, 'error');
});
layout();
wire();
channel.post({ type: 'ready' });
