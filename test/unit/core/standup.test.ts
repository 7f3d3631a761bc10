import assert from 'node:assert/strict';
import { escapeMarkdown, markdownLink, MENTION_BREAK } from '../../../src/core/markdown';
import { oneOnOneItems } from '../../../src/core/oneOnOne';
import { standupMarkdown, type StandupInput } from '../../../src/core/standup';

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00`).getTime();

describe('core/standup and markdown', () => {
  it('escapes Markdown and link-like text from GitHub', () => {
    const evil = '[click](command:workbench.action.reloadWindow) <img src=x> **bold** https://evil.example www.evil.example';
    const out = escapeMarkdown(evil);
    assert.ok(!/(^|[^\\])\[/.test(out), out);
    assert.ok(!out.includes('command:'), out);
    assert.ok(!out.includes('https://'), out);
    assert.ok(!out.includes('www.'), out);
    assert.ok(out.includes('\\<img'), out);
    assert.equal(escapeMarkdown('fix: the thing'), 'fix: the thing');
    assert.equal(markdownLink('acme/api#1', 'https://github.com/acme/api/pull/1'), '[acme/api#1](<https://github.com/acme/api/pull/1>)');
    assert.equal(markdownLink('x', 'javascript:alert(1)'), 'x');
  });

  it('writes the standup for a Monday, with Friday as the last working day', () => {
    const now = at('2026-11-23', '09:30');
    const line = (n: number, title: string, author?: string) => ({ repo: 'acme/api', number: n, title, url: `https://github.com/acme/api/pull/${n}`, ...(author ? { author } : {}) });
    const input: StandupInput = {
      now, day: '2026-11-20', technicalTarget: 60,
      entries: [
        { id: 'a', mode: 'technical', start: at('2026-11-20', '09:00'), end: at('2026-11-20', '12:00'), note: 'payments [refactor](command:x)' },
        { id: 'b', mode: 'managerial', start: at('2026-11-20', '13:00'), end: at('2026-11-20', '14:00') },
      ],
      activity: { reviewed: [line(7, 'Add retries', 'mira')], merged: [line(8, 'Fix login')], opened: [line(9, 'New cache')], incidentsOpened: [], incidentsClosed: [{ ...line(3, 'Checkout 502'), detail: 'sev1' }] },
      githubNotice: null,
      waiting: [{ ...line(10, 'Big PR', 'tomas'), detail: 'waiting 1d 2h' }],
      delegated: { done: [{ title: 'ADR', assignee: 'jun' }], overdue: [], reassigned: [{ title: 'Runbook', assignee: 'sofia', detail: 'from jun' }] },
      plan: { finishedAt: at('2026-11-23', '09:10'), targetPercent: 70, notes: [{ section: 'Plan the day', text: 'ship #9' }] },
      running: 'technical',
    };
    const md = standupMarkdown(input, 'en-GB');
    assert.match(md, /^# Standup — Monday, 23 November 2026$/m);
    assert.match(md, /^## Last working day: Friday 20 November$/m);
    assert.match(md, /^- Technical 3h 00m · Managerial 1h 00m — 75% technical \(target 60%\)$/m);
    assert.match(md, /^- 09:00–12:00 technical: payments \\\[refactor\\\]\\\(command\\:x\\\)$/m);
    assert.match(md, /\*\*Reviewed\*\*\n\n- \[acme\/api#7\]\(<https:\/\/github\.com\/acme\/api\/pull\/7>\) Add retries — by mira\n/);
    assert.match(md, /\*\*Merged\*\*\n\n- \[acme\/api#8\]/);
    assert.match(md, /\*\*Waiting on my review \(1\)\*\*\n\n- .*Big PR — by tomas \(waiting 1d 2h\)/);
    assert.match(md, /\*\*Overdue\*\*\n\n- none/);
    assert.match(md, /- Runbook — sofia \(from jun\)/);
    assert.match(md, /\*\*Opened\*\*\n\n- none\n\n\*\*Closed\*\*\n\n- \[acme\/api#3\].*Checkout 502 \(sev1\)/);
    assert.match(md, /^- Plan from the Morning Review at 09:10: 70% technical$/m);
    assert.match(md, /^- Plan the day: ship #9$/m);
    const tuesday = standupMarkdown({ ...input, now: at('2026-11-24', '09:00'), day: '2026-11-23', activity: null, githubNotice: 'Sign in to GitHub', plan: null }, 'en-GB');
    assert.match(tuesday, /^## Yesterday: Monday 23 November$/m);
    assert.match(tuesday, /^_Sign in to GitHub_$/m);
    assert.match(tuesday, /^- No Morning Review yet today\.$/m);
  });

  it('counts the agents\' PRs apart from the teammates\' work: under Delegated work, never in "Waiting on my review"', () => {
    const line = (n: number, title: string, author: string) => ({ repo: 'acme/api', number: n, title, url: `https://github.com/acme/api/pull/${n}`, author });
    const base: StandupInput = {
      now: at('2026-11-23', '09:30'), day: '2026-11-20', technicalTarget: 60, entries: [], activity: null, githubNotice: 'Sign in to GitHub',
      waiting: [line(10, 'Big PR', 'tomas'), line(14, 'Retry webhooks', 'copilot-swe-agent')],
      delegated: { done: [], overdue: [], reassigned: [] }, plan: null, running: null,
    };
    const md = standupMarkdown({
      ...base,
      agentPulls: [
        { repo: 'acme/api', number: 14, title: 'Retry webhooks', url: 'https://github.com/acme/api/pull/14', agent: 'copilot-swe-agent', ready: true },
        { repo: 'acme/web', number: 9, title: 'Drop @legacy polyfills', url: 'https://github.com/acme/web/pull/9', agent: 'nightshift', ready: false },
      ],
    }, 'en-GB');
    assert.match(md, /\*\*Waiting on my review \(1\)\*\*\n\n- .*Big PR — by tomas\n\n/);
    assert.ok(!/Waiting on my review[^#]*Retry webhooks/.test(md), md);
    assert.match(md, /## Delegated work\n\n\*\*Agents: 2 PRs open, 1 ready for review\*\*\n\n/);
    assert.match(md, /^- \[acme\/api#14\]\(<https:\/\/github\.com\/acme\/api\/pull\/14>\) Retry webhooks — copilot-swe-agent \(ready for review\)$/m);
    assert.match(md, /^- \[acme\/web#9\].* Drop @\u200Dlegacy polyfills — nightshift \(draft\)$/m);
    // Without agent work, the notes are as before: no Agents heading.
    const plain = standupMarkdown(base, 'en-GB');
    assert.match(plain, /\*\*Waiting on my review \(2\)\*\*/);
    assert.ok(!plain.includes('Agents:'), plain);
  });

  it('breaks every mention in GitHub text, and writes people without a ping', () => {
    const hostile = [
      'Urgent fix cc @acme/engineering', '@here deploy is broken', 'ping @channel and @everyone', '@@mira double', 'cc:@jun', '(@sofia)',
      '[@acme/sre](https://x)', '**@tomas**', '@élodie', 'mail ops@acme.example', `already @${MENTION_BREAK}broken`,
    ];
    // A mention is `@` directly followed by a letter, digit or underscore, on GitHub and in Slack.
    const mention = /@[\p{L}\p{N}_]/u;
    for (const title of hostile) {
      const out = escapeMarkdown(title);
      assert.ok(!mention.test(out), `${JSON.stringify(title)} → ${JSON.stringify(out)}`);
      assert.equal(out.replaceAll(MENTION_BREAK, '').replace(/\\(.)/g, '$1'), title.replaceAll(MENTION_BREAK, ''), 'reads as the same text once the joiner is dropped');
    }
    assert.equal(escapeMarkdown('Urgent fix cc @acme/engineering'), `Urgent fix cc @${MENTION_BREAK}acme/engineering`);
    assert.equal(escapeMarkdown('a @ b'), 'a @ b', 'a lone @ is left alone');
    const line = (n: number, title: string, author?: string) => ({ repo: 'acme/api', number: n, title, url: `https://github.com/acme/api/pull/${n}`, ...(author ? { author } : {}) });
    const md = standupMarkdown({
      now: at('2026-11-23', '09:30'), day: '2026-11-20', technicalTarget: 60,
      entries: [{ id: 'a', mode: 'technical', start: at('2026-11-20', '09:00'), end: at('2026-11-20', '10:00'), note: 'paired with @mira' }],
      activity: {
        reviewed: [line(1, 'Urgent fix cc @acme/engineering', 'mira')], merged: [line(2, '@here merged')], opened: [],
        incidentsOpened: [{ ...line(3, 'Outage, paging @acme/sre', 'elena'), detail: 'sev1 @channel' }], incidentsClosed: [],
      },
      githubNotice: null,
      waiting: [line(4, 'Review please @lead', 'tomas')],
      delegated: { done: [{ title: 'Ask @jun', assignee: 'jun', url: 'https://github.com/acme/api/issues/5' }], overdue: [{ title: 'x', assignee: 'mira, sofia', detail: 'due 2026-11-19' }], reassigned: [] },
      plan: { finishedAt: at('2026-11-23', '09:10'), targetPercent: null, notes: [{ section: 'Team', text: 'thank @kwame' }] },
      running: null,
    }, 'en-GB');
    assert.ok(!mention.test(md), md);
    assert.match(md, /Urgent fix cc @\u200Dacme\/engineering — by mira\n/);
    assert.match(md, /Review please @\u200Dlead — by tomas\n/);
    assert.match(md, /- x — mira, sofia \(due 2026-11-19\)/);
  });

  it('picks one teammate\'s items for the 1:1', () => {
    const now = at('2026-11-23', '10:00');
    const items = oneOnOneItems({
      login: 'Mira', now,
      tasks: [{ id: '1', title: 'ADR', assignee: 'mira', due: '2026-11-20', createdAt: 0 }, { id: '2', title: 'Other', assignee: 'jun', due: null, createdAt: 0 }, { id: '3', title: 'Done', assignee: 'mira', due: null, createdAt: 0, doneAt: 1 }],
      delegatedIssues: [{ repo: 'acme/api', number: 4, title: 'Flaky', url: 'u', assignees: ['mira'], due: null, isPullRequest: false }],
      reviews: [{ repo: 'acme/api', number: 5, title: 'Retries', author: 'mira', url: 'u', requestedAt: now - 3_600_000, createdAt: 0, direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [] }],
      ownPullRequests: [{ repo: 'acme/web', number: 6, title: 'Mine', url: 'u', createdAt: now - 7_200_000, waitingOn: ['mira', '@platform'] }],
      nudges: [{ at: now - 60_000, repo: 'acme/api', number: 4, url: 'u' }],
    });
    assert.deepEqual(items.delegated.map((d) => [d.title, d.overdue]), [['ADR', true], ['acme/api#4 Flaky', false]]);
    assert.deepEqual(items.waitingOnLead.map((d) => d.detail), ['waiting on your review for 1h 00m']);
    assert.deepEqual(items.leadWaitsOn.map((d) => d.title), ['acme/web#6 Mine']);
    assert.deepEqual(items.nudges.map((d) => d.title), ['acme/api#4']);
  });
});
