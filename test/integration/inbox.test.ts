/** The review inbox against the fake GitHub: every state in its group of the tree, the badge rule, what changed since a review. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addInboxStates, demoScenario, INBOX_TITLES, startFakeGitHub, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { GroupNode, ReviewNode, WorkNode } from '../../src/work/nodes';
import type { OwnPullNode } from '../../src/work/inboxNodes';
import { leadDesk, setSetting } from './support/extension';
import { disconnect } from './support/github';

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
  const flatten = (nodes: readonly WorkNode[]): WorkNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

  before(async () => {
    const now = new Date();
    const scenario = demoScenario(now);
    addInboxStates(scenario, now);
    fake = await startFakeGitHub(scenario, { tokens: ['test-token'], eagerGraphQL: true });
    api = await leadDesk();
    await api.stores;
    await setSetting('github.apiUrl', fake.url);
    await setSetting('github.repositories', ['acme/api', 'acme/web', 'acme/infra']);
    // A setting's change event can land after `update` resolves: wait until Lead Desk reads the fake's URL.
    const deadline = Date.now() + 10_000;
    while (api.settings().apiUrl !== fake.url && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await api.github.auth.adoptEnvironmentToken(fake.token);
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
    assert.match((again.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /2 commits since your review: http:\/\/127\.0\.0\.1:\d+\/acme\/web\/pull\/\d+\/files\//);
    assert.match(String(reviewNode(INBOX_TITLES.newCommits)!.description), /1 commit since your review/);
  });

  it('a review waiting on its author is past any SLA yet not flagged: the badge counts only what needs the lead', () => {
    const back = reviewNode(INBOX_TITLES.waitingOnAuthor)!;
    assert.equal(back.sla, 'ok', 'four business days since the lead asked for changes, but the author has the ball');
    assert.match(String(back.description), /you asked for changes/);
    const needing = flatten(group('reviews')!.children).filter((n): n is ReviewNode => 'review' in n && n.state !== 'waiting-on-author' && n.sla === 'breached' && !n.review.draft);
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

  it('turns staleness off with leadDesk.reviews.staleDays = 0', async () => {
    await setSetting('reviews.staleDays', 0);
    try {
      const deadline = Date.now() + 10_000;
      while (api.settings().staleDays !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(byState('reviews').stale, undefined);
      assert.ok(byState('reviews')['needs-review']?.includes(INBOX_TITLES.stale));
    } finally {
      await setSetting('reviews.staleDays', undefined);
    }
  });
});
