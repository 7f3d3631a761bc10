/**
 * Review turnaround per teammate (issue 20, item 4) against the fake GitHub, with 8 weeks of
 * review-request histories: nothing read on a sidebar refresh; "Request review from…" reads it
 * (once a day), ranks by load then median pickup and says so; the Team group and the 1:1 panel
 * show each teammate's pickup.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addTurnaroundHistories, demoScenario, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { OneOnOnePanel } from '../../src/oneOnOne/panel';
import type { TeamGroupNode, TeamMemberNode } from '../../src/work/teamNodes';
import type { AssignmentOutcome } from '../../src/work/reviewAssignment';
import { Commands } from '../../src/ids';
import { hasBridge, press, query, quickInputTitled, texts, waitFor } from './support/bridge';
import { answeringDialogs, dismiss } from './support/dialogs';
import { connectToFake, disconnect } from './support/github';

const MEMBERS = ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena'];
const TURNAROUND_QUERY = 'LeadDeskReviewTurnaround';

describe('review turnaround per teammate (fake GitHub)', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  const teamGroup = () => api.work.tree.rootNodes.find((n): n is TeamGroupNode => n.contextValue === 'group.team');
  const memberNode = (login: string) => ((teamGroup()?.children ?? []) as TeamMemberNode[]).find((m) => m.label === login);
  const graphqlNames = () => fake.requests.filter((r) => r.path === '/graphql').map((r) => /query (\w+)/.exec(String((r.body as { query?: string })?.query ?? ''))?.[1] ?? '?');
  const refreshed = async () => {
    await vscode.commands.executeCommand('leadDesk.refresh');
    return api.work.model.snapshot;
  };
  const ownPull = () => api.work.model.snapshot.ownPullRequests.find((p) => p.title === 'Upgrade to TypeScript 5.9')!;
  /** Request review from… named reviewer, the confirmation closed: reads the turnaround, sends nothing. */
  const askAndDecline = async () => {
    const out = await answeringDialogs(dismiss, () => vscode.commands.executeCommand<AssignmentOutcome>(Commands.workRequestReview, { pullRequest: ownPull() }, { reviewer: 'jun' }));
    assert.equal(out.result, undefined);
  };

  before(async () => {
    const scenario = demoScenario(new Date());
    addTurnaroundHistories(scenario, { now: new Date(), repos: ['acme/api', 'acme/web'], members: ['mira', 'tomas', 'jun', 'sofia'] });
    ({ api, fake } = await connectToFake({ scenario, members: MEMBERS, fakeOptions: { eagerGraphQL: true } }));
    await api.stores;
    await refreshed();
  });

  after(async () => {
    await disconnect(fake);
  });

  it('a sidebar refresh reads no turnaround, and the Team group shows none before a view asks', async () => {
    fake.resetStats();
    const s = await refreshed();
    assert.equal(s.failure, null, s.failure?.message);
    assert.ok(!graphqlNames().includes(TURNAROUND_QUERY), graphqlNames().join());
    assert.doesNotMatch(String(memberNode('mira')?.description), /picks up/);
  });

  it('Request review from… reads it once; the Team group then shows each member\'s median pickup, with the details in the tooltip', async () => {
    fake.resetStats();
    await askAndDecline();
    const reads = graphqlNames().filter((n) => n === TURNAROUND_QUERY).length;
    assert.ok(reads >= 1 && reads <= 3, graphqlNames().join());
    assert.deepEqual(fake.writes(), [], 'nothing sent');
    const mira = await waitFor('the Team group to show mira\'s pickup', () => (/picks up in \d+[hm] median/.test(String(memberNode('mira')?.description)) ? memberNode('mira') : undefined));
    assert.match(String(mira.description), /picks up in \d+[hm] median \(\d+[hm] before\)$/);
    assert.doesNotMatch(String(memberNode('kwame')!.description), /picks up/, 'no review asked of kwame: no figure');
    const md = api.work.tree.resolveTreeItem(mira, mira).tooltip as vscode.MarkdownString;
    const tip = md.value.replace(/&nbsp;/g, ' ').replace(/\\([()])/g, '$1');
    assert.match(tip, /^Review pickup \(business hours from a request to their first review\)/m);
    assert.match(tip, /last 4 weeks: median \d+[hm], 90th percentile \d+[hm], \d+ reviews?/);
    assert.match(tip, /The 4 weeks before: median/);
    assert.match(tip, /Trend: (slower than before|faster than before|as before)/);
  });

  it('a second refresh and a second pick the same day send no turnaround request', async () => {
    fake.resetStats();
    await refreshed();
    await refreshed();
    await askAndDecline();
    assert.ok(!graphqlNames().includes(TURNAROUND_QUERY), graphqlNames().join());
    assert.match(String(memberNode('mira')!.description), /picks up in/);
  });

  it('the 1:1 panel says how quickly the teammate picks reviews up', async () => {
    const panel = await vscode.commands.executeCommand<OneOnOnePanel>(Commands.prepareOneOnOne, 'tomas');
    // The panel asks for the turnaround when it opens (read from GitHub if this run has not yet).
    const line = await waitFor('the 1:1 to show the pickup', async () => (await panel.build(Date.now())).reviewPickup);
    assert.match(line, /^tomas picks reviews up in \d+[hm] median this month, \d+[hm] before$/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Request review from… states the rule and shows each teammate\'s median pickup, fewest waiting first', async function () {
    if (!hasBridge()) this.skip();
    const done = vscode.commands.executeCommand<AssignmentOutcome>(Commands.workRequestReview, { pullRequest: ownPull() });
    await quickInputTitled('Request a review of');
    const rows = await waitFor('the teammates with their pickup', async () => {
      const r = await texts('.quick-input-list .monaco-list-row');
      return r.some((t) => /median pickup \d+[hm]/.test(t)) ? r : undefined;
    });
    // The rule is the input's placeholder (an attribute: in the element's HTML, not its text).
    const input = (await query('.quick-input-box')).map((e) => e.html).join(' ');
    assert.match(input, /Fewest reviews waiting first; ties by fastest median review pickup/, input);
    assert.ok(rows.some((t) => t.startsWith('mira') && /median pickup \d+[hm]/.test(t)), rows.join(' | '));
    assert.ok(!rows.some((t) => t.includes('[bot]') || t.includes('copilot')), 'no bot offered');
    const waiting = rows.map((t) => /(\d+) waiting/.exec(t)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    assert.deepEqual(waiting, [...waiting].sort((a, b) => a - b), rows.join(' | '));
    await press('Escape');
    assert.equal(await done, undefined);
  });
});
