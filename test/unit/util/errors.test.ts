/** describeError and notificationSafe: never "undefined", never a link in a notification. */
import assert from 'node:assert/strict';
import { GitHubFailure } from '../../../src/github/transport/failure';
import { describeError, describeForNotification, notificationSafe } from '../../../src/util/errors';

// What VS Code's notifications turn into a link (vs/base/common/linkedText.ts).
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('describeError', () => {
  it('says something for every kind of throw', () => {
    assert.equal(describeError(new Error('boom')), 'boom');
    assert.equal(describeError('plain'), 'plain');
    assert.equal(describeError(undefined), 'unknown error');
    assert.equal(describeError(null), 'unknown error');
    assert.equal(describeError({ code: 'EX' }), '{"code":"EX"}');
    assert.equal(describeError(42), '42');
    assert.equal(describeError(new GitHubFailure('timeout', 'x')), 'GitHub did not answer in time');
    for (const v of [undefined, null, {}, '', new Error('')]) assert.doesNotMatch(describeError(v), /^undefined$|^$/);
  });
});

describe('notificationSafe', () => {
  it('leaves no link that VS Code would render, and keeps the words', () => {
    const hostile = 'Bad credentials [Click to fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) or [docs](https://evil.example/x)';
    const safe = notificationSafe(hostile);
    assert.equal(safe.match(NOTIFICATION_LINK), null, safe);
    assert.match(safe, /Click to fix/);
    assert.match(safe, /command:workbench/);
    assert.equal(describeForNotification(new GitHubFailure('invalid', '[x](command:y)')).match(NOTIFICATION_LINK), null);
  });

  it('keeps ordinary text unchanged and folds newlines', () => {
    assert.equal(notificationSafe('acme/api#12 (draft) [wip]'), 'acme/api#12 (draft) [wip]');
    assert.equal(notificationSafe('a\nb'), 'a b');
  });
});
