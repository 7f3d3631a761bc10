/** The Morning Review webview: six sections, each rendered when its own state changes. */
import {
  SECTION_IDS, type ReviewFromWebview, type ReviewState, type ReviewToWebview, type SectionId, type SectionState,
} from '../src/review/protocol';
import { byId, codicon, h } from './shared/dom';
import { button, sectionBody, type Filter } from './shared/reviewSections';
import { connect, savedRecord } from './shared/vscodeApi';
import { fill } from './shared/text';
import { text } from './_reviewText';

interface ViewState {
  /** null: the default (only what's new when there is a previous review). */
  readonly newOnly: boolean | null;
}

const channel = connect<ReviewToWebview, ReviewFromWebview, ViewState>((saved) => {
  const s = savedRecord(saved);
  return { newOnly: typeof s.newOnly === 'boolean' ? s.newOnly : null };
});
let state: ReviewState | null = null;
/** What each section was last rendered from, so unchanged sections are left alone (and notes keep focus). */
const rendered = new Map<SectionId, string>();
const noteTimers = new Map<SectionId, ReturnType<typeof setTimeout>>();

const newOnly = (): boolean => Boolean(state?.hasPrevious) && (channel.state.newOnly ?? true);

function layout(): void {
  byId('app').replaceChildren(
    h('header', { class: 'toolbar review-header' },
      h('h1', {}, text.title),
      h('span', { id: 'streak', class: 'streak' }),
      h('span', { id: 'last-review', class: 'muted' }),
      h('span', { class: 'spacer' }),
      h('label', { class: 'progress-label' }, h('progress', { id: 'progress', max: SECTION_IDS.length, value: 0 }), ' ', h('span', { id: 'progress-text', 'aria-live': 'polite' })),
      h('label', { id: 'new-only-label', hidden: true }, h('input', { type: 'checkbox', id: 'new-only' }), ' ', text.onlyNew),
      button('finish', text.finish, 'check-all', { id: 'finish', class: 'primary' }),
      h('span', { id: 'finished', class: 'saved', hidden: true }),
      button('newReview', text.startNext, 'refresh', { id: 'new-review', hidden: true })),
    h('div', { id: 'notice', class: 'notice error', role: 'alert', hidden: true }),
    h('div', { id: 'sections' }, ...SECTION_IDS.map((id) => h('section', { id: `section-${id}`, class: 'review-section', 'data-section': id, 'aria-labelledby': `title-${id}` },
      h('header', { class: 'section-header' },
        h('h2', { id: `title-${id}` }, text[`section.${id}`]), ' ',
        h('span', { class: 'status muted' }),
        h('label', { class: 'done' }, h('input', { type: 'checkbox', class: 'section-done', 'data-section': id }), ' ', text.done)),
      h('div', { class: 'section-notice', hidden: true }),
      h('div', { class: 'body' }, h('p', { class: 'loading' }, text.loading)),
      h('textarea', { class: 'notes', 'data-section': id, rows: 2, maxlength: 4000, placeholder: text.notes, 'aria-label': fill(text.notesOn, text[`section.${id}`]) })))),
    h('details', { id: 'history' }, h('summary', {}, text.history), h('ol', { id: 'history-list' })),
  );
  byId('app').removeAttribute('aria-busy');
}

function renderHeader(s: ReviewState): void {
  byId('streak').replaceChildren(codicon('flame'), ' ', fill(s.streak === 1 ? text.streakOne : text.streakMany, s.streak));
  byId('streak').title = text.streakHelp;
  byId('last-review').textContent = s.lastReview ? fill(text.lastReview, s.lastReview) : text.firstReview;
  const done = s.sections.filter((x) => x.checked).length;
  byId<HTMLProgressElement>('progress').value = done;
  byId('progress-text').textContent = fill(text.sectionsDone, done, s.sections.length);
  byId('new-only-label').hidden = !s.hasPrevious;
  byId<HTMLInputElement>('new-only').checked = newOnly();
  byId<HTMLButtonElement>('finish').disabled = s.finished !== null;
  byId('finished').hidden = s.finished === null;
  byId('finished').textContent = s.finished ?? '';
  byId('new-review').hidden = s.finished === null;
  byId('history-list').replaceChildren(...(s.history.length ? s.history.map((r) => h('li', { 'data-id': r.id },
    r.notes ? fill(text.historyRowNotes, r.when, r.checked, SECTION_IDS.length, r.notes) : fill(text.historyRow, r.when, r.checked, SECTION_IDS.length))) : [h('li', { class: 'empty' }, text.noHistory)]));
}

function renderSection(section: SectionState, force = false): void {
  const el = byId(`section-${section.id}`);
  const done = el.querySelector<HTMLInputElement>('.section-done')!;
  if (done.checked !== section.checked) done.checked = section.checked;
  el.classList.toggle('checked', section.checked);
  const notes = el.querySelector<HTMLTextAreaElement>('.notes')!;
  // Never overwrite what is being typed.
  if (document.activeElement !== notes && !noteTimers.has(section.id) && notes.value !== section.notes) notes.value = section.notes;
  const key = JSON.stringify([section.view, section.notice, newOnly()]);
  if (!force && rendered.get(section.id) === key) return;
  rendered.set(section.id, key);
  const notice = el.querySelector<HTMLElement>('.section-notice')!;
  notice.hidden = section.notice === null;
  notice.className = `section-notice ${section.notice?.error ? 'error' : 'info'}`;
  notice.textContent = section.notice?.text ?? '';
  const status = el.querySelector('.status')!;
  const body = el.querySelector('.body')!;
  el.dataset.status = section.view.status;
  if (section.view.status === 'loading') {
    status.textContent = '';
    body.replaceChildren(h('p', { class: 'loading' }, codicon('loading', undefined, 'codicon-modifier-spin'), ' ', text.loading));
  } else if (section.view.status === 'error') {
    status.textContent = '';
    body.replaceChildren(h('p', { class: 'error-text' }, codicon('error'), ' ', h('span', { class: 'message' }, section.view.message)), button('retry', text.retry, 'refresh', { class: 'retry' }));
  } else {
    const filter: Filter = { newIds: new Set(section.view.newIds), newOnly: newOnly(), hidden: 0 };
    const children = sectionBody(section.view.data, filter);
    status.textContent = state?.hasPrevious ? fill(text.newCount, section.view.newIds.length) : '';
    body.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'object' ? c : String(c))),
      ...(filter.hidden ? [h('p', { class: 'muted seen-hidden' }, fill(text.seenHidden, filter.hidden))] : []));
  }
}

function render(force = false): void {
  if (!state) return;
  renderHeader(state);
  for (const section of state.sections) renderSection(section, force);
}

function sectionOf(el: Element): SectionId | null {
  const id = el.closest<HTMLElement>('[data-section]')?.dataset.section;
  return SECTION_IDS.find((s) => s === id) ?? null;
}

function onAction(button: HTMLButtonElement): void {
  const action = button.dataset.action;
  const li = button.closest<HTMLElement>('li[data-repo]');
  const incident = li ? { repo: li.dataset.repo ?? '', number: Number(li.dataset.number) } : null;
  const member = li?.querySelector<HTMLSelectElement>('select.member')?.value ?? '';
  switch (action) {
    case 'open': if (button.dataset.url) channel.post({ type: 'open', url: button.dataset.url }); break;
    case 'retry': { const section = sectionOf(button); if (section) channel.post({ type: 'retry', section }); break; }
    case 'markRead': if (button.dataset.thread) channel.post({ type: 'markRead', threadId: button.dataset.thread }); break;
    case 'markGroupRead': {
      const reason = button.dataset.reason;
      const group = state?.sections.find((s) => s.id === 'communication');
      const known = group?.view.status === 'ready' && group.view.data.kind === 'communication' ? group.view.data.groups.find((g) => g.reason === reason) : undefined;
      if (known) channel.post({ type: 'markGroupRead', reason: known.reason });
      break;
    }
    case 'delegate': if (incident && member) channel.post({ type: 'delegate', ...incident, assignee: member }); break;
    case 'escalate': if (incident) channel.post({ type: 'escalate', ...incident }); break;
    case 'schedule': {
      const due = li?.querySelector<HTMLSelectElement>('select.due')?.value ?? '';
      if (incident && member && due) channel.post({ type: 'schedule', ...incident, assignee: member, due });
      break;
    }
    case 'setTarget': {
      const value = Math.round(Number(byId<HTMLInputElement>('target').value));
      if (Number.isFinite(value) && value >= 0 && value <= 100) channel.post({ type: 'setTarget', percent: value });
      break;
    }
    case 'startTechnical': channel.post({ type: 'startTimer', mode: 'technical' }); break;
    case 'startManagerial': channel.post({ type: 'startTimer', mode: 'managerial' }); break;
    case 'openReviewQueue': channel.post({ type: 'runCommand', command: 'openReviewQueue' }); break;
    case 'focusSidebar': channel.post({ type: 'runCommand', command: 'focusSidebar' }); break;
    case 'finish': channel.post({ type: 'finish' }); break;
    case 'newReview': channel.post({ type: 'newReview' }); break;
    default: return;
  }
  // Actions that change GitHub take a moment: one click is enough.
  if (['markRead', 'markGroupRead', 'delegate', 'escalate', 'schedule', 'finish'].includes(action ?? '')) button.disabled = true;
}

function sendNotes(section: SectionId, el: HTMLTextAreaElement): void {
  clearTimeout(noteTimers.get(section));
  noteTimers.delete(section);
  channel.post({ type: 'notes', section, text: el.value.slice(0, 4000) });
}

function wire(): void {
  const app = byId('app');
  app.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (b && !b.disabled) onAction(b);
  });
  app.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.id === 'new-only') {
      channel.saveState({ newOnly: t.checked });
      render(true);
    } else if (t.classList.contains('section-done')) {
      const section = sectionOf(t);
      if (section) channel.post({ type: 'check', section, checked: t.checked });
    }
  });
  app.addEventListener('input', (e) => {
    const t = e.target as HTMLTextAreaElement;
    const section = t.classList.contains('notes') ? sectionOf(t) : null;
    if (!section) return;
    clearTimeout(noteTimers.get(section));
    noteTimers.set(section, setTimeout(() => sendNotes(section, t), 400));
  });
  app.addEventListener('focusout', (e) => {
    const t = e.target as HTMLTextAreaElement;
    const section = t.classList.contains('notes') ? sectionOf(t) : null;
    if (section && noteTimers.has(section)) sendNotes(section, t);
  });
}

channel.onMessage((msg) => {
  if (msg.type === 'data') {
    state = msg.data;
    byId('notice').hidden = true;
    render();
  } else {
    const notice = byId('notice');
    notice.hidden = false;
    notice.textContent = msg.message;
  }
});
layout();
wire();
channel.post({ type: 'ready' });
