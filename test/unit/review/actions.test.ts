/** Incident and notification actions against a recording GitHub: the right calls, refusals for anything not shown. */
import assert from 'node:assert/strict';
import { ReviewActions, type ActionsGitHub } from '../../../src/review/actions';
import type { IncidentsData } from '../../../src/review/protocol';
import { ReviewSession } from '../../../src/review/session';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import type { NewTask } from '../../../src/store/taskStore';
import { englishWords } from './englishWords';

describe('review: actions', () => {
  let calls: string[];
  let tasks: NewTask[];
  let refused: string[];
  let session: ReviewSession;
  let signedIn: boolean;
  const settings = { ...DEFAULT_SETTINGS, teamMembers: ['mira', 'tomas'] };
  const service: ActionsGitHub = {
    markThreadRead: async (id: string) => { calls.push(`read ${id}`); },
    setAssignees: async (repo: string, n: number, who: string[]) => { calls.push(`assign ${repo}#${n} ${who.join(',')}`); },
    escalate: async (repo: string, n: number, from: string | null, to: string) => { calls.push(`escalate ${repo}#${n} ${from}->${to}`); },
  };
  const actions = () => new ReviewActions({
    session: () => session, settings: () => settings,
    github: async (fn) => (signedIn ? fn(service) : undefined),
    addTask: async (t) => { tasks.push(t); }, refreshWork: async () => {}, reloadTasks: async () => {},
    refuse: (r) => refused.push(r), changed: () => {}, now: () => 0, words: englishWords(),
  });
  const incidents: IncidentsData = {
    kind: 'incidents', members: ['mira', 'tomas'], dueChoices: [{ label: 'Tomorrow', date: '2025-06-12' }],
    items: [
      { id: 'issue:acme/api#1', repo: 'acme/api', number: 1, title: 'Outage', url: 'https://github.com/acme/api/issues/1', severity: 'sev1', labels: ['sev1'], assignees: [], age: '1h ago', escalateTo: 'escalated' },
      { id: 'issue:acme/web#2', repo: 'acme/web', number: 2, title: 'Slow', url: '', severity: 'sev2', labels: ['SEV2', 'bug'], assignees: [], age: '2h ago', escalateTo: 'sev1' },
    ],
  };

  beforeEach(() => {
    calls = []; tasks = []; refused = []; signedIn = true;
    session = new ReviewSession(null);
    session.ready('incidents', session.startLoad('incidents'), { data: incidents, ids: [], counts: {} });
    session.ready('communication', session.startLoad('communication'), {
      data: { kind: 'communication', scope: 'all unread', groups: [{ reason: 'mention', label: 'Mentioned', items: [{ id: 'thread:5', threadId: '5', repo: 'acme/api', title: 't', type: 'Issue', when: '', url: '' }] }] },
      ids: [], counts: {},
    });
  });

  it('marks a shown thread read and drops it from the list', async () => {
    await actions().markRead(['5'], 'it');
    assert.deepEqual(calls, ['read 5']);
    assert.deepEqual(session.data('communication')!.groups, []);
    assert.deepEqual(refused, []);
  });

  it('says so when signed out instead of pretending', async () => {
    signedIn = false;
    await actions().markRead(['5'], 'it');
    assert.equal(session.data('communication')!.groups.length, 1);
    assert.match(session.states()[0]!.notice!.text, /Not signed in/);
  });

  it('delegates: assigns on GitHub and tracks a task linked to the issue', async () => {
    await actions().delegate('acme/api', 1, 'mira');
    assert.deepEqual(calls, ['assign acme/api#1 mira']);
    assert.deepEqual(tasks, [{ title: 'acme/api#1: Outage', assignee: 'mira', due: null, link: 'https://github.com/acme/api/issues/1', repo: 'acme/api', issueNumber: 1 }]);
    assert.deepEqual(session.data('incidents')!.items[0]!.assignees, ['mira']);
  });

  it('escalates one step, replacing the label as the issue spells it, and moves the issue up', async () => {
    await actions().escalate('acme/web', 2);
    assert.deepEqual(calls, ['escalate acme/web#2 SEV2->sev1']);
    const items = session.data('incidents')!.items;
    assert.deepEqual(items.map((i) => [i.number, i.severity, i.escalateTo]), [[1, 'sev1', 'escalated'], [2, 'sev1', 'escalated']]);
    await actions().escalate('acme/api', 1);
    assert.equal(calls[1], 'escalate acme/api#1 null->escalated');
  });

  it('schedules locally with an offered due date', async () => {
    await actions().schedule('acme/web', 2, 'tomas', '2025-06-12');
    assert.deepEqual(calls, []);
    assert.deepEqual(tasks, [{ title: 'acme/web#2: Slow', assignee: 'tomas', due: '2025-06-12', repo: 'acme/web', issueNumber: 2 }]);
  });

  it('refuses actions on items, people or dates the review did not show', async () => {
    const a = actions();
    await a.escalate('acme/api', 99);
    await a.delegate('acme/api', 1, 'mallory');
    await a.schedule('acme/api', 1, 'mira', '2030-01-01');
    await a.markRead(['6'], 'it');
    await a.markGroupRead('ci_activity');
    assert.equal(refused.length, 5, refused.join('\n'));
    assert.deepEqual(calls, []);
    assert.deepEqual(tasks, []);
  });
});
