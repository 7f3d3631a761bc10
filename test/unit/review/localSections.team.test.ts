/** The Morning Review's Team section: local tasks and delegated GitHub items, counted alike. */
import assert from 'node:assert/strict';
import { toLocalDate } from '../../../src/core/localDate';
import type { DelegatedIssue } from '../../../src/github/api';
import { loadTeam } from '../../../src/review/localSections';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import type { InboxSnapshot } from '../../../src/inbox/inboxSnapshot';
import { englishWords } from './englishWords';

const DAY = 86_400_000;

describe('review: Team section', () => {
  const now = Date.now();
  const yesterday = toLocalDate(now - DAY);
  const today = toLocalDate(now);
  const issue = (number: number, assignees: string[], due: string | null): DelegatedIssue => ({
    repo: 'acme/api', number, title: `Issue ${number}`, url: '', assignees, isPullRequest: false, createdAt: now - 5 * DAY, updatedAt: now,
    labels: [], due, ...(due ? { dueSource: 'body' as const } : {}),
  });
  const snapshot: InboxSnapshot = {
    signedIn: true, signInKnown: true, noRepositories: false, reviews: [], reviewsTotal: 0, ownPullRequests: [], asOf: now, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null, refreshing: false,
    tasks: [
      { id: 't1', title: 'Local overdue', assignee: 'mira', due: yesterday, createdAt: now - 3 * DAY },
      { id: 't2', title: 'Local done', assignee: 'mira', due: yesterday, createdAt: now - 3 * DAY, doneAt: now },
    ],
    delegatedIssues: [issue(1, ['mira'], yesterday), issue(2, ['tomas', 'jun'], today), issue(3, ['jun'], null), issue(4, ['jun'], toLocalDate(now + 3 * DAY))],
  };

  it('counts overdue and due-today GitHub items per person, beside local tasks', () => {
    const team = loadTeam(snapshot, { ...DEFAULT_SETTINGS, teamMembers: ['mira', 'tomas', 'jun'] }, now, 'en-GB', englishWords());
    assert.equal(team.data.kind, 'team');
    if (team.data.kind !== 'team') return;
    const byLogin = Object.fromEntries(team.data.people.map((p) => [p.login, p]));
    assert.deepEqual(byLogin.mira!.overdue.map((t) => t.title), ['Local overdue', 'acme/api#1 Issue 1']);
    assert.deepEqual(byLogin.tomas!.dueToday.map((t) => [t.title, t.due]), [['acme/api#2 Issue 2', today]]);
    assert.deepEqual([byLogin.jun!.overdue.length, byLogin.jun!.dueToday.length], [0, 0], 'first assignee only, as the tree groups');
    assert.deepEqual([team.counts.overdue, team.counts.dueToday], [2, 1]);
    assert.ok(team.ids.includes(`issue:acme/api#1:overdue`) && team.ids.includes(`issue:acme/api#2:today`), team.ids.join(' '));
  });

  it('adds each member\'s review load line once the team load came', () => {
    const pr = (number: number, hoursAgo: number) => ({
      repo: 'acme/api', number, title: `PR ${number}`, author: 'ana', url: '', requestedAt: now - hoursAgo * 3_600_000, createdAt: now - 400 * 3_600_000,
      direct: true, additions: 1, deletions: 1, draft: false, ci: 'none' as const, labels: [],
    });
    const always = { ...DEFAULT_SETTINGS, teamMembers: ['mira', 'tomas', 'jun', 'typo'], slaHours: 24, businessHours: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' } };
    const team = loadTeam({ ...snapshot, teamLoad: [
      { login: 'mira', exists: true, reviews: [pr(1, 30), pr(2, 2)] }, { login: 'tomas', exists: true, reviews: [] },
      { login: 'typo', exists: false, reviews: [] },
    ] }, always, now, 'en-GB', englishWords());
    if (team.data.kind !== 'team') return assert.fail('team section');
    const line = Object.fromEntries(team.data.people.map((p) => [p.login, p.reviewLoad]));
    assert.equal(line.mira, '2 reviews waiting · oldest 30h 00m · 1 past SLA');
    assert.equal(line.tomas, 'no reviews waiting');
    assert.equal(line.jun, undefined, 'not loaded: no line');
    assert.match(String(line.typo), /not a GitHub user/);
  });

  it('keeps coding agents apart from the people: a named agent among the members, an app assignee known by its PRs, their PRs counted apart', () => {
    const agentPull = (number: number, author: string, draft: boolean, closes: number) => ({
      repo: 'acme/api', number, title: `Agent PR ${number}`, url: '', createdAt: now - DAY, updatedAt: now, author, authorIsBot: author.startsWith('copilot'), draft, commits: null,
      linkedIssues: [{ repo: 'acme/api', number: closes, author: 'lead', assignees: [] }],
    });
    const agentsIssues: DelegatedIssue[] = [
      // Handed to the named agent, overdue: the agents' item, not a person's.
      { ...issue(10, ['nightshift'], yesterday), agentPulls: [agentPull(20, 'nightshift', true, 10)] },
      // Handed to Copilot's coding agent (GraphQL names it without `[bot]`), due today; its PR is ready.
      { ...issue(11, ['copilot-swe-agent'], today), agentPulls: [agentPull(21, 'copilot-swe-agent', false, 11)] },
      // Handed to mira and the agent: mira's, whoever is first.
      { ...issue(12, ['copilot-swe-agent', 'mira'], today), agentPulls: [agentPull(22, 'copilot-swe-agent', true, 12)] },
    ];
    const settings = { ...DEFAULT_SETTINGS, teamMembers: ['mira', 'nightshift', 'dependabot[bot]'], teamAgents: ['nightshift'] };
    const team = loadTeam({ ...snapshot, delegatedIssues: [...snapshot.delegatedIssues, ...agentsIssues] }, settings, now, 'en-GB', englishWords());
    if (team.data.kind !== 'team') return assert.fail('team section');
    const logins = team.data.people.map((p) => p.login);
    for (const agent of ['nightshift', 'copilot-swe-agent', 'dependabot[bot]']) assert.ok(!logins.includes(agent), `${agent} among the people: ${logins.join(', ')}`);
    assert.deepEqual(team.data.people.find((p) => p.login === 'mira')!.dueToday.map((t) => t.title), ['acme/api#12 Issue 12']);
    assert.equal(team.data.agentWork, 'Agents: 3 PRs open, 1 ready for review · agents\' items: 1 overdue, 1 due today');
    assert.deepEqual([team.counts.overdue, team.counts.dueToday], [3, 3], 'the agents\' items still count');
    const none = loadTeam(snapshot, { ...DEFAULT_SETTINGS, teamMembers: ['mira'] }, now, 'en-GB', englishWords());
    assert.equal(none.data.kind === 'team' && 'agentWork' in none.data, false, 'no agents\' work: no line');
  });
});
