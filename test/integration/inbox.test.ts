/** The review inbox against the fake GitHub: every state in its group of the tree, the badge rule, what changed since a review. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addInboxStates, addPull, closeItem, demoScenario, INBOX_TITLES, pushCommit, submitReview, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { GroupNode, ReviewNode, WorkNode } from '../../src/work/nodes';
import type { ItemDecision } from '../../src/core/itemDecisions';
import { paletteCandidates } from '../../src/core/paletteCandidates';
import { flatten } from './support/tree';
import type { OwnPullNode } from '../../src/work/inboxNodes';
import { hasBridge, press, quickInputTitled, screenshot, texts, viewport, waitFor } from './support/bridge';
import { setSetting } from './support/extension';
import { accept, answeringDialogs, dismiss } from './support/dialogs';
import { connectToFake, disconnect } from './support/github';

describe('review inbox states (fake GitHub)', function () {
  this.timeout(90_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  const roots = () => api.work.tree.rootNodes;
  const group = (g: 'reviews' | 'own') => roots().find((n): n is GroupNode => n.contextValue === `group.${g}`);
  /** Titles per state under a group: `{ 'needs-review': [...], stale: [...] }`. */
  const byState = (g: 'reviews' | 'own') => Object.fromEntries((group(g)?.children ?? [])
    .filter((n) => String(n.contextValue).startsWith('inboxState'))
    .map((n) => [String(n.contextValue).split(' ')[2], n.children.map((c) => String(c.label).replace(/^#\d+ /, ''))]));
  const reviewNode = (title: string) => flatten(group('reviews')?.children ?? []).find((n): n is ReviewNode => 'review' in n && n.review.title === title);

  before(async () => {
    const now = new Date();
    const scenario = demoScenario(now);
    addInboxStates(scenario, now);
    // acme/infra allows squash and rebase only: a merge from Lead Desk follows that.
    scenario.repos.find((r) => r.name === 'infra')!.mergeMethods = ['squash', 'rebase'];
    ({ api, fake } = await connectToFake({ scenario, fakeOptions: { eagerGraphQL: true } }));
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.ok(api.work.model.snapshot.reviews.length > 5, `signed in and loaded: ${api.work.model.snapshot.failure?.message ?? ''}`);
  });

  after(async () => {
    await disconnect(fake);
  });

  it('puts each pending review in its state: needs review, re-requested, waiting on author, stale', async () => {
    const states = byState('reviews');
    assert.ok(states['needs-review']?.includes('Fix focus trap in checkout modal'), JSON.stringify(states));
    assert.deepEqual(states['re-requested']?.sort(), [INBOX_TITLES.newCommits, INBOX_TITLES.reRequested].sort(), 'asked again, and back with new commits');
    assert.deepEqual(states['waiting-on-author'], [INBOX_TITLES.waitingOnAuthor]);
    assert.ok(states.stale?.includes(INBOX_TITLES.stale), JSON.stringify(states));
    assert.ok(!Object.values(states).flat().includes('Cache exchange rates for 5 minutes'), 'approved by the lead and not asked again: not in the inbox');
    const all = Object.values(states).flat();
    assert.equal(new Set(all).size, all.length, 'each review in exactly one state');
    if (hasBridge()) {
      await viewport(1400, 1100);
      await vscode.commands.executeCommand('leadDesk.work.focus');
      await waitFor('the state groups on screen', async () => (await texts('.monaco-list-row')).some((t) => t.includes('Waiting on author')));
      await screenshot('inbox-tree');
    }
  });

  it('puts each of the lead\'s PRs in its state: approved, changes requested, waiting on reviewers', () => {
    const states = byState('own');
    assert.deepEqual(states.approved, ['Add on-call runbook links to alerts']);
    assert.deepEqual(states['changes-requested'], [INBOX_TITLES.ownChangesRequested]);
    assert.deepEqual(states['waiting-on-reviewers']?.sort(), ['Tighten CORS policy for admin routes', 'Upgrade to TypeScript 5.9']);
    const approved = flatten(group('own')!.children).find((n): n is OwnPullNode => 'pullRequest' in n && n.pullRequest.title === 'Add on-call runbook links to alerts')!;
    assert.match(String(approved.description), /approved by kwame/);
    assert.match(String(approved.contextValue), /mergeable/);
    const changes = flatten(group('own')!.children).find((n): n is OwnPullNode => 'pullRequest' in n && n.pullRequest.title === INBOX_TITLES.ownChangesRequested)!;
    assert.match(String(changes.description), /changes requested by kwame/);
  });

  it('shows what changed since the lead\'s review, with the link to those changes', () => {
    const again = reviewNode(INBOX_TITLES.reRequested)!;
    assert.match(String(again.description), /2 commits since your review/);
    assert.match(again.review.changesSinceUrl ?? '', /\/acme\/web\/pull\/\d+\/files\/[0-9a-f]{40}\.\.[0-9a-f]{40}$/);
    assert.match((api.work.tree.resolveTreeItem(again, again).tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /2 commits since your review: http:\/\/127\.0\.0\.1:\d+\/acme\/web\/pull\/\d+\/files\//);
    assert.match(String(reviewNode(INBOX_TITLES.newCommits)!.description), /1 commit since your review/);
  });

  it('a review waiting on its author is past any SLA yet not flagged: the badge counts only what needs the lead', () => {
    const back = reviewNode(INBOX_TITLES.waitingOnAuthor)!;
    assert.equal(back.sla, 'ok', 'four business days since the lead asked for changes, but the author has the ball');
    assert.match(String(back.description), /you asked for changes/);
    const needing = flatten(group('reviews')!.children).filter((n): n is ReviewNode => 'review' in n && 'sla' in n && n.state !== 'waiting-on-author' && n.sla === 'breached' && !n.review.draft);
    assert.ok(needing.length > 0, 'the demo has reviews past the SLA');
    assert.equal(api.work.tree.badge?.value, needing.length);
    assert.match(String(group('reviews')!.description), new RegExp(`${needing.length} past SLA`));
  });

  it('says each state and SLA breach to a screen reader', () => {
    const stale = reviewNode(INBOX_TITLES.stale)!;
    assert.match(stale.accessibilityInformation?.label ?? '', /Stale/);
    assert.match(stale.accessibilityInformation?.label ?? '', /past the 24 hour SLA/);
    const failing = flatten(group('reviews')!.children).find((n): n is ReviewNode => 'review' in n && n.review.ci === 'failure')!;
    assert.match(failing.accessibilityInformation?.label ?? '', /CI failing/);
  });

  it('each item node draws its decision, and the palette picks exactly the items the tree offers each action on', () => {
    const decided = flatten(roots()).filter((n): n is WorkNode & { decision: ItemDecision } => 'decision' in n);
    assert.ok(decided.length > 5);
    for (const n of decided) assert.deepEqual([n.id, n.contextValue], [n.decision.id, n.decision.contextValue]);
    const d = api.work.tree.decisions.current;
    const offering = (re: RegExp) => decided.filter((n) => re.test(String(n.contextValue))).map((n) => `${n.decision.item.repo}#${'issueNumber' in n.decision.item ? n.decision.item.issueNumber : (n.decision.item as { number: number }).number}`).sort();
    const keys = (xs: readonly { repo: string; number: number }[]) => xs.map((x) => `${x.repo}#${x.number}`).sort();
    assert.ok(offering(/mergeable/).length > 0, 'an approved PR offers Merge…');
    assert.deepEqual(keys(paletteCandidates.merge(d)), offering(/mergeable/));
    assert.deepEqual(keys(paletteCandidates.nudge(d)), offering(/\bnudgeable\b/));
    assert.deepEqual(keys(paletteCandidates.requestReview(d)), offering(/\bownPullRequest\b/));
    assert.deepEqual(keys(paletteCandidates.handReview(d)), offering(/^review\b/));
  });

  it('a snooze re-renders only the state it leaves and the counts above it; every other node stays as it was', async () => {
    const state = group('reviews')!.children.find((n) => n.contextValue === 'inboxState reviews needs-review')!;
    const [gone, stays] = state.children as ReviewNode[];
    assert.ok(gone && stays, 'two reviews that need the lead');
    const before = new Set(flatten(roots()));
    const fired: (readonly WorkNode[] | undefined)[] = [];
    const listening = api.work.tree.onDidChangeTreeData((e) => fired.push(e === undefined ? undefined : Array.isArray(e) ? e : [e as WorkNode]));
    try {
      await api.work.model.snooze(gone.review.repo, gone.review.number, Date.now() + 3_600_000);
      await waitFor('the tree to follow the snooze', () => fired.length > 0);
    } finally {
      listening.dispose();
    }
    assert.deepEqual(fired.map((f) => f?.map((n) => n.id)), [['state:reviews:needs-review', 'group:reviews']], 'the state it left and the group count, nothing else');
    assert.equal((state.children as WorkNode[]).includes(gone), false);
    assert.ok(flatten(roots()).every((n) => n === gone || before.has(n)), 'every node still shown is the same object VS Code knows');
    assert.ok(api.work.tree.lastUpdateMs < 50, `${api.work.tree.lastUpdateMs} ms`);
    await api.work.model.snooze(gone.review.repo, gone.review.number, 1);
    await waitFor('the review back', () => flatten(roots()).some((n) => n.id === gone.id));
  });

  it('the queue shows each review\'s state, and counts the states in its header', async function () {
    if (!hasBridge()) this.skip();
    await vscode.commands.executeCommand('leadDesk.openReviewQueue');
    const counts = await waitFor('state counts', async () => (await texts('#state-counts'))[0] || undefined);
    assert.match(counts, /^Needs your review: \d+ · Re-requested: 2 · Waiting on author: 1 · Stale: \d+$/);
    const rows = await texts('#reviews tbody tr');
    const row = (title: string) => rows.find((t) => t.includes(title)) ?? '';
    assert.match(row(INBOX_TITLES.waitingOnAuthor), /Waiting on author/);
    assert.match(row(INBOX_TITLES.reRequested), /Re-requested/);
    const own = await texts('#own-prs tbody tr');
    assert.ok(own.some((t) => t.includes('Add on-call runbook links to alerts') && t.includes('Approved, not merged') && t.includes('approved by kwame')), own.join('\n'));
    await screenshot('inbox-queue');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const ownNode = (title: string) => flatten(group('own')?.children ?? []).find((n): n is OwnPullNode => 'pullRequest' in n && n.pullRequest.title === title);
  const MERGE_ROUTE = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';

  it('offers the approved PRs in the palette\'s Merge pick with their titles as typed, never as icons', async function () {
    if (!hasBridge()) this.skip();
    const own = addPull(fake.scenario, { repo: 'acme/web', title: 'Ship $(zap) fast', author: 'lead' }, new Date());
    submitReview(fake.scenario, own, 'kwame', 'APPROVED', new Date());
    await vscode.commands.executeCommand('leadDesk.refresh');
    const done = vscode.commands.executeCommand('leadDesk.work.merge');
    try {
      await quickInputTitled('Merge which pull request?');
      const rows = await waitFor('the merge pick', async () => {
        const r = await texts('.quick-input-list .monaco-list-row');
        return r.some((t) => t.includes('Ship')) ? r : undefined;
      });
      assert.ok(rows.some((t) => t.includes('Ship $\u200b(zap) fast')), rows.join(' | '));
    } finally {
      await press('Escape');
      await done;
      // The tests below see the scenario's own PRs only.
      closeItem(own);
      await vscode.commands.executeCommand('leadDesk.refresh');
    }
  });

  it('merges an approved PR of the lead\'s with the method the repo allows, at the head it showed, and drops it from the tree', async () => {
    const node = ownNode('Add on-call runbook links to alerts')!;
    const before = fake.writes().length;
    // A command argument cannot answer the confirmation: the lead is asked, and closing it merges nothing.
    const declined = await answeringDialogs(dismiss, () => vscode.commands.executeCommand('leadDesk.work.merge', node, { confirmed: true }));
    assert.equal(declined.result, false);
    assert.equal(declined.asked.length, 1, 'asked despite { confirmed: true }');
    assert.equal(fake.writes().length, before, 'nothing sent');
    const { result, asked } = await answeringDialogs(accept, () => vscode.commands.executeCommand('leadDesk.work.merge', node));
    assert.equal(result, true);
    assert.deepEqual(asked.map((d) => [d.message, d.buttons]), [[`Merge acme/infra#${node.pullRequest.number} "Add on-call runbook links to alerts" with a squash merge?`, ['Merge']]]);
    const writes = fake.writes().slice(before);
    assert.deepEqual(writes.map((w) => `${w.method} ${w.route} ${w.status}`), [`${MERGE_ROUTE} 200`]);
    assert.deepEqual(writes[0]!.body, { merge_method: 'squash', sha: node.pullRequest.headSha });
    assert.match(node.pullRequest.headSha ?? '', /^[0-9a-f]{40}$/);
    assert.equal(byState('own').approved, undefined, 'gone from the tree at once');
    assert.ok(fake.scenario.pulls.find((p) => p.title === 'Add on-call runbook links to alerts')?.mergedAt);
  });

  it('does not merge a PR that got new commits after the tree showed it approved (409), and says why', async function () {
    const cors = fake.scenario.pulls.find((p) => p.title === 'Tighten CORS policy for admin routes')!;
    submitReview(fake.scenario, cors, 'tomas', 'APPROVED', new Date());
    await vscode.commands.executeCommand('leadDesk.refresh');
    const node = ownNode(cors.title)!;
    assert.equal(node.state, 'approved');
    pushCommit(cors, new Date());
    const before = fake.writes().length;
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal((await answeringDialogs(accept, () => vscode.commands.executeCommand('leadDesk.work.merge', node))).result, false);
    assert.deepEqual(fake.writes().slice(before).map((w) => `${w.method} ${w.route} ${w.status}`), [`${MERGE_ROUTE} 409`]);
    assert.equal(cors.mergedAt, null);
    assert.ok(ownNode(cors.title), 'still in the tree');
    if (!hasBridge()) return;
    await vscode.commands.executeCommand('notifications.showList');
    const messages = await waitFor('the refusal', async () => {
      const list = await texts('.notifications-center .notification-list-item-message');
      return list.some((t) => t.includes('changed since it was approved')) ? list : undefined;
    });
    assert.ok(messages.some((t) => t.includes(`acme/api#${cors.number} changed since it was approved`)), messages.join('\n'));
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('a merge GitHub did but answered 502 is sent once, reported as merged, and leaves the tree', async () => {
    const pr = addPull(fake.scenario, { repo: 'acme/web', title: 'Merged behind a 502', author: 'lead' }, new Date());
    submitReview(fake.scenario, pr, 'kwame', 'APPROVED', new Date());
    await vscode.commands.executeCommand('leadDesk.refresh');
    const node = await waitFor('the approved PR in the tree', () => ownNode(pr.title));
    fake.inject(MERGE_ROUTE, { afterApply: 502, times: 1 });
    const before = fake.writes().length;
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal((await answeringDialogs(accept, () => vscode.commands.executeCommand('leadDesk.work.merge', node))).result, true);
    assert.deepEqual(fake.writes().slice(before).map((w) => `${w.method} ${w.route} ${w.status}`), [`${MERGE_ROUTE} 502`], 'sent once, never retried');
    assert.ok(pr.mergedAt, 'merged on GitHub');
    assert.equal(ownNode(pr.title), undefined, 'gone from the tree at once');
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(ownNode(pr.title), undefined, 'and after a refresh');
    if (!hasBridge()) return;
    await vscode.commands.executeCommand('notifications.showList');
    const messages = await waitFor('the merge notice', async () => {
      const list = await texts('.notifications-center .notification-list-item-message');
      return list.some((t) => t.includes(`merged acme/web#${pr.number}`)) ? list : undefined;
    });
    assert.ok(messages.some((t) => t.includes(`merged acme/web#${pr.number}`) && t.includes('(GitHub answered 502, but the pull request is merged.)')), messages.join('\n'));
    assert.ok(!messages.some((t) => t.includes('will not merge')), messages.join('\n'));
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('turns staleness off with leadDesk.reviews.staleDays = 0', async () => {
    await setSetting('reviews.staleDays', 0);
    try {
      await waitFor('Lead Desk to read staleDays = 0', () => api.settings().staleDays === 0, 10_000);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(byState('reviews').stale, undefined);
      assert.ok(byState('reviews')['needs-review']?.includes(INBOX_TITLES.stale));
    } finally {
      await setSetting('reviews.staleDays', undefined);
    }
  });
});
