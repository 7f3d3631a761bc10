/**
 * The review table's columns, in one list: each makes its header, its cell in every row, its
 * sort key and its width. Every GitHub string goes in as a text node.
 */
import type { ReviewQueueRow, ReviewSortKey, SortDirection } from '../src/core/reviewQueue';
import { formatDuration } from '../src/core/timeline';
import type { QueueText } from '../src/queue/protocol';
import { queueText } from './_queueText';
import { CI_VIEW, SLA_VIEW, actionButton, hintedTag, setLabel, stateName } from './_queueRows';
import { codicon, h, setAttr, type Child } from './shared/dom';
import { fill as fillText } from './shared/text';

interface ColumnBase {
  /** The header's text: its key in the host's table. */
  readonly heading: keyof QueueText;
  /** A CSS length; `grow` columns take the room the others leave, from this much up. */
  readonly width: string;
  readonly grow?: boolean;
  /** The width in a narrow panel (see NARROW_PANEL), when it differs. */
  readonly narrowWidth?: string;
  /** Extra classes of the cell (`num`: right-aligned figures). */
  readonly cellClass?: string;
  /** The cell's fixed children, cloned into every row. */
  readonly parts?: () => readonly Child[];
  /** Fills a fresh clone of the cell with `row`'s values. */
  readonly fill: (td: HTMLTableCellElement, row: ReviewQueueRow) => void;
}

/** A sortable column is named by its sort key (core's `sortQueue` orders by it); `sort` is the first click's direction. */
export type ReviewColumn = ColumnBase & ({ readonly key: ReviewSortKey; readonly sort: SortDirection } | { readonly key: 'title' | 'actions'; readonly sort: null });

/** Below this panel width the row buttons drop their visible label (queue.css) and the actions column narrows. */
const NARROW_PANEL = '1320px';

export const REVIEW_COLUMNS: readonly ReviewColumn[] = [
  {
    key: 'title', heading: 'columnTitle', sort: null, width: '180px', grow: true,
    parts: () => [codicon('git-pull-request'), ' ', h('span', { class: 'pr-number' }), ' ', h('span', { class: 'title-text' })],
    fill: (td, row) => {
      setAttr(td, 'title', row.title);
      const [icon, number, text] = [...td.children];
      if (row.draft) setAttr(icon!, 'class', 'codicon codicon-git-pull-request-draft');
      number!.textContent = `#${row.number}`;
      text!.textContent = row.title;
      const words = queueText();
      if (!row.direct) td.appendChild(hintedTag(row.team ? `@${row.team}` : words.teamTag, words.teamHint));
      if (row.snoozed) td.appendChild(hintedTag(words.snoozedTag));
    },
  },
  {
    key: 'state', heading: 'columnState', sort: 'asc', width: '12em',
    fill: (td, row) => {
      td.textContent = stateName(row.state);
      if (row.commitsSinceMyReview) setAttr(td, 'title', fillText(queueText().commitsSince, row.commitsSinceMyReview >= 10 ? '10+' : row.commitsSinceMyReview));
    },
  },
  { key: 'repo', heading: 'columnRepo', sort: 'asc', width: '150px', fill: (td, row) => { td.textContent = row.repo; } },
  { key: 'author', heading: 'columnAuthor', sort: 'asc', width: '110px', fill: (td, row) => { td.textContent = row.author; } },
  // Longest wait first on the first click: the order a lead works through the queue in.
  { key: 'age', heading: 'columnWaiting', sort: 'desc', width: '92px', cellClass: 'num', fill: (td, row) => { td.textContent = formatDuration(row.waitingBusinessMs); } },
  {
    key: 'size', heading: 'columnSize', sort: 'asc', width: '100px', cellClass: 'num',
    parts: () => [h('span', { class: 'additions' }), ' ', h('span', { class: 'deletions' })],
    fill: (td, row) => {
      setAttr(td, 'title', fillText(queueText().size, row.additions, row.deletions));
      td.firstElementChild!.textContent = `+${row.additions}`;
      td.lastElementChild!.textContent = `−${row.deletions}`;
    },
  },
  // These three fit their longest content ("● Breached" in bold; a header's label plus its sort
  // arrow), in em so they grow with the editor's font size.
  {
    key: 'ci', heading: 'columnCi', sort: 'asc', width: '5em',
    parts: () => [h('span', { role: 'img' })],
    fill: (td, row) => {
      const view = CI_VIEW[row.ci];
      const icon = td.firstElementChild!;
      setAttr(icon, 'class', `codicon codicon-${view.icon} ci-${row.ci}`);
      setLabel(icon, queueText()[view.text]);
    },
  },
  {
    key: 'sla', heading: 'columnSla', sort: 'asc', width: '8.5em',
    parts: () => [h('span')],
    fill: (td, row) => {
      const badge = td.firstElementChild!;
      setAttr(badge, 'class', `sla-badge sla-${row.sla}`);
      badge.textContent = queueText()[SLA_VIEW[row.sla]];
    },
  },
  { key: 'draft', heading: 'columnDraft', sort: 'asc', width: '6.5em', fill: (td, row) => { td.textContent = row.draft ? queueText().columnDraft : ''; } },
  {
    key: 'actions', heading: 'columnActions', sort: null, width: '290px', narrowWidth: '120px',
    parts: () => {
      const text = queueText();
      return [actionButton('open', 'link-external', text.open), actionButton('checkout', 'git-branch', text.checkOut), actionButton('snooze', 'bell-slash', text.snoozeButton)];
    },
    fill: (td, row) => {
      const text = queueText();
      const pr = `${row.repo}#${row.number}`;
      const [open, checkout, snooze] = [...td.children];
      setLabel(open!, fillText(text.openPr, pr));
      if (row.url === '') setAttr(open!, 'disabled', '');
      setLabel(checkout!, fillText(text.checkOutPr, pr));
      setLabel(snooze!, fillText(text.snoozePr, pr));
    },
  },
];

/** The columns a click on the header sorts by. */
export const SORT_COLUMNS = REVIEW_COLUMNS.filter((c): c is ReviewColumn & { readonly key: ReviewSortKey; readonly sort: SortDirection } => c.sort !== null);
export const SORT_KEYS: readonly ReviewSortKey[] = SORT_COLUMNS.map((c) => c.key);

/** The direction a first click on `key`'s header sorts in. */
export function firstDirection(key: ReviewSortKey): SortDirection {
  return SORT_COLUMNS.find((c) => c.key === key)?.sort ?? 'asc';
}

export function headerRow(): HTMLTableRowElement {
  const text = queueText();
  return h('tr', { role: 'row' }, ...REVIEW_COLUMNS.map((c) => c.sort === null
    ? h('th', { scope: 'col', role: 'columnheader', class: `col-${c.key}` }, text[c.heading])
    : h('th', { scope: 'col', role: 'columnheader', class: `col-${c.key}`, 'data-sort': c.key },
      h('button', { type: 'button', class: 'sort', 'data-sort': c.key }, text[c.heading], codicon('blank', undefined, 'sort-icon')))));
}

/**
 * The columns' widths as one stylesheet (the CSP allows no inline styles; a constructed sheet is
 * CSSOM, which style-src does not govern). Each row is its own flex box, so a column is exactly
 * as wide as this says in the header and in every row.
 */
export function columnWidths(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  const cell = (i: number) => `#reviews tr > :nth-child(${i + 1})`;
  const rules = REVIEW_COLUMNS.map((c, i) => c.grow
    ? `${cell(i)} { flex: 1 1 0; min-width: ${c.width}; }`
    : `${cell(i)} { width: ${c.width}; }`);
  const narrow = REVIEW_COLUMNS.flatMap((c, i) => c.narrowWidth ? [`${cell(i)} { width: ${c.narrowWidth}; }`] : []);
  sheet.replaceSync([...rules, `@media (max-width: ${NARROW_PANEL}) { ${narrow.join(' ')} }`].join('\n'));
  return sheet;
}

/**
 * The row's fixed structure, built once from the columns. Each row is a deep clone of it with the
 * data filled in as text and attributes: cloning is native, much cheaper than building every node.
 */
let template: HTMLTableRowElement | undefined;

export function reviewRow(row: ReviewQueueRow): HTMLTableRowElement {
  template ??= h('tr', { role: 'row', tabindex: 0 },
    ...REVIEW_COLUMNS.map((c) => h('td', { class: c.cellClass ? `${c.key} ${c.cellClass}` : c.key, role: 'cell' }, ...(c.parts?.() ?? []))));
  const tr = template.cloneNode(true) as HTMLTableRowElement;
  setAttr(tr, 'class', ['review', `sla-${row.sla}`, row.draft ? 'is-draft' : '', row.snoozed ? 'is-snoozed' : ''].filter(Boolean).join(' '));
  setAttr(tr, 'data-repo', row.repo);
  setAttr(tr, 'data-number', String(row.number));
  const cells = tr.cells;
  REVIEW_COLUMNS.forEach((c, i) => c.fill(cells[i]!, row));
  return tr;
}
