/**
 * Reviews that know the whole team (issue 20) end to end, in the real VS Code against the fake
 * GitHub: a coding agent's PR goes from Delegated work to "Needs your review" when it is marked
 * ready; "Approved, not merged" shows a queued PR with its place and GitHub's estimate, and a
 * removal from the queue raises one notice; Merge… on a queue-protected branch sends
 * `enqueuePullRequest` and nothing else; "Request review from…" shows the turnaround and never
 * offers a bot or a named agent.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  addIssue, addPull, addTurnaroundHistories, demoScenario, dequeue, enqueue, linkClosingIssues, requestReview, requireMergeQueue, setDraft, submitReview,
  type FakeGitHub, type ScenarioPull,
} from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { GroupNode, ReviewNode } from '../../src/work/nodes';
import type { AgentPullNode } from '../../src/work/nodes';
import type { OwnPullNode } from '../../src/work/inboxNodes';
import type { OneOnOnePanel } from '../../src/oneOnOne/panel';
import type { MorningReviewPanel } from '../../src/review/morningReviewPanel';
import type { SectionData } from '../../src/review/protocol';
import type { StandupResult } from '../../src/standup';
import type { TeamGroupNode, TeamMemberNode } from '../../src/work/teamNodes';
import type { AssignmentOutcome } from '../../src/work/reviewAssignment';
import { Commands } from '../../src/ids';
import { flatten } from './support/tree';
import { frames, hasBridge, press, query, quickInputTitled, texts, waitFor } from './support/bridge';
import { setSetting } from './support/extension';
import { accept, answeringDialogs } from './support/dialogs';
import { connectToFake, disconnect } from './support/github';

/** Copilot's coding agent: a GraphQL `Bot` (REST adds `[bot]`), never named in any setting. */
const CODING_BOT = 'copilot-swe-agent[bot]';
/** An agent working under a user account, known as an agent only because the lead named it in leadDesk.team.agents. */
const NAMED_AGENT = 'nightshift-agent';
/** An app listed among the teammates, and not in leadDesk.team.agents: GitHub has no user by that login, yet it is no misspelling. */
const APP_MEMBER = 'renovate[bot]';
/** The teammates, and the named agent and an app listed among them by mistake: never a teammate with load, never offered. */
const MEMBERS = ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena', NAMED_AGENT, APP_MEMBER];
const ENQUEUE = /^\s*mutation LeadDeskEnqueue\b/;
const REST_MERGE = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';

describe('reviews that know the whole team: agents, merge queue, turnaround (fake GitHub)', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  const pulls: Record<'botDraft' | 'agentDraft' | 'miraAgent' | 'ahead' | 'queued' | 'toQueue', ScenarioPull> = {} as never;

  const roots = () => api.work.tree.rootNodes;
  const group = (g: 'reviews' | 'own' | 'delegated') => roots().find((n): n is GroupNode => n.contextValue === `group.${g}`);
  const under = (g: 'reviews' | 'own' | 'delegated') => flatten(group(g)?.children ?? []);
  const stateOf = (g: 'reviews' | 'own', pull: ScenarioPull) => (group(g)?.children ?? [])
    .find((s) => s.children.some((c) => c.id?.endsWith(`${pull.repo}#${pull.number}`)))?.contextValue?.split(' ')[2];
  const delegatedPull = (pull: ScenarioPull) => under('delegated').find((n): n is AgentPullNode => String(n.contextValue).startsWith('agentPull') && 'decision' in n && (n as AgentPullNode).decision.item.number === pull.number && (n as AgentPullNode).decision.item.repo === pull.repo);
  const reviewOf = (pull: ScenarioPull) => under('reviews').find((n): n is ReviewNode => 'review' in n && n.review.repo === pull.repo && n.review.number === pull.number);
  const ownOf = (pull: ScenarioPull) => under('own').find((n): n is OwnPullNode => 'pullRequest' in n && n.pullRequest.repo === pull.repo && n.pullRequest.number === pull.number);
  const teamMembers = () => ((roots().find((n): n is TeamGroupNode => n.contextValue === 'group.team')?.children ?? []) as TeamMemberNode[]).map((m) => String(m.label));
  const removalNotices = () => (api.work.tree.queueRemovals?.shown ?? []).filter((t) => t.includes('removed from the merge queue'));
  const refreshed = async () => {
    await vscode.commands.executeCommand(Commands.refresh);
    const s = api.work.model.snapshot;
    assert.equal(s.failure, null, s.failure?.message);
    return s;
  };
  /** GraphQL operations and REST routes the fake saw, in order: `query LeadDeskSidebar`, `mutation LeadDeskEnqueue`, `PUT /repos/…/merge`. */
  const requestLog = () => fake.requests.map((r) => (r.path === '/graphql'
    ? /^\s*(query|mutation)\s+(\w+)/.exec(String((r.body as { query?: string })?.query ?? ''))?.slice(1, 3).join(' ') ?? 'graphql ?'
    : `${r.method} ${r.route ?? r.path}`));

  before(async () => {
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const s = demoScenario(now);
    s.users.push({ login: CODING_BOT, id: 9101, name: null, type: 'Bot' }, { login: NAMED_AGENT, id: 9102, name: 'Nightshift', type: 'User' });
    // Two issues the lead handed out: one to Copilot's agent, one to the agent named in the setting.
    const botIssue = addIssue(s, { repo: 'acme/api', title: 'Retry webhooks with backoff', author: s.me, assignees: [CODING_BOT] }, hoursAgo(30));
    pulls.botDraft = addPull(s, { repo: 'acme/api', title: '[WIP] Retry webhooks with backoff', author: CODING_BOT, draft: true }, hoursAgo(20));
    pulls.botDraft.commits = 3;
    linkClosingIssues(s, pulls.botDraft, [botIssue.number]);
    const agentIssue = addIssue(s, { repo: 'acme/web', title: 'Drop the legacy polyfills', author: s.me, assignees: [NAMED_AGENT] }, hoursAgo(30));
    pulls.agentDraft = addPull(s, { repo: 'acme/web', title: 'Drop the legacy polyfills', author: NAMED_AGENT, draft: true }, hoursAgo(20));
    linkClosingIssues(s, pulls.agentDraft, [agentIssue.number]);
    // An issue handed to mira, with Copilot's agent on it too: the agent's draft is not mira's work.
    const miraIssue = addIssue(s, { repo: 'acme/web', title: 'Split the settings page', author: s.me, assignees: ['mira', CODING_BOT] }, hoursAgo(30));
    pulls.miraAgent = addPull(s, { repo: 'acme/web', title: '[WIP] Split the settings page', author: CODING_BOT, draft: true }, hoursAgo(4));
    linkClosingIssues(s, pulls.miraAgent, [miraIssue.number]);
    // acme/api's main requires a merge queue. A teammate's PR is first in it, the lead's second;
    // another approved PR of the lead's is not queued yet.
    requireMergeQueue(s, 'acme/api');
    pulls.ahead = addPull(s, { repo: 'acme/api', title: 'Bump the HTTP client', author: 'mira' }, hoursAgo(10));
    pulls.queued = addPull(s, { repo: 'acme/api', title: 'Paginate the audit log', author: s.me }, hoursAgo(10));
    pulls.toQueue = addPull(s, { repo: 'acme/api', title: 'Index orders by customer', author: s.me }, hoursAgo(9));
    for (const p of [pulls.ahead, pulls.queued, pulls.toQueue]) submitReview(s, p, 'kwame', 'APPROVED', hoursAgo(5));
    enqueue(s, pulls.ahead, hoursAgo(2), { by: 'mira', estimatedSeconds: 300 });
    enqueue(s, pulls.queued, hoursAgo(1), { estimatedSeconds: 900 });
    // 8 weeks of review requests and first reviews, with an AI reviewer asked on some PRs.
    addTurnaroundHistories(s, { now, repos: ['acme/api', 'acme/web'], members: ['mira', 'tomas', 'jun', 'sofia'] });
    ({ api, fake } = await connectToFake({ scenario: s, members: MEMBERS, fakeOptions: { eagerGraphQL: true } }));
    await setSetting('team.agents', [NAMED_AGENT]);
    await waitFor('Lead Desk to read leadDesk.team.agents', () => api.settings().teamAgents.includes(NAMED_AGENT), 10_000);
    await api.stores;
    await refreshed();
  });

  after(async () => {
    await setSetting('team.agents', undefined);
    await disconnect(fake);
  });

  it('shows the agents\' drafts under Delegated work with the agent as assignee and their commits, and not as reviews', () => {
    for (const [pull, agent, commits] of [[pulls.botDraft, 'copilot-swe-agent', '3 commits'], [pulls.agentDraft, NAMED_AGENT, '1 commit']] as const) {
      const node = delegatedPull(pull);
      assert.ok(node, `${pull.repo}#${pull.number} under Delegated work: ${under('delegated').map((n) => n.id).join(' ')}`);
      assert.equal(node.person, agent);
      assert.match(String(node.description), new RegExp(`^${agent} · draft · ${commits} · closes ${pull.repo}#\\d+`));
      assert.equal(reviewOf(pull), undefined, 'a draft is not the lead\'s to review yet');
    }
  });

  it('reads a draft\'s commits again only after the agent pushed: one request then, none on an ordinary refresh', async () => {
    fake.resetStats();
    await refreshed();
    assert.ok(!requestLog().includes('query LeadDeskAgentReady'), requestLog().join(', '));
    pulls.botDraft.commits = 5;
    pulls.botDraft.updatedAt = new Date().toISOString();
    fake.resetStats();
    await refreshed();
    assert.deepEqual(requestLog().filter((r) => r === 'query LeadDeskAgentReady'), ['query LeadDeskAgentReady']);
    assert.match(String(delegatedPull(pulls.botDraft)?.description), /^copilot-swe-agent · draft · 5 commits · /);
  });

  it('moves an agent\'s PR to "Needs your review" when the agent marks it ready, waiting since it was marked ready', async () => {
    // Marked ready three hours ago (GitHub's times are whole seconds); the agent pushed again since (GitHub's updatedAt is now).
    const readyAt = new Date(Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000);
    for (const pull of [pulls.botDraft, pulls.agentDraft]) {
      setDraft(fake.scenario, pull, false, readyAt);
      pull.updatedAt = new Date().toISOString();
    }
    // The named agent asked the lead for a review an hour before it marked its PR ready.
    requestReview(fake.scenario, pulls.agentDraft, { user: fake.scenario.me }, new Date(readyAt.getTime() - 3_600_000), NAMED_AGENT);
    fake.resetStats();
    await refreshed();
    for (const pull of [pulls.botDraft, pulls.agentDraft]) {
      assert.equal(delegatedPull(pull), undefined, `${pull.repo}#${pull.number} left Delegated work`);
      assert.ok(reviewOf(pull), `${pull.repo}#${pull.number} is a review now`);
      assert.equal(stateOf('reviews', pull), 'needs-review');
      assert.equal(reviewOf(pull)!.review.requestedAt, readyAt.getTime(), 'waiting since it was marked ready, not since it was opened or last pushed');
    }
    assert.equal(requestLog().filter((r) => r === 'query LeadDeskAgentReady').length, 1, requestLog().join(' | '));
    // Read once: the next refresh asks the sidebar (and the team) only.
    fake.resetStats();
    await refreshed();
    assert.deepEqual(requestLog().filter((r) => r.startsWith('query') && r !== 'query LeadDeskTeamLoad'), ['query LeadDeskSidebar'], requestLog().join(' | '));
    assert.equal(reviewOf(pulls.botDraft)!.review.requestedAt, readyAt.getTime());
  });

  it('the standup notes count the agents\' PRs apart, never among the reviews waiting on the lead', async () => {
    const result = await vscode.commands.executeCommand<StandupResult>(Commands.prepareStandup);
    assert.ok(result, 'the command returns the document');
    const section = (title: string) => result.markdown.split(/^## /m).find((x) => x.startsWith(title)) ?? '';
    const delegated = section('Delegated work');
    assert.match(delegated, /^\*\*Agents: 3 PRs open, 2 ready for review\*\*$/m, delegated);
    assert.match(delegated, new RegExp(`^- \\[acme/api#${pulls.botDraft.number}\\].* — copilot-swe-agent \\(ready for review\\)$`, 'm'), delegated);
    assert.match(delegated, new RegExp(`^- \\[acme/web#${pulls.agentDraft.number}\\].* — ${NAMED_AGENT} \\(ready for review\\)$`, 'm'), delegated);
    assert.match(delegated, new RegExp(`^- \\[acme/web#${pulls.miraAgent.number}\\].* — copilot-swe-agent \\(draft\\)$`, 'm'), delegated);
    const waiting = section('Pull requests').split('**Waiting on my review')[1] ?? '';
    assert.ok(waiting.length > 0 && !waiting.includes(NAMED_AGENT) && !waiting.includes('copilot'), waiting);
    console.log(`standup notes gathered in ${result.ms.toFixed(0)} ms`);
    // An untitled document: closed without the "save?" dialog.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the Morning Review\'s Team section counts the agents\' work apart, never among the people', async () => {
    const panel = await vscode.commands.executeCommand<MorningReviewPanel>('leadDesk.startMorningReview');
    await panel.settled();
    const view = panel.reviewState!.sections.find((x) => x.id === 'team')!.view;
    assert.equal(view.status, 'ready', JSON.stringify(view));
    const team = (view as unknown as { data: Extract<SectionData, { kind: 'team' }> }).data;
    const people = team.people.map((p) => p.login);
    for (const agent of [NAMED_AGENT, 'copilot-swe-agent', CODING_BOT, APP_MEMBER]) assert.ok(!people.includes(agent), `${agent} among ${people.join(', ')}`);
    assert.ok(people.includes('mira'), people.join(', '));
    assert.equal(team.agentWork, 'Agents: 3 PRs open, 2 ready for review');
    if (hasBridge()) {
      const frame = await waitFor('the Morning Review webview with the agents\' line', async () => (await frames()).find((f) => f.text.includes('Agents: 3 PRs open')));
      assert.deepEqual(await texts('#section-team .agent-work', frame.url), ['Agents: 3 PRs open, 2 ready for review']);
      assert.ok(!(await texts('#section-team [data-login]', frame.url)).some((t) => t.includes(NAMED_AGENT) || t.includes('copilot')));
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the 1:1 panel lists the agent\'s PR on the teammate\'s issue apart from their work', async () => {
    const panel = await vscode.commands.executeCommand<OneOnOnePanel>(Commands.prepareOneOnOne, 'mira');
    const view = await panel.build(Date.now());
    assert.ok(view.delegated.some((d) => d.title.includes('Split the settings page') && d.id.startsWith('issue:')), 'the issue is hers');
    assert.ok(!view.delegated.some((d) => d.id.includes(`#${pulls.miraAgent.number}`)), 'the agent\'s PR is not');
    assert.deepEqual(view.agentWork.map((a) => [a.title, a.detail]), [[`acme/web#${pulls.miraAgent.number} [WIP] Split the settings page`, 'by the agent copilot-swe-agent · draft']]);
    assert.equal(view.agentCounts, 'Agents: 1 PR open, 0 ready for review');
    if (hasBridge()) {
      const frame = await waitFor('the 1:1 webview with the agents\' section', async () => (await frames()).find((f) => f.text.includes('1:1 with mira') && f.text.includes('Agents:')));
      const [heading] = await texts('#agent-work h2', frame.url);
      assert.equal(heading, 'Coding agents on their issues Agents: 1 PR open, 0 ready for review');
      assert.ok((await texts('#agent-work li', frame.url)).some((t) => t.includes(`acme/web#${pulls.miraAgent.number}`)));
      assert.ok(!(await texts('#delegated li', frame.url)).some((t) => t.includes(`acme/web#${pulls.miraAgent.number}`)));
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows the queued PR under "Approved, not merged" with its place and GitHub\'s estimate', () => {
    assert.equal(stateOf('own', pulls.queued), 'approved');
    const node = ownOf(pulls.queued)!;
    assert.match(String(node.description), /queued #2 · ETA 15m/);
    assert.match(String(node.contextValue), /\bqueued\b/);
    assert.doesNotMatch(String(node.contextValue), /\bmergeable\b/, 'a queued PR offers no Merge…');
    assert.match(String(ownOf(pulls.toQueue)!.contextValue), /\bmergeable\b/);
  });

  it('Merge… on a PR already in the queue sends nothing', async () => {
    fake.resetStats();
    const { result, asked } = await answeringDialogs(accept, () => vscode.commands.executeCommand(Commands.workMerge, ownOf(pulls.queued)));
    assert.equal(result, false);
    assert.deepEqual(asked, [], 'not even asked');
    assert.deepEqual(fake.writes(), []);
  });

  it('Merge… on a branch that requires a merge queue sends enqueuePullRequest and nothing else', async () => {
    const node = ownOf(pulls.toQueue)!;
    fake.resetStats();
    const { result, asked } = await answeringDialogs(accept, () => vscode.commands.executeCommand(Commands.workMerge, node));
    assert.equal(result, true);
    assert.deepEqual(asked.map((d) => [d.message, d.buttons]), [[`Add acme/api#${pulls.toQueue.number} "Index orders by customer" to the merge queue?`, ['Add to merge queue']]]);
    const writes = fake.writes();
    assert.equal(writes.length, 1, requestLog().join(' | '));
    assert.match(String((writes[0]!.body as { query: string }).query), ENQUEUE);
    assert.equal((writes[0]!.body as { variables: { head: string } }).variables.head, node.pullRequest.headSha, 'only at the head the tree showed');
    assert.ok(!requestLog().includes(REST_MERGE), requestLog().join(' | '));
    assert.equal(fake.scenario.pulls.find((p) => p === pulls.toQueue)!.mergedAt, null, 'not merged past the queue');
    // The tree follows (the command refreshes): third in the queue, and still not mergeable.
    await waitFor('the PR shown queued', () => /queued #3/.test(String(ownOf(pulls.toQueue)?.description)));
    assert.doesNotMatch(String(ownOf(pulls.toQueue)!.contextValue), /\bmergeable\b/);
    assert.deepEqual(fake.writes().length, 1, 'the refresh after it wrote nothing');
  });

  it('a PR removed from the merge queue says so in the tree and raises exactly one notice', async () => {
    const before = removalNotices().length;
    dequeue(fake.scenario, pulls.queued, new Date(), 'failed checks');
    await vscode.commands.executeCommand('notifications.clearAll');
    await refreshed();
    assert.match(String(ownOf(pulls.queued)!.description), /removed from the merge queue: failed checks/);
    const said = await waitFor('the removal notice', () => (removalNotices().length > before ? removalNotices().slice(before) : undefined));
    assert.deepEqual(said, [`Lead Desk: acme/api#${pulls.queued.number} was removed from the merge queue (failed checks).`]);
    // Not again on the next refreshes, nor in a new window (it paints the saved snapshot, then refreshes).
    await refreshed();
    await refreshed();
    await api.work.model.restart();
    await refreshed();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(removalNotices().length, before + 1, removalNotices().join(' | '));
    if (!hasBridge()) return;
    await vscode.commands.executeCommand('notifications.showList');
    const list = await waitFor('the notice in the notification center', async () => {
      const l = await texts('.notifications-center .notification-list-item-message');
      return l.some((t) => t.includes('removed from the merge queue')) ? l : undefined;
    });
    assert.equal(list.filter((t) => t.includes('removed from the merge queue')).length, 1, list.join('\n'));
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('says an app listed in leadDesk.team.members is an app that belongs in leadDesk.team.agents, never a misspelling, and keeps the rest of the team', () => {
    const w = api.work.teamWarnings;
    assert.equal(w.last, `Lead Desk: "${APP_MEMBER}" in leadDesk.team.members is an app (a bot), not a teammate, and is left out of the team's review load. If it is a coding agent, list it in leadDesk.team.agents instead.`);
    assert.deepEqual(api.settings().teamMembers, MEMBERS, 'the setting is read, not thrown away');
    assert.ok(!(api.work.model.snapshot.teamLoad ?? []).some((m) => m.login === APP_MEMBER), 'GitHub is not asked for its load');
    assert.ok((api.work.model.snapshot.teamLoad ?? []).some((m) => m.login === 'mira'), 'the teammates\' load is');
  });

  it('keeps the named agent out of the team: no teammate with load', () => {
    const listed = teamMembers();
    assert.ok(listed.includes('mira') && listed.includes('kwame'), listed.join(' '));
    assert.ok(!listed.some((m) => m.toLowerCase().includes('agent') || m.includes('[bot]')), listed.join(' '));
  });

  it('"Request review from…" shows each teammate\'s turnaround and offers no bot nor agent', async function () {
    if (!hasBridge()) this.skip();
    const own = api.work.model.snapshot.ownPullRequests.find((p) => p.title === 'Upgrade to TypeScript 5.9')!;
    assert.ok(own, 'the lead\'s own PR waiting on reviewers');
    fake.resetStats();
    const done = vscode.commands.executeCommand<AssignmentOutcome>(Commands.workRequestReview, { pullRequest: own });
    await quickInputTitled('Request a review of');
    const rows = await waitFor('the teammates with their pickup', async () => {
      const r = await texts('.quick-input-list .monaco-list-row');
      return r.some((t) => /^mira.*median pickup \d+[hm]/.test(t)) ? r : undefined;
    });
    const input = (await query('.quick-input-box')).map((e) => e.html).join(' ');
    assert.match(input, /Fewest reviews waiting first; ties by fastest median review pickup/, input);
    for (const m of ['tomas', 'jun', 'sofia']) assert.ok(rows.some((t) => t.startsWith(m) && /median pickup \d+[hm]/.test(t)), `${m}: ${rows.join(' | ')}`);
    assert.ok(!rows.some((t) => /copilot|\[bot\]|nightshift/i.test(t)), rows.join(' | '));
    await press('Escape');
    assert.equal(await done, undefined);
    assert.deepEqual(fake.writes(), [], 'nothing sent');
  });

  it('"Request review from…" naming the agent sends nothing', async () => {
    const own = api.work.model.snapshot.ownPullRequests.find((p) => p.title === 'Upgrade to TypeScript 5.9')!;
    fake.resetStats();
    const { result, asked } = await answeringDialogs(accept, () => vscode.commands.executeCommand<AssignmentOutcome>(Commands.workRequestReview, { pullRequest: own }, { reviewer: NAMED_AGENT }));
    assert.equal(result?.ok, false, result?.message);
    assert.equal(result?.message, `${NAMED_AGENT} cannot review acme/web#${own.number}: a coding agent or bot (leadDesk.team.agents), not a reviewer. Nothing was sent.`);
    assert.deepEqual(asked, []);
    assert.deepEqual(fake.writes(), []);
  });

});
