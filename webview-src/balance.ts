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
      h('h1', {}, 'Time Balance'), h('span', { id: 'updated', class: 'muted' }),
      h('vscode-button', { id: 'export', icon: 'export', secondary: true }, 'Export CSV…')),
    h('section', { id: 'totals', class: 'totals', 'aria-label': 'Totals' }, totalCard('total-today', 'Today'), totalCard('total-week', 'This week')),
    h('section', { 'aria-labelledby': 'week-heading' },
      h('h2', { id: 'week-heading' }, 'This week ', h('span', { id: 'week-label', class: 'muted' })),
      h('div', { class: 'chart-box' }, h('canvas', { id: 'balance-chart', role: 'img', 'aria-label': 'Hours per day this week' }))),
    h('section', { 'aria-labelledby': 'trend-heading' },
      h('h2', { id: 'trend-heading' }, 'Last 8 weeks ', h('span', { id: 'trend-label', class: 'muted' })),
      h('div', { class: 'chart-box' }, h('canvas', { id: 'trend-chart', role: 'img', 'aria-label': 'Technical share and hours per week' })),
      h('details', { class: 'trend-details' },
        h('summary', {}, 'The weeks as a table'),
        h('table', { id: 'trend', class: 'grid' },
          h('thead', {}, h('tr', {}, ...['Week of', 'Technical', 'Managerial', 'Total', 'Technical share', 'Automatic', 'Meetings'].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody')))),
    h('section', { 'aria-labelledby': 'tags-heading' },
      h('h2', { id: 'tags-heading' }, 'Managerial time by tag'),
      h('table', { id: 'tags', class: 'grid', 'aria-labelledby': 'tags-heading' },
        h('thead', {}, h('tr', {}, ...['Tag', 'This week', 'Last 8 weeks', 'Share of managerial'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody')),
      h('p', { id: 'tags-empty', class: 'empty', hidden: true }, 'No managerial time in the last 8 weeks.'),
      h('p', { class: 'muted hint' }, 'Tag a note with a word after #, anywhere in it: “#1:1 with Mira”, “#review”, “#hiring panel”. The first tag counts; managerial time without one is “other”; meetings from a connected calendar are “meetings”.')),
    h('section', { 'aria-labelledby': 'entries-heading' },
      h('h2', { id: 'entries-heading' }, 'Today’s entries'),
      h('table', { id: 'entries', class: 'grid', 'aria-labelledby': 'entries-heading' },
        h('thead', {}, h('tr', {}, ...['Start', 'End', 'Mode', 'Duration', 'Note'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody')),
      h('p', { id: 'entries-empty', class: 'empty', hidden: true }, 'No time tracked today.')),
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
    h('td', { class: 'week' }, w.isThisWeek ? `${w.label} (this week)` : w.label),
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
  if (b.technicalPercent === null) return b.totalMs > 0 ? 'Less than a minute tracked so far' : 'Nothing tracked yet';
  const share = `Technical ${Math.round(b.technicalPercent)}% · target ${Math.round(b.targetPercent)}%`;
  const off = `${formatDuration(Math.abs(b.deltaMinutes) * 60_000)} (${Math.abs(Math.round(b.deltaPoints))} points)`;
  switch (b.state) {
    case 'on-target': return `${share} — on target`;
    case 'too-technical': return `${share} — more technical than the target by ${off}`;
    case 'too-managerial': return `${share} — more managerial than the target by ${off}`;
    default: return share;
  }
}

function fillTotal(id: string, when: string, b: Balance, meetingMs: number): void {
  const card = byId(id);
  card.querySelector('.when')!.textContent = when;
  card.querySelector('.big')!.textContent = formatDuration(b.totalMs);
  const meetings = meetingMs > 0 ? ` (meetings ${formatDuration(meetingMs)})` : '';
  card.querySelector('.split')!.textContent = `Technical ${formatDuration(b.technicalMs)} · Managerial ${formatDuration(b.managerialMs)}${meetings}`;
  const state = card.querySelector('.balance-state')!;
  state.textContent = balanceText(b);
  state.className = `balance-state state-${b.state}`;
}

function entryRow(e: EntryRow): HTMLTableRowElement {
  return h('tr', { class: `mode-${e.mode} source-${e.source}`, 'data-entry': e.entryId },
    h('td', { class: 'start num' }, e.start),
    h('td', { class: 'end num' }, e.end ?? 'running'),
    h('td', { class: 'mode' }, h('span', { class: `swatch swatch-${e.mode}`, 'aria-hidden': 'true' }), e.mode === 'technical' ? 'Technical' : 'Managerial',
      ...(e.auto === null ? [] : [' ', h('span', { class: 'auto-badge', title: `Started automatically (${e.auto}); see ${settingId(Settings.autoMode)}` }, 'auto')]),
      ...(e.source === 'calendar' ? [' ', h('span', { class: 'auto-badge', title: `A meeting from your calendar; see ${settingId(Settings.calendarOverlap)}` }, 'meeting')] : [])),
    h('td', { class: 'duration num' }, formatDuration(e.durationMs)),
    h('td', { class: 'note' }, e.note));
}

function render(report: BalanceReport): void {
  const started = performance.now();
  byId('notice').hidden = true;
  byId('updated').textContent = `Updated ${report.updated}`;
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
