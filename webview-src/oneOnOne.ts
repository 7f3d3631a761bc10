/** The 1:1 prep webview: the teammate's items, today's notes, action items and past notes. */
import { notesAfterSaveAnswer, type OneOnOneLine } from '../src/core/oneOnOne';
import { ONE_ON_ONE_TEXT_KEYS, type OneOnOneFromWebview, type OneOnOneToWebview, type OneOnOneView } from '../src/oneOnOne/protocol';
import { byId, codicon, h } from './shared/dom';
import { startDataPanel } from './shared/dataPanel';
import { connect, savedRecord, savedScrollY } from './shared/vscodeApi';
import { fill as fillText, hostText } from './shared/text';

const text = hostText(ONE_ON_ONE_TEXT_KEYS);

const channel = connect<OneOnOneToWebview, OneOnOneFromWebview, { readonly scrollY: number }>((saved) => {
  return { scrollY: savedScrollY(savedRecord(saved).scrollY) };
});
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** The stored notes the textarea's text was written from (null before the first data). */
let base: string | null = null;
/** The save sent and not answered yet: one at a time, so each carries the right base. */
let inFlight: { readonly seq: number } | null = null;
/** Save numbers: from the clock, so a reloaded webview never reuses an earlier one's. */
let seq = Date.now();
/** Typed since the last save was sent. */
let typed = false;
/** Login and day of the notes shown: another pair is a new editor. */
let shownKey = '';

function section(id: string, heading: string): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, heading, ' ', h('span', { class: 'count muted' })),
    h('ul', { class: 'items' }), h('p', { class: 'empty', hidden: true }, text.nothingHere));
}

function layout(): void {
  // The date is its own element inside the heading, wherever the language puts it.
  const [notesBefore = '', notesAfter = ''] = text.notesOn.split('{0}');
  byId('app').replaceChildren(
    h('div', { id: 'notice', class: 'notice', role: 'status', hidden: true }, codicon('warning'), h('span', { class: 'notice-text' })),
    h('header', { class: 'toolbar' }, h('h1', { id: 'title' }, '1:1')),
    h('p', { id: 'next-meeting', hidden: true }, codicon('calendar'), ' ', h('span', { class: 'label' }, text.nextMeeting), h('span', { class: 'when' })),
    h('p', { id: 'review-pickup', hidden: true }, codicon('history'), ' ', h('span', { class: 'text' })),
    section('delegated', text.delegated),
    section('agent-work', text.agentWork),
    section('waiting-on-lead', text.waitingOnLead),
    section('lead-waits-on', text.leadWaitsOn),
    section('nudges', text.nudges),
    h('section', { id: 'actions', 'aria-labelledby': 'actions-heading' },
      h('h2', { id: 'actions-heading' }, text.actionItems),
      h('ul', { class: 'actions' }),
      h('form', { id: 'add-action', class: 'add' },
        h('input', { id: 'action-text', type: 'text', maxlength: 500, placeholder: text.newActionItem, 'aria-label': text.newActionItem }),
        h('button', { type: 'submit' }, text.add))),
    h('section', { id: 'notes', 'aria-labelledby': 'notes-heading' },
      h('h2', { id: 'notes-heading' }, notesBefore, h('span', { id: 'notes-date', class: 'muted' }), notesAfter, ' ', h('span', { id: 'notes-saved', class: 'muted' })),
      h('p', { id: 'notes-unreadable', class: 'notice', role: 'status', hidden: true }, codicon('warning'), h('span', { class: 'notice-text' })),
      h('p', { id: 'notes-conflict', class: 'notice', role: 'status', hidden: true }, codicon('warning'), h('span', { class: 'notice-text' })),
      h('textarea', { id: 'notes-text', rows: 8, maxlength: 20000, 'aria-labelledby': 'notes-heading' })),
    h('section', { id: 'past', 'aria-labelledby': 'past-heading' },
      h('h2', { id: 'past-heading' }, text.earlier), h('div', { class: 'past-list' }), h('p', { class: 'empty', hidden: true }, text.noEarlierNotes)),
  );
  byId('app').removeAttribute('aria-busy');
  const notes = byId<HTMLTextAreaElement>('notes-text');
  notes.addEventListener('input', () => {
    typed = true;
    byId('notes-saved').textContent = '';
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNotes, 500);
  });
  notes.addEventListener('blur', saveNotes);
  byId('add-action').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId<HTMLInputElement>('action-text');
    const text = input.value.trim();
    if (!text) return;
    channel.post({ type: 'addAction', text });
    input.value = '';
  });
}

/** Sends the notes if they differ from what is stored, unless a save is still unanswered. */
function saveNotes(): void {
  clearTimeout(saveTimer);
  const notes = byId<HTMLTextAreaElement>('notes-text');
  if (base === null || inFlight || notes.value === base) return;
  inFlight = { seq: ++seq };
  typed = false;
  channel.post({ type: 'saveNotes', notes: notes.value, base, seq: inFlight.seq });
  byId('notes-saved').textContent = text.saving;
}

/** Replaces the text, keeping the caret where it was when the lead is typing. */
function setNotesText(text: string): void {
  const notes = byId<HTMLTextAreaElement>('notes-text');
  if (notes.value === text) return;
  const focused = document.activeElement === notes;
  const { selectionStart, selectionEnd } = notes;
  notes.value = text;
  if (focused) notes.setSelectionRange(Math.min(selectionStart, text.length), Math.min(selectionEnd, text.length));
}

/**
 * The stored notes into the editor: a new person or day replaces it; the answer to a save makes
 * its text the new base (with another window's text kept, and said, on a conflict); another
 * window's save shows at once unless the lead has unsaved typing here, whose save then keeps both.
 */
function showNotes(view: OneOnOneView): void {
  const notes = byId<HTMLTextAreaElement>('notes-text');
  const key = `${view.login}\n${view.date}`;
  if (key !== shownKey) {
    shownKey = key;
    inFlight = null;
    typed = false;
    notes.value = view.todayNotes;
    base = view.todayNotes;
    return;
  }
  if (inFlight) {
    const answer = view.notesSaved;
    if (answer?.seq !== inFlight.seq) return; // built before the save was answered
    inFlight = null;
    const next = notesAfterSaveAnswer({ base: base ?? '', text: notes.value, typed }, answer, view.todayNotes);
    base = next.base;
    typed = next.typed;
    setNotesText(next.text);
    if (answer.theirs !== null) {
      const conflict = byId('notes-conflict');
      conflict.querySelector('.notice-text')!.textContent = text.conflict;
      conflict.hidden = false;
    }
    byId('notes-saved').textContent = answer.failed ? text.notSaved : text.saved;
    if (next.saveAgain) saveNotes(); // typed meanwhile: now with the new base
    return;
  }
  if (notes.value === base && view.todayNotes !== base) {
    setNotesText(view.todayNotes);
    base = view.todayNotes;
  }
}

function itemRow(item: OneOnOneLine): HTMLElement {
  const title = item.url
    ? h('a', { href: '#', class: 'title', 'data-url': item.url }, item.title)
    : h('span', { class: 'title' }, item.title);
  return h('li', { 'data-id': item.id, class: item.overdue ? 'overdue' : '' }, title, ' ', h('span', { class: 'detail muted' }, item.detail));
}

function fill(id: string, items: readonly OneOnOneLine[]): void {
  const box = byId(id);
  box.querySelector('.count')!.textContent = `(${items.length})`;
  box.querySelector('ul')!.replaceChildren(...items.map(itemRow));
  (box.querySelector('.empty') as HTMLElement).hidden = items.length > 0;
}

function render(view: OneOnOneView): void {
  byId('title').textContent = fillText(text.titleWith, view.login);
  const notice = byId('notice');
  notice.hidden = view.notice === null;
  notice.querySelector('.notice-text')!.textContent = view.notice ?? '';
  const next = byId('next-meeting');
  next.hidden = view.nextMeeting === null;
  next.querySelector('.when')!.textContent = view.nextMeeting ?? '';
  const pickup = byId('review-pickup');
  pickup.hidden = view.reviewPickup === null;
  pickup.querySelector('.text')!.textContent = view.reviewPickup ?? '';
  fill('delegated', view.delegated);
  // The agents' PRs, apart from the teammate's own work: shown only when an agent works on their issues.
  fill('agent-work', view.agentWork);
  byId('agent-work').hidden = view.agentWork.length === 0;
  byId('agent-work').querySelector('.count')!.textContent = view.agentCounts ?? '';
  fill('waiting-on-lead', view.waitingOnLead);
  fill('lead-waits-on', view.leadWaitsOn);
  fill('nudges', view.nudges);
  byId('actions').querySelector('ul')!.replaceChildren(...view.actions.map((a) => {
    const box = h('input', { type: 'checkbox', 'data-action': a.id, checked: a.done, 'aria-label': a.text });
    box.addEventListener('change', () => channel.post({ type: 'toggleAction', id: a.id, done: (box as HTMLInputElement).checked }));
    return h('li', { class: a.done ? 'done' : '' }, h('label', {}, box, ' ', h('span', { class: 'text' }, a.text), ' ', h('span', { class: 'muted' }, fillText(text.fromDate, a.date))));
  }));
  byId('notes-date').textContent = view.date;
  const unreadable = byId('notes-unreadable');
  unreadable.hidden = view.unreadable === null;
  unreadable.querySelector('.notice-text')!.textContent = view.unreadable ?? '';
  showNotes(view);
  const past = byId('past');
  past.querySelector('.past-list')!.replaceChildren(...view.pastNotes.map((m) =>
    h('article', { class: 'past-notes' }, h('h3', {}, m.date), h('p', { class: 'notes' }, m.notes))));
  (past.querySelector('.empty') as HTMLElement).hidden = view.pastNotes.length > 0;
}

document.addEventListener('click', (e) => {
  const link = (e.target as HTMLElement).closest('a[data-url]');
  if (!link) return;
  e.preventDefault();
  channel.post({ type: 'open', url: link.getAttribute('data-url') ?? '' });
});

startDataPanel(channel, render, layout);
