import assert from 'node:assert/strict';
import fc from 'fast-check';
import { agentWork, agentWorkState, isAgentPull, nudgeablePeople, type AgentPullFacts } from '../../../src/core/agentWork';
import { aiReviews, humanOwnFacts, humanWaitingOn, peopleOnly, type ReviewerVerdictOfKind } from '../../../src/core/aiReviews';
import { ownInboxState, type ReviewVerdict } from '../../../src/core/inbox';
import {
  MERGE_STATE_STATUSES, QUEUE_ENTRY_STATES, mergeAction, mergeQueueState, newRemovals, removalKey,
  type AutoMerge, type MergeQueueFacts, type MergeStateStatus, type QueueEntry, type QueueEvent,
} from '../../../src/core/mergeQueue';
import { parseSettings } from '../../../src/settings';

const HEAD = 'c0ffee';
const T = Date.UTC(2026, 11, 3, 10);
const VERDICTS: ReviewVerdict[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

describe('AI reviewers', () => {
  it('tells requested, reviewed on the head and reviewed on an older commit apart', () => {
    const got = aiReviews({
      headSha: HEAD,
      requestedBots: ['copilot-pull-request-reviewer', 'coderabbitai[bot]'],
      reviews: [
        { reviewer: 'copilot-pull-request-reviewer', verdict: 'COMMENTED', at: T, commit: 'old1', bot: true },
        { reviewer: 'sourcery-ai', verdict: 'COMMENTED', at: T, commit: 'old1', bot: true },
        { reviewer: 'sourcery-ai', verdict: 'COMMENTED', at: T + 1, commit: HEAD, bot: true },
        { reviewer: 'deepsource', verdict: 'APPROVED', at: T, commit: 'old2', bot: true },
        { reviewer: 'kwame', verdict: 'APPROVED', at: T, commit: HEAD },
      ],
    });
    assert.deepEqual(got.map((r) => [r.bot, r.state]), [
      ['coderabbitai', 'requested'],
      ['copilot-pull-request-reviewer', 'requested'], // asked again after its review
      ['deepsource', 'reviewed-older'],
      ['sourcery-ai', 'reviewed-current'],
    ]);
  });

  it('a PR on which only bots were asked waits on no person ("needs reviewers")', () => {
    assert.deepEqual(humanWaitingOn([{ kind: 'bot', name: 'copilot-pull-request-reviewer' }]), []);
    assert.deepEqual(humanWaitingOn([{ kind: 'bot', name: 'copilot' }, { kind: 'user', name: 'mira' }, { kind: 'team', name: 'web' }, { kind: 'user', name: 'devin' }], ['devin[bot]']), ['mira', '@web']);
  });

  it('a bot\'s approval does not make a PR approved, even when GitHub counts it', () => {
    const pr = { reviewDecision: 'APPROVED' as const, reviews: [{ reviewer: 'copilot', verdict: 'APPROVED' as const, bot: true }] };
    assert.equal(ownInboxState({ reviewDecision: pr.reviewDecision, verdicts: pr.reviews.map((r) => r.verdict) }), 'approved', 'what the inbox said before');
    assert.equal(ownInboxState(humanOwnFacts(pr)), 'waiting-on-reviewers');
    assert.equal(ownInboxState(humanOwnFacts({ reviewDecision: null, reviews: [{ reviewer: 'renovate[bot]', verdict: 'APPROVED' }] })), 'waiting-on-reviewers');
    assert.equal(ownInboxState(humanOwnFacts({ reviewDecision: 'APPROVED', reviews: [...pr.reviews, { reviewer: 'kwame', verdict: 'APPROVED' }] })), 'approved');
    assert.equal(ownInboxState(humanOwnFacts({ reviewDecision: 'APPROVED' })), 'approved', 'an older snapshot without reviews keeps GitHub\'s decision');
  });

  it('property: a bot never makes a PR approved or changes-requested, whatever people said', () => {
    const person = fc.record({ reviewer: fc.constantFrom('kwame', 'mira', 'ana'), verdict: fc.constantFrom(...VERDICTS) });
    const bot = fc.record({ reviewer: fc.constantFrom('copilot', 'coderabbitai', 'renovate[bot]'), verdict: fc.constantFrom(...VERDICTS), bot: fc.constant(true) });
    // GitHub's review decision where a review is required, counting apps as it does (the fake's rule).
    const githubDecision = (reviews: readonly ReviewerVerdictOfKind[]) => (reviews.some((r) => r.verdict === 'CHANGES_REQUESTED') ? 'CHANGES_REQUESTED' as const
      : reviews.some((r) => r.verdict === 'APPROVED') ? 'APPROVED' as const : 'REVIEW_REQUIRED' as const);
    fc.assert(fc.property(fc.array(person, { maxLength: 4 }), fc.array(bot, { minLength: 1, maxLength: 4 }), fc.boolean(), (people, bots, required) => {
      const all: ReviewerVerdictOfKind[] = [...people, ...bots];
      const withBots = ownInboxState(humanOwnFacts({ reviewDecision: required ? githubDecision(all) : null, reviews: all }));
      const alone = ownInboxState(humanOwnFacts({ reviewDecision: required ? githubDecision(people) : null, reviews: people }));
      assert.equal(withBots, alone);
    }));
  });

  it('never offers a bot or a named agent as a reviewer', () => {
    assert.deepEqual(peopleOnly(['mira', 'dependabot[bot]', 'Copilot', 'kwame'], ['copilot']), ['mira', 'kwame']);
  });
});

describe('coding agents as delegated work', () => {
  const ctx = { me: 'lead', agents: ['devin-ai-integration[bot]'] };
  const issue = { repo: 'acme/api', number: 7, author: 'lead', assignees: ['copilot-swe-agent'] };
  const pr = (p: Partial<AgentPullFacts>): AgentPullFacts => ({ repo: 'acme/api', number: 9, author: 'copilot-swe-agent', authorIsBot: true, draft: true, linkedIssues: [issue], ...p });

  it('a bot\'s PR on an issue the lead assigned, or a named agent\'s, is agent work', () => {
    assert.equal(isAgentPull(pr({}), ctx), true);
    assert.equal(isAgentPull(pr({ linkedIssues: [] }), ctx), false, 'a bot on no issue of the lead: dependabot');
    assert.equal(isAgentPull(pr({ linkedIssues: [{ ...issue, author: 'mira' }] }), ctx), false, 'an issue someone else assigned');
    assert.equal(isAgentPull(pr({ linkedIssues: [{ ...issue, author: 'mira' }] }), { ...ctx, delegatedIssues: new Set(['acme/api#7']) }), true, 'one of the lead\'s delegated issues');
    assert.equal(isAgentPull(pr({ authorIsBot: false, linkedIssues: [] }), ctx), false, 'a person\'s PR');
    assert.equal(isAgentPull(pr({ author: 'devin-ai-integration', linkedIssues: [] }), ctx), true, 'named in leadDesk.team.agents');
  });

  it('draft → delegated (agent working); ready → needs your review', () => {
    assert.deepEqual(agentWork([pr({}), pr({ number: 10, draft: false }), pr({ number: 11, authorIsBot: false })], ctx).map((w) => [w.number, w.state, w.agent, w.closes]), [
      [9, 'delegated', 'copilot-swe-agent', ['acme/api#7']],
      [10, 'needs-your-review', 'copilot-swe-agent', ['acme/api#7']],
    ]);
  });

  it('property: every agent PR is classified, a draft as delegated, and no nudge ever names a bot', () => {
    fc.assert(fc.property(fc.boolean(), fc.constantFrom('copilot-swe-agent', 'devin-ai-integration[bot]'), fc.array(fc.record({ login: fc.constantFrom('mira', 'x[bot]', 'copilot-swe-agent', 'kwame'), bot: fc.boolean() })), (draft, author, who) => {
      const [work] = agentWork([pr({ draft, author })], ctx);
      assert.equal(work.state, draft ? 'delegated' : 'needs-your-review');
      assert.equal(agentWorkState({ draft }), work.state);
      const targets = nudgeablePeople(who, [...ctx.agents, 'copilot-swe-agent']);
      for (const t of targets) assert.ok(['mira', 'kwame'].includes(t), t);
      assert.equal(targets.length, who.filter((w) => !w.bot && ['mira', 'kwame'].includes(w.login)).length);
    }));
  });

  it('leadDesk.team.agents takes logins with or without [bot], and refuses anything else', () => {
    const good = parseSettings({ 'team.agents': ['copilot-swe-agent[bot]', 'devin'] });
    assert.deepEqual(good.problems, []);
    assert.deepEqual(good.settings.teamAgents, ['copilot-swe-agent[bot]', 'devin']);
    const bad = parseSettings({ 'team.agents': ['bot[bot]x'] });
    assert.deepEqual(bad.problems.map((p) => p.setting), ['leadDesk.team.agents']);
    assert.deepEqual(bad.settings.teamAgents, []);
  });
});

describe('merge queue', () => {
  const entry: QueueEntry = { position: 2, estimatedSeconds: 900, state: 'AWAITING_CHECKS' };
  const auto: AutoMerge = { enabledAt: T, method: 'SQUASH' };
  const removed: QueueEvent = { kind: 'removed', at: T, reason: 'failed checks' };
  const facts = (f: Partial<MergeQueueFacts>): MergeQueueFacts => ({ entry: null, autoMerge: null, mergeStateStatus: 'CLEAN', lastQueueEvent: null, ...f });

  it('reads each state', () => {
    assert.deepEqual(mergeQueueState(facts({ entry, mergeStateStatus: 'BLOCKED' })), { kind: 'queued', position: 2, etaSeconds: 900, entryState: 'AWAITING_CHECKS' });
    assert.deepEqual(mergeQueueState(facts({ autoMerge: auto, mergeStateStatus: 'BLOCKED' })), { kind: 'auto-merge', method: 'SQUASH', since: T });
    assert.deepEqual(mergeQueueState(facts({ lastQueueEvent: removed, mergeStateStatus: 'BLOCKED' })), { kind: 'removed', reason: 'failed checks', at: T });
    assert.deepEqual(mergeQueueState(facts({ lastQueueEvent: { ...removed, kind: 'added' } })), { kind: 'ready', unstable: false }, 'added again since');
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'BLOCKED', ci: 'failure' })), { kind: 'blocked', reason: 'checks' });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'BLOCKED', ci: 'success', humanApproved: false })), { kind: 'blocked', reason: 'review' });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'DIRTY' })), { kind: 'blocked', reason: 'conflicts' });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'BEHIND' })), { kind: 'blocked', reason: 'behind' });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'UNSTABLE' })), { kind: 'ready', unstable: true });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'HAS_HOOKS' })), { kind: 'ready', unstable: false });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: 'UNKNOWN' })), { kind: 'unknown' });
    assert.deepEqual(mergeQueueState(facts({ mergeStateStatus: null })), { kind: 'unknown' }, 'a server without the field');
  });

  it('property: every mergeQueueEntry × autoMergeRequest × mergeStateStatus gives exactly one state, the entry first', () => {
    const status = fc.constantFrom<MergeStateStatus | null>(...MERGE_STATE_STATUSES, null);
    const anEntry = fc.option(fc.record({ position: fc.integer({ min: 1, max: 50 }), estimatedSeconds: fc.option(fc.nat()), state: fc.constantFrom(...QUEUE_ENTRY_STATES) }));
    const anAuto = fc.option(fc.record({ enabledAt: fc.option(fc.nat()), method: fc.constantFrom('MERGE' as const, 'SQUASH' as const, 'REBASE' as const) }));
    const event = fc.option(fc.record({ kind: fc.constantFrom('added' as const, 'removed' as const), at: fc.nat(), reason: fc.string() }));
    const ci = fc.constantFrom('success' as const, 'failure' as const, 'pending' as const, 'none' as const);
    fc.assert(fc.property(anEntry, anAuto, status, event, ci, fc.boolean(), (e, a, s, ev, c, approved) => {
      const state = mergeQueueState({ entry: e, autoMerge: a, mergeStateStatus: s, lastQueueEvent: ev, ci: c, humanApproved: approved });
      const expected = e ? 'queued' : a ? 'auto-merge' : ev?.kind === 'removed' ? 'removed'
        : s === 'BEHIND' || s === 'BLOCKED' || s === 'DIRTY' || s === 'DRAFT' ? 'blocked'
          : s === 'CLEAN' || s === 'HAS_HOOKS' || s === 'UNSTABLE' ? 'ready' : 'unknown';
      assert.equal(state.kind, expected);
      // Merge… never acts on a queued PR, and enqueues on a queue-protected branch.
      assert.equal(mergeAction({ queueRequired: true, entry: e }), e ? 'none' : 'enqueue');
      assert.equal(mergeAction({ queueRequired: false, entry: e }), e ? 'none' : 'merge');
    }));
  });

  it('a removal raises one notice', () => {
    const prs = [{ repo: 'acme/api', number: 3, state: mergeQueueState(facts({ lastQueueEvent: removed })) }, { repo: 'acme/api', number: 4, state: mergeQueueState(facts({})) }];
    assert.deepEqual(newRemovals(prs, new Set()).map((p) => p.number), [3]);
    assert.deepEqual(newRemovals(prs, new Set([removalKey('acme/api', 3, T)])), []);
  });
});
