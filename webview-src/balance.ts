/** The Time Balance webview: totals, the week chart, the 8-week trend, managerial time by tag, today's entries. */
import './shared/litNonce';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { Balance } from '../src/core/balance';
import { formatDuration } from '../src/core/timeline';
import type { BalanceFromWebview, BalanceToWebview } from '../src/balance/protocol';
import type { BalanceReport, EntryRow, TagRow, TrendBar } from '../src/balance/report';
import { BalanceChart } from './_balanceChart';
import { TrendChart } from './_trendChart';
import { byId, codicon, h } from './shared/dom';
import { connect, savedRecord, savedScrollY } from './shared/vscodeApi';
import { startDataPanel } from './shared/dataPanel';
import { Settings, settingId } from '../src/ids';
import { text } from './_balanceText';
import { fill } from './shared/text';

interface BalanceViewState {
  readonly scrollY: number;
}

const channel = connect<BalanceToWebview, BalanceFromWebview, BalanceViewState>((saved) => {
  return { scrollY: savedScrollY(savedRecord(saved).scrollY) };
});
let chart: BalanceChart | null = null;
let trendChart: TrendChart | null = null;
let scrollRestored = false;

function totalCard(id: string, heading: string): HTMLElement {
  return h('div', { id, class: 'total' },
    h('h2', {}, heading, ' ', h('span', { class: 'when muted' })),
    h('p', { class: 'big' }), h('p', { class: 'split' }), h('p', { class: 'balance-state' }));
}

function layout(): void {
  byId('app').replaceChildren(
    h('div', { id: 'notice', class: 'notice error', role: 'status', hidden: true }, codicon('warning'), h('span', { class: 'notice-text' })),
    h('header', { class: 'toolbar' },
      h('h1', {}, text.title), h('span', { id: 'updated', class: 'muted' }),
      h('vscode-button', { id: 'export', icon: 'export', secondary: true }, text.exportCsv)),
    h('section', { id: 'totals', class: 'totals', 'aria-label': text.totals }, totalCard('total-today', text.today), totalCard('total-week', text.thisWeek)),
    h('section', { 'aria-labelledby': 'week-heading' },
      h('h2', { id: 'week-heading' }, text.thisWeek, ' ', h('span', { id: 'week-label', class: 'muted' })),
      h('div', { class: 'chart-box' }, h('canvas', { id: 'balance-chart', role: 'img', 'aria-label': text.weekChart }))),
    h('section', { 'aria-labelledby': 'trend-heading' },
      h('h2', { id: 'trend-heading' }, text.lastEightWeeks, ' ', h('span', { id: 'trend-label', class: 'muted' })),
      h('div', { class: 'chart-box' }, h('canvas', { id: 'trend-chart', role: 'img', 'aria-label': text.trendChart })),
      h('details', { class: 'trend-details' },
        h('summary', {}, text.weeksTable),
        h('table', { id: 'trend', class: 'grid' },
          h('thead', {}, h('tr', {}, ...[text.weekOf, text.technical, text.managerial, text.total, text.technicalShare, text.automatic, text.meetings].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody')))),
    h('section', { 'aria-labelledby': 'tags-heading' },
      h('h2', { id: 'tags-heading' }, text.tagsHeading),
      h('table', { id: 'tags', class: 'grid', 'aria-labelledby': 'tags-heading' },
        h('thead', {}, h('tr', {}, ...[text.tag, text.thisWeek, text.lastEightWeeks, text.shareOfManagerial].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody')),
      h('p', { id: 'tags-empty', class: 'empty', hidden: true }, text.noTags),
      h('p', { class: 'muted hint' }, text.tagHint)),
    h('section', { 'aria-labelledby': 'entries-heading' },
      h('h2', { id: 'entries-heading' }, text.entriesHeading),
      h('table', { id: 'entries', class: 'grid', 'aria-labelledby': 'entries-heading' },
        h('thead', {}, h('tr', {}, ...[text.start, text.end, text.mode, text.duration, text.note].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody')),
      h('p', { id: 'entries-empty', class: 'empty', hidden: true }, text.noEntries)),
  );
  byId('app').removeAttribute('aria-busy');
  byId('export').addEventListener('click', () => channel.post({ type: 'export' }));
  chart = new BalanceChart(byId<HTMLCanvasElement>('balance-chart'));
  trendChart = new TrendChart(byId<HTMLCanvasElement>('trend-chart'));
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)}%`;
}

function trendRow(w: TrendBar): HTMLTableRowElement {
  return h('tr', { 'data-week': w.weekStart, class: w.isThisWeek ? 'this-week' : '' },
    h('td', { class: 'week' }, w.isThisWeek ? fill(text.labelThisWeek, w.label) : w.label),
    h('td', { class: 'technical num' }, formatDuration(w.technicalMs)),
    h('td', { class: 'managerial num' }, formatDuration(w.managerialMs)),
    h('td', { class: 'total num' }, formatDuration(w.technicalMs + w.managerialMs)),
    h('td', { class: 'share num' }, percent(w.technicalPercent)),
    h('td', { class: 'automatic num' }, w.automaticMs > 0 ? formatDuration(w.automaticMs) : '—'),
    h('td', { class: 'meetings num' }, w.meetingMs > 0 ? formatDuration(w.meetingMs) : '—'));
}

function tagRow(t: TagRow, managerialMs: number): HTMLTableRowElement {
  return h('tr', { 'data-tag': t.tag },
    h('td', { class: 'tag' }, t.tag),
    h('td', { class: 'week num' }, formatDuration(t.weekMs)),
    h('td', { class: 'trend num' }, formatDuration(t.trendMs)),
    h('td', { class: 'share num' }, managerialMs > 0 ? `${Math.round((t.trendMs * 100) / managerialMs)}%` : '—'));
}

function balanceText(b: Balance): string {
  if (b.technicalPercent === null) return b.totalMs > 0 ? text.lessThanAMinute : text.nothingYet;
  const share = fill(text.share, Math.round(b.technicalPercent), Math.round(b.targetPercent));
  const off = fill(text.offBy, formatDuration(Math.abs(b.deltaMinutes) * 60_000), Math.abs(Math.round(b.deltaPoints)));
  switch (b.state) {
    case 'on-target': return fill(text.onTarget, share);
    case 'too-technical': return fill(text.tooTechnical, share, off);
    case 'too-managerial': return fill(text.tooManagerial, share, off);
    default: return share;
  }
}

function fillTotal(id: string, when: string, b: Balance, meetingMs: number): void {
  const card = byId(id);
  card.querySelector('.when')!.textContent = when;
  card.querySelector('.big')!.textContent = formatDuration(b.totalMs);
  const meetings = meetingMs > 0 ? fill(text.withMeetings, formatDuration(meetingMs)) : '';
  card.querySelector('.split')!.textContent = fill(text.split, formatDuration(b.technicalMs), formatDuration(b.managerialMs)) + meetings;
  const state = card.querySelector('.balance-state')!;
  state.textContent = balanceText(b);
  state.className = `balance-state state-${b.state}`;
}

function entryRow(e: EntryRow): HTMLTableRowElement {
  return h('tr', { class: `mode-${e.mode} source-${e.source}`, 'data-entry': e.entryId },
    h('td', { class: 'start num' }, e.start),
    h('td', { class: 'end num' }, e.end ?? text.running),
    h('td', { class: 'mode' }, h('span', { class: `swatch swatch-${e.mode}`, 'aria-hidden': 'true' }), e.mode === 'technical' ? text.technical : text.managerial,
      ...(e.auto === null ? [] : [' ', h('span', { class: 'auto-badge', title: fill(text.autoTitle, e.auto, settingId(Settings.autoMode)) }, text.autoBadge)]),
      ...(e.source === 'calendar' ? [' ', h('span', { class: 'auto-badge', title: fill(text.meetingTitle, settingId(Settings.calendarOverlap)) }, text.meetingBadge)] : [])),
    h('td', { class: 'duration num' }, formatDuration(e.durationMs)),
    h('td', { class: 'note' }, e.note));
}

function render(report: BalanceReport): void {
  const started = performance.now();
  byId('notice').hidden = true;
  byId('updated').textContent = fill(text.updated, report.updated);
  fillTotal('total-today', report.todayLabel, report.today, report.meetings.todayMs);
  fillTotal('total-week', report.weekLabel, report.week, report.meetings.weekMs);
  byId('week-label').textContent = report.weekLabel;
  chart?.update(report.days, report.targetPercent);
  const fragment = document.createDocumentFragment();
  for (const e of report.entries) fragment.appendChild(entryRow(e));
  byId('entries').querySelector('tbody')!.replaceChildren(fragment);
  byId('entries-empty').hidden = report.entries.length > 0;
  byId('trend-label').textContent = report.trendLabel;
  trendChart?.update(report.trend, report.targetPercent);
  byId('trend').querySelector('tbody')!.replaceChildren(...report.trend.map(trendRow));
  const managerialMs = report.trend.reduce((sum, w) => sum + w.managerialMs, 0);
  byId('tags').querySelector('tbody')!.replaceChildren(...report.tags.map((t) => tagRow(t, managerialMs)));
  byId('tags-empty').hidden = report.tags.length > 0;
  // Measured to the frame after the charts were drawn (Chart.js draws synchronously with animation off).
  requestAnimationFrame(() => setTimeout(() => channel.post({ type: 'rendered', ms: Math.round((performance.now() - started) * 10) / 10, weeks: report.trend.length })));
  if (!scrollRestored) {
    scrollRestored = true;
    window.scrollTo(0, channel.state.scrollY);
  }
}

startDataPanel(channel, render, layout);
