/**
 * The bodies of the Morning Review sections. Every GitHub or health-check string goes in as a
 * text node through `h`; links are buttons that ask the host to open them.
 */
import type {
  CommunicationData, IncidentItem, IncidentsData, MilestonesData, PlanData, SectionData, SystemsData, TeamData,
} from '../../src/review/protocol';
import { codicon, h, type Child } from './dom';
import { Settings, settingId } from '../../src/ids';
import { fill } from './text';
import { text } from '../_reviewText';

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
  return filter.newIds.has(id) ? h('span', { class: 'badge-new', title: text.newTitle }, text.newBadge) : null;
}

function item(filter: Filter, id: string, attrs: Record<string, string | number>, ...children: Child[]): HTMLLIElement {
  const li = h('li', { 'data-id': id, class: filter.newIds.has(id) ? 'item new' : 'item', ...attrs }, newBadge(filter, id), ...children);
  // Row buttons float to the right of the first line: they must come first in the flow.
  const actions = li.querySelector(':scope > .actions');
  if (actions) li.prepend(actions);
  return li;
}

export function button(action: string, label: string, icon?: string, attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  return h('button', { type: 'button', 'data-action': action, ...attrs }, icon ? codicon(icon) : null, icon ? ' ' : '', label);
}

function openButton(url: string): HTMLButtonElement | null {
  return url ? button('open', text.open, 'link-external', { 'data-url': url, title: text.openOnGitHub }) : null;
}

function tag(label: string, cls = ''): HTMLElement {
  return h('span', { class: `tag ${cls}`.trim() }, label);
}

function list(items: HTMLLIElement[], empty: string, cls = ''): HTMLElement {
  return items.length ? h('ul', { class: `items ${cls}`.trim() }, ...items) : h('p', { class: 'empty' }, empty);
}

function communication(d: CommunicationData, f: Filter): Child[] {
  const groups = d.groups.map((g) => {
    const items = g.items.filter((i) => shows(f, i.id)).map((i) => item(f, i.id, { 'data-thread': i.threadId },
      h('span', { class: 'repo' }, i.repo), ' ', h('span', { class: 'title' }, i.title), ' ',
      h('span', { class: 'muted when' }, `${i.type} · ${i.when}`),
      h('span', { class: 'actions' }, button('markRead', text.markRead, 'check', { 'data-thread': i.threadId }), openButton(i.url))));
    if (items.length === 0) return null;
    return h('div', { class: 'group', 'data-reason': g.reason },
      h('h3', {}, g.label, ' ', h('span', { class: 'muted' }, `(${g.items.length})`),
        button('markGroupRead', text.markAllRead, 'check-all', { 'data-reason': g.reason, class: 'group-action' })),
      h('ul', { class: 'items' }, ...items));
  }).filter((g): g is HTMLDivElement => g !== null);
  return [h('p', { class: 'muted scope' }, fill(text.notificationsScope, d.scope)), groups.length ? groups : h('p', { class: 'empty' }, text.inboxZero)].flat();
}

const STATE_ICON = { failure: 'error', success: 'pass', running: 'sync', other: 'circle-slash' } as const;
const STATE_LABEL = { failure: 'stateFailure', success: 'stateSuccess', running: 'stateRunning', other: 'stateOther' } as const;

function systems(d: SystemsData, f: Filter): Child[] {
  const runs = d.workflows.filter((w) => shows(f, w.id)).map((w) => item(f, w.id, { 'data-state': w.state },
    codicon(STATE_ICON[w.state], text[STATE_LABEL[w.state]]), ' ', h('span', { class: 'repo' }, w.repo), ' ', h('span', { class: 'title' }, w.name), ' ',
    h('span', { class: `state state-${w.state}` }, w.stateText), ' ', h('span', { class: 'muted when' }, fill(text.lastRun, w.when)),
    h('span', { class: 'actions' }, openButton(w.url))));
  const health = d.health.filter((c) => shows(f, c.id)).map((c) => item(f, c.id, { 'data-ok': String(c.ok) },
    codicon(c.ok ? 'pass' : 'error', c.ok ? text.stateSuccess : text.stateFailure), ' ', h('span', { class: 'title' }, c.name), ' ',
    h('span', { class: c.ok ? 'state state-success' : 'state state-failure' }, c.statusText), ' ',
    h('span', { class: 'muted' }, c.lastPassed ? fill(text.lastPassed, c.lastPassed) : text.neverPassed),
    c.snippet ? h('div', { class: 'snippet', title: c.url }, c.snippet) : null));
  return [
    h('h3', {}, text.workflowsHeading), list(runs, text.noWorkflowRuns, 'workflows'),
    ...d.problems.map((p) => h('p', { class: 'problem' }, codicon('warning'), ' ', p)),
    h('h3', {}, text.healthHeading),
    d.health.length === 0 ? h('p', { class: 'empty' }, fill(text.noHealthChecks, settingId(Settings.healthChecks))) : list(health, text.nothingNew, 'health'),
  ];
}

function incident(i: IncidentItem, d: IncidentsData, f: Filter): HTMLLIElement {
  const preferred = d.members.find((m) => i.assignees.includes(m)) ?? d.members[0] ?? '';
  const member = h('select', { class: 'member', 'aria-label': fill(text.memberFor, `${i.repo}#${i.number}`) },
    ...d.members.map((m) => h('option', { value: m, selected: m === preferred }, m)));
  const due = h('select', { class: 'due', 'aria-label': fill(text.dueFor, `${i.repo}#${i.number}`) },
    ...d.dueChoices.map((c, at) => h('option', { value: c.date, selected: at === 1 }, fill(text.dueChoice, c.label, c.date))));
  const noTeam = d.members.length === 0;
  return item(f, i.id, { 'data-repo': i.repo, 'data-number': i.number },
    i.severity ? tag(i.severity, 'severity') : null, ' ', h('span', { class: 'repo' }, `${i.repo}#${i.number}`), ' ',
    h('span', { class: 'title' }, i.title), ' ',
    h('span', { class: 'muted' }, fill(text.openedAgo, i.age), ' · ', i.assignees.length ? fill(text.assignedTo, i.assignees.join(', ')) : text.unassigned),
    h('div', { class: 'labels' }, ...i.labels.map((l) => tag(l))),
    h('div', { class: 'actions incident-actions' }, member, due,
      button('delegate', text.delegate, 'person-add', { disabled: noTeam, title: text.delegateHelp }),
      button('escalate', i.escalateTo ? fill(text.escalateTo, i.escalateTo) : text.escalated, 'arrow-up', { disabled: i.escalateTo === null }),
      button('schedule', text.schedule, 'calendar', { disabled: noTeam, title: text.scheduleHelp }),
      openButton(i.url)));
}

function incidents(d: IncidentsData, f: Filter): Child[] {
  const items = d.items.filter((i) => shows(f, i.id)).map((i) => incident(i, d, f));
  const hint = d.members.length === 0 ? h('p', { class: 'muted' }, fill(text.setTeamToDelegate, settingId(Settings.teamMembers))) : null;
  return [hint, list(items, d.items.length ? text.nothingNew : text.noIncidents, 'incidents')];
}

function milestones(d: MilestonesData, f: Filter): Child[] {
  const items = d.items.filter((m) => shows(f, m.id)).map((m) => item(f, m.id, { 'data-risk': String(m.atRisk) },
    m.atRisk ? tag(text.atRisk, 'risk') : tag(text.onTrack, 'ok'), ' ', h('span', { class: 'title' }, m.title), ' ', h('span', { class: 'repo' }, m.repo),
    h('div', { class: 'progress-line' },
      h('progress', { max: 100, value: m.percent, 'aria-label': fill(text.percentDone, m.percent) }), ' ',
      h('span', { class: 'num' }, fill(text.closedOf, m.closed, m.open + m.closed, m.percent)), ' · ',
      h('span', { class: 'days-left' }, m.daysLeft)),
    h('div', { class: 'muted' }, m.riskText), h('span', { class: 'actions' }, openButton(m.url))));
  return [list(items, d.items.length ? text.nothingNew : text.noMilestones, 'milestones'), ...d.problems.map((p) => h('p', { class: 'problem' }, codicon('warning'), ' ', p))];
}

function team(d: TeamData, f: Filter): Child[] {
  const people = d.people.filter((p) => shows(f, p.id) || [...p.overdue, ...p.dueToday].some((t) => f.newIds.has(t.id))).map((p) => {
    const tasks = [...p.overdue.map((t) => ({ t, overdue: true })), ...p.dueToday.map((t) => ({ t, overdue: false }))];
    const summary = tasks.length === 0 ? text.nothingDue : fill(text.overdueAndDueToday, p.overdue.length, p.dueToday.length);
    return item(f, p.id, { 'data-login': p.login }, h('strong', { class: 'login' }, p.login), ' ', h('span', { class: 'muted' }, summary),
      p.reviewLoad ? h('span', { class: 'muted review-load' }, ` · ${p.reviewLoad}`) : null,
      tasks.length ? h('ul', { class: 'tasks' }, ...tasks.map(({ t, overdue }) => h('li', { class: overdue ? 'task overdue' : 'task', 'data-id': t.id },
        // Overdue is said in words (and marked with an icon), not only by a colour.
        newBadge(f, t.id), overdue ? codicon('warning') : null, h('span', { class: 'title' }, t.title), ' ', h('span', { class: 'muted' }, overdue ? fill(text.overdueWasDue, t.due) : text.dueToday)))) : null);
  });
  const q = d.queue;
  return [
    h('h3', {}, text.delegatedWork), list(people, d.people.length ? text.nothingNew : fill(text.noTeamMembers, settingId(Settings.teamMembers)), 'people'),
    d.agentWork ? h('p', { class: 'muted agent-work' }, d.agentWork) : null,
    h('h3', {}, text.reviewQueue),
    q.notice ? h('p', { class: 'problem' }, codicon('warning'), ' ', q.notice) : null,
    h('p', { class: 'queue-summary' }, fill(text.waitingForReview, q.count), q.breaching.length ? ` · ${fill(text.pastSla, q.breaching.length)}` : ''),
    q.oldest ? h('p', { class: 'muted' }, fill(text.oldest, q.oldest)) : null,
    q.breaching.length ? h('ul', { class: 'items breaching' }, ...q.breaching.map((b) => item(f, b.id, {}, codicon('warning'), ' ', h('span', { class: 'title' }, b.text)))) : null,
    h('div', { class: 'actions' }, button('openReviewQueue', text.openReviewQueue, 'checklist'), button('focusSidebar', text.showInSidebar, 'layout-sidebar-left')),
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
    h('h3', {}, text.unansweredNudges),
    n.note ? h('p', { class: 'problem nudges-note' }, codicon('warning'), ' ', n.note) : null,
    list(items, fill(text.allNudgesAnswered, n.asked), 'nudges'),
  ];
}

/** Today's meetings and free blocks, from the connected calendars. */
function calendarDay(day: NonNullable<PlanData['day']>): HTMLElement {
  return h('div', { class: 'calendar-day' },
    h('h3', {}, text.todayInCalendar),
    day.meetings.length === 0 ? h('p', { class: 'muted' }, text.noMeetingsToday) : h('ul', { class: 'meetings' }, ...day.meetings.map((m) => h('li', {}, m))),
    h('p', { class: 'free-blocks' }, day.line),
    day.verdict ? h('p', { class: day.fits ? 'fits' : 'short' }, day.verdict) : null);
}

function plan(d: PlanData): Child[] {
  const split = (s: PlanData['week']) => h('p', { class: 'split' }, h('strong', {}, fill(text.splitLabel, s.label)), ' ', fill(text.splitLine, s.technical, s.managerial, s.share));
  return [
    split(d.yesterday), split(d.week),
    d.day ? calendarDay(d.day) : null,
    h('div', { class: 'target' },
      h('label', { for: 'target' }, text.todaysTarget), ' ',
      h('input', { type: 'number', id: 'target', min: 0, max: 100, step: 5, value: d.targetPercent }), ' ',
      button('setTarget', text.setForToday, 'target'),
      d.targetPercent !== d.defaultTarget ? h('span', { class: 'muted' }, ` ${fill(text.defaultTarget, d.defaultTarget)}`) : null),
    h('div', { class: 'actions' },
      button('startTechnical', text.startTechnical, 'code', { class: d.running === 'technical' ? 'primary running' : 'primary' }),
      button('startManagerial', text.startManagerial, 'organization', { class: d.running === 'managerial' ? 'running' : '' }),
      d.running ? h('span', { class: 'muted' }, ` ${d.running === 'technical' ? text.timerTechnical : text.timerManagerial}`) : null),
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
