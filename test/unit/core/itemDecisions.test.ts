/**
 * One decision per item (pure): the palette offers an action on exactly the items whose tree node
 * offers it — the node's context value (`decision.contextValue`, which the node constructors set)
 * matched by the `viewItem` clause of that command's menu entry in package.json.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { businessMsBetween, businessMsUntil, DEFAULT_BUSINESS_HOURS } from '../../../src/core/businessHours';
import { agentPullsAwaitingCommitCount, agentPullsAwaitingReadyTime } from '../../../src/core/agentPullReads';
import { decideWork, decisionContext, type AgentPullItem, type ItemDecision, type OwnPullItem, type WorkDecisions } from '../../../src/core/itemDecisions';
import { allDecisions, paletteCandidates, PALETTE_ACTIONS, type PaletteAction } from '../../../src/core/paletteCandidates';
import type { ReviewVerdict } from '../../../src/core/inbox';
import type { PendingReview } from '../../../src/core/reviews';
import type { MemberReviews } from '../../../src/core/teamLoad';
import { Commands } from '../../../src/ids';
import { toQueueRows } from '../../../src/core/reviewQueue';
import { buildQueueData } from '../../../src/queue/queueData';

const HOUR = 3_600_000;
/** `leadDesk.team.agents` in the property test: a named agent that GitHub does not call a Bot. */
const AGENTS = ['devin'];
const DAY = 24 * HOUR;
// Wednesday 2026-11-04 15:00 local: business hours 09:00–17:00, Monday to Friday.
const NOW = new Date(2026, 10, 4, 15, 0).getTime();
const SETTINGS = { slaHours: 8, staleDays: 3, businessHours: DEFAULT_BUSINESS_HOURS };

/** Each palette action's command, whose tree menu entry says which nodes offer it. */
const COMMAND_OF: Record<PaletteAction, string> = {
  nudge: Commands.nudge, merge: Commands.workMerge, requestReview: Commands.workRequestReview, handReview: Commands.workHandReview,
};

/** The `viewItem =~ /…/` of a command's entry in the tree's context menu. */
function treeOffers(command: string): RegExp {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  const entry = manifest.contributes.menus['view/item/context']!.find((m) => m.command === command && m.when?.includes('view == leadDesk.work'));
  const match = entry?.when?.match(/viewItem =~ \/(.+)\/$/);
  assert.ok(match, `${command} has a tree menu entry with a viewItem clause`);
  return new RegExp(match[1]!);
}
const OFFERS = Object.fromEntries(PALETTE_ACTIONS.map((a) => [a, treeOffers(COMMAND_OF[a])])) as Record<PaletteAction, RegExp>;

/** The item a candidate names, as `repo#number` (a nudge target, a PR or a review). */
const keyOf = (x: { repo: string; number: number }): string => `${x.repo}#${x.number}`;

/** The items whose node offers `action`, keyed like the palette's candidates. */
function treeItemsOffering(d: WorkDecisions, action: PaletteAction): string[] {
  return allDecisions(d).filter((x) => OFFERS[action].test(x.contextValue)).map((x: ItemDecision) => {
    if (x.kind === 'task') return `${(x.item as { repo: string }).repo}#${(x.item as { issueNumber: number }).issueNumber}`;
    return keyOf(x.item as { repo: string; number: number });
  }).sort();
}

function paletteItems(d: WorkDecisions, action: PaletteAction): string[] {
  const candidates = paletteCandidates[action] as (d: WorkDecisions) => { repo: string; number: number }[];
  return candidates(d).map(keyOf).sort();
}

const verdict = fc.constantFrom<ReviewVerdict>('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED');
const repo = fc.constantFrom('acme/api', 'acme/web', 'Acme/Tools');
const hoursAgo = fc.integer({ min: -2, max: 24 * 20 });
const due = fc.option(fc.integer({ min: -10, max: 10 }).map((d) => { const at = new Date(NOW + d * DAY); return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`; }), { nil: null });

const review = fc.record({
  repo, requested: fc.boolean(), myVerdict: fc.option(fc.constantFrom<ReviewVerdict>('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'PENDING'), { nil: undefined }),
  commits: fc.integer({ min: 0, max: 3 }), waited: hoursAgo, idle: hoursAgo, draft: fc.boolean(), snoozed: fc.boolean(), url: fc.boolean(),
});
const own = fc.record({
  repo, decision: fc.constantFrom('APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED', null), verdicts: fc.array(verdict, { maxLength: 3 }),
  waitingOn: fc.subarray(['mira', 'tomas', '@core', 'not a login', 'dependabot[bot]', 'devin']), waited: hoursAgo, draft: fc.boolean(), oldSnapshot: fc.boolean(),
  botVerdicts: fc.array(verdict, { maxLength: 2 }),
  queue: fc.option(fc.record({ required: fc.boolean(), position: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) }), { nil: undefined }),
});
const issue = fc.record({
  repo, assignees: fc.subarray(['mira', 'jun', 'Copilot']), due, url: fc.boolean(),
  pulls: fc.array(fc.record({ author: fc.constantFrom('copilot-swe-agent', 'devin', 'mira'), bot: fc.boolean(), draft: fc.boolean() }), { maxLength: 2 }),
});
const task = fc.record({ linked: fc.boolean(), due, done: fc.boolean() });
const member = fc.record({ login: fc.constantFrom('mira', 'jun', 'kwame'), reviews: fc.array(fc.record({ repo, waited: hoursAgo, handed: fc.option(hoursAgo, { nil: undefined }) }), { maxLength: 3 }) });

const inbox = fc.record({
  reviews: fc.array(review, { maxLength: 12 }), own: fc.array(own, { maxLength: 8 }), issues: fc.array(issue, { maxLength: 5 }),
  tasks: fc.array(task, { maxLength: 5 }), team: fc.array(member, { maxLength: 3 }), configured: fc.subarray(['mira', 'jun', 'kwame']),
});
type Inbox = typeof inbox extends fc.Arbitrary<infer T> ? T : never;

/** The facts of an arbitrary inbox (numbers are unique per list, as GitHub's are per repo). */
function decide(x: Inbox): WorkDecisions {
  return decideFacts(x).decisions;
}

function decideFacts(x: Inbox): { decisions: WorkDecisions; reviews: PendingReview[] } {
  const handed = new Map<string, number>();
  const reviews = x.reviews.map((r, i): PendingReview => ({
    repo: r.repo, number: 100 + i, title: `review ${i}`, author: 'ana', url: r.url ? `https://github.com/${r.repo}/pull/${100 + i}` : '',
    requestedAt: NOW - r.waited * HOUR, createdAt: NOW - (r.waited + 1) * HOUR, updatedAt: NOW - r.idle * HOUR, direct: true, additions: 1, deletions: 1,
    draft: r.draft, ci: 'none', labels: [], requested: r.requested, commitsSinceMyReview: r.commits,
    ...(r.myVerdict ? { myReview: { verdict: r.myVerdict, at: NOW - 30 * HOUR } } : {}), ...(r.snoozed ? { snoozedUntil: NOW + HOUR } : {}),
  }));
  const ownPullRequests = x.own.map((p, i): OwnPullItem => ({
    repo: p.repo, number: 200 + i, title: `mine ${i}`, url: `https://github.com/${p.repo}/pull/${200 + i}`, createdAt: NOW - (p.waited + 5) * HOUR, draft: p.draft,
    waitingOn: p.waitingOn, reviewDecision: p.decision as OwnPullItem['reviewDecision'],
    reviews: [...p.verdicts.map((v, j) => ({ reviewer: `r${j}`, verdict: v })), ...p.botVerdicts.map((v, j) => ({ reviewer: `bot${j}`, verdict: v, bot: true }))],
    ...(p.oldSnapshot ? {} : { waitingSince: NOW - p.waited * HOUR }),
    ...(p.queue ? { mergeQueue: {
      queueRequired: p.queue.required, entry: p.queue.position === null ? null : { position: p.queue.position, estimatedSeconds: 600, state: 'QUEUED' as const },
      autoMerge: null, mergeStateStatus: 'CLEAN' as const, lastQueueEvent: null,
    } } : {}),
  }));
  const delegatedIssues = x.issues.map((d, i) => ({
    repo: d.repo, number: 300 + i, title: `issue ${i}`, url: d.url ? `https://github.com/${d.repo}/issues/${300 + i}` : '', assignees: d.assignees, due: d.due,
    agentPulls: d.pulls.map((p, j) => ({
      repo: d.repo, number: 600 + i * 10 + j, title: `agent ${i}.${j}`, url: '', createdAt: NOW - DAY, updatedAt: NOW - HOUR, author: p.author, authorIsBot: p.bot, draft: p.draft,
      linkedIssues: [{ repo: d.repo, number: 300 + i, author: 'lead', assignees: d.assignees }],
    })),
  }));
  const tasks = x.tasks.map((t, i) => ({
    id: `t${i}`, title: `task ${i}`, assignee: 'jun', due: t.due, ...(t.linked ? { repo: 'acme/api', issueNumber: 400 + i, link: `https://github.com/acme/api/issues/${400 + i}` } : {}),
    ...(t.done ? { doneAt: NOW - HOUR } : {}),
  }));
  const seen = new Set<string>();
  const teamLoad: MemberReviews[] = x.team.filter((m) => !seen.has(m.login) && seen.add(m.login)).map((m, k) => ({
    login: m.login, exists: true, reviews: m.reviews.map((r, i) => {
      const number = 500 + k * 10 + i;
      if (r.handed !== undefined) handed.set(`${r.repo}#${number}:${m.login}`, NOW - r.handed * HOUR);
      return { repo: r.repo, number, title: `team ${number}`, author: 'ana', url: '', requestedAt: NOW - r.waited * HOUR, createdAt: NOW - r.waited * HOUR, direct: true, additions: 0, deletions: 0, draft: false, ci: 'none' as const, labels: [] };
    }),
  }));
  const ctx = decisionContext(NOW, { ...SETTINGS, teamAgents: AGENTS }, { handedAt: (r, n, login) => handed.get(`${r}#${n}:${login}`) });
  return { decisions: decideWork({ reviews, ownPullRequests, delegatedIssues, tasks, teamLoad, teamMembers: x.configured }, ctx), reviews };
}

type QueueRowLike = { repo: string; number: number; state: string; basis: string; waitingBusinessMs: number; sla: string; pastSla: boolean; snoozed: boolean };

describe('item decisions', () => {
  it('for any inbox, the palette\'s candidates for each action are exactly the tree\'s items that offer it', () => {
    fc.assert(fc.property(inbox, (x) => {
      const d = decide(x);
      for (const action of PALETTE_ACTIONS) assert.deepEqual(paletteItems(d, action), treeItemsOffering(d, action), action);
    }), { numRuns: 300 });
  });

  it('for any inbox, the queue\'s rows show the tree\'s decisions: the same items, states, waits, SLA and snoozes', () => {
    const shown = (d: { state: string; basis: string; waitMs: number; sla: string; pastSla: boolean }) => [d.state, d.basis, d.waitMs, d.sla, d.pastSla];
    fc.assert(fc.property(inbox, (x) => {
      const { decisions: d, reviews } = decideFacts(x);
      const tree = new Map([...d.reviews, ...d.snoozed].map((r) => [keyOf(r.item), [...shown(r), r.snoozed]]));
      const data = buildQueueData({ decisions: d, asOf: NOW, notice: null, slaHours: SETTINGS.slaHours }, NOW, 'en', { asOfNotice: '{0} — {1}', asOfSaved: '{0}', updated: '{0}' });
      const rowsOf = (rows: readonly QueueRowLike[]) => new Map(rows.map((r) => [keyOf(r), [r.state, r.basis, r.waitingBusinessMs, r.sla, r.pastSla, r.snoozed]]));
      assert.deepEqual(rowsOf(data.rows), tree);
      // The same reviews decided item by item (the queue's own rule before): an agent's ready PR comes
      // from a delegated issue, not from the review requests, so only those are compared.
      const requested = new Set(reviews.map(keyOf));
      assert.deepEqual(rowsOf(toQueueRows(reviews, NOW, SETTINGS)), new Map([...tree].filter(([k]) => requested.has(k))));
      assert.deepEqual(data.ownPullRequests.map((p) => [keyOf(p), p.state, p.waitingBusinessMs, p.pastSla]), d.own.map((o) => [keyOf(o.item), o.state, o.waitMs, o.pastSla]));
    }), { numRuns: 300 });
  });

  it('for any inbox with bots and agents: a bot never approves, no nudge names a bot or an agent, Merge… never on a queued PR, agent PRs are delegated or reviews', () => {
    fc.assert(fc.property(inbox, (x) => {
      const d = decide(x);
      for (const o of d.own) {
        const people = (o.item.reviews ?? []).filter((r) => !(r as { bot?: boolean }).bot);
        const botApproved = (o.item.reviews ?? []).some((r) => (r as { bot?: boolean }).bot && r.verdict === 'APPROVED');
        if (botApproved && !people.some((r) => r.verdict === 'APPROVED')) assert.notEqual(o.basis, 'approved', `${keyOf(o.item)}: only a bot approved`);
        if (o.item.mergeQueue?.entry) assert.equal(o.mergeable, false, `${keyOf(o.item)} is queued`);
        if (o.mergeable) assert.equal(o.mergeAction, o.item.mergeQueue?.queueRequired ? 'enqueue' : 'merge');
      }
      for (const t of paletteCandidates.nudge(d)) for (const who of t.who) assert.ok(!/\[bot\]$/.test(who) && who !== 'devin', `nudges ${who}`);
      const issuesPulls = x.issues.flatMap((i, k) => i.pulls.map((p, j) => ({ ...p, key: `${i.repo}#${600 + k * 10 + j}` })));
      const agentOf = (p: { author: string; bot: boolean }) => p.bot || p.author === 'devin';
      assert.deepEqual(d.agentPulls.map((a) => keyOf(a.item)).sort(), issuesPulls.filter((p) => agentOf(p) && p.draft).map((p) => p.key).sort(), 'drafts under Delegated work');
      const reviewKeys = new Set(d.reviews.map((r) => keyOf(r.item)));
      for (const p of issuesPulls) assert.equal(reviewKeys.has(p.key), agentOf(p) && !p.draft, `${p.key} needs the lead's review only when an agent marked it ready`);
      for (const r of d.reviews.filter((v) => v.item.agentPull)) assert.equal(r.basis, 'needs-review');
    }), { numRuns: 300 });
  });

  const pr = (over: Partial<OwnPullItem>): OwnPullItem => ({
    repo: 'acme/tools', number: 7, title: 'mine', url: 'https://github.com/acme/tools/pull/7', createdAt: NOW - 40 * HOUR, waitingSince: NOW - 40 * HOUR, draft: false,
    waitingOn: [], reviewDecision: null, reviews: [], ...over,
  });
  const decided = (ownPullRequests: OwnPullItem[]) => decideWork({ reviews: [], ownPullRequests, delegatedIssues: [], tasks: [], teamMembers: [] }, decisionContext(NOW, SETTINGS));

  it('an agent\'s PR waits in "Needs your review" from when it was marked ready, not from when it was opened or last updated; a draft shows once, under Delegated work', () => {
    const opened = NOW - 3 * DAY;
    const readyAt = NOW - 5 * HOUR;
    const agentPull = (number: number, extra: Partial<AgentPullItem>): AgentPullItem => ({
      repo: 'acme/api', number, title: `agent ${number}`, url: '', createdAt: opened, updatedAt: NOW - HOUR, author: 'copilot-swe-agent', authorIsBot: true, draft: false,
      linkedIssues: [{ repo: 'acme/api', number: 1, author: 'lead', assignees: ['copilot-swe-agent'] }], ...extra,
    });
    const issue = { repo: 'acme/api', number: 1, title: 'Retry webhooks', url: '', assignees: ['copilot-swe-agent'], due: null,
      agentPulls: [agentPull(14, { id: 'PR_14', readyAt }), agentPull(15, { id: 'PR_15' }), agentPull(16, { id: 'PR_16', draft: true }), agentPull(17, { id: 'PR_17' })] };
    // The lead was asked on #17: its wait is the review request's, from the sidebar's timeline.
    const asked: PendingReview = { repo: 'acme/api', number: 17, title: 'agent 17', author: 'copilot-swe-agent', url: '', requestedAt: NOW - 2 * HOUR, createdAt: opened, direct: true, additions: 0, deletions: 0, draft: false, ci: 'none', labels: [] };
    const d = decideWork({ reviews: [asked], ownPullRequests: [], delegatedIssues: [issue], tasks: [], teamMembers: [] }, decisionContext(NOW, SETTINGS));
    const waitingSince = (n: number) => d.reviews.find((r) => r.item.number === n)?.item.requestedAt;
    assert.equal(waitingSince(14), readyAt, 'from the ReadyForReviewEvent');
    assert.equal(waitingSince(15), NOW - HOUR, 'not read yet: its last update, never its opening');
    assert.equal(waitingSince(16), undefined, 'a draft is delegated work');
    assert.equal(d.reviews.find((r) => r.item.number === 14)!.waitMs, businessMsBetween(readyAt, NOW, DEFAULT_BUSINESS_HOURS));
    // Only the ready one without a time, that the lead was not asked on, is read.
    assert.deepEqual(agentPullsAwaitingReadyTime([issue], [asked], []).map((p) => p.id), ['PR_15']);
    // Asked on the draft already (a reviewer rule): still the agent's, shown once, under Delegated work.
    const onDraft: PendingReview = { ...asked, number: 16, title: 'agent 16', draft: true };
    const both = decideWork({ reviews: [asked, onDraft], ownPullRequests: [], delegatedIssues: [issue], tasks: [], teamMembers: [] }, decisionContext(NOW, SETTINGS));
    assert.deepEqual(both.agentPulls.map((a) => a.item.number), [16]);
    assert.deepEqual([...both.reviews, ...both.snoozed].map((r) => r.item.number).sort(), [14, 15, 17]);
  });

  it('an agent\'s draft carries its commit count once read ("draft · 3 commits"); the drafts without one are the ones to read, never a ready PR', () => {
    const agentPull = (number: number, extra: Partial<AgentPullItem>): AgentPullItem => ({
      repo: 'acme/api', number, title: `agent ${number}`, url: '', createdAt: NOW - DAY, updatedAt: NOW - HOUR, author: 'copilot-swe-agent', authorIsBot: true, draft: true,
      linkedIssues: [{ repo: 'acme/api', number: 1, author: 'lead', assignees: ['copilot-swe-agent'] }], ...extra,
    });
    const issue = { repo: 'acme/api', number: 1, title: 'Retry webhooks', url: '', assignees: ['copilot-swe-agent'], due: null,
      agentPulls: [agentPull(21, { id: 'PR_21', commits: 3 }), agentPull(22, { id: 'PR_22', commits: null }), agentPull(23, { id: 'PR_23' }), agentPull(24, { id: 'PR_24', draft: false }),
        agentPull(25, { id: 'PR_25', commits: 0 })] };
    const d = decideWork({ reviews: [], ownPullRequests: [], delegatedIssues: [issue], tasks: [], teamMembers: [] }, decisionContext(NOW, SETTINGS));
    assert.deepEqual(d.agentPulls.map((a) => [a.item.number, a.commits]), [[21, 3], [22, null], [23, null], [25, 0]]);
    assert.deepEqual(agentPullsAwaitingCommitCount([issue], []).map((p) => p.id), ['PR_22', 'PR_23'], 'a ready one is a review, and a count read (even 0) is not read again');
    // A human's PR on a delegated issue is not an agent's: never read.
    const human = { ...issue, agentPulls: [agentPull(26, { id: 'PR_26', author: 'mira', authorIsBot: false })] };
    assert.deepEqual(agentPullsAwaitingCommitCount([human], []), []);
  });

  it('Merge…: on a repository that requires no review, an approval is enough for the tree and the palette alike', () => {
    const d = decided([pr({ reviewDecision: null, reviews: [{ reviewer: 'kwame', verdict: 'APPROVED' }] })]);
    assert.equal(d.own[0]!.state, 'approved');
    assert.match(d.own[0]!.contextValue, OFFERS.merge);
    assert.deepEqual(paletteCandidates.merge(d).map(keyOf), ['acme/tools#7']);
    assert.deepEqual(paletteCandidates.merge(decided([pr({ reviewDecision: null, reviews: [{ reviewer: 'kwame', verdict: 'APPROVED' }], draft: true })])), [], 'never a draft');
  });

  it('Nudge… on an own PR: only while it waits on its reviewers, past the SLA — not once changes are requested', () => {
    const changes = decided([pr({ waitingOn: ['mira'], reviewDecision: 'CHANGES_REQUESTED', reviews: [{ reviewer: 'kwame', verdict: 'CHANGES_REQUESTED' }] })]);
    assert.deepEqual(paletteCandidates.nudge(changes), [], 'the next move is the lead\'s');
    assert.doesNotMatch(changes.own[0]!.contextValue, OFFERS.nudge);
    const waiting = decided([pr({ waitingOn: ['mira'], reviewDecision: 'REVIEW_REQUIRED' })]);
    assert.deepEqual(paletteCandidates.nudge(waiting).map((t) => [t.kind, t.who]), [['own-pr', ['mira']]]);
    assert.match(waiting.own[0]!.contextValue, OFFERS.nudge);
  });

  it('waits, SLA and staleness are counted once per decision, as the item-by-item rules say', () => {
    const d = decided([pr({ waitingOn: ['mira'], waitingSince: NOW - 3 * HOUR })]);
    assert.equal(d.own[0]!.waitMs, businessMsBetween(NOW - 3 * HOUR, NOW));
    assert.equal(d.own[0]!.pastSla, false);
  });
});

describe('businessMsUntil', () => {
  it('gives what businessMsBetween gives, for any instants and working week', () => {
    const hours = fc.record({
      days: fc.subarray([0, 1, 2, 3, 4, 5, 6]), start: fc.constantFrom('00:00', '08:30', '09:00'), end: fc.constantFrom('12:00', '17:00', '24:00'),
    });
    fc.assert(fc.property(hours, fc.array(fc.integer({ min: -3 * DAY, max: 400 * DAY }), { minLength: 1, maxLength: 20 }), (h, agos) => {
      const since = businessMsUntil(NOW, h);
      for (const ago of agos) assert.equal(since(NOW - ago), businessMsBetween(NOW - ago, NOW, h), `${ago} ms ago`);
    }), { numRuns: 200 });
  });
});
