/** The 1:1 panel's items (core/oneOnOne.ts): a coding agent's PRs on the teammate's issues are counted apart from their work. */
import assert from 'node:assert/strict';
import { oneOnOneItems, type OneOnOneSources } from '../../../src/core/oneOnOne';

const NOW = Date.UTC(2026, 10, 23, 10);
/** An open PR that closes acme/api#`issue`, linked back to it as the sidebar reads it. */
const agentPull = (number: number, author: string, draft: boolean, authorIsBot: boolean, issue: number) => ({
  repo: 'acme/api', number, title: `Agent PR ${number}`, url: `https://github.com/acme/api/pull/${number}`, author, authorIsBot, draft,
  linkedIssues: [{ repo: 'acme/api', number: issue, author: 'lead', assignees: [] }],
});
const sources = (issues: OneOnOneSources['delegatedIssues'], agents: readonly string[] = []): OneOnOneSources => ({
  login: 'mira', now: NOW, tasks: [], delegatedIssues: issues, reviews: [], ownPullRequests: [], nudges: [], agents,
});

describe('1:1 items: agents apart', () => {
  it('lists the agents\' PRs on the teammate\'s issues apart, with "Agents: 2 PRs open, 1 ready for review"', () => {
    const items = oneOnOneItems(sources([
      {
        repo: 'acme/api', number: 4, title: 'Retry webhooks', url: 'u4', assignees: ['mira', 'copilot-swe-agent'], due: null, isPullRequest: false,
        agentPulls: [agentPull(14, 'copilot-swe-agent', true, true, 4), agentPull(15, 'nightshift', false, false, 4), agentPull(16, 'jun', false, false, 4)],
      },
      { repo: 'acme/api', number: 5, title: 'Someone else\'s', url: 'u5', assignees: ['jun'], due: null, isPullRequest: false, agentPulls: [agentPull(17, 'copilot-swe-agent', false, true, 5)] },
    ], ['nightshift']));
    assert.deepEqual(items.delegated.map((d) => d.title), ['acme/api#4 Retry webhooks'], 'the issue is theirs; the agents\' PRs are not');
    assert.deepEqual(items.agentWork.map((a) => [a.title, a.detail]), [
      ['acme/api#14 Agent PR 14', 'by the agent copilot-swe-agent · draft'],
      ['acme/api#15 Agent PR 15', 'by the agent nightshift · ready for review'],
    ], 'a teammate\'s own PR on the issue (jun) is not agent work; another teammate\'s issue is not this 1:1\'s');
    assert.equal(items.agentCounts, 'Agents: 2 PRs open, 1 ready for review');
  });

  it('says nothing about agents when none works on their issues', () => {
    const items = oneOnOneItems(sources([{ repo: 'acme/api', number: 4, title: 'Flaky', url: 'u', assignees: ['mira'], due: null, isPullRequest: false, agentPulls: [agentPull(16, 'jun', false, false, 4)] }]));
    assert.deepEqual(items.agentWork, []);
    assert.equal(items.agentCounts, null);
  });
});
