/** Coding agents' open PRs as the standup and the 1:1 panel count them (core/agentWork.ts: agentPullLines, agentCountsText). */
import assert from 'node:assert/strict';
import { agentCountsText, agentPullLines } from '../../../src/core/agentWork';

/** A PR that closes issue `issue` of `repo` (as the sidebar links it back to the issue it was found on). */
const pull = (repo: string, number: number, author: string, draft: boolean, authorIsBot: boolean, issue: number) => ({
  repo, number, title: `PR ${number}`, url: `https://github.com/${repo}/pull/${number}`, author, authorIsBot, draft,
  linkedIssues: [{ repo, number: issue, author: 'lead', assignees: [] }],
});
const review = (number: number, author: string, draft = false) => ({ repo: 'acme/web', number, title: `Review ${number}`, url: '', author, draft });

describe('agent work counted apart', () => {
  it('takes the agents\' PRs on the delegated issues once each, and a named agent\'s review requests; never a person\'s, never a bot\'s without a delegated issue', () => {
    const issues = [
      { repo: 'acme/api', number: 1, agentPulls: [pull('acme/api', 14, 'copilot-swe-agent', true, true, 1), pull('acme/api', 15, 'mira', false, false, 1)] },
      // The same PR closes a second delegated issue: counted once.
      { repo: 'acme/api', number: 2, agentPulls: [pull('acme/api', 14, 'copilot-swe-agent', true, true, 2), pull('acme/api', 16, 'Nightshift', false, false, 2)] },
    ];
    const reviews = [review(20, 'nightshift[bot]'), review(21, 'dependabot', false), review(22, 'tomas'), review(23, 'nightshift', true)];
    const lines = agentPullLines(issues, reviews, ['nightshift']);
    assert.deepEqual(lines.map((l) => [`${l.repo}#${l.number}`, l.agent, l.ready]), [
      ['acme/api#14', 'copilot-swe-agent', false],
      ['acme/api#16', 'Nightshift', true],
      ['acme/web#20', 'nightshift', true],
      ['acme/web#23', 'nightshift', false],
    ]);
    assert.equal(agentCountsText(lines), 'Agents: 4 PRs open, 2 ready for review');
  });

  it('says one PR in the singular', () => {
    assert.equal(agentCountsText([{ ready: false }]), 'Agents: 1 PR open, 0 ready for review');
    assert.equal(agentCountsText([]), 'Agents: 0 PRs open, 0 ready for review');
  });
});
