/** The links a delegated task carries: the permalink built for a selection, and the issue or PR a pasted link names. */
import assert from 'node:assert/strict';
import { parseIssueLink, permalink } from '../../../src/inbox/permalink';

describe('inbox: permalink', () => {
  it('points at one line, or at a range of lines, at the commit', () => {
    assert.equal(permalink('https://github.com', 'acme/api', 'abc123', 'src/app.ts', 12, 12), 'https://github.com/acme/api/blob/abc123/src/app.ts#L12');
    assert.equal(permalink('https://github.com', 'acme/api', 'abc123', 'src/app.ts', 3, 9), 'https://github.com/acme/api/blob/abc123/src/app.ts#L3-L9');
  });

  it('uses the GitHub Enterprise origin it is given', () => {
    assert.equal(permalink('https://ghe.example.com', 'acme/api', 'f00', 'README.md', 1, 1), 'https://ghe.example.com/acme/api/blob/f00/README.md#L1');
  });

  it('encodes each path segment and reads Windows separators as slashes', () => {
    assert.equal(permalink('https://github.com', 'acme/api', 'c0', 'docs/my file#1?.md', 2, 2), 'https://github.com/acme/api/blob/c0/docs/my%20file%231%3F.md#L2');
    assert.equal(permalink('https://github.com', 'acme/api', 'c0', 'src\\core\\x.ts', 5, 6), 'https://github.com/acme/api/blob/c0/src/core/x.ts#L5-L6');
  });
});

describe('inbox: parseIssueLink', () => {
  it('reads owner/repo and the number of an issue or a PR link on the web host', () => {
    assert.deepEqual(parseIssueLink('https://github.com/acme/api/issues/12', 'github.com'), { repo: 'acme/api', number: 12 });
    assert.deepEqual(parseIssueLink('https://github.com/acme/api/pull/7/files#diff-1', 'github.com'), { repo: 'acme/api', number: 7 });
    assert.deepEqual(parseIssueLink('http://127.0.0.1:8123/acme/web/pull/3', '127.0.0.1:8123'), { repo: 'acme/web', number: 3 });
  });

  it('refuses links on other or look-alike hosts', () => {
    for (const url of ['https://gitlab.com/acme/api/issues/1', 'https://github.com.evil.example/acme/api/issues/1', 'https://ghe.example.com/acme/api/issues/1']) {
      assert.equal(parseIssueLink(url, 'github.com'), undefined, url);
    }
  });

  it('refuses what is not an issue or a PR, and what is not a URL', () => {
    for (const url of ['https://github.com/acme/api', 'https://github.com/acme/api/blob/main/x.ts', 'https://github.com/acme/api/pulls/5',
      'https://github.com/acme/api/issues/new', 'https://github.com/acme/issues/3', '/acme/api/issues/1', 'acme/api#1', 'not a url', '']) {
      assert.equal(parseIssueLink(url, 'github.com'), undefined, url);
    }
  });
});
