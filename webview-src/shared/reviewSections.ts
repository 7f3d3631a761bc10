/**
 * The bodies of the Morning Review sections. Every GitHub or health-check string goes in as a
 * text node through `h`; links are buttons that ask the host to open them.
 */
import type {
  CommunicationData, IncidentItem, IncidentsData, MilestonesData, PlanData, SectionData, SystemsData, TeamData,
} from '../../src/review/protocol';
import { codicon, h, type Child } from './dom';
import { Settings, settingId } from '../../src/ids';

/** Which items show: all, or (with "Only what's new") only those not seen in the last review. */
export interface Filter {
  readonly newIds: ReadonlySet<string>;
  readonly newOnly: boolean;
  /** Items left out by the filter, for the "n seen before" line. */
  hidden: number;
}

function shows(filter: Filter, id: string): boolean {
  if (!filter.newOnly || filter.newIds.has(id)) return true;
  filter.hidden++;
  return false;
}

function newBadge(filter: Filter, id: string): HTMLElement | null {
  return filter.newIds.has(id) ? h('span', { class: 'badge-new', title: 'Not seen in the last review' }, 'New') : null;
}

function item(filter: Filter, id: string, attrs: Record<string, string | number>, ...children: Child[]): HTMLLIElement {
  const li = h('li', { 'data-id': id, class: filter.newIds.has(id) ? 'item new' : 'item', ...attrs }, newBadge(filter, id), ...children);
  // Row buttons float to the right of the first line: they must come first in the flow.
  const actions = li.querySelector(':scope > .actions');
  if (actions) li.prepend(actions);
  return li;
}

export function button(action: string, text: string, icon?: string, attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  return h('button', { type: 'button', 'data-action': action, ...attrs }, icon ? codicon(icon) : null, icon ? ' ' : '', text);
}

function openButton(url: string): HTMLButtonElement | null {
  return url ? button('open', 'Open', 'link-external', { 'data-url': url, title: 'Open on GitHub' }) : null;
}

function tag(text: string, cls = ''): HTMLElement {
  return h('span', { class: `tag ${cls}`.trim() }, text);
}

function list(items: HTMLLIElement[], empty: string, cls = ''): HTMLElement {
  return items.length ? h('ul', { class: `items ${cls}`.trim() }, ...items) : h('p', { class: 'empty' }, empty);
}

function communication(d: CommunicationData, f: Filter): Child[] {
  const groups = d.groups.map((g) => {
    const items = g.items.filter((i) => shows(f, i.id)).map((i) => item(f, i.id, { 'data-thread': i.threadId },
      h('span', { class: 'repo' }, i.repo), ' ', h('span', { class: 'title' }, i.title), ' ',
      h('span', { class: 'muted when' }, `${i.type} · ${i.when}`),
      h('span', { class: 'actions' }, button('markRead', 'Mark read', 'check', { 'data-thread': i.threadId }), openButton(i.url))));
    if (items.length === 0) return null;
    return h('div', { class: 'group', 'data-reason': g.reason },
      h('h3', {}, g.label, ' ', h('span', { class: 'muted' }, `(${g.items.length})`),
        button('markGroupRead', 'Mark all read', 'check-all', { 'data-reason': g.reason, class: 'group-action' })),
      h('ul', { class: 'items' }, ...items));
  }).filter((g): g is HTMLDivElement => g !== null);
  return [h('p', { class: 'muted scope' }, `Notifications: ${d.scope}`), groups.length ? groups : h('p', { class: 'empty' }, 'Inbox zero. Nothing unread.')].flat();
}

const STATE_ICON = { failure: 'error', success: 'pass', running: 'sync', other: 'circle-slash' } as const;

function systems(d: SystemsData, f: Filter): Child[] {
  const runs = d.workflows.filter((w) => shows(f, w.id)).map((w) => item(f, w.id, { 'data-state': w.state },
    codicon(STATE_ICON[w.state], w.state), ' ', h('span', { class: 'repo' }, w.repo), ' ', h('span', { class: 'title' }, w.name), ' ',
    h('span', { class: `state state-${w.state}` }, w.stateText), ' ', h('span', { class: 'muted when' }, `last run ${w.when}`),
    h('span', { class: 'actions' }, openButton(w.url))));
  const health = d.health.filter((c) => shows(f, c.id)).map((c) => item(f, c.id, { 'data-ok': String(c.ok) },
    codicon(c.ok ? 'pass' : 'error', c.ok ? 'passing' : 'failing'), ' ', h('span', { class: 'title' }, c.name), ' ',
    h('span', { class: c.ok ? 'state state-success' : 'state state-failure' }, c.statusText), ' ',
    h('span', { class: 'muted' }, c.lastPassed ? `last passed ${c.lastPassed}` : 'never passed'),
    c.snippet ? h('div', { class: 'snippet', title: c.url }, c.snippet) : null));
  return [
    h('h3', {}, 'Workflows on default branches'), list(runs, 'No workflow runs on the default branches.', 'workflows'),
    ...d.problems.map((p) => h('p', { class: 'problem' }, codicon('warning'), ' ', p)),
    h('h3', {}, 'Health checks'),
    d.health.length === 0 ? h('p', { class: 'empty' }, `No health checks configured (${settingId(Settings.healthChecks)}).`) : list(health, 'Nothing new.', 'health'),
  ];
}

function incident(i: IncidentItem, d: IncidentsData, f: Filter): HTMLLIElement {
  const preferred = d.members.find((m) => i.assignees.includes(m)) ?? d.members[0] ?? '';
  const member = h('select', { class: 'member', 'aria-label': `Team member for ${i.repo}#${i.number}` },
    ...d.members.map((m) => h('option', { value: m, selected: m === preferred }, m)));
  const due = h('select', { class: 'due', 'aria-label': `Due date for ${i.repo}#${i.number}` },
    ...d.dueChoices.map((c, at) => h('option', { value: c.date, selected: at === 1 }, `${c.label} (${c.date})`)));
  const noTeam = d.members.length === 0;
  return item(f, i.id, { 'data-repo': i.repo, 'data-number': i.number },
    i.severity ? tag(i.severity, 'severity') : null, ' ', h('span', { class: 'repo' }, `${i.repo}#${i.number}`), ' ',
    h('span', { class: 'title' }, i.title), ' ',
    h('span', { class: 'muted' }, `opened ${i.age} · ${i.assignees.length ? `assigned to ${i.assignees.join(', ')}` : 'unassigned'}`),
    h('div', { class: 'labels' }, ...i.labels.map((l) => tag(l))),
    h('div', { class: 'actions incident-actions' }, member, due,
      button('delegate', 'Delegate', 'person-add', { disabled: noTeam, title: 'Assign on GitHub and track it as delegated work' }),
      button('escalate', i.escalateTo ? `Escalate → ${i.escalateTo}` : 'Escalated', 'arrow-up', { disabled: i.escalateTo === null }),
      button('schedule', 'Schedule', 'calendar', { disabled: noTeam, title: 'Track it as delegated work due on the chosen day' }),
      openButton(i.url)));
}

function incidents(d: IncidentsData, f: Filter): Child[] {
  const items = d.items.filter((i) => shows(f, i.id)).map((i) => incident(i, d, f));
  const hint = d.members.length === 0 ? h('p', { class: 'muted' }, `Set ${settingId(Settings.teamMembers)} to delegate and schedule from here.`) : null;
  return [hint, list(items, d.items.length ? 'Nothing new.' : 'No open incidents. Quiet night.', 'incidents')];
}

function milestones(d: MilestonesData, f: Filter): Child[] {
  const items = d.items.filter((m) => shows(f, m.id)).map((m) => item(f, m.id, { 'data-risk': String(m.atRisk) },
    m.atRisk ? tag('At risk', 'risk') : tag('On track', 'ok'), ' ', h('span', { class: 'title' }, m.title), ' ', h('span', { class: 'repo' }, m.repo),
    h('div', { class: 'progress-line' },
      h('progress', { max: 100, value: m.percent, 'aria-label': `${m.percent}% done` }), ' ',
      h('span', { class: 'num' }, `${m.closed} / ${m.open + m.closed} closed (${m.percent}%)`), ' · ',
      h('span', { class: 'days-left' }, m.daysLeft)),
    h('div', { class: 'muted' }, m.riskText), h('span', { class: 'actions' }, openButton(m.url))));
  return [list(items, d.items.length ? 'Nothing new.' : 'No open milestones.', 'milestones'), ...d.problems.map((p) => h('p', { class: 'problem' }, codicon('warning'), ' ', p))];
}

function team(d: TeamData, f: Filter): Child[] {
  const people = d.people.filter((p) => shows(f, p.id) || [...p.overdue, ...p.dueToday].some((t) => f.newIds.has(t.id))).map((p) => {
    const tasks = [...p.overdue.map((t) => ({ t, overdue: true })), ...p.dueToday.map((t) => ({ t, overdue: false }))];
    const summary = tasks.length === 0 ? 'nothing overdue or due today' : `${p.overdue.length} overdue · ${p.dueToday.length} due today`;
    return item(f, p.id, { 'data-login': p.login }, h('strong', { class: 'login' }, p.login), ' ', h('span', { class: 'muted' }, summary),
      p.reviewLoad ? h('span', { class: 'muted review-load' }, ` · ${p.reviewLoad}`) : null,
      tasks.length ? h('ul', { class: 'tasks' }, ...tasks.map(({ t, overdue }) => h('li', { class: overdue ? 'task overdue' : 'task', 'data-id': t.id },
        // Overdue is said in words (and marked with an icon), not only by a colour.
        newBadge(f, t.id), overdue ? codicon('warning') : null, h('span', { class: 'title' }, t.title), ' ', h('span', { class: 'muted' }, overdue ? `overdue, was due ${t.due}` : 'due today')))) : null);
  });
  const q = d.queue;
  return [
    h('h3', {}, 'Delegated work'), list(people, d.people.length ? 'Nothing new.' : `No team members configured (${settingId(Settings.teamMembers)}).`, 'people'),
    h('h3', {}, 'Review queue'),
    q.notice ? h('p', { class: 'problem' }, codicon('warning'), ' ', q.notice) : null,
    h('p', { class: 'queue-summary' }, `${q.count} waiting for your review`, q.breaching.length ? ` · ${q.breaching.length} past the SLA` : ''),
    q.oldest ? h('p', { class: 'muted' }, `Oldest: ${q.oldest}`) : null,
    q.breaching.length ? h('ul', { class: 'items breaching' }, ...q.breaching.map((b) => item(f, b.id, {}, codicon('warning'), ' ', h('span', { class: 'title' }, b.text)))) : null,
    h('div', { class: 'actions' }, button('openReviewQueue', 'Open review queue', 'checklist'), button('focusSidebar', 'Show in sidebar', 'layout-sidebar-left')),
    ...nudges(d),
  ];
}

/** Yesterday's nudges that got no answer: shown whenever there were nudges, not filtered by "new". */
function nudges(d: TeamData): Child[] {
  const n = d.nudges;
  if (!n || n.asked === 0) return [];
  const items = n.items.map((x) => h('li', { class: 'item nudge', 'data-id': x.id },
    h('span', { class: 'actions' }, openButton(x.url)), h('span', { class: 'title' }, x.text), ' ', h('span', { class: 'muted' }, x.detail)));
  return [
    h('h3', {}, 'Unanswered nudges from yesterday'),
    n.note ? h('p', { class: 'problem nudges-note' }, codicon('warning'), ' ', n.note) : null,
    list(items, `All ${n.asked} of yesterday's nudges got an answer.`, 'nudges'),
  ];
}

/** Today's meetings and free blocks, from the connected calendars. */
function calendarDay(day: NonNullable<PlanData['day']>): HTMLElement {
  return h('div', { class: 'calendar-day' },
    h('h3', {}, 'Today in your calendar'),
    day.meetings.length === 0 ? h('p', { class: 'muted' }, 'No meetings today.') : h('ul', { class: 'meetings' }, ...day.meetings.map((m) => h('li', {}, m))),
    h('p', { class: 'free-blocks' }, day.line),
    day.verdict ? h('p', { class: day.fits ? 'fits' : 'short' }, day.verdict) : null);
}

function plan(d: PlanData): Child[] {
  const split = (s: PlanData['week']) => h('p', { class: 'split' }, h('strong', {}, `${s.label}: `), `Technical ${s.technical} · Managerial ${s.managerial} · ${s.share}`);
  return [
    split(d.yesterday), split(d.week),
    d.day ? calendarDay(d.day) : null,
    h('div', { class: 'target' },
      h('label', { for: 'target' }, "Today's technical target (%)"), ' ',
      h('input', { type: 'number', id: 'target', min: 0, max: 100, step: 5, value: d.targetPercent }), ' ',
      button('setTarget', 'Set for today', 'target'),
      d.targetPercent !== d.defaultTarget ? h('span', { class: 'muted' }, ` (default ${d.defaultTarget}%)`) : null),
    h('div', { class: 'actions' },
      button('startTechnical', 'Start technical', 'code', { class: d.running === 'technical' ? 'primary running' : 'primary' }),
      button('startManagerial', 'Start managerial', 'organization', { class: d.running === 'managerial' ? 'running' : '' }),
      d.running ? h('span', { class: 'muted' }, ` Timer running: ${d.running}`) : null),
  ];
}

export function sectionBody(data: SectionData, filter: Filter): Child[] {
  switch (data.kind) {
    case 'communication': return communication(data, filter);
    case 'systems': return systems(data, filter);
    case 'incidents': return incidents(data, filter);
    case 'milestones': return milestones(data, filter);
    case 'team': return team(data, filter);
    case 'plan': return plan(data);
  }
}
