/** Notification grouping, workflow ordering and the "failing for" text of the Morning Review. */
import assert from 'node:assert/strict';
import type { NotificationThread, RunRecord, WorkflowStatus } from '../../../src/github/morningReviewData';
import { chunkQueries, latestRunPerWorkflow, subjectWebUrl } from '../../../src/github/morningReviewData';
import { formatSpan, groupNotifications, orderWorkflows, reasonGroup, workflowStateText } from '../../../src/review/format';
import { englishWords } from './englishWords';

const HOUR = 3_600_000;
const NOW = Date.parse('2025-06-11T10:00:00Z');

function thread(id: string, reason: string, hoursAgo: number): NotificationThread {
  return { id, repo: 'acme/api', reason, title: `t${id}`, type: 'Issue', updatedAt: NOW - hoursAgo * HOUR, url: '' };
}

describe('review: notification grouping', () => {
  it('groups by reason in the fixed order, newest first inside a group, empty groups left out', () => {
    const groups = groupNotifications([
      thread('1', 'mention', 5), thread('2', 'review_requested', 30), thread('3', 'review_requested', 1),
      thread('4', 'subscribed', 2), thread('5', 'ci_activity', 3), thread('6', 'security_alert', 9), thread('7', 'approval_requested', 2),
    ], NOW, englishWords());
    assert.deepEqual(groups.map((g) => g.reason), ['review_requested', 'mention', 'ci_activity', 'security_alert', 'other']);
    assert.deepEqual(groups[0]!.items.map((i) => i.threadId), ['3', '7', '2']);
    assert.equal(groups[0]!.label, 'Review requested');
    assert.equal(groups[0]!.items[0]!.when, '1h 00m ago');
    assert.equal(groups[0]!.items[0]!.id, 'thread:3');
  });

  it('maps unknown and future reasons to "other"', () => {
    for (const r of ['subscribed', 'comment', 'state_change', 'something_new', '__proto__', 'toString']) assert.equal(reasonGroup(r), 'other');
    for (const r of ['mention', 'team_mention', 'assign', 'author', 'ci_activity', 'security_alert']) assert.equal(reasonGroup(r), r);
  });

  it('links a subject to its page on the repository web URL', () => {
    const repo = 'https://github.com/acme/api';
    assert.equal(subjectWebUrl(repo, 'https://api.github.com/repos/acme/api/pulls/7'), 'https://github.com/acme/api/pull/7');
    assert.equal(subjectWebUrl(repo, 'https://api.github.com/repos/acme/api/issues/9'), 'https://github.com/acme/api/issues/9');
    assert.equal(subjectWebUrl(repo, 'https://api.github.com/repos/acme/api/check-suites/12'), 'https://github.com/acme/api/actions');
    assert.equal(subjectWebUrl(repo, ''), repo);
    assert.equal(subjectWebUrl('', 'https://api.github.com/repos/acme/api/pulls/7'), '');
  });
});

describe('review: systems ordering', () => {
  const run = (workflowId: number, hoursAgo: number, conclusion: string, status = 'completed', name = `wf${workflowId}`): RunRecord =>
    ({ workflowId, name, runId: 1000 - hoursAgo, runNumber: 1, status, conclusion, createdAt: NOW - hoursAgo * HOUR, url: '' });

  it('takes the newest run per workflow and dates a failure from the oldest failing run of its streak', () => {
    const out = latestRunPerWorkflow([
      run(1, 75, 'success'), run(1, 48, 'failure'), run(1, 20, 'timed_out'), run(1, 2, 'failure'),
      run(2, 30, 'failure'), run(2, 5, 'success'),
      run(3, 1, '', 'in_progress'), run(3, 10, 'failure'), run(3, 12, 'success'),
    ]);
    const byId = new Map(out.map((w) => [w.workflowId, w]));
    assert.equal(byId.get(1)!.state, 'failure');
    assert.equal(byId.get(1)!.failingSince, NOW - 48 * HOUR);
    assert.equal(byId.get(2)!.state, 'success');
    assert.equal(byId.get(2)!.failingSince, null);
    assert.equal(byId.get(3)!.state, 'running');
    assert.equal(out[0]!.workflowId, 1, 'failing first');
  });

  it('a running run neither breaks nor extends a failing streak', () => {
    const [w] = latestRunPerWorkflow([run(1, 30, 'success'), run(1, 20, 'failure'), run(1, 10, '', 'queued'), run(1, 2, 'failure')]);
    assert.equal(w!.failingSince, NOW - 20 * HOUR);
  });

  it('orders failing workflows of all repos first, longest failing at the top, with "failing for 2d 3h"', () => {
    const status = (repo: string, name: string, state: WorkflowStatus['state'], failingHours: number | null): WorkflowStatus => ({
      repo, branch: 'main', workflowId: name.length, name, runId: 1, runNumber: 1, state, detail: state === 'running' ? 'in_progress' : state,
      createdAt: NOW - HOUR, failingSince: failingHours === null ? null : NOW - failingHours * HOUR, url: '',
    });
    const items = orderWorkflows([
      status('acme/web', 'CI', 'success', null), status('acme/api', 'Deploy', 'failure', 5), status('acme/infra', 'Plan', 'running', null),
      status('acme/api', 'CI', 'failure', 51),
    ], NOW, englishWords());
    assert.deepEqual(items.map((i) => `${i.repo} ${i.name}`), ['acme/api CI', 'acme/api Deploy', 'acme/infra Plan', 'acme/web CI']);
    assert.equal(items[0]!.stateText, 'failing for 2d 3h');
    assert.equal(items[1]!.stateText, 'failing for 5h 00m');
    assert.equal(items[3]!.stateText, 'passing');
    assert.equal(workflowStateText({ state: 'other', detail: 'action_required', failingSince: null }, NOW, englishWords()), 'action required');
  });

  it('formats spans with the two largest units', () => {
    assert.equal(formatSpan(30_000), '<1m');
    assert.equal(formatSpan(12 * 60_000), '12m');
    assert.equal(formatSpan(HOUR + 5 * 60_000), '1h 05m');
    assert.equal(formatSpan(51 * HOUR), '2d 3h');
    assert.equal(formatSpan(Number.NaN), '<1m');
  });
});

describe('review: incident search queries', () => {
  it('keeps every query within 256 characters, each with the base', () => {
    const base = 'is:issue is:open archived:false label:sev1,sev2,sev3,incident';
    const repos = Array.from({ length: 30 }, (_, i) => `repo:some-organisation/service-number-${i}`);
    const queries = chunkQueries(base, repos);
    assert.ok(queries.length > 1);
    for (const q of queries) {
      assert.ok(q.length <= 256, `${q.length}: ${q}`);
      assert.ok(q.startsWith(base));
    }
    assert.deepEqual(queries.flatMap((q) => q.split(' ').filter((t) => t.startsWith('repo:'))), repos);
    assert.deepEqual(chunkQueries(base, []), []);
  });
});
