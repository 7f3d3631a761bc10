/** The Morning Review protocol guard: only well-formed messages of known types get through. */
import assert from 'node:assert/strict';
import { isReviewMessage } from '../../../src/review/protocol';

describe('review: protocol guard', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready' }, { type: 'finish' }, { type: 'newReview' },
      { type: 'open', url: 'https://github.com/acme/api/issues/1' },
      { type: 'retry', section: 'milestones' }, { type: 'check', section: 'plan', checked: true },
      { type: 'notes', section: 'team', text: 'Ask mira about the migration' },
      { type: 'markRead', threadId: '1008007' }, { type: 'markGroupRead', reason: 'ci_activity' },
      { type: 'delegate', repo: 'acme/api', number: 12, assignee: 'mira' },
      { type: 'escalate', repo: 'acme/api', number: 12 },
      { type: 'schedule', repo: 'acme/api', number: 12, assignee: 'mira', due: '2025-06-13' },
      { type: 'setTarget', percent: 55 }, { type: 'startTimer', mode: 'managerial' }, { type: 'runCommand', command: 'focusSidebar' },
    ];
    for (const m of good) assert.ok(isReviewMessage(m), JSON.stringify(m));
  });

  it('rejects forged and malformed messages', () => {
    const withProto = JSON.parse('{"type":"finish","__proto__":{"polluted":true}}') as unknown;
    const getter = { type: 'escalate', repo: 'acme/api', get number() { return 1; } };
    const bad: unknown[] = [
      null, undefined, 'finish', 42, [], [{ type: 'finish' }], {}, { type: 'unknown' }, { type: 'toString' }, { type: '__proto__' },
      { type: 'finish', extra: 1 }, withProto, getter, Object.assign(Object.create({ inherited: 1 }) as object, { type: 'finish' }),
      { type: 'retry', section: 'everything' }, { type: 'retry', section: 'constructor' }, { type: 'check', section: 'plan', checked: 'yes' },
      { type: 'notes', section: 'team', text: 'x'.repeat(4001) }, { type: 'notes', section: 'team' },
      { type: 'markRead', threadId: '../../user' }, { type: 'markRead', threadId: 12 }, { type: 'markGroupRead', reason: 'subscribed' },
      { type: 'delegate', repo: 'acme/api', number: 12, assignee: 'mira; rm -rf' }, { type: 'delegate', repo: '../evil', number: 12, assignee: 'mira' },
      { type: 'delegate', repo: 'acme/api', number: 0, assignee: 'mira' }, { type: 'delegate', repo: 'acme/api', number: 1.5, assignee: 'mira' },
      { type: 'escalate', repo: 'acme/api', number: '12' }, { type: 'schedule', repo: 'acme/api', number: 12, assignee: 'mira', due: 'tomorrow' },
      { type: 'setTarget', percent: 101 }, { type: 'setTarget', percent: Number.NaN }, { type: 'startTimer', mode: 'idle' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'open', url: 'x'.repeat(3000) },
    ];
    for (const m of bad) assert.equal(isReviewMessage(m), false, JSON.stringify(m) ?? String(m));
  });
});
